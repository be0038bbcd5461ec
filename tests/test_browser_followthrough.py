"""Follow-through in a real browser (Debian's Chromium), on the fixture where a report judges three targets of a
plan (tests/fixtures/followthrough), served under a sub-path as on a portal.

A resident reads each target's status beside its result on the plan, indicator, locality and body pages; a
press office finds the deadline on "Sắp đến hạn" and downloads the calendar; a feed reader finds the feeds
in the page's head. Every page: no console error, no failed request, no policy violation, no serious axe
violation.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.browser import (ALL_IMPACTS, WCAG22_AA, browser, csp_violations, format_violations, open_page, run_axe,
                           scrolled_into_view, serve)
from tests.followthrough_site import PLAN, REPORT, build_site, make_tree


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = make_tree(tmp_path_factory.mktemp("ft-browser") / "repo")
    with serve(build_site(root, root.parent / "site"), prefix="/xhht/") as url:
        yield url


def _clean(page) -> None:
    assert page.response is not None and page.response.status == 200
    assert page.console_errors == [] and page.page_errors == [] and page.failed_requests == []
    assert csp_violations(page) == []
    violations = run_axe(page, impacts=ALL_IMPACTS, tags=WCAG22_AA)
    assert violations == [], format_violations(violations)


#: Each page a reader reaches and the status words it must show beside the results.
STATUS_PAGES = {
    f"van-ban/{PLAN}/": ["vượt", "chưa đạt", "đạt"],
    "chi-so/gia-dinh-hoc-tap/": ["vượt", "chưa có báo cáo"],
    "chi-so/ty-le-mu-chu/": ["chưa đạt"],
    "dia-ban/tinh-mau/": ["vượt", "chưa đạt", "đạt", "chưa có báo cáo"],
    "co-quan/ubnd-tinh-mau/": ["vượt", "chưa đạt", "đạt", "chưa có báo cáo"],
}


@pytest.mark.parametrize("path", sorted(STATUS_PAGES))
def test_each_page_shows_the_targets_status_beside_its_result(chromium, base: str, path: str):
    with closing(open_page(chromium, base + path)) as page:
        _clean(page)
        statuses = page.locator(".xhht-status").all_inner_texts()
        for word in STATUS_PAGES[path]:
            assert word in statuses, (word, statuses)
        results = " ".join(page.locator(".xhht-result").all_inner_texts())
        assert "Kết quả năm 2025:" in results and "theo Báo cáo 8/BC-UBND" in results


def test_the_plans_row_reads_status_result_and_report(chromium, base: str):
    with closing(open_page(chromium, f"{base}van-ban/{PLAN}/#mau-7-gdht-2025")) as page:
        assert scrolled_into_view(page, "tr[id='mau-7-gdht-2025']")
        row = page.inner_text("tr[id='mau-7-gdht-2025']")
        assert "vượt" in row and "Kết quả năm 2025: 92%, theo Báo cáo 8/BC-UBND" in row
        assert "năm 2024: 88%" in row
        page.click("tr[id='mau-7-gdht-2025'] .xhht-result:not(.xhht-result-other) a")
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/xhht/van-ban/{REPORT}/#muc-1-1")
        assert "92% hộ gia đình" in page.inner_text("[id='muc-1-1']")


def test_the_plan_says_its_standing_and_when_it_last_changed(chromium, base: str):
    with closing(open_page(chromium, f"{base}van-ban/{PLAN}/")) as page:
        box = page.inner_text("dl.xhht-meta")
        assert "Hết thời hạn thực hiện" in box
        assert page.inner_text(".xhht-updated") == "Cập nhật lần cuối: 16/01/2026"
        page.click("summary:has-text('Lịch sử cập nhật')")
        history = page.inner_text(".xhht-history-list ol")
        assert "16/01/2026: Sửa trích yếu kế hoạch 7/KH-UBND theo bản gốc" in history


def test_deadlines_page_lists_the_deadline_and_offers_the_calendars(chromium, base: str):
    with closing(open_page(chromium, base)) as page:
        page.click("nav.md-tabs a:has-text('Sắp đến hạn')")
        page.wait_for_load_state("load")
        assert page.url.endswith("/xhht/sap-den-han/")
        _clean(page)
        by_date = page.inner_text("table.xhht-deadline-table >> nth=1")
        assert "15/12/2023" in by_date and "lặp lại hằng năm" in by_date
        assert "Báo cáo kết quả thực hiện Kế hoạch hằng năm" in by_date
        text = page.inner_text("article")
        assert "tháng 6/2025" in text and "chỉ ghi tháng" in text  # known to the month: said so, no day made up
        link = page.locator("a:has-text('lịch thời hạn của tất cả văn bản')")
        calendar = Calendar.from_ical(page.request.get(link.evaluate("a => a.href")).body())
        assert "Báo cáo kết quả thực hiện Kế hoạch hằng năm" in [str(e["summary"]) for e in calendar.walk("VEVENT")]
        body = page.locator("a:has-text('Lịch thời hạn của Sở Giáo dục và Đào tạo tỉnh Mẫu')")
        own = Calendar.from_ical(page.request.get(body.evaluate("a => a.href")).body())
        assert len(own.walk("VEVENT")) == 2
        page.click(f"a[href$='van-ban/{PLAN}/#thoi-han'] >> nth=0")
        page.wait_for_load_state("load")
        assert scrolled_into_view(page, "[id='thoi-han']")


def test_feeds_are_linked_from_the_head_and_load(chromium, base: str):
    with closing(open_page(chromium, f"{base}dia-ban/tinh-mau/")) as page:
        _clean(page)
        feeds = page.evaluate("""() => [...document.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')]
                                  .map(l => [l.title, l.href])""")
        assert [title for title, _ in feeds] == ["Văn bản mới và cập nhật", "Văn bản của tỉnh Mẫu"]
        for _, href in feeds:
            response = page.request.get(href)
            assert response.status == 200 and b"<feed xmlns=\"http://www.w3.org/2005/Atom\"" in response.body()
        assert "Kế hoạch 7/KH-UBND" in page.request.get(feeds[1][1]).text()


def test_document_listing_filters_by_standing(chromium, base: str):
    with closing(open_page(chromium, f"{base}van-ban/")) as page:
        _clean(page)
        page.click("summary:has-text('Lọc văn bản')")
        page.click("a:has-text('Hết thời hạn thực hiện')")
        page.wait_for_load_state("load")
        assert "/xhht/van-ban/hieu-luc/het-thoi-han/" in page.url
        table = page.inner_text("table")
        assert "7/KH-UBND" in table and "8/BC-UBND" not in table
