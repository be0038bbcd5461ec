"""Which accent spellings of a folded word each entry holds, for the words written in several ways.

Terms are folded ("duong" stands for đường, dương, dưỡng, đương): that is
what residents type on phones. Someone who types the accents means one of
them, and entries holding that exact spelling rank first. Rather than
indexing every spelling as a term of its own (which doubled the postings),
a folded word's postings carry its spellings, most common first, and list
only the entries that are *not* written with the first spelling alone,
with a bit mask of the spellings they hold.

The (entry, spelling) rows are spilled to disk by word like the postings
(generator/search/spill.py), in entry order and not deduplicated (an entry
holds a spelling in its title and its body); one bucket at a time, they
are counted (the entries holding each spelling rank its word's spellings:
all of a word's rows are in its bucket) and turned into masks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.search.spill import grouped
from generator.search_text import sort_key

#: Spellings kept per word (bits of a mask); a word has a handful, untrusted text might bring hundreds.
MOST = 30


@dataclass
class Ranks:
    """The spellings of every word, most common first, and the bit of each (word, spelling) pair; filled one bucket
    at a time (`rank`)."""

    keys: dict[int, list[str]]  # word id -> its spellings (at most MOST)
    several: np.ndarray         # word id -> written in more than one way
    bit: np.ndarray             # pair id -> 1 << rank of its spelling, 0 past MOST

    @classmethod
    def empty(cls, vocabulary: int, pairs: int) -> "Ranks":
        return cls({}, np.zeros(vocabulary, dtype=bool), np.zeros(pairs, dtype=np.int64))


def rank(ranks: Ranks, pairs: np.ndarray, holders: np.ndarray, pair_word: np.ndarray, pair_key: list[str]) -> None:
    """The spellings of the words of `pairs` (each held by `holders` entries) into `ranks`: ranked by the number of
    entries holding them, then in code-unit order."""
    by_word: dict[int, list[tuple[int, bytes, int]]] = {}
    for pair, word, count in zip(pairs.tolist(), pair_word[pairs].tolist(), holders.tolist()):
        by_word.setdefault(word, []).append((-count, sort_key(pair_key[pair]), pair))
    keys, several, bit = ranks.keys, ranks.several, ranks.bit
    for word, found in by_word.items():
        found.sort()
        del found[MOST:]
        keys[word] = [pair_key[pair] for _, _, pair in found]
        several[word] = len(found) > 1
        for number, (_, _, pair) in enumerate(found):
            bit[pair] = 1 << number


@dataclass
class Masks:
    """For one bucket: (word << 32 | entry), ascending, of the words written in several ways, and the spellings
    (bits) that entry holds."""

    keys: np.ndarray
    masks: np.ndarray

    def of(self, words: np.ndarray, entries: np.ndarray) -> np.ndarray:
        """The mask of each (word, entry); 1 (the most common spelling) where none was recorded."""
        if not len(self.keys):
            return np.ones(len(words), dtype=np.int64)
        wanted = (words.astype(np.int64) << 32) | entries
        where = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        return np.where(self.keys[where] == wanted, self.masks[where], 1)


def masks(rows: np.ndarray, pair_word: np.ndarray, pair_key: list[str], ranks: Ranks) -> Masks:
    """The masks of the (entry, pair) `rows` of one bucket (in entry order), its words' spellings ranked into
    `ranks` first."""
    pair = rows["pair"].astype(np.int64)
    entry = rows["entry"].astype(np.int64)
    del rows
    order = grouped(pair)  # by pair, then entry
    held, by = pair[order], entry[order]
    del order
    if len(held):
        new = np.flatnonzero(np.r_[True, (held[1:] != held[:-1]) | (by[1:] != by[:-1])])  # (pair, entry) once
        held = held[new]
        first = np.flatnonzero(np.r_[True, held[1:] != held[:-1]])
        rank(ranks, held[first], np.diff(np.r_[first, len(held)]), pair_word, pair_key)
    del held, by
    word = pair_word[pair]
    keep = ranks.several[word]
    pair, word, entry = pair[keep], word[keep], entry[keep]
    order = grouped(word)  # by word, then entry
    keys, bits = (word[order] << 32) | entry[order], ranks.bit[pair[order]]
    if not len(keys):
        return Masks(keys, bits)
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return Masks(keys[first], np.bitwise_or.reduceat(bits, first))


def columns(word: int, ranks: Ranks, mask: np.ndarray) -> list | None:
    """[keys, [index, mask, ...]] for a term's postings whose masks are `mask`; None for a term that is no word."""
    keys = ranks.keys.get(word)
    if keys is None:
        return None
    if not ranks.several[word]:
        return [keys, []]
    odd = np.flatnonzero(mask != 1)
    flat = np.empty(2 * len(odd), dtype=np.int64)
    flat[0::2], flat[1::2] = odd, mask[odd]
    return [keys, flat.tolist()]
