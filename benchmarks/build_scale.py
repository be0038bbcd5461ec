"""Whole-site build time and page sizes on synthetic corpora (goal: at most 5 ms per page at 10,000 pages).

Usage: python benchmarks/build_scale.py [N ...]   (N documents; default 1000 10000)
Prints, per corpus: pages built, wall time of `python -m generator build`, time per page,
and the median and largest HTML page size, which must stay flat as N grows (the menu is fixed,
listings are paginated).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synthetic import make_tree, timed_command  # noqa: E402


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            root = make_tree(Path(tmp) / f"corpus-{n}", n)
            run, elapsed = timed_command(root, "build")
            if run.returncode != 0:
                print(f"build: {n} documents FAILED: {run.stdout[-500:]} {run.stderr[-500:]}")
                continue
            sizes_kb = sorted(p.stat().st_size / 1024 for p in (root / "site").rglob("*.html"))
            pages = len(sizes_kb)
            print(f"build: {n:>6} documents -> {pages:>6} pages: {elapsed:7.2f} s, {elapsed / pages * 1000:5.2f} ms/page, "
                  f"page size median {statistics.median(sizes_kb):6.1f} KB, max {sizes_kb[-1]:6.1f} KB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
