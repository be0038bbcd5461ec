"""What a reader sees of the follow-through, in the built HTML (the browser tests see the same in Chromium):
statuses worded exactly as the model says them, reasons where a result cannot be compared, standings in the
metadata box, listings and their filter, last change and history from git (and the fallback without),
the plan's JSON-LD results, the data page's dates, feeds in the head, and byte-identical rebuilds."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.followthrough_site import EDIT, FIRST, PLAN, REPORT, build_site, git, make_tree


def _text(site: Path, page: str) -> str:
    """The article's text as a reader reads it (tags out, white space collapsed)."""
    body = (site / page / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", body, re.S).group(0)
    return _words(article)


def _words(markup: str) -> str:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())
    return re.sub(r" ([,.:;)])", r"\1", text)


def _row(site: Path, page: str, target: str) -> str:
    body = (site / page / "index.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr id="{target}".*?</tr>', body, re.S).group(0)
    return _words(row)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_tree(tmp_path_factory.mktemp("ft-pages") / "repo")
    return build_site(root, root.parent / "site", site_url="https://x.example/xhht/")


def test_the_plan_shows_each_targets_status_and_result(site: Path):
    page = f"van-ban/{PLAN}/"
    assert _row(site, page, "mau-7-gdht-2025").count("vượt") == 1
    assert "Kết quả năm 2025: 92%, theo Báo cáo 8/BC-UBND" in _row(site, page, "mau-7-gdht-2025")
    assert "năm 2024: 88%" in _row(site, page, "mau-7-gdht-2025")  # shown, judges nothing
    assert "chưa đạt Kết quả năm 2025: 6%" in _row(site, page, "mau-7-mu-chu-2025")
    assert " đạt Kết quả năm 2025: đạt" in _row(site, page, "mau-7-tinh-hoc-tap-2025")
    body = (site / page / "index.html").read_text(encoding="utf-8")
    assert f'href="../../van-ban/{REPORT}/#muc-1-1"' in body  # the report's own paragraph


def test_a_target_without_a_report_says_so(site: Path):
    assert "chưa có báo cáo" in _row(site, "van-ban/kh-2-ubnd-mau-2022/", "mau-2022-gdht-2025")


def test_indicator_locality_and_body_pages_show_the_status(site: Path):
    indicator = _text(site, "chi-so/gia-dinh-hoc-tap/")
    assert "vượt Kết quả năm 2025: 92%" in indicator and "chưa có báo cáo" in indicator
    for page in ("dia-ban/tinh-mau/", "co-quan/ubnd-tinh-mau/"):
        text = _text(site, page)
        assert "Chỉ tiêu và kết quả thực hiện" in text
        assert "vượt Kết quả năm 2025: 92%" in text and "chưa đạt Kết quả năm 2025: 6%" in text, page


def test_a_result_of_another_scope_is_not_compared_and_says_why(tmp_path: Path):
    root = make_tree(tmp_path / "repo", history=False)
    report = root / "plans" / f"{REPORT}.yml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "          - target: mau-7-mu-chu-2025\n            year: 2025\n            value: 6\n",
        "          - target: mau-7-mu-chu-2025\n            year: 2025\n            value: 6\n"
        "            scope: các huyện miền núi\n"), encoding="utf-8")
    site = build_site(root, tmp_path / "site")
    row = _row(site, f"van-ban/{PLAN}/", "mau-7-mu-chu-2025")
    assert "không so sánh được (kết quả báo cáo cho phạm vi khác (các huyện miền núi))" in row
    assert "chưa đạt" not in row


def test_standing_in_the_metadata_box_in_listings_and_as_a_filter(site: Path):
    # The content's date is the last commit's (2026): the 2023-2025 plan has run its course.
    assert "Tình trạng Hết thời hạn thực hiện (giai đoạn thực hiện kết thúc năm 2025)" in _text(site, f"van-ban/{PLAN}/")
    listing = _text(site, "van-ban/")
    assert "Tình trạng" in listing and "hết thời hạn thực hiện" in listing
    filtered = _text(site, "van-ban/hieu-luc/het-thoi-han/")
    assert "7/KH-UBND" in filtered and "8/BC-UBND" not in filtered


def test_last_change_and_history_come_from_git(site: Path):
    text = _text(site, f"van-ban/{PLAN}/")
    assert "Cập nhật lần cuối: 16/01/2026" in text
    assert f"16/01/2026: {EDIT[1]}" in text and f"22/12/2025: {FIRST[1]}" in text
    assert "Cập nhật lần cuối: 22/12/2025" in _text(site, f"van-ban/{REPORT}/")


def test_without_git_the_page_says_the_date_is_not_known(tmp_path: Path):
    site = build_site(make_tree(tmp_path / "repo", history=False), tmp_path / "site")
    assert "Cập nhật lần cuối: chưa rõ (bản ghi này chưa có lịch sử thay đổi trong kho dữ liệu)" in _text(
        site, f"van-ban/{PLAN}/")
    assert "Chưa rõ ngày thay đổi lần cuối" in _text(site, "du-lieu/")


def test_only_the_public_note_of_a_commit_is_published(tmp_path: Path):
    """A commit message speaks to the repository's keepers; without a Cong-khai trailer the page and the feed say
    only that the content changed."""
    root = make_tree(tmp_path / "repo")
    plan = root / "plans" / f"{PLAN}.yml"
    plan.write_text(plan.read_text(encoding="utf-8") + "notes: [Ghi chú.]\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Fix YAML indentation (internal)\n\nSee review thread.", when="2026-01-20T00:00:00+00:00")
    site = build_site(root, tmp_path / "site")
    page = _text(site, f"van-ban/{PLAN}/")
    assert "20/01/2026: Cập nhật nội dung." in page and f"16/01/2026: {EDIT[1]}" in page
    feed = (site / "tin" / "van-ban.xml").read_text(encoding="utf-8")
    for text in (page, feed):
        assert "Fix YAML" not in text and "review thread" not in text and "Import plan" not in text


def test_a_commit_summary_is_text_not_markup(tmp_path: Path):
    root = make_tree(tmp_path / "repo")
    plan = root / "plans" / f"{PLAN}.yml"
    plan.write_text(plan.read_text(encoding="utf-8") + "notes: [Ghi chú.]\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Notes\n\nCong-khai: <img src=x onerror=alert(1)> sửa", when="2026-01-20T00:00:00+00:00")
    body = (build_site(root, tmp_path / "site") / "van-ban" / PLAN / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt; sửa" in body


def test_the_plans_json_ld_lists_its_reported_results(site: Path):
    body = (site / "van-ban" / PLAN / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    results = {(o["observationDate"], o["measuredValue"]): o for o in data["about"]}
    assert set(results) == {("2024", 88), ("2025", 92), ("2025", 6), ("2025", "đạt")}
    judged = results[("2025", 92)]
    assert judged["description"] == "Tình trạng: vượt" and judged["unitText"] == "%"
    assert judged["isBasedOn"]["url"] == f"https://x.example/xhht/van-ban/{REPORT}/#muc-1-1"
    assert "description" not in results[("2024", 88)]  # another year's figure judges nothing
    report = (site / "van-ban" / REPORT / "index.html").read_text(encoding="utf-8")
    assert '"about"' not in report  # a report sets no targets: nothing to list


def test_the_data_page_gives_each_tables_last_change(site: Path):
    text = _text(site, "du-lieu/")
    progress = text[text.index("progress.csv"):]
    assert progress.split("Cột")[0].strip().endswith("Dữ liệu thay đổi lần cuối: 16/01/2026.")
    assert "lịch thời hạn (iCalendar)" in text


def test_feeds_are_linked_in_the_head(site: Path):
    def alternates(page: str) -> list[tuple[str, str]]:
        body = (site / page / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">', body)

    assert alternates("") == [("Văn bản mới và cập nhật", "tin/van-ban.xml")]
    assert alternates(f"van-ban/{PLAN}/") == [("Văn bản mới và cập nhật", "../../tin/van-ban.xml")]
    assert alternates("dia-ban/tinh-mau/")[1] == ("Văn bản của tỉnh Mẫu", "../../tin/dia-ban/tinh-mau.xml")
    assert alternates("co-quan/ubnd-tinh-mau/")[1][1] == "../../tin/co-quan/ubnd-tinh-mau.xml"
    for page in ("dia-ban/tinh-mau/", "co-quan/ubnd-tinh-mau/"):
        assert (site / page / alternates(page)[1][1]).resolve().is_file()
    assert "Theo dõi văn bản mới và cập nhật của tỉnh Mẫu (Atom)" in _text(site, "dia-ban/tinh-mau/")
    assert "Theo dõi văn bản mới và cập nhật của Ủy ban nhân dân tỉnh Mẫu (Atom)" in _text(site, "co-quan/ubnd-tinh-mau/")


def test_a_plans_deadlines_lead_to_the_deadlines_page_and_calendar(site: Path):
    body = (site / "van-ban" / PLAN / "index.html").read_text(encoding="utf-8")
    assert 'href="../../sap-den-han/"' in body and 'href="../../lich/tat-ca.ics" download' in body
    assert "15/12/2023 (hằng năm)" in _text(site, f"van-ban/{PLAN}/")


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path):
    root = make_tree(tmp_path / "repo")
    first, second = build_site(root, tmp_path / "a"), build_site(root, tmp_path / "b")

    def files(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    one, two = files(first), files(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


# --- "Sắp đến hạn": what is past and what comes next, counted from the content's date -------------------

import datetime as dt  # noqa: E402

from generator.model.dates import PartialDate  # noqa: E402
from generator.model.records import Deadline  # noqa: E402
from generator.render.followthrough import when_due  # noqa: E402


def _due(date: str, today: str, recurring: str | None = None, period: tuple[int, int] | None = (2023, 2025)):
    deadline = Deadline(date=PartialDate.parse(date), what="Báo cáo", recurring=recurring)
    doc = _document(period)
    return when_due(deadline, doc, dt.date.fromisoformat(today))


def _document(period: tuple[int, int] | None):
    """What when_due reads of a document: its period."""
    from types import SimpleNamespace

    return SimpleNamespace(period=SimpleNamespace(start=period[0], end=period[1]) if period else None)


@pytest.mark.parametrize("date,today,recurring,expected", [
    ("2023-12-15", "2023-12-15", None, (False, None)),            # due today: not over yet
    ("2023-12-15", "2023-12-16", None, (True, None)),
    ("2025-06", "2025-06-30", None, (False, None)),               # known to the month: over only after it
    ("2025-06", "2025-07-01", None, (True, None)),
    ("2025", "2025-12-31", None, (False, None)),
    ("2023-12-15", "2024-03-01", "yearly", (False, (2024, 12, 15))),
    ("2023-12-15", "2025-12-16", "yearly", (True, None)),         # the period (to 2025) is over
    ("2024-01-31", "2024-02-01", "quarterly", (False, (2024, 7, 31))),  # no 31 April: skipped, as calendars do
    ("2024-06-30", "2024-07-01", "half-yearly", (False, (2024, 12, 30))),
])
def test_when_a_deadline_is_due(date, today, recurring, expected):
    assert _due(date, today, recurring) == expected


def test_the_deadlines_page_puts_what_comes_next_first(tmp_path: Path):
    from generator.pipeline import load_hub
    from generator.render.followthrough import deadlines_page
    from generator.site import SiteInfo

    hub = load_hub(make_tree(tmp_path / "repo", history=False), jobs=1).hub
    hub.day = "2024-03-01"
    text = _words(re.search(r'<h2 id="sap-toi">.*?<h2 id="theo-ngay">', deadlines_page(hub, SiteInfo()).body,
                            re.S).group(0))
    assert "Tính đến ngày 01/3/2024" in text
    assert text.index("lần tới: 15/12/2024") < text.index("tháng 6/2025")  # by next occurrence
    assert "20/11/2022" not in text  # over: listed under its year only, marked "đã qua"


def test_the_indicator_chart_draws_reported_results_beside_the_targets(site: Path):
    """The chart of an indicator is the table's picture: a place's reported results are its "thực hiện" line."""
    body = (site / "chi-so" / "gia-dinh-hoc-tap" / "index.html").read_text(encoding="utf-8")
    charts = "".join(re.findall(r'<svg[^>]*role="img".*?</svg>', body, re.S))
    points = [html.unescape(t) for t in re.findall(r"<title>([^<]*thực hiện[^<]*)</title>", charts)]
    assert any("2024: 88%" in p for p in points) and any("2025: 92%" in p for p in points), points
