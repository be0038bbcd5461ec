"""lunr's BM25 weights of every term in every entry, computed the way lunr.py computes them, on arrays.

lunr.py's Builder keeps a lunr.Vector per field of every entry and deep
copies of token metadata: at 1,000 documents that took minutes and
gigabytes, and even a plain Python loop over the 6 million (term, entry,
field) postings of that corpus takes longer than the whole stage may. Here
the same numbers come from numpy arrays: term frequencies per (entry,
field), field lengths, lunr's idf (entries with the term counted once per
field, as lunr does; math.log, as lunr.py) and its BM25 formula with k1 =
1.2, b = 0.75, evaluated in lunr.py's order of operations and rounded as it
serializes (3 decimals, Python's exact rounding: values too close to a
rounding boundary for numpy's shortcut are rounded by Python).
tests/test_index.py checks the result against lunr.py's own serialized index.

An entry's weight for a term is the sum over fields of lunr's field weights
(x 1000, integers): lunr scores a query by summing its field scores, so the
sum is all the browser needs. Whether the term is in the title is kept as
the lowest bit (weight x 2 + 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from generator.entries import Entry
from generator.search.analysis import FIELDS, TITLE, Analyzer

K1 = 1.2
B = 0.75
#: Entries analysed per batch: bounds the memory of the term-frequency step.
BATCH = 4096


@dataclass
class Postings:
    """Every (term, entry) posting, ordered by term then entry."""

    terms: np.ndarray    # term id
    entries: np.ndarray  # entry number
    weights: np.ndarray  # lunr weight x 1000, x 2, + 1 if in the title
    starts: np.ndarray   # starts[t]:starts[t + 1] are the postings of term t
    df: np.ndarray       # entries holding each term (before any cut)


def frequencies(entries: list[Entry], analyzer: Analyzer) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(entry*3 + field, term, tf) of every distinct term of every field, and every (entry, field)'s length."""
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    lengths: list[int] = []
    for start in range(0, len(entries), BATCH):
        chunks: list[np.ndarray] = []
        sizes: list[int] = []
        for entry in entries[start:start + BATCH]:
            for texts in analyzer.fields(entry):
                chunks += texts
                sizes.append(sum(map(len, texts)))
        lengths += sizes
        if not chunks:
            continue
        terms = np.concatenate(chunks)
        slots = np.repeat(np.arange(start * 3, start * 3 + len(sizes), dtype=np.int64), sizes)
        keys, tf = np.unique((slots << 32) | terms, return_counts=True)
        parts.append(((keys >> 32).astype(np.int32), (keys & 0xFFFFFFFF).astype(np.int32), tf.astype(np.int32)))
        del terms, slots, keys, tf
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.array(lengths, dtype=np.int64)
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]), np.array(lengths, dtype=np.int64))


def lunr_round(scores: np.ndarray) -> np.ndarray:
    """round(round(score, 3) * 1000) as lunr.py (Python) rounds, for every score."""
    scaled = scores * 1000
    out = np.rint(scaled).astype(np.int64)
    close = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for index in np.flatnonzero(close):
        out[index] = round(round(float(scores[index]), 3) * 1000)
    return out


def weigh(entries: list[Entry], analyzer: Analyzer) -> Postings:
    """lunr's weight of every term in every entry, summed over fields."""
    n = len(entries)
    slots, terms, tf, lengths = frequencies(entries, analyzer)
    fields = len(FIELDS)
    vocabulary = len(analyzer.term_ids)
    # lunr's idf: documents_with_term counts a posting per field.
    counts = np.bincount(terms, minlength=vocabulary)
    idf = np.array([math.log(1 + abs((n - c + 0.5) / (c + 0.5))) for c in counts.tolist()], dtype=np.float64)
    by_field = lengths.reshape(n, fields) if n else lengths.reshape(0, fields)
    averages = [int(by_field[:, f].sum()) / n if n else 0.0 for f in range(fields)]
    norms = np.zeros(len(lengths), dtype=np.float64)
    for f in range(fields):
        if averages[f]:
            norms[f::fields] = K1 * (1 - B + B * (by_field[:, f] / averages[f]))
    field = slots % fields
    tf_float = tf.astype(np.float64)
    del tf
    scores = idf[terms] * ((K1 + 1) * tf_float) / (norms[slots] + tf_float)
    del tf_float, norms
    scores *= np.array([boost for _, boost in FIELDS], dtype=np.float64)[field]
    weights = (lunr_round(scores) * 2 + (field == TITLE)).astype(np.int32)
    del scores, field
    # Order by (term, entry, field); sum the fields of one entry.
    order = np.argsort((terms.astype(np.int64) << 32) | slots)
    terms, slots, weights = terms[order], slots[order], weights[order]
    del order
    entry = slots // fields
    new = np.ones(len(terms), dtype=bool)
    if len(terms):
        new[1:] = (terms[1:] != terms[:-1]) | (entry[1:] != entry[:-1])
    starts = np.flatnonzero(new)
    summed = np.add.reduceat(weights, starts) if len(starts) else weights[:0]
    terms, entry = terms[starts], entry[starts]
    term_starts = np.searchsorted(terms, np.arange(vocabulary + 1))
    return Postings(terms, entry, summed, term_starts, np.diff(term_starts))


def champions(postings: Postings, limit: int) -> Postings:
    """For every term, its `limit` postings of highest weight (ties: first entries), in entry order.

    A word found in thousands of entries keeps those where it weighs most: the
    kept entries score exactly as in the whole index; entries far down a very
    common word's list, where it weighs least, drop out of it.
    """
    sizes = np.diff(postings.starts)
    crowded = np.flatnonzero(sizes > limit)
    if not len(crowded):
        return postings
    keep = np.ones(len(postings.terms), dtype=bool)
    for term in crowded.tolist():
        a, b = int(postings.starts[term]), int(postings.starts[term + 1])
        # stable sort by weight, descending: equal weights stay in entry order
        order = np.argsort(-(postings.weights[a:b] >> 1), kind="stable")
        keep[a + order[limit:]] = False
    terms = postings.terms[keep]
    starts = np.searchsorted(terms, np.arange(len(postings.starts)))
    return Postings(terms, postings.entries[keep], postings.weights[keep], starts, postings.df)
