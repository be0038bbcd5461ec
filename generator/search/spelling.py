"""Which accent spellings of a folded word each entry holds, for the words written in several ways.

Terms are folded ("duong" stands for đường, dương, dưỡng, đương): that is
what residents type on phones. Someone who types the accents means one of
them, and entries holding that exact spelling rank first. Rather than
indexing every spelling as a term of its own (which doubled the postings),
a folded word's postings carry its spellings, most common first, and list
only the entries that are *not* written with the first spelling alone,
with a bit mask of the spellings they hold.

The (entry, spelling) rows are spilled to disk by word like the postings
(generator/search/spill.py) and turned into masks one bucket at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.search_text import sort_key

#: Spellings kept per word (bits of a mask); a word has a handful, untrusted text might bring hundreds.
MOST = 30


@dataclass
class Ranks:
    """The spellings of every word, most common first, and the bit of each (word, spelling) pair."""

    keys: dict[int, list[str]]  # word id -> its spellings (at most MOST)
    several: np.ndarray         # word id -> written in more than one way
    bit: np.ndarray             # pair id -> 1 << rank of its spelling, 0 past MOST


def rank(pair_word: np.ndarray, pair_key: list[str], holders: np.ndarray, vocabulary: int) -> Ranks:
    """Spellings ranked by the number of entries holding them, then in code-unit order."""
    by_word: dict[int, list[tuple[int, bytes, int]]] = {}
    for pair, (word, count) in enumerate(zip(pair_word.tolist(), holders.tolist())):
        if count:
            by_word.setdefault(word, []).append((-count, sort_key(pair_key[pair]), pair))
    keys: dict[int, list[str]] = {}
    several = np.zeros(vocabulary, dtype=bool)
    bit = np.zeros(len(pair_word), dtype=np.int64)
    for word, found in by_word.items():
        found.sort()
        del found[MOST:]
        keys[word] = [pair_key[pair] for _, _, pair in found]
        several[word] = len(found) > 1
        for number, (_, _, pair) in enumerate(found):
            bit[pair] = 1 << number
    return Ranks(keys, several, bit)


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


def masks(rows: np.ndarray, pair_word: np.ndarray, ranks: Ranks) -> Masks:
    """The masks of the (entry, pair) `rows` of one bucket."""
    pair = rows["pair"].astype(np.int64)
    word = pair_word[pair]
    keep = ranks.several[word]
    pair, word, entry = pair[keep], word[keep], rows["entry"][keep].astype(np.int64)
    keys = (word << 32) | entry
    order = np.argsort(keys, kind="stable")
    keys, bits = keys[order], ranks.bit[pair[order]]
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
