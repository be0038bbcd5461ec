"""The index stage alone on the realistic corpus: time, peak memory of its process, bytes and files written.

Usage: python benchmarks/search_index.py [N ...]      (N documents; default 1000 10000)
Builds (or reuses, under $TMPDIR) benchmarks/corpus.py trees, loads the hub once, then runs
`search_files` in a forked process as the build does. Goal at 1,000 documents: at most 5 s and 500 MB
(peak resident memory of that process, which shares the loaded hub with its parent); linear beyond.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import make_corpus  # noqa: E402
from generator.pipeline import load_hub  # noqa: E402

GOAL_SECONDS, GOAL_MB = 5.0, 500


def _stage(hub, out) -> None:
    from generator.search import search_files
    start = time.perf_counter()
    files = search_files(hub)
    elapsed = time.perf_counter() - start
    largest = max(len(v) for k, v in files.items() if k != "search/meta.json")
    out.put((elapsed, len(files), sum(map(len, files.values())), largest,
             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def corpus(n: int) -> Path:
    root = Path(tempfile.gettempdir()) / f"xhht-corpus-{n}"
    if not (root / ".benchmark-corpus").exists() or len(list((root / "plans").glob("*.yml"))) < n:
        make_corpus(root, n)
    return root


def main(sizes: list[int]) -> None:
    for n in sizes:
        hub = load_hub(corpus(n)).hub
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        process = context.Process(target=_stage, args=(hub, queue))
        process.start()
        elapsed, count, size, largest, peak = queue.get()
        process.join()
        verdict = "" if n != 1000 or (elapsed <= GOAL_SECONDS and peak <= GOAL_MB) else \
            f"  MISSES the goal ({GOAL_SECONDS:g} s, {GOAL_MB} MB)"
        print(f"index stage, {n:>6} documents: {elapsed:6.1f} s, peak {peak:6.0f} MB, {count} files, "
              f"{size / 1e6:.1f} MB, largest file {largest / 1024:.1f} KB{verdict}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
