"""The one pass over the entries: each entry's fields as term counts, spilled to disk, with what weighing needs.

Entries come one page at a time and are not kept: the documents are decoded
one at a time (generator/model/lazy.py) and a site of 10,000 documents has
hundreds of thousands of entries. What is kept per entry is three numbers
(the length of each field). The (term, entry, field, frequency) rows and the
(entry, spelling) rows go to disk (generator/search/spill.py) every `CHUNK`
entries, as the texts give them: each text's distinct terms with their
counts (generator/search/analysis.py), in entry order. Nothing is sorted
here: a field made of several texts (a section's passages) may hold a term
in several rows, and a word's spelling may come from several fields;
weighing adds them up one bucket at a time (generator/search/weights.py,
spelling.py), where lunr's counts per term (fields holding it, entries
holding each spelling) are counted too.
"""

from __future__ import annotations

import numpy as np

from generator.entries import Entry
from generator.search.analysis import FIELDS, Analysed, Analyzer
from generator.search.spill import Spill, row_type

#: key: term << 32 | slot, where slot = entry << 2 | field; tf: occurrences of the term in one text of that field
POSTING = row_type(key="<i8", tf="<i4")
SPELLING = row_type(entry="<i4", pair="<i4")
#: Entries gathered before their rows are counted and written out.
CHUNK = 4096


class Collector:
    """Entries in, rows out; `entries` and `lengths` for the weighing."""

    def __init__(self, analyzer: Analyzer, postings: Spill, spellings: Spill) -> None:
        self.analyzer = analyzer
        self.postings = postings
        self.spellings = spellings
        self.entries = 0
        self.lengths = np.zeros(0, dtype=np.int64)       # per entry * 3 + field: number of terms
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
        """Write out the chunk's rows, in entry order."""
        texts, first = self._texts, self._first
        fields = len(FIELDS)
        slots = fields * (self.entries - first)
        if not slots:
            return
        count = len(texts)
        place = np.repeat(np.arange(slots, dtype=np.int64), self._fields)  # per text: its slot in the chunk
        lengths = np.fromiter([t.length for t in texts], dtype=np.int64, count=count)
        self.lengths = np.concatenate([self.lengths, np.bincount(place, weights=lengths, minlength=slots)
                                       .astype(np.int64)])
        entry = place // fields + first
        sizes = np.fromiter([len(t.terms) for t in texts], dtype=np.int64, count=count)
        if sizes.any():
            terms = np.concatenate([t.terms for t in texts]).astype(np.int64)
            slot = (entry << 2) | (place % fields)
            self.postings.write(terms % self.postings.buckets, key=(terms << 32) | np.repeat(slot, sizes),
                                tf=np.concatenate([t.tf for t in texts]))
            del terms, slot
        pair_sizes = np.fromiter([len(t.pairs) for t in texts], dtype=np.int64, count=count)
        if pair_sizes.any():
            pairs = np.concatenate([t.pairs for t in texts])
            pair_word = np.array(self.analyzer.pair_word, dtype=np.int64)
            self.spellings.write(pair_word[pairs] % self.spellings.buckets, entry=np.repeat(entry, pair_sizes),
                                 pair=pairs)
        self._texts, self._fields, self._first = [], [], self.entries
