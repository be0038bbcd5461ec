"""Layout on a phone and a desktop: every page type of the built bundled site at 320, 375 and 1280 px.

What a resident on a small phone or a journalist on a desktop would notice (measured by tests/layout.py):
no word broken inside a syllable ("đơ n vị hàn h"), no document number or date split over two lines
("1315/Q|Đ-TTg"), nothing scrolling sideways, and no table taller than a budget of screens for its rows
(the Thái Nguyên plan's 27 targets were 16,732 px, 25 screens, at 375 px before tables became cards).

Each page type is represented by its largest page (the most rows, the longest names), plus the Thái Nguyên
plan and province named by issue 10. `python -m tests.layout site/` prints the same figures for every page.
"""

from __future__ import annotations

import math
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.browser import browser, serve
from tests.layout import VIEWPORTS, Layout, measure, site_pages

#: Pages issue 10 measured, always included.
NAMED = ["van-ban/kh-104-ubnd-thai-nguyen-2022/", "dia-ban/tinh-thai-nguyen/"]

#: Screens a table may take per row at each width, plus one screen for its head and the page around it.
#: A target card at 375 px is about 220 px (words, scope, value, year, indicator, status): a third of a screen.
SCREENS_PER_ROW = {320: 0.5, 375: 0.4, 1280: 0.3}


def page_type(url: str) -> str:
    """A page's type by the shape of its address: `van-ban/*/`, `van-ban/loai/*/`, `chi-so/`, ..."""
    parts = [p for p in url.split("/") if p]
    if not parts:
        return "home"
    if len(parts) == 1:
        return parts[0] + "/"
    if parts[-1].isdigit() and int(parts[-1]) < 1000:  # a further page of a listing (not a year)
        return page_type("/".join(parts[:-1]) + "/") + "N/"
    if len(parts) >= 5 and len(parts) % 2 == 1:  # a listing filtered by several facets (the resource finder)
        return f"{parts[0]}/<facets>/"
    return "/".join(parts[:1] + parts[1:-1] + ["*"]) + "/"


def representatives(site: Path) -> list[str]:
    """The largest page of every page type, and the named ones."""
    largest: dict[str, tuple[int, str]] = {}
    for url in site_pages(site):
        size = (site / url / "index.html").stat().st_size
        kind = page_type(url)
        if kind not in largest or size > largest[kind][0]:
            largest[kind] = (size, url)
    return sorted({url for _, url in largest.values()} | set(NAMED))


def budget(rows: int, width: int) -> float:
    return math.ceil(rows * SCREENS_PER_ROW[width]) + 1


@pytest.fixture(scope="module")
def measured(built_site: Path) -> dict[int, list[Layout]]:
    pages = representatives(built_site)
    out: dict[int, list[Layout]] = {}
    with browser() as chromium, serve(built_site) as base:
        for width, height in VIEWPORTS.items():
            context = chromium.new_context(viewport={"width": width, "height": height})
            with closing(context.new_page()) as page:
                out[width] = [measure(page, base + url, width) for url in pages]
            context.close()
    for width, layouts in out.items():
        tallest = max(((t["height"], l.url) for l in layouts for t in l.tables), default=(0, ""))
        print(f"{width} px: {len(layouts)} pages, {sum(len(l.broken) for l in layouts)} broken words, "
              f"{sum(len(l.split) for l in layouts)} split codes, tallest table {tallest[0]} px ({tallest[1]})")
    return out


def test_page_types_are_covered(built_site: Path):
    kinds = {page_type(url) for url in representatives(built_site)}
    for kind in ("home", "van-ban/", "van-ban/*/", "van-ban/loai/*/", "co-quan/*/", "dia-ban/*/", "chi-so/",
                 "chi-so/*/", "hoc-lieu/", "hoc-lieu/*/", "guong-dien-hinh/", "guong-dien-hinh/*/", "du-lieu/"):
        assert kind in kinds


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_no_word_is_broken_inside_a_syllable(measured, width: int):
    broken = {l.url.split("/xhht/")[1]: l.broken[:5] for l in measured[width] if l.broken}
    assert broken == {}


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_document_numbers_and_dates_stay_on_one_line(measured, width: int):
    split = {l.url.split("/xhht/")[1]: l.split[:5] for l in measured[width] if l.split}
    assert split == {}


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_nothing_scrolls_sideways(measured, width: int):
    overflowing = {l.url.split("/xhht/")[1]: (l.page_overflow, l.boxes[:3]) for l in measured[width]
                   if l.page_overflow or l.boxes}
    assert overflowing == {}


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_tables_stay_within_their_budget_of_screens(measured, width: int):
    over = [(l.url.split("/xhht/")[1], t["rows"], t["screens"]) for l in measured[width] for t in l.tables
            if t["screens"] > budget(t["rows"], width)]
    assert over == []


def test_the_plan_targets_are_cards_on_a_phone(measured):
    """The Thái Nguyên plan's 27 targets: 16,732 px at 375 px as a table, now cards of about a third of a screen."""
    plan = next(l for l in measured[375] if l.url.endswith(NAMED[0]))
    targets = next(t for t in plan.tables if "xhht-targets" in t["cls"])
    assert targets["rows"] == 27
    assert targets["height"] < 27 * 300


@contextmanager
def _plan_with_clipboard(site: Path, width: int, height: int) -> Iterator[Any]:
    """The Thái Nguyên plan in a page of that size that may use the clipboard (the copy controls need it)."""
    with browser() as chromium, serve(site) as base:
        context = chromium.new_context(viewport={"width": width, "height": height})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.split("/xhht/")[0])
        try:
            page = context.new_page()
            page.goto(base + NAMED[0], wait_until="load")
            yield page
        finally:
            context.close()


def test_copied_message_reads_on_one_line(built_site: Path):
    """After a copy-link click on a phone, "Đã sao chép" shows on one line beside the control."""
    with _plan_with_clipboard(built_site, 320, 568) as page:
        link = page.locator("table.xhht-targets tr[id] a.xhht-anchor").first
        link.click()
        page.wait_for_function("() => document.querySelector('a.xhht-copied') !== null")
        box = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('a.xhht-copied'), '::after');
            return {content: s.content, width: parseFloat(s.width), height: parseFloat(s.height)}; }""")
        assert "Đã sao chép" in box["content"]
        assert box["width"] > 60 and box["height"] < 40  # one line, not one letter a line


CHART_FONT_JS = """() => [...document.querySelectorAll('figure.xhht-chart svg')].filter(s => s.checkVisibility()).map(s => {
  const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
  return {cls: s.getAttribute('class'), px: parseFloat(s.getAttribute('font-size')) * scale,
          height: s.getBoundingClientRect().height};
})"""


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_chart_text_reads_at_its_size_at_every_width(built_site: Path, width: int):
    """Chart text was 26 px at 1280 px (larger than headings) and 9.6 px at 375 px; one drawing is shown, its text
    between 12 and 19 CSS px; a chart of a single year is small."""
    pages = {"chi-so/nang-luc-thong-tin/": False}
    single = sorted(url for url in site_pages(built_site) if url.startswith("chi-so/")
                    and 'xhht-chart-compact' in (built_site / url / "index.html").read_text(encoding="utf-8"))
    assert single
    pages[single[0]] = True
    with browser() as chromium, serve(built_site) as base:
        context = chromium.new_context(viewport={"width": width, "height": VIEWPORTS[width]})
        try:
            page = context.new_page()
            for url, compact in pages.items():
                page.goto(base + url, wait_until="load")
                charts = page.evaluate(CHART_FONT_JS)
                assert len(charts) == 1, (url, charts)
                assert 12 <= charts[0]["px"] <= 19, (url, charts)
                if compact:
                    assert charts[0]["height"] < 300, (url, charts)
        finally:
            context.close()


def test_citation_copy_button_copies_the_full_citation(built_site: Path):
    with _plan_with_clipboard(built_site, 375, 667) as page:
        button = page.get_by_role("button", name="Sao chép trích dẫn")
        button.click()
        page.wait_for_function("() => document.querySelector('button.xhht-copy').textContent.includes('Đã sao chép')")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên thực hiện Đề án")


def test_phone_drawer_lists_the_plan_outline(built_site: Path):
    """On a phone the sidebar is a drawer: "Mục lục" in it opens the plan's sections and items, and one of them
    takes the reader there. A menu page (the about page) keeps Material's own entry, not a second one."""
    with browser() as chromium, serve(built_site) as base:
        context = chromium.new_context(viewport={"width": 375, "height": 800})
        try:
            page = context.new_page()
            page.goto(base + NAMED[0], wait_until="load")
            page.locator(".md-header label[for='__drawer']").click()
            toc = page.locator(".md-nav--primary .xhht-drawer-toc > label[for='__toc']")
            assert toc.inner_text().strip() == "Mục lục"
            toc.click()
            target = page.locator(".md-nav--primary .md-nav--secondary a", has_text="2. Mục tiêu cụ thể").first
            target.wait_for(state="visible")
            href = target.get_attribute("href")
            target.click()
            page.wait_for_url("**" + href)
            heading = page.locator(href).first
            heading.wait_for(state="visible")
            assert "Mục tiêu cụ thể" in heading.inner_text()
            box = heading.bounding_box()
            assert box is not None and 0 <= box["y"] < 800
            page.goto(base + "gioi-thieu/", wait_until="load")
            assert page.locator(".md-nav--primary .xhht-drawer-toc").count() == 0
        finally:
            context.close()
