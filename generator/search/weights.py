"""lunr's BM25 weights of every term in every entry, computed the way lunr.py computes them, on arrays.

lunr.py's Builder keeps a lunr.Vector per field of every entry and deep
copies of token metadata: at 1,000 documents that took minutes and
gigabytes, and even a plain Python loop over the millions of (term, entry,
field) postings takes longer than the whole stage may. Here the same numbers
come from numpy arrays, one bucket of terms at a time (generator/search/spill.py):
term frequencies per (entry, field), field lengths, lunr's idf (entries with
the term counted once per field, as lunr does; math.log, as lunr.py) and its
BM25 formula with k1 = 1.2, b = 0.75, evaluated in lunr.py's order of
operations and rounded as it serializes (3 decimals, Python's exact rounding:
values too close to a rounding boundary for numpy's shortcut are rounded by
Python). tests/test_index.py checks the result against lunr.py's own
serialized index.

The rows of a bucket come in entry order, a term possibly in several rows
of one field (one per text of the field: generator/search/collect.py); they
are grouped by term (a stable sort) and the rows of one (term, entry, field)
added up before anything is weighed, and the fields holding each term
(lunr's document count) counted then: a term's rows are all in its bucket.

An entry's weight for a term is the sum over fields of lunr's field weights
(x 1000, integers): lunr scores a query by summing its field scores, so the
sum is all the browser needs. Whether the term is in the title is kept as
the lowest bit (weight x 2 + 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from generator.search.analysis import FIELDS, TITLE
from generator.search.spill import grouped

K1 = 1.2
B = 0.75


@dataclass
class Postings:
    """The postings of some terms, ordered by term then entry."""

    terms: np.ndarray    # the terms, ascending, each once
    starts: np.ndarray   # starts[i]:starts[i + 1] are the postings of terms[i]
    entries: np.ndarray  # entry number
    weights: np.ndarray  # lunr weight x 1000, x 2, + 1 if in the title
    df: np.ndarray       # entries holding each term (before any cut)
    fields: np.ndarray   # (entry, field) pairs holding each term: lunr's document count, for its idf


def idf(counts: np.ndarray, entries: int) -> np.ndarray:
    """lunr's idf of every term, from the number of (entry, field) holding it."""
    return np.array([math.log(1 + abs((entries - c + 0.5) / (c + 0.5))) for c in counts.tolist()], dtype=np.float64)


def averages(lengths: np.ndarray, entries: int) -> list[float]:
    """lunr's average length (number of terms) of each field, from the length of every (entry, field)
    (`lengths`: entry * 3 + field)."""
    by_field = lengths.reshape(entries, len(FIELDS))
    return [int(by_field[:, f].sum()) / entries if entries else 0.0 for f in range(len(FIELDS))]


def norms(lengths: np.ndarray, entries: int) -> np.ndarray:
    """lunr's length normalisation of every (entry, field) slot (entry << 2 | field), from the number of terms
    of each (`lengths`: entry * 3 + field)."""
    fields = len(FIELDS)
    by_field = lengths.reshape(entries, fields)
    out = np.zeros(4 * entries, dtype=np.float64)
    for f, average in enumerate(averages(lengths, entries)):
        if average:
            out[f::4] = K1 * (1 - B + B * (by_field[:, f] / average))
    return out


def lunr_round(scores: np.ndarray) -> np.ndarray:
    """round(round(score, 3) * 1000) as lunr.py (Python) rounds, for every score."""
    scaled = scores * 1000
    out = np.rint(scaled)
    np.subtract(scaled, out, out=scaled)
    np.abs(scaled, out=scaled)
    close = np.flatnonzero(scaled > 0.5 - 1e-6)  # too near a rounding boundary to trust the shortcut
    out = out.astype(np.int64)
    for index in close.tolist():
        out[index] = round(round(float(scores[index]), 3) * 1000)
    return out


_BOOSTS = np.array([boost for _, boost in FIELDS], dtype=np.float64)


def weigh(rows: np.ndarray, entries: int, norm_of: np.ndarray, limit: int | None) -> Postings:
    """The postings of `rows` (generator/search/collect.py POSTING, in entry order) of `entries` entries, fields
    summed per entry; with `limit`, each term keeps only its `limit` best postings (`champions`)."""
    key, tf = np.ascontiguousarray(rows["key"]), np.ascontiguousarray(rows["tf"])  # (gathers from them are faster)
    del rows
    order = grouped(key >> 32)  # by term, then (stable) by slot
    key, tf = key[order], tf[order]
    del order
    if len(key):
        same = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])  # the rows of one (term, slot) are adjacent
        key, tf = key[same], np.add.reduceat(tf, same)
        del same
    term, slot = key >> 32, key & 0xFFFFFFFF
    first = np.flatnonzero(np.r_[True, term[1:] != term[:-1]]) if len(term) else np.zeros(0, dtype=np.int64)
    fields = np.diff(np.r_[first, len(term)])
    idf_of = np.repeat(idf(fields, entries), fields)
    field = slot & 3
    tf = tf.astype(np.float64)
    scores = idf_of * ((K1 + 1) * tf) / (norm_of[slot] + tf)
    del tf, slot, idf_of
    scores *= _BOOSTS[field]
    weights = lunr_round(scores) * 2 + (field == TITLE)
    del scores, field
    pair = key >> 2  # term << 30 | entry
    del key
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=np.int64)
    weights = np.add.reduceat(weights, starts) if len(starts) else weights
    term, entry = term[starts], pair[starts] & 0x3FFFFFFF
    del pair, starts
    first = np.flatnonzero(np.r_[True, term[1:] != term[:-1]]) if len(term) else np.zeros(0, dtype=np.int64)
    df = np.diff(np.r_[first, len(term)])
    if limit is not None and len(term):
        keep = champions(term, entry, weights, first, df, limit)
        if keep is not None:
            term, entry, weights = term[keep], entry[keep], weights[keep]
            first = np.flatnonzero(np.r_[True, term[1:] != term[:-1]])
    return Postings(term[first], np.r_[first, len(term)], entry, weights, df, fields)


def champions(term: np.ndarray, entry: np.ndarray, weights: np.ndarray, first: np.ndarray, sizes: np.ndarray,
              limit: int) -> np.ndarray | None:
    """Which postings to keep: for every term, its `limit` postings of highest weight (ties: first entries).

    A word found in thousands of entries keeps those where it weighs most: the
    kept entries score exactly as in the whole index; entries far down a very
    common word's list, where it weighs least, drop out of it. Each crowded
    term is cut at its `limit`-th weight by a partition (linear), not a sort.
    """
    crowded = np.flatnonzero(sizes > limit)
    if not len(crowded):
        return None
    keep = np.ones(len(term), dtype=bool)
    for group in crowded.tolist():
        a = int(first[group])
        b = a + int(sizes[group])
        values = weights[a:b] >> 1
        cut = np.partition(values, len(values) - limit)[len(values) - limit]
        kept = values > cut
        ties = np.flatnonzero(values == cut)[:limit - int(kept.sum())]  # equal weights: the first entries
        kept[ties] = True
        keep[a:b] = kept
    return keep
