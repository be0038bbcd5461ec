"""Bytes fetched for search (gzipped) as a query is typed keystroke by keystroke, and warm query time,
with the site's engine.js under Node (benchmarks/search_browser.py measures the same in Chromium).

Usage: python benchmarks/search_payload.py [N ...]   (realistic corpora of N documents; default 1000 10000)
Prints, for the bundled site and for benchmarks/corpus.py trees: the fixed part (worker and its scripts),
then per query every index file fetched while typing it (each keystroke answered), and warm query time.
Goals: 1,000 documents median <= 150 KB, max <= 300 KB; 10,000 documents max <= 400 KB; warm <= 30 ms.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.searchrun import REPO, relevance_set, run, static_bytes, unaccented  # noqa: E402
from benchmarks.search_index import corpus  # noqa: E402
from generator.pipeline import build  # noqa: E402



def report(name: str, site: Path, queries: list[str]) -> None:
    fixed = static_bytes(site)
    results = run(site, queries, repeat=5, keystrokes=True)
    totals = sorted(fixed + r["coldBytes"] for r in results)
    warm = sorted(r["ms"] for r in results)
    print(f"search payload [{name}], {len(queries)} queries typed keystroke by keystroke: fixed {fixed / 1024:.1f} KB; "
          f"median {statistics.median(totals) / 1024:.1f} KB, max {totals[-1] / 1024:.1f} KB; "
          f"warm query median {statistics.median(warm):.1f} ms, max {warm[-1]:.1f} ms")


def main(sizes: list[int]) -> None:
    cases = [c["q"] for c in relevance_set()]
    queries = cases + [unaccented(q) for q in cases]
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(tmp) / "bundled"
        assert build(REPO, bundled).ok
        report("bundled site", bundled, queries)
        for n in sizes:
            root = corpus(n)
            shutil.rmtree(root / "theme", ignore_errors=True)
            shutil.copytree(REPO / "theme", root / "theme")  # the engine as it is now
            assert build(root, Path(tmp) / f"site-{n}").ok
            report(f"realistic corpus, {n} documents", Path(tmp) / f"site-{n}", queries)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
