"""The index stage alone on the realistic corpus, as the build runs it: time, CPU, peak memory, output.

Usage: python benchmarks/search_index.py [N ...] [--repeat R]   (N documents; default 1000 10000)
Builds (or reuses, under $TMPDIR) benchmarks/corpus.py trees and warms their cache, then, R times
(default 2), runs `search_files` in a spawned process on the hub the build gives it
(generator/workers.py `lazy_hub`: the small kinds whole, documents decoded one at a time from the
cache). Prints the fastest run: wall and CPU seconds of `search_files`, the process's peak resident
memory (interpreter and small kinds included) and what it held before the stage.
Goals: 1,000 documents at most 5 s and 300 MB; 10,000 documents linear (at most 50 s) and 1 GB (the
whole build must peak under 2 GB, and the process rendering pages holds about 1.6 GB of it).
The machine may be shared: CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import make_corpus  # noqa: E402

GOALS = {1000: (5.0, 300), 10000: (50.0, 1024)}


def _stage(root: Path, out) -> None:
    from generator.index import search_files
    from generator.workers import lazy_hub

    hub = lazy_hub(root)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    files = search_files(hub)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    largest = max(len(v) for k, v in files.items() if k != "search/meta.json")
    out.put({"wall": wall, "cpu": cpu, "files": len(files), "bytes": sum(map(len, files.values())),
             "largest": largest, "before": before, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def corpus(n: int) -> Path:
    root = Path(tempfile.gettempdir()) / f"xhht-corpus-{n}"
    if not (root / ".benchmark-corpus").exists() or len(list((root / "plans").glob("*.yml"))) < n:
        make_corpus(root, n)
    return root


def measure(root: Path) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_stage, args=(root, queue))
    process.start()
    found = queue.get()
    process.join()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    from generator.pipeline import check

    for n in args.sizes:
        root = corpus(n)
        assert check(root).ok  # fills the cache the index process reads
        runs = [measure(root) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["cpu"])
        goal_s, goal_mb = GOALS.get(n, (5.0 * n / 1000, None))
        missed = [f"{goal_s:g} s" for _ in [0] if best["cpu"] > goal_s]
        missed += [f"{goal_mb} MB" for _ in [0] if goal_mb and best["peak"] > goal_mb]
        cpus = ", ".join(f"{r['cpu']:.1f}" for r in runs)
        print(f"index stage, {n:>6} documents: {best['wall']:6.1f} s wall, {best['cpu']:6.1f} s CPU "
              f"(runs: {cpus}), peak {best['peak']:5.0f} MB "
              f"({best['before']:.0f} MB before the stage); {best['files']} files, {best['bytes'] / 1e6:.1f} MB, "
              f"largest {best['largest'] / 1024:.1f} KB" + (f"  MISSES the goal ({', '.join(missed)})" if missed else ""))


if __name__ == "__main__":
    main()
