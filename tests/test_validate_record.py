"""Single-record checks beyond the schema, on every field that holds a date."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import check

PLAN = "plans/kh-2-ubnd-mau-2022.yml"


def _problems(root: Path) -> list[str]:
    return [p.format() for p in check(root, jobs=1).problems]


def test_impossible_deadline_date_is_reported(base_tree: Path):
    plan = base_tree / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace('"2022-11-20"', '"2022-11-31"'), encoding="utf-8")
    assert _problems(base_tree) == [f"{PLAN}:48:11: deadlines[0].date: ngày 31/11/2022 không có thật"]


def test_impossible_citation_date_is_reported(base_tree: Path):
    plan = base_tree / PLAN
    text = plan.read_text(encoding="utf-8").replace(
        "    document: qd-1-ttg-2021\n",
        "    citation:\n      number: 9/QĐ-TTg\n      date: \"2021-02-29\"\n")
    plan.write_text(text, encoding="utf-8")
    problems = _problems(base_tree)
    assert len(problems) == 1 and "legal_bases[0].citation.date: ngày 29/2/2021 không có thật" in problems[0]


def test_year_only_date_is_accepted(base_tree: Path):
    plan = base_tree / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace('date: "2022-07-04"', 'date: "2022"'), encoding="utf-8")
    assert _problems(base_tree) == []
