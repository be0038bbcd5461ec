"""Bytes a phone downloads (gzipped) before the first search result, and query time once loaded.

Usage: python benchmarks/search_payload.py
Prints, for the bundled site and for a synthetic corpus of about 10,000 search records:
the fixed part (worker, lunr.js, pipeline, meta), then per query the shards and store chunks
that query needs, and the slowest warm query time (engine.js under Node).
Goals: at most 150 KB on the bundled site; at most 500 KB on 10,000 records; 50 ms per query.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.searchrun import REPO, relevance_set, run, static_bytes, unaccented  # noqa: E402
from benchmarks.synthetic import make_tree  # noqa: E402
from generator.pipeline import build  # noqa: E402

SYNTHETIC_QUERIES = ["hoc tap", "xã hội học tập", "trung tam hoc tap cong dong", "1234/KH-UBND", "Nguyễn Văn 77",
                     "tuyen truyen", "phat huy hieu qua", "Thái Nguyên", "ke hoach"]


def report(name: str, site: Path, queries: list[str]) -> None:
    fixed = static_bytes(site)
    results = run(site, queries, repeat=5)
    totals = [fixed + r["coldBytes"] for r in results]
    records = sum(1 for _ in (site / "search" / "s").glob("*.json"))
    print(f"search payload [{name}]: fixed {fixed / 1024:.1f} KB; before first result: median "
          f"{statistics.median(totals) / 1024:.1f} KB, max {max(totals) / 1024:.1f} KB over {len(queries)} queries; "
          f"slowest warm query {max(r['ms'] for r in results):.1f} ms; {records} store chunks")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(tmp) / "bundled"
        assert build(REPO, bundled).ok
        cases = [c["q"] for c in relevance_set()]
        report("bundled site", bundled, cases + [unaccented(q) for q in cases])
        root = make_tree(Path(tmp) / "synthetic", 1250)  # 1,250 documents = 10,000 search records
        assert build(root, root / "site").ok
        report("synthetic, 10,000 records", root / "site", SYNTHETIC_QUERIES)


if __name__ == "__main__":
    main()
