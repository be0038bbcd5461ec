"""Postings in pages of bounded size, found through a lexicon of words.

- Every term belongs to the family of its first word (`search_text.head`):
  `hoc`, then `#hoc...` codes, `hoc+tap` phrases, `=hoc+...` exact names.
  Families are laid end to end in the order of their words, each family's
  word first, and cut into *postings pages* of at most `PAGE_BYTES` bytes:
  a query's words and the phrases they start are found in few files, and
  however crowded a prefix ("tr", "ng"), no file grows with it. Pages are
  small because a query needs a few records of each page it opens (a word,
  one of its phrases): with pages of 12 KB, four fifths of the postings a
  query downloaded were other terms'.
- The *lexicon* lists every word (family) in order, with lunr's count of
  (entry, field) pairs holding it (its rarity: the browser computes lunr's
  idf from it, for ranking), the postings page where its
  family starts and, for a family spanning pages, the first term of each
  further page. It is cut into lexicon pages of at most `LEXICON_BYTES`
  bytes; `meta.json` names the first word of each. The lexicon also serves
  the last typed word as a prefix (words in order share prefixes) and typo
  tolerance (a word's neighbours).

A postings record is `[term, pages, positions, weights]`: page ids as
differences from the previous one, positions in the page, weights (lunr x
1000, times 2, plus 1 in the title), entries in order. A word written with
several accent spellings adds `[keys, exceptions]`: its spellings, most
common first, and `[index, mask]` pairs for the entries not written with
the first one only (mask: bit i for keys[i]).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from generator.search_text import head, sort_key

PAGE_BYTES = 4_000
LEXICON_BYTES = 4_000


def family_key(term: str) -> tuple[bytes, int, bytes]:
    """Order of terms: by family (UTF-16 order of the word), the word first, then its other terms."""
    word = head(term)
    return sort_key(word), 0 if term == word else 1, sort_key(term)


@dataclass
class Layout:
    """Postings pages and lexicon pages, as serialized JSON values."""

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


def lay_out(terms: list[str], records: list[bytes], df: dict[str, int], encode: Callable[[Any], bytes]) -> Layout:
    """`terms` (in `family_key` order) with their encoded postings `records`, in pages, and the lexicon.

    Pages are the files' final bytes (with a newline); `records` is emptied as its records go into pages, so
    the postings are not held twice."""
    layout = Layout()
    page_of: list[int] = []
    for number, indices in enumerate(_pages(records, PAGE_BYTES)):
        layout.postings.append(b"[" + b",".join(records[i] for i in indices) + b"]\n")
        for i in indices:
            records[i] = b""
        page_of.extend([number] * len(indices))
    families: dict[str, list[Any]] = {}
    order: list[str] = []
    for index, term in enumerate(terms):
        word = head(term)
        known = families.get(word)
        if known is None:
            families[word] = [word, df.get(word, 0), page_of[index]]
            order.append(word)
        elif page_of[index] != page_of[index - 1]:
            known.append(term)  # the family goes on in the next page, which starts with this term
    entries = [encode(families[word]) for word in order]
    for indices in _pages(entries, LEXICON_BYTES):
        layout.lexicon.append(b"[" + b",".join(entries[i] for i in indices) + b"]\n")
        layout.lexicon_starts.append(order[indices[0]])
    return layout
