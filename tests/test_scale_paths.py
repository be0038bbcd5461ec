"""Paths that only large hubs take: pagination past the first page, the parallel check,
and builds that must not depend on the process (hash seed) that made them."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import PARALLEL_THRESHOLD, build, check
from tests.conftest import REPO

PLAN = (Path(__file__).parent / "fixtures" / "base" / "plans" / "kh-2-ubnd-mau-2022.yml").read_text(encoding="utf-8")


def _copies(root: Path, count: int) -> None:
    """`count` more plans like the base one, each its own document, dated one day apart."""
    for n in range(count):
        ident = f"kh-{100 + n}-ubnd-mau-2023"
        text = (PLAN.replace("kh-2-ubnd-mau-2022", ident).replace("2/KH-UBND", f"{100 + n}/KH-UBND")
                .replace("mau-2022-gdht-2025", f"mau-{100 + n}-gdht-2025")
                .replace('date: "2022-07-04"', f'date: "{dt.date(2023, 1, 1) + dt.timedelta(days=n % 365)}"'))
        (root / "plans" / f"{ident}.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big") / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", root)
    _copies(root, 119)  # 121 documents: 3 listing pages of 50
    result = build(root, root / "site", jobs=1)
    assert result.ok, [p.format() for p in result.problems]
    return root / "site"


def _rows(html: str) -> int:
    """Rows of a documents table: one cell labelled "Văn bản" each, whatever its class."""
    return len(re.findall(r'<td(?: class="[^"]*")? data-label="Văn bản">', html))


def test_listing_pages_past_the_first(big_site: Path):
    first = (big_site / "van-ban" / "index.html").read_text(encoding="utf-8")
    third = (big_site / "van-ban" / "3" / "index.html").read_text(encoding="utf-8")
    assert _rows(first) == 50 and _rows((big_site / "van-ban" / "2" / "index.html").read_text(encoding="utf-8")) == 50
    assert _rows(third) == 21 and not (big_site / "van-ban" / "4").exists()
    assert "Văn bản (trang 3)" in third and "Trang 3/3" in third
    assert 'href="../../van-ban/"' in third and 'aria-current="page">3<' in third
    # Newest first across pages: the oldest document (the base plan, 2022) is on the last page.
    label = '>Kế hoạch <span class="xhht-docno">2/KH-UBND</span><'  # the number kept whole on one line
    assert label in third and label not in first


def test_facet_listings_are_paginated_too(big_site: Path):
    year = big_site / "van-ban" / "nam" / "2023"
    assert _rows((year / "index.html").read_text(encoding="utf-8")) == 50
    assert _rows((year / "3" / "index.html").read_text(encoding="utf-8")) == 19


def test_a_body_with_many_documents_has_pages_of_twenty(big_site: Path):
    body = big_site / "co-quan" / "so-gddt-tinh-mau"
    pages = sorted(p for p in body.rglob("index.html"))
    assert len(pages) == 6  # 120 documents assign it work: 6 pages of 20
    assert (body / "index.html").read_text(encoding="utf-8").count('class="xhht-duties"') == 20


def test_a_document_cited_by_many_links_to_all_of_them(big_site: Path):
    page = (big_site / "van-ban" / "qd-1-ttg-2021" / "index.html").read_text(encoding="utf-8")
    assert "Xem tất cả 120 văn bản căn cứ vào văn bản này" in page
    citing = big_site / "van-ban" / "qd-1-ttg-2021" / "duoc-can-cu"
    assert _rows((citing / "index.html").read_text(encoding="utf-8")) == 50
    assert _rows((citing / "3" / "index.html").read_text(encoding="utf-8")) == 20


def test_the_parallel_check_finds_what_the_serial_one_finds(base_tree: Path):
    _copies(base_tree, PARALLEL_THRESHOLD)
    broken = base_tree / "plans" / "kh-150-ubnd-mau-2023.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("value: 90", "value: 190"), encoding="utf-8")
    (base_tree / "plans" / "kh-151-ubnd-mau-2023.yml").write_text("id: [\n", encoding="utf-8")
    serial, parallel = check(base_tree, jobs=1), check(base_tree, jobs=2)
    assert parallel.problems == serial.problems and len(serial.problems) == 2
    assert sorted(f.id for f in parallel.facts) == sorted(f.id for f in serial.facts)
    assert parallel.files == serial.files == PARALLEL_THRESHOLD + 6  # the base tree has 6 files


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_in_two_processes_with_different_hash_seeds_are_identical(tmp_path: Path):
    root = tmp_path / "repo"
    for name in ("plans", "content", "theme", "mkdocs.yml", "schema"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    sites = []
    for seed in ("1", "4242"):
        out = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out),
                              "--quiet", "--site-url", "https://cong-thong-tin.example/xhht/"],
                             cwd=REPO, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        sites.append(_digest(out))
    assert len(sites[0]) > 400  # every page, asset, download and index file
    assert sites[0] == sites[1]
    assert not [name for name in sites[0] if re.search(r"\.(tmp|building)$", name)]
