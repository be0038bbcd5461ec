"""Run the site's search engine under Node on a built site, and score it against the relevance set."""

from __future__ import annotations

import gzip
import json
import subprocess
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RELEVANCE = REPO / "tests" / "fixtures" / "search" / "relevance.json"
#: What every search loads before its first query: the worker, its scripts, Material's (empty) index, our meta.
STATIC = ["assets/search/worker.js", "assets/search/vn.js", "assets/search/excerpt.js", "assets/search/engine.js",
          "search/search_index.json"]


def unaccented(text: str) -> str:
    """The query as typed without accents (đ -> d), as many residents type on phones."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D")


def run(site: Path, queries: list[str], repeat: int = 1, items: bool = False, keystrokes: bool = False) -> list[dict]:
    """[{q, groups: [[locations of one result]], ms (warm), coldBytes (meta.json and index files, gzipped)}]
    for each query, from the real engine.js; `items`: with Material's result items; `keystrokes`: typed
    keystroke by keystroke, each answered."""
    payload = json.dumps({"site": str(site), "queries": queries, "repeat": repeat, "withItems": items,
                          "keystrokes": keystrokes})
    out = subprocess.run(["node", str(REPO / "benchmarks" / "search_node.js")], input=payload,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["results"]


def static_bytes(site: Path) -> int:
    """Gzipped bytes of what search loads before the first query."""
    return sum(len(gzip.compress((site / name).read_bytes(), 9)) for name in STATIC)


def relevance_set() -> list[dict]:
    return json.loads(RELEVANCE.read_text(encoding="utf-8"))["queries"]


def score(site: Path, form: str = "accented") -> dict:
    """success@3 and MRR of the relevance set, as typed (accented) or without accents."""
    cases = relevance_set()
    queries = [c["q"] if form == "accented" else unaccented(c["q"]) for c in cases]
    results = run(site, queries)
    hits, reciprocal, misses = 0, 0.0, []
    for case, result in zip(cases, results):
        # Rank of the first result (a page, with the entries found in it) holding an expected address:
        # Material shows one result per page, its matching sections and targets inside it.
        ranks = [i for i, group in enumerate(result["groups"]) if any(loc in case["expect"] for loc in group)]
        rank = ranks[0] + 1 if ranks else None
        hits += rank is not None and rank <= 3
        reciprocal += 1 / rank if rank else 0
        if rank is None or rank > 3:
            misses.append((result["q"], rank, [g[0] for g in result["groups"][:3]]))
    return {"form": form, "queries": len(cases), "success_at_3": hits / len(cases), "mrr": reciprocal / len(cases),
            "misses": misses, "worst_ms": max(r["ms"] for r in results)}
