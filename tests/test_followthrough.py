"""Follow-through: a target's status from its comparator and the reported result, never guessed;
a document's standing from what documents state and what the hub shows."""

from __future__ import annotations

import pytest

from generator.model.hub import Hub
from generator.model.progress import judge, progress
from generator.model.records import Result, Target


def _target(value, comparator="=", unit="percent", verb=None, year=2025, scope=None) -> Target:
    return Target(id="t", indicator="i", value=value, comparator=comparator, unit=unit, verb=verb, year=year,
                  scope=scope, document_id="kh")


@pytest.mark.parametrize("comparator,verb,goal,value,expected", [
    ("=", "đạt", 90, 90, "met"), ("=", "đạt", 90, 95, "exceeded"), ("=", "đạt", 90, 89.5, "missed"),
    (">", None, 85, 85, "missed"), (">", None, 85, 85.1, "met"),          # "trên 85%": 85 is not above
    (">=", None, 85, 85, "met"), (">=", None, 85, 99, "met"),
    ("<", None, 5, 5, "missed"), ("<", None, 5, 4.9, "met"),              # "dưới 5%"
    ("<=", None, 5, 5, "met"), ("<=", None, 5, 6, "missed"),
    ("=", "giảm", 5, 4, "exceeded"), ("=", "giảm", 5, 5, "met"), ("=", "giảm", 5, 6, "missed"),
])
def test_a_figure_is_judged_by_its_comparator(comparator, verb, goal, value, expected):
    assert judge(_target(goal, comparator, verb=verb), value) == expected


def test_a_yes_no_target_is_met_only_by_yes():
    title = _target(True, unit="yes-no")
    assert judge(title, True) == "met" and judge(title, False) == "missed"


def _hub(*results: Result) -> Hub:
    hub = Hub()
    hub.results = {"t": list(results)}
    return hub


def test_status_needs_a_result_of_the_targets_year_and_scope():
    target = _target(90, scope="các xã")
    assert progress(target, _hub()).word == "chưa có báo cáo"
    assert progress(target, _hub(Result(target="t", year=2024, value=95))).word == "chưa có báo cáo"
    other = progress(target, _hub(Result(target="t", year=2025, value=95, scope="các huyện")))
    assert other.word == "không so sánh được" and "các huyện" in other.reason
    assert progress(target, _hub(Result(target="t", year=2025, value=None))).word == "chưa có số liệu"
    assert progress(_target(None), _hub(Result(target="t", year=2025, value=95))).word == "không so sánh được"
    assert progress(target, _hub(Result(target="t", year=2025, value=91))).word == "vượt"


# --- the fixture: a report updates three targets of a plan -------------------------------------

import csv  # noqa: E402
import os  # noqa: E402
import io  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from icalendar import Calendar  # noqa: E402

from generator.pipeline import build, load_hub  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "followthrough"


@pytest.fixture
def followthrough(base_tree: Path) -> Path:
    for layer in ("plans", "content"):
        shutil.copytree(FIXTURE / layer, base_tree / layer, dirs_exist_ok=True)
    return base_tree


def test_a_report_judges_three_targets(followthrough: Path):
    result = load_hub(followthrough, jobs=1)
    assert [p.format() for p in result.problems] == []
    hub = result.hub
    words = {t: progress(hub.targets[t], hub).word for t in ("mau-7-gdht-2025", "mau-7-mu-chu-2025",
                                                            "mau-7-tinh-hoc-tap-2025", "mau-2022-gdht-2025")}
    assert words == {"mau-7-gdht-2025": "vượt", "mau-7-mu-chu-2025": "chưa đạt", "mau-7-tinh-hoc-tap-2025": "đạt",
                     "mau-2022-gdht-2025": "chưa có báo cáo"}
    history = [(r.year, r.value) for r in hub.results["mau-7-gdht-2025"]]
    assert history == [(2024, 88), (2025, 92)]
    assert hub.results["mau-7-mu-chu-2025"][0].anchor == "muc-1-2"


def test_a_result_for_a_target_that_does_not_exist_is_one_line(followthrough: Path):
    from generator.pipeline import check

    report = followthrough / "plans" / "bc-8-ubnd-mau-2025.yml"
    report.write_text(report.read_text(encoding="utf-8").replace("target: mau-7-mu-chu-2025", "target: mau-7-mu-chu"),
                      encoding="utf-8")
    lines = [p.format() for p in check(followthrough, jobs=1).problems]
    assert len(lines) == 1 and "không tìm thấy chỉ tiêu có mã 'mau-7-mu-chu'" in lines[0]
    assert lines[0].startswith("plans/bc-8-ubnd-mau-2025.yml:")


def test_downloads_and_calendars_carry_the_follow_through(followthrough: Path, tmp_path: Path):
    assert build(followthrough, tmp_path / "site", jobs=1, site_url="https://x.example/xhht/").ok
    site = tmp_path / "site"
    rows = {r["target_id"]: r for r in csv.DictReader(io.StringIO((site / "data" / "progress.csv")
                                                                  .read_text(encoding="utf-8-sig")))}
    assert (rows["mau-7-gdht-2025"]["status"], rows["mau-7-gdht-2025"]["result_value"]) == ("exceeded", "92")
    assert rows["mau-7-gdht-2025"]["result_url"] == "https://x.example/xhht/van-ban/bc-8-ubnd-mau-2025/#muc-1-1"
    calendar = Calendar.from_ical((site / "lich" / "tat-ca.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    yearly = events["Báo cáo kết quả thực hiện Kế hoạch hằng năm"]
    assert yearly["dtstart"].dt.isoformat() == "2023-12-15" and yearly["rrule"]["FREQ"] == ["YEARLY"]
    assert "Sơ kết giữa kỳ thực hiện Kế hoạch" not in events  # known only to the month: no day to put in a calendar
    # A body's calendar holds its own deadlines, of every document, by date: the base plan's report due on
    # 20/11/2022 (kh-2), then the fixture plan's yearly report (kh-7). Never the deadlines of other bodies.
    earlier = events["Báo cáo kết quả thực hiện"]
    assert earlier["dtstart"].dt.isoformat() == "2022-11-20" and str(earlier["uid"]).startswith("kh-2-ubnd-mau-2022-")
    body = Calendar.from_ical((site / "lich" / "co-quan" / "so-gddt-tinh-mau.ics").read_bytes())
    assert [str(e["uid"]) for e in body.walk("VEVENT")] == [str(earlier["uid"]), str(yearly["uid"])]
    own = Calendar.from_ical((site / "lich" / "co-quan" / "ubnd-tinh-mau.ics").read_bytes())
    assert own.walk("VEVENT") == []  # its only deadline is known to the month: listed on the page, not here
    deadlines = (site / "data" / "deadlines.csv").read_text(encoding="utf-8-sig")
    assert "2025-06,month" in deadlines


def test_two_builds_give_identical_calendars_and_feeds(followthrough: Path, tmp_path: Path):
    for name in ("a", "b"):
        assert build(followthrough, tmp_path / name, jobs=1).ok
    for folder in ("lich", "tin"):
        first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a" / folder).rglob("*") if p.is_file()}
        second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b" / folder).rglob("*") if p.is_file()}
        assert first and first == second


def _git(root: Path, *args: str, when: str = "2025-01-01T00:00:00+00:00") -> None:
    import subprocess

    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Biên tập",
           "GIT_AUTHOR_EMAIL": "bien-tap@example.invalid", "GIT_COMMITTER_NAME": "Biên tập",
           "GIT_COMMITTER_EMAIL": "bien-tap@example.invalid", "PATH": os.environ["PATH"], "HOME": str(root)}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_history_comes_from_git_and_feeds_have_one_entry_per_change(followthrough: Path, tmp_path: Path):
    import xml.etree.ElementTree as ElementTree

    _git(followthrough, "init", "-q")
    _git(followthrough, "add", "plans", "content")
    _git(followthrough, "commit", "-q", "-m", "Initial documents\n\nCong-khai: Nhập các văn bản ban đầu")
    plan = followthrough / "plans" / "kh-7-ubnd-mau-2023.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 90", "value: 91"), encoding="utf-8")
    _git(followthrough, "commit", "-q", "-am", "Target value as in the original\n\nCong-khai: Sửa chỉ tiêu gia đình học tập theo bản gốc",
         when="2025-03-04T08:00:00+00:00")
    result = load_hub(followthrough, jobs=1)
    from generator.pipeline import attach_history
    attach_history(result.hub, followthrough, result.facts)
    changes = result.hub.history[("document", "kh-7-ubnd-mau-2023")]
    assert [(c.date.isoformat(), c.summary) for c in changes] == [
        ("2025-03-04", "Sửa chỉ tiêu gia đình học tập theo bản gốc"), ("2025-01-01", "Nhập các văn bản ban đầu")]
    assert build(followthrough, tmp_path / "site", jobs=1).ok
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(tmp_path / "site" / "tin" / "van-ban.xml").getroot()
    entries = [(e.find(f"{atom}title").text, e.find(f"{atom}updated").text) for e in feed.findall(f"{atom}entry")]
    documents = len(list((followthrough / "plans").glob("*.yml")))
    assert len(entries) == documents + 1  # each document's first commit, and the one edit
    assert entries[0][0].startswith("Cập nhật: Kế hoạch 7/KH-UBND") and entries[0][1].startswith("2025-03-04")
    assert sum(title.startswith("Văn bản mới") for title, _ in entries) == documents
    place = ElementTree.parse(tmp_path / "site" / "tin" / "dia-ban" / "tinh-mau.xml").getroot()
    assert len(place.findall(f"{atom}entry")) == 4  # the three documents of tinh-mau, and the edit
