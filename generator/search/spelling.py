"""Which accent spellings of a folded word each entry holds, for the words written in several ways.

Terms are folded ("duong" stands for đường, dương, dưỡng, đương): that is
what residents type on phones. Someone who types the accents means one of
them, and entries holding that exact spelling rank first. Rather than
indexing every spelling as a term of its own (which doubled the postings),
a folded word's postings carry its spellings, most common first, and list
only the entries that are *not* written with the first spelling alone,
with a bit mask of the spellings they hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.entries import Entry
from generator.search.analysis import Analyzer
from generator.search_text import sort_key

#: Spellings kept per word (bits of a mask); a word has a handful, untrusted text might bring hundreds.
MOST = 30


@dataclass
class Spellings:
    """word id -> (its spellings, most common first; entries holding it, ascending; their masks). A word with
    one spelling has no entries listed: all hold it."""

    words: dict[int, tuple[list[str], np.ndarray, np.ndarray]]

    def columns(self, word: int, entries: np.ndarray) -> list | None:
        """[keys, [index, mask, ...]] for the postings `entries` of `word`, or None for a term that is no word."""
        found = self.words.get(word)
        if found is None:
            return None
        keys, holders, masks = found
        if not len(holders):
            return [keys, []]
        where = np.searchsorted(holders, entries)
        where = np.minimum(where, len(holders) - 1)
        mask = np.where(holders[where] == entries, masks[where], 1)
        odd = np.flatnonzero(mask != 1)
        flat = np.empty(2 * len(odd), dtype=np.int64)
        flat[0::2], flat[1::2] = odd, mask[odd]
        return [keys, flat.tolist()]


_NONE = np.zeros(0, dtype=np.int64)


def spellings(entries: list[Entry], analyzer: Analyzer) -> Spellings:
    chunks, sizes = [], []
    for entry in entries:
        arrays = analyzer.spellings(entry)
        chunks.extend(arrays)
        sizes.append(sum(len(a) for a in arrays))
    if not chunks or not sum(sizes):
        return Spellings({})
    pairs = np.concatenate(chunks)
    holder = np.repeat(np.arange(len(entries), dtype=np.int64), sizes)
    word, spelling = pairs >> 32, pairs & 0xFFFFFFFF
    distinct = np.unique(pairs)
    per_word = np.unique(distinct >> 32, return_counts=True)
    several = np.zeros(int(word.max()) + 1, dtype=bool)
    several[per_word[0][per_word[1] > 1]] = True
    names = analyzer.spelling_keys()
    single = distinct[~several[distinct >> 32]]
    out = {int(w): ([names[int(s)]], _NONE, _NONE) for w, s in zip((single >> 32).tolist(), (single & 0xFFFFFFFF).tolist())}
    keep = several[word]
    word, spelling, holder = word[keep], spelling[keep], holder[keep]
    order = np.lexsort((spelling, holder, word))
    word, spelling, holder = word[order], spelling[order], holder[order]
    new = np.ones(len(word), dtype=bool)
    new[1:] = (word[1:] != word[:-1]) | (holder[1:] != holder[:-1]) | (spelling[1:] != spelling[:-1])
    word, spelling, holder = word[new], spelling[new], holder[new]
    # spellings of each word, by the number of entries holding them (then in code-unit order)
    pair_keys, pair_counts = np.unique((word << 32) | spelling, return_counts=True)
    ranked: dict[int, list[tuple[int, int]]] = {}
    for key, number in zip(pair_keys.tolist(), pair_counts.tolist()):
        ranked.setdefault(key >> 32, []).append((key & 0xFFFFFFFF, number))
    keys_of: dict[int, list[str]] = {}
    for w, found in ranked.items():
        found.sort(key=lambda s: (-s[1], sort_key(names[s[0]])))
        del found[MOST:]
        keys_of[w] = [names[s] for s, _ in found]
    rank = {(w << 32) | s: r for w, found in ranked.items() for r, (s, _) in enumerate(found)}
    bit = np.array([1 << rank[k] if k in rank else 0 for k in pair_keys.tolist()], dtype=np.int64)
    bits = bit[np.searchsorted(pair_keys, (word << 32) | spelling)]
    first = np.ones(len(word), dtype=bool)
    first[1:] = (word[1:] != word[:-1]) | (holder[1:] != holder[:-1])
    starts = np.flatnonzero(first)
    masks = np.bitwise_or.reduceat(bits, starts)
    word, holder = word[starts], holder[starts]
    bounds = np.flatnonzero(np.r_[True, word[1:] != word[:-1], True])
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        w = int(word[a])
        out[w] = (keys_of[w], holder[a:b], masks[a:b])
    return Spellings(out)
