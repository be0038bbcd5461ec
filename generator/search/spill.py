"""Rows of numbers kept on disk in buckets, so that the index stage's memory does not grow with the corpus.

Every (entry, field, term) of a site of 10,000 documents is tens of millions
of rows: held in memory, they and their sorts took gigabytes. The index
stage writes them as it reads the entries, each row to the bucket of its
term (`term % buckets`), and weighs one bucket at a time: memory holds one
bucket's rows (the index stage takes a bucket per 50 documents, so that is
about the same whatever the corpus). Rows are appended in the order
written: the index writes them in entry order, so a stable sort of a bucket
by term (`grouped`) leaves each term's rows in entry order.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np


class Spill:
    """Buckets of rows of one numpy dtype, in files of a temporary directory removed by `close`."""

    def __init__(self, dtype: np.dtype, buckets: int) -> None:
        self.dtype = np.dtype(dtype)
        self.buckets = buckets
        self._dir = tempfile.TemporaryDirectory(prefix="xhht-search-")
        self._files = [open(Path(self._dir.name) / f"{n}.bin", "wb") for n in range(buckets)]
        self.rows = 0

    def write(self, bucket: np.ndarray, **columns: np.ndarray) -> None:
        """Append the rows whose fields are `columns`, row i to bucket `bucket[i]`, keeping their order within each
        bucket."""
        if not len(bucket):
            return
        order = np.argsort(bucket.astype(np.int16), kind="stable")  # a radix sort
        bounds = np.searchsorted(bucket[order], np.arange(self.buckets + 1))
        rows = np.empty(len(order), dtype=self.dtype)
        for name, values in columns.items():
            rows[name] = values[order]
        for number in np.flatnonzero(np.diff(bounds)).tolist():
            rows[bounds[number]:bounds[number + 1]].tofile(self._files[number])
        self.rows += len(rows)

    def read(self, number: int) -> np.ndarray:
        """Every row of bucket `number`, in the order written."""
        handle = self._files[number]
        handle.flush()
        if not handle.tell():
            return np.zeros(0, dtype=self.dtype)
        return np.fromfile(handle.name, dtype=self.dtype)

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        self._dir.cleanup()

    def __enter__(self) -> "Spill":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def row_type(**fields: str) -> np.dtype:
    """A dtype of little-endian fields (the same bytes on every machine), packed."""
    return np.dtype(list(fields.items()))


def grouped(values: np.ndarray) -> np.ndarray:
    """The order that groups equal `values` (non-negative integers), ascending, keeping the order of the rows of
    each: a stable sort, by radix on 16 bits when the distinct values are few enough to be numbered in 16 bits
    (a bucket's terms are: numbering them takes one pass), which is several times faster than a merge sort."""
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    top = int(values.max())
    if top >= 1 << 16:
        present = np.zeros(top + 1, dtype=bool)
        present[values] = True
        if int(np.count_nonzero(present)) > 1 << 16:
            return np.argsort(values, kind="stable")
        values = (np.cumsum(present) - 1)[values]
    return np.argsort(values.astype(np.uint16), kind="stable")
