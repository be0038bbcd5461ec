"""The built site in a real browser (Debian's Chromium), served under a sub-path as on a portal.

Each page a reader or a press office reaches first: no console error, no
failed request, no serious accessibility violation (axe-core), and a target
link lands on its row.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from tests.browser import (ALL_IMPACTS, WCAG22_AA, browser, csp_violations, format_violations, open_page, run_axe,
                           scrolled_into_view, serve)

PAGES = [
    "",
    "van-ban/kh-104-ubnd-thai-nguyen-2022/",
    "van-ban/",
    "chi-so/nang-luc-thong-tin/",
    "co-quan/so-gddt-thai-nguyen/",
    "dia-ban/tinh-thai-nguyen/",
    "hoc-lieu/chu-de/ky-nang-so/",
    "hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/",
    "guong-dien-hinh/",
]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def base(built_site: Path):
    with serve(built_site, prefix="/xhht/") as url:
        yield url


def _example_page(site: Path) -> str:
    return sorted(p.parent.name for p in (site / "guong-dien-hinh").glob("*/index.html"))[0]


@pytest.mark.parametrize("path", PAGES + ["EXAMPLE"])
def test_page_loads_cleanly_and_is_accessible(chromium, base: str, built_site: Path, path: str):
    if path == "EXAMPLE":
        path = f"guong-dien-hinh/{_example_page(built_site)}/"
    with closing(open_page(chromium, base + path)) as page:
        assert page.response is not None and page.response.status == 200
        assert page.console_errors == [] and page.page_errors == []
        assert page.failed_requests == []
        assert "Content-Security-Policy" in page.content()
        assert csp_violations(page) == []
        violations = run_axe(page, impacts=ALL_IMPACTS, tags=WCAG22_AA)
        assert violations == [], format_violations(violations)


def test_target_link_scrolls_to_its_row(chromium, base: str):
    target = "thai-nguyen-2022-nang-luc-thong-tin-2030"
    with closing(open_page(chromium, f"{base}van-ban/kh-104-ubnd-thai-nguyen-2022/#{target}")) as page:
        assert scrolled_into_view(page, f"tr[id='{target}']")
        assert "70%" in page.inner_text(f"tr[id='{target}']")


def test_indicator_table_links_to_the_target_row(chromium, base: str):
    with closing(open_page(chromium, f"{base}chi-so/nang-luc-thong-tin/")) as page:
        page.click("a[href$='#thai-nguyen-2022-nang-luc-thong-tin-2025']")
        page.wait_for_load_state("load")
        assert page.url.endswith("/xhht/van-ban/kh-104-ubnd-thai-nguyen-2022/#thai-nguyen-2022-nang-luc-thong-tin-2025")
        assert scrolled_into_view(page, "tr[id='thai-nguyen-2022-nang-luc-thong-tin-2025']")


def test_document_filters_work_without_javascript(chromium, base: str):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}van-ban/", wait_until="load")
        page.click("summary:has-text('Lọc văn bản')")
        page.click("a:has-text('Công văn')")
        assert "/xhht/van-ban/loai/cong-van/" in page.url
        assert "1132/UBND-VX" in page.inner_text("table")
    finally:
        context.close()


def test_copy_link_control_copies_the_permanent_address(chromium, base: str):
    """A press officer clicks "#" beside a target and gets its address on the clipboard."""
    origin = base.split("/xhht/")[0]
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    try:
        page = context.new_page()
        page.goto(f"{base}van-ban/kh-104-ubnd-thai-nguyen-2022/", wait_until="load")
        target = "thai-nguyen-2022-nang-luc-thong-tin-2025"
        page.click(f"tr[id='{target}'] a.xhht-anchor")
        page.wait_for_function("() => document.querySelector('a.xhht-copied') !== null")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == f"{base}van-ban/kh-104-ubnd-thai-nguyen-2022/#{target}"
    finally:
        context.close()


# --- the shapes of real documents (tests/fixtures/shapes/, issue 9) ---------------------------------

@pytest.fixture(scope="module")
def shapes_base(tmp_path_factory):
    from tests.shapes import build_shapes

    site = build_shapes(tmp_path_factory.mktemp("shapes-browser") / "repo")
    with serve(site, prefix="/xhht/") as url:
        yield url


SHAPE_PAGES = {
    # a decision issuing a plan: the plan under the heading for what it issues
    "van-ban/qd-12-ubnd-mau-2024/": ["Văn bản ban hành kèm theo", "Thẩm quyền ban hành"],
    # the plan: which decision issues it, and what it itself does not print
    "van-ban/kh-ubnd-mau-2024/": ["Ban hành kèm theo Quyết định số 12/QĐ-UBND", "Không ghi (văn bản không có số)"],
    # known only from the press: unknown is "chưa rõ", never "không ghi"
    "van-ban/kh-ubnd-mau-2021/": ["Chưa rõ", "tháng 12/2021 (chưa rõ ngày)", "không phải nguyên văn"],
    "van-ban/kh-31-ubnd-mau-2023/": ["Bản nguồn bị cắt tại đây", "Văn bản này đã được thay thế bởi"],
    "co-quan/so-gddt-tinh-mau/": ["Cơ quan thường trực", "Phối hợp"],
}


@pytest.mark.parametrize("path", sorted(SHAPE_PAGES))
def test_document_shapes_read_right_in_the_browser(chromium, shapes_base: str, path: str):
    with closing(open_page(chromium, shapes_base + path)) as page:
        assert page.response is not None and page.response.status == 200
        assert page.console_errors == [] and page.page_errors == [] and page.failed_requests == []
        text = page.inner_text("article")
        for words in SHAPE_PAGES[path]:
            assert words in text, words
        assert csp_violations(page) == []
        violations = run_axe(page, impacts=ALL_IMPACTS, tags=WCAG22_AA)
        assert violations == [], format_violations(violations)


def test_the_plan_links_back_to_the_decision_that_issues_it(chromium, shapes_base: str):
    with closing(open_page(chromium, shapes_base + "van-ban/kh-ubnd-mau-2024/")) as page:
        page.click("p.xhht-note a:has-text('Quyết định số 12/QĐ-UBND')")
        page.wait_for_load_state("load")
        assert page.url.endswith("/xhht/van-ban/qd-12-ubnd-mau-2024/")
        assert "Kế hoạch ngày 05/3/2024 của UBND tỉnh Mẫu" in page.inner_text("#quan-he + h3 + ul")


def test_resource_finder_narrows_twice_without_javascript(chromium, base: str):
    """On a phone with JavaScript off, "Ngoại ngữ" then "Miễn phí" lists the free language resources, both choices
    stay shown, and removing the topic keeps the cost."""
    context = chromium.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "hoc-lieu/")
        finder = page.locator("nav.xhht-finder")
        finder.get_by_role("link", name="Ngoại ngữ (3)").click()
        page.wait_for_url("**/hoc-lieu/chu-de/ngoai-ngu/")
        finder.get_by_role("link", name="Miễn phí (2)").click()
        page.wait_for_url("**/hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/")
        assert page.locator("h1").inner_text() == "Học liệu mở — Chủ đề: Ngoại ngữ; Chi phí: Miễn phí"
        cards = page.locator(".xhht-card-title").all_inner_texts()
        assert sorted(cards) == ["BBC Learning English", "LearnEnglish Kids"]
        chosen = finder.locator(".xhht-chosen a.xhht-chip--on")
        assert [" ".join(t.split()) for t in chosen.all_inner_texts()] == ["Bỏ lọc Chủ đề: Ngoại ngữ ✕",
                                                                          "Bỏ lọc Chi phí: Miễn phí ✕"]
        for chip in finder.locator(".xhht-chip").all():
            box = chip.bounding_box()
            assert box is not None and box["height"] >= 24, chip.inner_text()
        page.get_by_role("link", name="2 học liệu", exact=True).click()  # past the filters, to the results
        page.wait_for_url("**#xhht-ket-qua")
        # Measured through the DevTools protocol, not page.evaluate: with JavaScript off the page's own world
        # may never answer an evaluation (it hung a test run under load).
        box = page.locator("#xhht-ket-qua .xhht-card-title").first.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 800
        chosen.first.click()
        page.wait_for_url("**/hoc-lieu/chi-phi/mien-phi/")
    finally:
        context.close()
