"""Relevance of search on the bundled site: success@3 and MRR, accented and unaccented queries.

Usage: python benchmarks/search_relevance.py [SITE_DIR]   (default: builds the bundled content into a temp dir)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.searchrun import REPO, score  # noqa: E402
from generator.pipeline import build  # noqa: E402


def main(site: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            assert build(REPO, site).ok
        for form in ("accented", "unaccented"):
            s = score(site, form)
            print(f"search relevance ({s['form']:>10}, {s['queries']} queries): success@3 {s['success_at_3']:.1%}, "
                  f"MRR {s['mrr']:.3f}, slowest warm query {s['worst_ms']:.1f} ms")
            for q, rank, top in s["misses"]:
                print(f"    miss: {q!r} rank {rank} top3 {top}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
