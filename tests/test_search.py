"""Search on the built bundled site, through the site's own engine.js (run by Node).

Relevance is measured on tests/fixtures/search/relevance.json, as typed and
without accents; ranking rules are checked on small purpose-made sites.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.searchrun import relevance_set, run, score, static_bytes, unaccented
from generator.pipeline import build
from tests.conftest import REPO

SEARCH_ASSETS = REPO / "theme" / "overrides" / "assets" / "search"


@pytest.mark.parametrize("form", ["accented", "unaccented"])
def test_relevance_set_finds_the_expected_record_in_the_top_3(built_site: Path, form: str):
    """The whole set (122 queries, 64 of them a resident's need in plain words): the goal is 95%; the
    set's first 50 (titles, names, numbers) reach it, the residents' needs do not yet (README, Search)."""
    result = score(built_site, form)
    assert result["queries"] >= 120
    assert result["success_at_3"] >= 0.90, result["misses"]
    first = [m for m in result["misses"] if m[0] in {c["q"] if form == "accented" else unaccented(c["q"])
                                                     for c in relevance_set()[:50]}]
    assert len(first) <= 2, first


def test_bytes_before_the_first_result_stay_under_100_kb(built_site: Path):
    queries = ["hoc tap", "xoa mu chu", "Dang Xuan Truong", "104/KH-UBND", "năng lực thông tin", "Coursera"]
    fixed = static_bytes(built_site)
    worst = max(fixed + r["coldBytes"] for r in run(built_site, queries))
    assert worst <= 100 * 1024


def test_material_uses_the_hubs_worker_and_its_own_index_stays_empty(built_site: Path):
    html = (built_site / "van-ban/index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert config["search"] == "../assets/search/worker.js"
    assert json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"] == []


def _site_with_resources(root: Path, out: Path, resources: dict[str, tuple[str, str]]) -> Path:
    folder = root / "content" / "resources"
    folder.mkdir(parents=True, exist_ok=True)
    for ident, (name, description) in resources.items():
        (folder / f"{ident}.yml").write_text(
            f"id: {ident}\nname: {name}\nprovider: Thử nghiệm\nurl: https://example.org/{ident}\n"
            f"description: {description}\ntopics: [ky-nang-song]\naudiences: [nguoi-lon]\nformats: [trang-web]\n"
            "cost: mien-phi\nlanguages: [vi]\n", encoding="utf-8")
    assert build(root, out).ok
    return out


def _first_page(site: Path, query: str) -> str:
    return run(site, [query])[0]["groups"][0][0]


def test_accented_query_ranks_exact_accents_first(base_tree: Path, tmp_path: Path):
    site = _site_with_resources(base_tree, tmp_path / "site", {
        "duong-dau": ("Kỹ năng đương đầu", "Học cách đương đầu với khó khăn."),
        "an-toan-duong-bo": ("An toàn đường bộ", "Học luật đường bộ."),
    })
    assert _first_page(site, "đường") == "hoc-lieu/an-toan-duong-bo/"
    assert _first_page(site, "đương") == "hoc-lieu/duong-dau/"
    unaccented = [g[0] for g in run(site, ["duong"])[0]["groups"]]
    assert set(unaccented[:2]) == {"hoc-lieu/an-toan-duong-bo/", "hoc-lieu/duong-dau/"}


def test_words_together_rank_above_words_apart(base_tree: Path, tmp_path: Path):
    site = _site_with_resources(base_tree, tmp_path / "site", {
        "a-apart": ("Tài liệu một", "Sổ tay về tập thể dục buổi sáng cho người học nghề."),
        "b-together": ("Tài liệu hai", "Sổ tay về học tập suốt đời cho người lớn tuổi."),
    })
    order = [g[0] for g in run(site, ["hoc tap"])[0]["groups"]]
    assert order.index("hoc-lieu/b-together/") < order.index("hoc-lieu/a-apart/")
