"""The one pass over the entries: each entry's fields as term counts, spilled to disk, with what weighing needs.

Entries come one page at a time and are not kept: the documents are decoded
one at a time (generator/model/lazy.py) and a site of 10,000 documents has
hundreds of thousands of entries. What is kept per entry is three numbers
(the length of each field); per term, the number of fields holding it
(lunr's document count, for its idf); per (word, spelling), the number of
entries holding it. The (entry, field, term, frequency) rows and the
(entry, spelling) rows go to disk (generator/search/spill.py) every
`CHUNK` term occurrences, counted and deduplicated with numpy.
"""

from __future__ import annotations

import numpy as np

from generator.entries import Entry
from generator.search.analysis import FIELDS, Analysed, Analyzer
from generator.search.spill import Spill, row_type

#: key: term << 32 | slot, where slot = entry << 2 | field; tf: occurrences of the term in that field
POSTING = row_type(key="<i8", tf="<i4")
SPELLING = row_type(entry="<i4", pair="<i4")
#: Entries gathered before their rows are counted and written out.
CHUNK = 4096


def _grown(counts: np.ndarray, size: int) -> np.ndarray:
    return counts if len(counts) >= size else np.concatenate([counts, np.zeros(size - len(counts), dtype=np.int64)])


class Collector:
    """Entries in, rows out; `entries`, `lengths`, `field_counts`, `pair_counts` for the weighing."""

    def __init__(self, analyzer: Analyzer, postings: Spill, spellings: Spill) -> None:
        self.analyzer = analyzer
        self.postings = postings
        self.spellings = spellings
        self.entries = 0
        self.lengths = np.zeros(0, dtype=np.int64)       # per entry * 3 + field: number of terms
        self.field_counts = np.zeros(0, dtype=np.int64)  # per term: (entry, field) holding it
        self.pair_counts = np.zeros(0, dtype=np.int64)   # per (word, spelling): entries holding it
        self._texts: list[Analysed] = []
        self._fields: list[int] = []  # per slot of the chunk: how many of `_texts` it has
        self._first = 0               # the chunk's first entry

    def fields(self, entry: Entry) -> tuple[list[Analysed], list[Analysed], list[Analysed]]:
        """Per field (title, keywords, body) the analysed texts: keywords hold `keywords`, the field values and
        the exact-name term."""
        text = self.analyzer.text
        keywords = [text(entry.keywords), *[text(f.text) for f in entry.fields], self.analyzer.exact(entry.title)]
        body = [text(entry.text)] if entry.text else []
        if entry.passages:
            body += [text(p.text) for p in entry.passages]
        return [text(entry.title)], keywords, body

    def add(self, entry: Entry) -> None:
        title, keywords, body = self.fields(entry)
        texts = self._texts
        texts += title
        texts += keywords
        texts += body
        self._fields += (len(title), len(keywords), len(body))
        self.entries += 1
        if self.entries - self._first >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Count and write out the chunk's rows."""
        texts, first = self._texts, self._first
        fields = len(FIELDS)
        slots = fields * (self.entries - first)
        if not slots:
            return
        sizes = np.fromiter([len(t.terms) for t in texts], dtype=np.int64, count=len(texts))
        place = np.repeat(np.arange(slots, dtype=np.int64), self._fields)  # per text: its slot in the chunk
        self.lengths = np.concatenate([self.lengths, np.bincount(place, weights=sizes, minlength=slots)
                                       .astype(np.int64)])
        entry = place // fields + first
        if sizes.sum():
            slot = (entry << 2) | (place % fields)
            keys = (np.concatenate([t.terms for t in texts]).astype(np.int64) << 32) | np.repeat(slot, sizes)
            # by term, then slot: a bucket is then a few runs already in order (generator/search/weights.py);
            # equal keys are the occurrences of a term in a field
            keys.sort()
            starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            tf = np.diff(np.r_[starts, len(keys)])
            keys = keys[starts]
            terms = keys >> 32
            vocabulary = len(self.analyzer.term_ids)
            self.field_counts = _grown(self.field_counts, vocabulary)
            self.field_counts[:vocabulary] += np.bincount(terms, minlength=vocabulary)
            self.postings.write(terms % self.postings.buckets, key=keys, tf=tf)
            del keys, starts, tf, terms
        pair_sizes = np.fromiter([len(t.pairs) for t in texts], dtype=np.int64, count=len(texts))
        if pair_sizes.sum():
            keys = np.sort((np.repeat(entry, pair_sizes) << 32) | np.concatenate([t.pairs for t in texts]))
            keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
            pairs = keys & 0xFFFFFFFF
            count = len(self.analyzer.pair_word)
            self.pair_counts = _grown(self.pair_counts, count)
            self.pair_counts[:count] += np.bincount(pairs, minlength=count)
            pair_word = np.array(self.analyzer.pair_word, dtype=np.int64)
            self.spellings.write(pair_word[pairs] % self.spellings.buckets, entry=keys >> 32, pair=pairs)
        self._texts, self._fields, self._first = [], [], self.entries
