"""Postings in pages of bounded size, found through a lexicon of words.

- Every term belongs to the family of its first word (`search_text.head`):
  `hoc`, then `#hoc...` codes, `hoc+tap` phrases, `=hoc+...` exact names.
  A query's words and the phrases they start are in their words' families.
- A family that fits in `PAGE_BYTES` is never cut: families are laid in the
  order of their words, as many to a *postings page* as fit.
- A larger family (a common word and its thousands of phrases) gets pages of
  its own, `n` of them, and each of its terms goes to page
  `first + term_hash(term) % n` (`search_text.term_hash`, the same in the
  browser); `n` grows until no page holds more than `PAGE_BYTES` besides its
  largest record. Sorted pages would have needed the first term of each page
  in the lexicon, a list that grew with the corpus (22 KB for "hoc" at
  10,000 documents).
  Pages are small because a query needs a few records of each page it opens
  (a word, one of its phrases): with pages of 12 KB, four fifths of the
  postings a query downloaded were other terms'.
- The *lexicon* lists every word (family) in order, with lunr's count of
  (entry, field) pairs holding it (its rarity: the browser computes lunr's
  idf from it, for ranking), the postings page of its family and, for a
  family of several pages, their number: `[word, count, page]` or
  `[word, count, first page, n]`. It is cut into lexicon pages of at most
  `LEXICON_BYTES` bytes; `meta.json` names the first word of each. The
  lexicon also serves the last typed word as a prefix (words in order share
  prefixes) and typo tolerance (a word's neighbours).

So every file is bounded whatever the corpus: a lexicon page by
`LEXICON_BYTES`, a postings page by `PAGE_BYTES` plus one record, and a
record by the champion limit (generator/search/weights.py).

A postings record is `[term, pages, positions, weights]`: page ids as
differences from the previous one, positions in the page, weights (lunr x
1000, times 2, plus 1 in the title), entries in order. A word written with
several accent spellings adds `[keys, exceptions]`: its spellings, most
common first, and `[index, mask]` pairs for the entries not written with
the first one only (mask: bit i for keys[i]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from generator.search_text import head, sort_key, term_hash

PAGE_BYTES = 4_000
LEXICON_BYTES = 4_000
#: How full a large family's pages are meant to be, on average, before `n` grows.
FILL = 0.85


def family_key(term: str) -> tuple[bytes, int, bytes]:
    """Order of terms: by family (UTF-16 order of the word), the word first, then its other terms."""
    word = head(term)
    return sort_key(word), 0 if term == word else 1, sort_key(term)


@dataclass
class Layout:
    """Postings pages and lexicon pages as the files' bytes, and the first word of each lexicon page."""

    postings: list[bytes] = field(default_factory=list)
    lexicon: list[bytes] = field(default_factory=list)
    lexicon_starts: list[str] = field(default_factory=list)


def _pages(records: list[bytes], limit: int) -> list[list[int]]:
    """Indices of `records` cut into runs whose JSON array stays within `limit` bytes (a single longer record
    gets a page of its own)."""
    out: list[list[int]] = []
    size = limit + 1
    for index, encoded in enumerate(records):
        if size + len(encoded) + 1 > limit:
            out.append([])
            size = 1
        out[-1].append(index)
        size += len(encoded) + 1
    return out


def _families(terms: list[str]) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of each family of `terms` (in `family_key` order)."""
    start = 0
    for index in range(1, len(terms) + 1):
        if index == len(terms) or head(terms[index]) != head(terms[start]):
            yield head(terms[start]), start, index
            start = index


def hashed(terms: list[str], sizes: list[int]) -> list[list[int]]:
    """A large family's terms (indices) in `n` pages by their hash: the smallest `n` from the family's size up
    for which no page holds more than PAGE_BYTES besides its largest record."""
    n = max(2, math.ceil(sum(size + 1 for size in sizes) / (FILL * PAGE_BYTES)))
    hashes = [term_hash(term) for term in terms]
    while True:
        pages: list[list[int]] = [[] for _ in range(n)]
        for index, value in enumerate(hashes):
            pages[value % n].append(index)
        if all(sum(sizes[i] + 1 for i in page) - max((sizes[i] for i in page), default=0) <= PAGE_BYTES
               for page in pages):
            return pages
        n += max(1, n // 8)


def lay_out(terms: list[str], records: list[bytes], df: dict[str, int], encode: Callable[[Any], bytes]) -> Layout:
    """`terms` (in `family_key` order) with their encoded postings `records`, in pages, and the lexicon.

    Pages are the files' final bytes (with a newline); `records` is emptied as its records go into pages, so
    the postings are not held twice."""
    layout = Layout()
    entries: list[bytes] = []
    order: list[str] = []
    current: list[int] = []
    used = PAGE_BYTES + 1

    def close(indices: list[int]) -> None:
        layout.postings.append(b"[" + b",".join(records[i] for i in indices) + b"]\n")
        for i in indices:
            records[i] = b""

    for word, start, end in _families(terms):
        size = sum(len(records[i]) + 1 for i in range(start, end)) + 1
        order.append(word)
        if size <= PAGE_BYTES or end - start == 1:
            if used + size > PAGE_BYTES:
                if current:
                    close(current)
                current, used = [], 1  # (a single record longer than a page gets a page of its own)
            current.extend(range(start, end))
            used += size
            entries.append(encode([word, df.get(word, 0), len(layout.postings)]))
            continue
        if current:
            close(current)
        current, used = [], PAGE_BYTES + 1
        pages = hashed(terms[start:end], [len(records[i]) for i in range(start, end)])
        entries.append(encode([word, df.get(word, 0), len(layout.postings), len(pages)]))
        for page in pages:
            close([start + i for i in page])
    if current:
        close(current)
    for indices in _pages(entries, LEXICON_BYTES):
        layout.lexicon.append(b"[" + b",".join(entries[i] for i in indices) + b"]\n")
        layout.lexicon_starts.append(order[indices[0]])
    return layout
