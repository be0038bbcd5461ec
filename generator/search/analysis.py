"""Texts as term ids, each distinct text analysed once while it is in a bounded cache.

The same words come back again and again: a target repeats the wording of
its item, documents quote the same decisions, re-issued plans keep their
paragraphs. A text (a title, a field value, a passage) is analysed once and
kept, as arrays, while it is among the last `CACHE` distinct texts seen; the
cache is emptied when full, so memory does not grow with the corpus. A text
is kept as its distinct terms and how often each occurs (what lunr's
weights need): a passage reused across documents is counted once, not at
each use. Ids are given in order of first appearance, so they are the same
in every process and under every hash seed (and the output does not depend
on them anyway: files are ordered by term, postings by entry).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import count
from typing import NamedTuple

import numpy as np

from generator.search_text import analyze, exact_term, words

#: lunr fields and their boosts: a word of a title counts more than one of a name, number or place, which counts
#: more than one of running text. Order matters: field numbers are positions in this tuple.
FIELDS = (("t", 4), ("k", 3), ("b", 1))
TITLE, KEYWORDS, BODY = 0, 1, 2

#: Distinct texts kept analysed (a few hundred bytes of arrays each, besides the text).
CACHE = 1 << 14

_NONE = np.zeros(0, dtype=np.int32)
_ONE = np.ones(1, dtype=np.int32)


class Analysed(NamedTuple):
    """One text: the ids of its distinct terms (in order of first occurrence), how many times each occurs,
    the number of terms (lunr's field length) and the ids of its distinct (word, accent spelling) pairs."""

    terms: np.ndarray
    tf: np.ndarray
    length: int
    pairs: np.ndarray


EMPTY = Analysed(_NONE, _NONE, 0, _NONE)


class Analyzer:
    """Term ids of texts, and ids of the accent spellings of their words."""

    def __init__(self) -> None:
        #: term -> id, numbered as they come
        self.term_ids: defaultdict[str, int] = defaultdict(count().__next__)
        #: (folded word, accent key or "") -> pair id; and per pair id, its word's term id and its key
        self.pair_ids: dict[tuple[str, str], int] = {}
        self.pair_word: list[int] = []
        self.pair_key: list[str] = []
        self._cache: dict[str, Analysed] = {}
        self._exact: dict[str, Analysed] = {}

    def text(self, text: str) -> Analysed:
        found = self._cache.get(text)
        if found is None:
            if not text:
                return EMPTY
            if len(self._cache) >= CACHE:
                self._cache.clear()
            found = self._cache[text] = self._analyse(text)
        return found

    def _analyse(self, text: str) -> Analysed:
        terms, spelled = analyze(text)
        if not terms:
            return EMPTY
        term_ids, pair_ids = self.term_ids, self.pair_ids
        counted = Counter(terms)
        ids = np.fromiter(map(term_ids.__getitem__, counted), dtype=np.int32, count=len(counted))
        tf = np.fromiter(counted.values(), dtype=np.int32, count=len(counted))
        distinct = list(dict.fromkeys(spelled))
        numbers = list(map(pair_ids.get, distinct))
        if None in numbers:
            for index, (pair, number) in enumerate(zip(distinct, numbers)):
                if number is None:
                    number = numbers[index] = pair_ids[pair] = len(self.pair_word)
                    self.pair_word.append(term_ids[pair[0]])
                    self.pair_key.append(pair[1])
        return Analysed(ids, tf, len(terms), np.array(numbers, dtype=np.int32))

    def exact(self, title: str) -> Analysed:
        """The exact-name term of a title (`=huyen+kbang`), as a text of one term without spellings."""
        found = self._exact.get(title)
        if found is None:
            if len(self._exact) >= CACHE:
                self._exact.clear()
            if words(title):
                found = Analysed(np.array([self.term_ids[exact_term(title)]], dtype=np.int32), _ONE, 1, _NONE)
            else:
                found = EMPTY
            self._exact[title] = found
        return found

    def terms(self) -> list[str]:
        """Terms by id."""
        return list(self.term_ids)
