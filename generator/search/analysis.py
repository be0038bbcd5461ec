"""Entries as lunr fields of terms, each distinct text analysed once, as arrays of term ids.

The same words come back again and again: a target repeats the wording of
its item, documents quote the same decisions, re-issued plans keep their
paragraphs. Each distinct text (a title, a field value, a passage) is
analysed once per build; an entry's field is the concatenation of its texts'
term ids. Ids are given in order of first appearance, so they are the same
in every process and under every hash seed.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import count

import numpy as np

from generator.entries import Entry
from generator.search_text import analyze, exact_term, words

#: lunr fields and their boosts: a word of a title counts more than one of a name, number or place, which counts
#: more than one of running text. Order matters: field numbers are positions in this tuple.
FIELDS = (("t", 4), ("k", 3), ("b", 1))
TITLE = 0



class Analyzer:
    """Term ids of entries' fields, and the accent spellings of their words."""

    def __init__(self) -> None:
        #: term -> id, and accent key ("" for none) -> id: new ones numbered as they come
        self.term_ids: defaultdict[str, int] = defaultdict(count().__next__)
        self.spelling_ids: defaultdict[str, int] = defaultdict(count().__next__)
        self._texts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._exact: dict[str, np.ndarray] = {}

    def text(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(term ids in order, distinct (word id << 32 | spelling id) pairs) of one text."""
        found = self._texts.get(text)
        if found is None:
            terms, spelled = analyze(text)
            ids = np.fromiter(map(self.term_ids.__getitem__, terms), dtype=np.int64, count=len(terms))
            pairs = {(self.term_ids[word] << 32) | self.spelling_ids[key] for word, key in spelled}
            found = self._texts[text] = (ids, np.array(sorted(pairs), dtype=np.int64))
        return found

    def fields(self, entry: Entry) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """Per field (title, keywords, body): the term id arrays of its texts. Keywords hold `keywords`, the
        field values and the exact-name term."""
        text = self.text
        keywords = [text(entry.keywords)[0]] + [text(f.text)[0] for f in entry.fields]
        exact = self._exact.get(entry.title)
        if exact is None:
            exact = self._exact[entry.title] = np.array(
                [self.term_ids[exact_term(entry.title)]] if words(entry.title) else [], dtype=np.int64)
        keywords.append(exact)
        body = [text(entry.text)[0]] if entry.text else []
        body += [text(p.text)[0] for p in entry.passages]
        return [text(entry.title)[0]], keywords, body

    def spellings(self, entry: Entry) -> list[np.ndarray]:
        """The (word, spelling) pair arrays of all the entry's texts."""
        texts = [entry.title, entry.keywords, *(f.text for f in entry.fields), *(p.text for p in entry.body())]
        return [self.text(t)[1] for t in texts]

    def terms(self) -> list[str]:
        """Terms by id."""
        return list(self.term_ids)

    def spelling_keys(self) -> list[str]:
        return list(self.spelling_ids)
