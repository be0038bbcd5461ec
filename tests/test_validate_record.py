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


def test_id_that_would_hide_a_listing_page_is_refused(base_tree: Path):
    """A document called `nam` would take the address of the by-year filter pages."""
    old = base_tree / "plans" / "qd-1-ttg-2021.yml"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    (base_tree / "plans" / "nam.yml").write_text(text.replace("id: qd-1-ttg-2021", "id: nam"), encoding="utf-8")
    plan = base_tree / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("document: qd-1-ttg-2021", "document: nam"), encoding="utf-8")
    assert _problems(base_tree) == ["plans/nam.yml:1:5: id: mã 'nam' trùng với đường dẫn của trang lọc van-ban/nam/; hãy chọn mã khác"]


def test_all_digit_id_is_refused(base_tree: Path):
    (base_tree / "content" / "localities" / "2024.yml").write_text("id: \"2024\"\nname: x\nkind: xa\n", encoding="utf-8")
    problems = _problems(base_tree)
    assert len(problems) == 1 and "chỉ gồm chữ số" in problems[0]


def test_anchor_taken_twice_on_a_page_is_refused(base_tree: Path):
    plan = base_tree / PLAN
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  - label: I.\n", "  - label: I.\n    anchor: mau-2022-gdht-2025\n", 1)
    text = text.replace("  - label: II.\n", "  - label: II.\n    anchor: chi-tieu\n", 1)
    plan.write_text(text, encoding="utf-8")
    problems = _problems(base_tree)
    assert any("sections[1].anchor: neo 'chi-tieu' trùng với phần cố định của trang văn bản" in p for p in problems)
    assert any("targets[0].id: neo 'mau-2022-gdht-2025' trùng với sections[0].anchor" in p for p in problems)
    assert len(problems) == 2


def test_validator_and_model_agree_on_item_anchors():
    """The anchors checked for uniqueness are the ones the pages carry."""
    from generator.model import iter_items
    from generator.pipeline import load_hub
    from generator.validate.record import item_anchor, walk_items
    from tests.conftest import REPO

    result = load_hub(REPO)
    for record in result.records:
        if record.kind != "document":
            continue
        checked = [item_anchor(item, path) for path, item in walk_items(record.data.get("sections", []), ("sections",))]
        rendered = [item.anchor for item in iter_items(result.hub.documents[record.data["id"]].sections)]
        assert checked == rendered


def test_every_date_field_of_the_schema_is_checked_for_a_real_day(base_tree: Path):
    """Date fields are found from the schema (a date definition), not from a list: a source's access date too."""
    plan = base_tree / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("  file: mau.txt\n", '  file: mau.txt\n  accessed: "2023-02-29"\n'),
                    encoding="utf-8")
    assert _problems(base_tree) == [f"{PLAN}:56:13: source.accessed: ngày 29/2/2023 không có thật"]


def test_a_month_that_does_not_exist_is_reported(base_tree: Path):
    plan = base_tree / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace('date: "2022-07-04"', 'date: "2022-13"'), encoding="utf-8")
    problems = _problems(base_tree)
    assert len(problems) == 1 and problems[0].startswith(f"{PLAN}:11:7: date: ") and "13" in problems[0]


def test_consent_on_29_february_of_a_common_year_is_refused_however_written(base_tree: Path):
    """29/02/2023 does not exist; with a trailing newline it once passed both checks."""
    examples = base_tree / "content" / "examples"
    examples.mkdir()
    for written, message in [('"2023-02-29"', "consent.date: ngày 29/2/2023 không có thật"),
                             ('"2023-02-29\\n"', "consent.date: '2023-02-29' sai dạng: thừa dấu xuống dòng")]:
        (examples / "gia-dinh-a.yml").write_text(
            "id: gia-dinh-a\nmodel: gia-dinh-hoc-tap\nname: Gia đình A\nillustrative: true\nprivate_persons: true\n"
            f"locality: tinh-mau\nyear: 2023\nsummary: Cả nhà cùng đọc sách.\nconsent:\n  given: true\n  date: {written}\n"
            "  recorded_by: Phòng Giáo dục\n", encoding="utf-8")
        problems = _problems(base_tree)
        assert len(problems) == 1 and problems[0].startswith(f"content/examples/gia-dinh-a.yml:11:9: {message}"), problems
