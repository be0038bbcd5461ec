"""End to end: the real content built into a real site, read back as HTML.

One build of the bundled content (module fixture) serves most tests; they
check what a reader, a press office or a search engine gets.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import build
from tests.conftest import REPO
from tests.sitecheck import broken_links, parse

TN = "van-ban/kh-104-ubnd-thai-nguyen-2022/index.html"


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def _text(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_every_internal_link_and_anchor_resolves(site: Path):
    assert broken_links(site, base_path="/xhht/") == []


def test_document_page_metadata_box(site: Path):
    html = _text(site, TN)
    meta = html[html.index('<dl class="xhht-meta">'):html.index("</dl>")]
    for fact in ("104/KH-UBND", "Kế hoạch", "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "04/7/2022", "Đặng Xuân Trường",
                 "KT. CHỦ TỊCH", "2022–2030"):
        assert fact in meta
    assert "Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên" in html


def test_target_rows_have_their_own_anchor(site: Path):
    html = _text(site, TN)
    row = re.search(r'<tr id="thai-nguyen-2022-nang-luc-thong-tin-2025">(.*?)</tr>', html, re.S)
    assert row and "60%" in row.group(1) and "2025" in row.group(1)
    row = re.search(r'<tr id="thai-nguyen-2022-nang-luc-thong-tin-2030">(.*?)</tr>', html, re.S)
    assert row and "70%" in row.group(1)


def test_legal_bases_link_and_backlinks(site: Path):
    assert 'href="../../van-ban/qd-1373-ttg-2021/"' in _text(site, TN)
    parent = _text(site, "van-ban/qd-1373-ttg-2021/index.html")
    backlinks = parent[parent.index('id="duoc-can-cu"'):]
    for child in ("kh-104-ubnd-thai-nguyen-2022", "kh-bcd-can-tho-2024", "kh-bcd-xhht-phu-tan-2022"):
        assert f"../../van-ban/{child}/" in backlinks


def test_documents_whose_number_or_day_is_unknown_say_so(site: Path):
    """The seed copy of Cần Thơ's plan lost its header: its number and day are unknown, not absent."""
    html = _text(site, "van-ban/kh-bcd-can-tho-2024/index.html")
    assert "<dt>Số hiệu</dt><dd>Chưa rõ</dd>" in html
    assert "năm 2024 (chưa rõ ngày, tháng)" in html
    assert "không ghi" not in html.split("<dt>Số hiệu</dt>")[1].split("</dl>")[0]


def test_body_page_lists_its_duties_across_documents(site: Path):
    html = _text(site, "co-quan/so-gddt-thai-nguyen/index.html")
    assert "Sở Giáo dục và Đào tạo" in html
    assert re.search(r'href="\.\./\.\./van-ban/kh-104-ubnd-thai-nguyen-2022/#muc-[0-9-]+"', html)
    assert "Được giao" in html


def test_requested_duties_are_told_apart(site: Path):
    html = _text(site, "co-quan/ubmttq-huyen-kbang/index.html")
    assert "Được đề nghị" in html


def test_indicator_page_has_chart_and_table(site: Path):
    html = _text(site, "chi-so/nang-luc-thong-tin/index.html")
    chart = html[html.index('<figure class="xhht-chart">'):]
    svg = chart[:chart.index("</svg>")]
    assert "<title" in svg and "<desc" in svg
    assert "tỉnh Thái Nguyên" in html and "Việt Nam" in html
    assert "#thai-nguyen-2022-nang-luc-thong-tin-2025" in html


def test_document_index_has_static_filters(site: Path):
    html = _text(site, "van-ban/index.html")
    for href in ("loai/cong-van/", "cap/ban-chi-dao/", "nam/2024/", "dia-ban/tinh-thai-nguyen/"):
        assert href in html
    filtered = _text(site, "van-ban/loai/cong-van/index.html")
    assert "1132/UBND-VX" in filtered and "104/KH-UBND" not in filtered


def _resource_page(site: Path, url: str) -> tuple[list[tuple[str, str, str]], set[str]]:
    """The finder's chips (class, href, text) and the resource cards of a resource listing page."""
    html = _text(site, url + "index.html")
    finder = html[html.index('<nav class="xhht-filters xhht-finder"'):html.index("</nav>", html.index("xhht-finder"))]
    chips = [(m.group(1) or m.group(4), m.group(2) or "", re.sub(r"<[^>]+>", "", m.group(3) or m.group(5)))
             for m in re.finditer(r'<a class="(xhht-chip[^"]*)" href="([^"]*)">(.*?)</a>|<(?:strong|span) class="('
                                  r'xhht-chip[^"]*)"[^>]*>(.*?)</(?:strong|span)>', finder)]
    cards = set(re.findall(r'<h2 class="xhht-card-title"><a href="[^"]*?([a-z0-9-]+)/">', html))
    return chips, cards


def _facet_codes(resource: dict) -> set[tuple[str, str]]:
    fields = {"chu-de": "topics", "doi-tuong": "audiences", "hinh-thuc": "formats", "chi-phi": "cost",
              "ngon-ngu": "languages"}
    out = set()
    for segment, field in fields.items():
        value = resource.get(field) or []
        out |= {(segment, v) for v in ([value] if isinstance(value, str) else value)}
    return out


def test_resource_finder_combines_facets_with_counts_in_context(site: Path):
    """Every resource listing page lists exactly the resources with all its choices; every chip leads to a page
    listing as many resources as it says; choosing "Miễn phí" on "Ngoại ngữ" keeps "Ngoại ngữ"."""
    import yaml

    resources = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                 for p in sorted((REPO / "content" / "resources").glob("*.yml"))}
    pages = sorted(str(p.parent.relative_to(site)) + "/" for p in (site / "hoc-lieu").rglob("index.html")
                   if not (p.parent.name in resources and p.parent.parent.name == "hoc-lieu"))
    assert len(pages) > 100
    for url in pages:
        parts = url.split("/")[1:-1]
        choices = set(zip(parts[0::2], parts[1::2]))
        chips, cards = _resource_page(site, url)
        assert cards == {r for r, data in resources.items() if choices <= _facet_codes(data)}, url
        for cls, href, text in chips:
            if not href or "xhht-chip--on" in cls:
                continue
            target = (Path(site / url) / href).resolve().relative_to(site.resolve())
            if text == "Bỏ tất cả":
                assert str(target) == "hoc-lieu"
                continue
            count = int(re.search(r"\((\d+)\)$", text).group(1))
            assert len(_resource_page(site, str(target) + "/")[1]) == count, (url, text)
    language = dict((t, h) for _, h, t in _resource_page(site, "hoc-lieu/chu-de/ngoai-ngu/")[0])
    assert language["Miễn phí (2)"].endswith("/hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/")
    chosen = _resource_page(site, "hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/")[0]
    assert [t for c, h, t in chosen if h and "xhht-chip--on" in c] == ["Bỏ lọc Chủ đề: Ngoại ngữ ✕",
                                                                          "Bỏ lọc Chi phí: Miễn phí ✕"]


def test_illustrative_examples_are_labelled(site: Path):
    pages = sorted((site / "guong-dien-hinh").glob("*/index.html"))
    assert pages
    for page in pages:
        assert "Ví dụ minh họa" in page.read_text(encoding="utf-8")


def test_social_and_structured_metadata(site: Path):
    html = _text(site, TN)
    assert '<meta property="og:url" content="https://cong-thong-tin.example/xhht/van-ban/kh-104-ubnd-thai-nguyen-2022/"' in html
    assert '<meta name="description"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Legislation" and data["legislationIdentifier"] == "104/KH-UBND"
    assert data["legislationDate"] == "2022-07-04"


def test_downloads_are_published_and_documented(site: Path):
    for name in ("documents", "targets", "resources", "examples"):
        assert (site / f"data/{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert json.loads((site / f"data/{name}.json").read_text(encoding="utf-8"))["rows"]
    assert "targets.csv" in _text(site, "du-lieu/index.html")


def test_menu_does_not_grow_with_content(site: Path):
    """Every page carries the same fixed menu: no link to every record."""
    menus = set()
    for page in ("index.html", TN, "co-quan/so-gddt-thai-nguyen/index.html", "hoc-lieu/index.html"):
        html = _text(site, page)
        tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S).group(0)
        menus.add(len(re.findall(r"<a ", tabs)))
    assert menus == {10}  # the nine sections and "Sắp đến hạn" (issue 12), whatever the content


def test_untrusted_text_is_escaped(base_tree: Path, tmp_path: Path):
    plan = base_tree / "plans" / "kh-2-ubnd-mau-2022.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title: Thực hiện Đề án mẫu trên địa bàn tỉnh Mẫu", 'title: "<script>alert(1)</script> *đậm* [x](javascript:alert(1))"'),
        encoding="utf-8")
    assert build(base_tree).ok
    html = (base_tree / "site/van-ban/kh-2-ubnd-mau-2022/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and "<em>đậm</em>" not in html


def test_aliases_leave_redirects(base_tree: Path):
    plan = base_tree / "plans" / "kh-2-ubnd-mau-2022.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: kh-2-ubnd-mau-2022\n",
                                                             "id: kh-2-ubnd-mau-2022\naliases: [kh-2-cu]\n"), encoding="utf-8")
    assert build(base_tree).ok
    redirect = (base_tree / "site/van-ban/kh-2-cu/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../van-ban/kh-2-ubnd-mau-2022/"' in redirect
    assert broken_links(base_tree / "site") == []


def test_failed_build_keeps_the_previous_site(base_tree: Path, capsys):
    assert main(["build", "--root", str(base_tree)]) == 0
    before = {p.relative_to(base_tree): p.read_bytes() for p in (base_tree / "site").rglob("*") if p.is_file()}
    (base_tree / "plans" / "kh-2-ubnd-mau-2022.yml").write_text("id: [broken\n", encoding="utf-8")
    assert main(["build", "--root", str(base_tree)]) == 1
    after = {p.relative_to(base_tree): p.read_bytes() for p in (base_tree / "site").rglob("*") if p.is_file()}
    assert after == before
    assert "lỗi cú pháp YAML" in capsys.readouterr().out


def test_two_builds_are_byte_identical(base_tree: Path, tmp_path: Path):
    assert build(base_tree, tmp_path / "one").ok and build(base_tree, tmp_path / "two").ok
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two


def test_examples_by_title_year_and_place(site: Path):
    html = _text(site, "guong-dien-hinh/index.html")
    for href in ("danh-hieu/gia-dinh-hoc-tap/", "nam/2023/", "dia-ban/tinh-thai-nguyen/"):
        assert href in html
    families = _text(site, "guong-dien-hinh/danh-hieu/gia-dinh-hoc-tap/index.html")
    assert "Gia đình học tập" in families and "Dòng họ học tập" not in families.split("<table")[1]


def test_links_leaving_the_site_carry_noopener_noreferrer(site: Path):
    leaving = 0
    for page in site.rglob("*.html"):
        for tag in re.findall(r"<a\s[^>]*href=\"(?:https?:)?//[^\"]*\"[^>]*>", page.read_text(encoding="utf-8")):
            leaving += 1
            rel = re.search(r'rel="([^"]*)"', tag)
            assert rel and {"noopener", "noreferrer"} <= set(rel.group(1).split()), (page, tag)
    assert leaving > 40


def test_every_page_carries_a_content_security_policy(site: Path):
    for page in site.rglob("*.html"):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert 'http-equiv="Content-Security-Policy"' in head, page
        assert "'unsafe-inline'" not in head and "'unsafe-eval'" not in head


def test_schemas_are_published_for_editors(site: Path):
    assert json.loads((site / "schema/document.schema.json").read_text(encoding="utf-8"))["$id"] == "document.schema.json"


def test_source_date_epoch_sets_the_dates_the_build_writes(base_tree: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    assert build(base_tree, tmp_path / "a", site_url="https://cong-thong-tin.example/xhht/").ok
    assert "<lastmod>2023-11-14</lastmod>" in (tmp_path / "a/sitemap.xml").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    assert build(base_tree, tmp_path / "b", site_url="https://cong-thong-tin.example/xhht/").ok
    assert "<lastmod>2027-01-15</lastmod>" in (tmp_path / "b/sitemap.xml").read_text(encoding="utf-8")


def test_a_reference_record_with_a_real_number_never_says_it_has_none(site: Path):
    """Issue 9: Luật Tổ chức Chính phủ 2015 has a number, which the citing texts do not give: "Chưa rõ", not
    "Văn bản không ghi số"; the same for QĐ 1373's unconfirmed signer."""
    html = _text(site, "van-ban/luat-to-chuc-chinh-phu-2015/index.html")
    assert "<dt>Số hiệu</dt><dd>Chưa rõ</dd>" in html and "không ghi số" not in html
    assert "<dt>Người ký</dt><dd>Chưa rõ</dd>" in _text(site, "van-ban/qd-1373-ttg-2021/index.html")


def test_not_found_page_finds_the_site_root_under_every_section(site: Path):
    """Without a configured address, 404.html finds the site's root in the missing address by the first of the
    site's top-level folders it contains: every folder a build writes must be in that list, or a missing page
    under it loads its styles from the wrong place."""
    script = (REPO / "theme" / "overrides" / "main.html").read_text(encoding="utf-8")
    listed = set(re.search(r"s=\[([^\]]*)\]", script).group(1).replace('"', "").split(","))
    folders = {p.name + "/" for p in site.iterdir() if p.is_dir()}
    assert folders <= listed, sorted(folders - listed)
    assert "sap-den-han/" in _text(site, "404.html")

