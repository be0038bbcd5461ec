"""`new`: record skeletons that check names exactly what is left to fill, and ids that are fresh."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.pipeline import check
from generator.scaffold import ScaffoldError, add_arguments, cmd_new, new_record
from generator.scaffold_ids import Given
from generator.schemas import read_schema

TODAY = date(2025, 3, 4)

#: kind -> (folder, schema line, default id)
WHERE = {
    "document": ("plans", "../schema/document.schema.json", "van-ban-moi-20250304"),
    "resource": ("content/resources", "../../schema/resource.schema.json", "hoc-lieu-moi-20250304"),
    "example": ("content/examples", "../../schema/example.schema.json", "guong-dien-hinh-moi-20250304"),
    "body": ("content/bodies", "../../schema/body.schema.json", "co-quan-moi-20250304"),
}

#: kind -> the fields a fresh skeleton leaves empty, as check names them.
EMPTY = {
    "document": {"type", "number", "title", "issuer.name", "issuer.level", "date", "source"},
    "resource": {"name", "provider", "url", "description", "topics", "audiences", "formats", "cost", "languages"},
    "example": {"model", "name", "illustrative", "private_persons", "summary"},
    "body": {"name", "kind"},
}

#: kind -> field -> a valid value, as an editor would type it.
FILL = {
    "document": {
        "type": "ke-hoach",
        "number": "5/KH-UBND",
        "title": "Thực hiện Đề án mẫu năm 2025",
        "issuer.name": "ỦY BAN NHÂN DÂN TỈNH MẪU",
        "issuer.level": "tinh",
        "date": '"2025-03-04"',
        "source": "\n  file: mau-5.txt",
    },
    "resource": {
        "name": "Học liệu mẫu",
        "provider": "Nhà cung cấp mẫu",
        "url": "https://hoc-lieu.example/",
        "description": "Học liệu mẫu cho kiểm thử.",
        "topics": "[ky-nang-so]",
        "audiences": "[nguoi-lon]",
        "formats": "[video]",
        "cost": "mien-phi",
        "languages": "[vi]",
    },
    "example": {
        "model": "gia-dinh-hoc-tap",
        "name": "Gia đình mẫu (ví dụ)",
        "illustrative": "true",
        "private_persons": "false",
        "summary": "Ví dụ minh họa cho kiểm thử.",
    },
    "body": {"name": "Phòng Giáo dục và Đào tạo mẫu", "kind": "co-quan-chuyen-mon"},
}

VIETNAMESE_KINDS = {"van-ban": "document", "hoc-lieu": "resource", "guong-dien-hinh": "example", "co-quan": "body"}


def fill(text: str, values: dict[str, str]) -> str:
    """Put a value on each named uncommented line, as an editor does (`issuer.name` is `  name:` under issuer)."""
    for dotted, value in values.items():
        depth = dotted.count(".")
        name = dotted.rsplit(".", 1)[-1]
        pattern = re.compile(rf"^{' ' * (2 * depth)}{re.escape(name)}:.*$", re.MULTILINE)
        assert len(pattern.findall(text)) == 1, dotted
        text = pattern.sub(lambda _: f"{' ' * (2 * depth)}{name}:{'' if value.startswith(chr(10)) else ' '}{value}",
                           text)
    return text


def problems_by_file(root: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for problem in check(root).problems:
        found.setdefault(problem.path, set()).add(problem.field)
    return found


def run(root: Path, *argv: str) -> int:
    top = argparse.ArgumentParser()
    add_arguments(top)
    top.add_argument("--root", default=".")
    return cmd_new(top.parse_args([*argv, "--root", str(root)]))


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_skeleton_lands_in_the_kind_folder_named_by_its_id(base_tree, kind):
    folder, schema_line, default_id = WHERE[kind]
    path = new_record(base_tree, kind, today=TODAY)
    assert path == base_tree / folder / f"{default_id}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema_line}"
    assert (path.parent / schema_line).resolve() == (base_tree / "schema" / f"{kind}.schema.json").resolve()
    data = yaml.safe_load(text)
    assert data["id"] == path.stem == default_id


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_every_schema_field_is_shown_required_ones_uncommented(base_tree, kind):
    text = new_record(base_tree, kind, today=TODAY).read_text(encoding="utf-8")
    schema = read_schema(kind)
    for name in schema["properties"]:
        if name in schema["required"]:
            assert re.search(rf"^{name}:", text, re.MULTILINE), name
        else:
            assert re.search(rf"^# {name}:", text, re.MULTILINE), name
    # Each top-level field has its description on the line above it.
    lines = text.splitlines()
    field_line = re.compile(rf"^(# )?({'|'.join(schema['properties'])}):")
    for index, line in enumerate(lines):
        if field_line.match(line):
            above = lines[index - 1]
            assert above.startswith("# ") and not field_line.match(above) and len(above) > 4, line


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_check_names_exactly_the_empty_required_fields_then_passes_when_filled(base_tree, kind):
    path = new_record(base_tree, kind, today=TODAY)
    relpath = path.relative_to(base_tree).as_posix()
    problems = check(base_tree).problems
    assert {p.path for p in problems} == {relpath}
    assert {p.field for p in problems} == EMPTY[kind]
    for problem in problems:
        assert "không được để trống" in problem.message or "phải là" in problem.message \
            or "không hợp lệ" in problem.message or "không được rỗng" in problem.message \
            or "sai dạng" in problem.message, problem.format()

    path.write_text(fill(path.read_text(encoding="utf-8"), FILL[kind]), encoding="utf-8")
    result = check(base_tree)
    assert result.ok, [p.format() for p in result.problems]


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_title_fills_the_title_field_and_makes_the_id(base_tree, kind):
    path = new_record(base_tree, kind, title="Học tập suốt đời", today=TODAY)
    expected = "kh-hoc-tap-suot-doi-2025" if kind == "document" else "hoc-tap-suot-doi"
    assert path.stem == expected
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["title" if kind == "document" else "name"] == "Học tập suốt đời"
    assert problems_by_file(base_tree) == {path.relative_to(base_tree).as_posix(): EMPTY[kind] - {"title", "name"}}


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_same_title_twice_gets_a_numbered_id(base_tree, kind):
    first = new_record(base_tree, kind, title="Mô hình mẫu", today=TODAY)
    second = new_record(base_tree, kind, title="Mô hình mẫu", today=TODAY)
    third = new_record(base_tree, kind, title="Mô hình mẫu", today=TODAY)
    assert second.stem == first.stem + "-2" and third.stem == first.stem + "-3"
    assert yaml.safe_load(second.read_text(encoding="utf-8"))["id"] == second.stem
    assert first.read_text(encoding="utf-8") != second.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_default_id_twice_the_same_day(base_tree, kind):
    first = new_record(base_tree, kind, today=TODAY)
    second = new_record(base_tree, kind, today=TODAY)
    assert second.stem == first.stem + "-2"


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_vietnamese_title_gives_an_ascii_id(base_tree, kind):
    path = new_record(base_tree, kind, title="Gia đình ông Đặng Văn Đức – Thuỷ Hoà, ĐẮK LẮK", today=TODAY)
    slug = "gia-dinh-ong-dang-van-duc-thuy-hoa-dak-lak"
    assert path.stem == (f"kh-{slug}-2025" if kind == "document" else slug)
    assert path.stem.isascii()


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_bad_id_fails_with_exit_1_and_writes_nothing(base_tree, kind, capsys):
    before = files(base_tree)
    for bad in ("Bad Id", "kh_5_2025", "-kh-5", "x", "12345", "ke-hoạch"):
        assert run(base_tree, kind, f"--id={bad}") == 1, bad
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and out.startswith("Không tạo được bản ghi:"), out
        assert "Traceback" not in out
    assert files(base_tree) == before


@pytest.mark.parametrize("kind", sorted(WHERE))
def test_cli_creates_with_id_and_says_what_next(base_tree, kind, capsys):
    assert run(base_tree, kind, "--id", "ban-ghi-moi", "--title", "Bản ghi mới") == 0
    out = capsys.readouterr().out
    folder = WHERE[kind][0]
    assert f"{folder}/ban-ghi-moi.yml" in out
    assert "Điền các trường còn trống rồi chạy: python -m generator check" in out
    assert (base_tree / folder / "ban-ghi-moi.yml").is_file()


@pytest.mark.parametrize("taken", ["ubnd-tinh-mau", "qd-1-ttg-2021", "mau-2022-gdht-2025", "tinh-mau"])
def test_an_id_taken_by_any_record_or_target_is_refused(base_tree, taken, capsys):
    before = files(base_tree)
    assert run(base_tree, "resource", "--id", taken) == 1
    out = capsys.readouterr().out
    assert f"'{taken}' đã được dùng" in out and out.count("\n") == 1
    assert files(base_tree) == before
    with pytest.raises(ScaffoldError):
        new_record(base_tree, "body", ident=taken)


def test_an_id_made_from_a_title_avoids_ids_of_every_kind(base_tree):
    # "Tỉnh Mẫu" slugs to tinh-mau, a locality's id: a body may not take it either.
    assert new_record(base_tree, "body", title="Tỉnh Mẫu", today=TODAY).stem == "tinh-mau-2"


def test_an_id_that_would_take_a_listing_address_is_refused(base_tree, capsys):
    assert run(base_tree, "resource", "--id", "chu-de") == 1
    assert "trang lọc" in capsys.readouterr().out
    assert new_record(base_tree, "resource", title="Chủ đề", today=TODAY).stem == "chu-de-2"


def test_unknown_kind_fails_with_exit_1(base_tree, capsys):
    before = files(base_tree)
    assert run(base_tree, "indicatorz", "--title", "x") == 1
    out = capsys.readouterr().out
    assert out.startswith("Không tạo được bản ghi: loại bản ghi 'indicatorz' không có") and out.count("\n") == 1
    assert files(base_tree) == before


def test_an_existing_file_is_never_overwritten(base_tree, capsys):
    # Not a record file (a folder has that name), so the id looks free, but the path is taken.
    (base_tree / "content" / "bodies" / "co-quan-moi.yml").mkdir()
    assert run(base_tree, "body", "--id", "co-quan-moi") == 1
    assert "đã có; không ghi đè" in capsys.readouterr().out


@pytest.mark.parametrize("alias, kind", sorted(VIETNAMESE_KINDS.items()))
def test_vietnamese_kind_names(base_tree, alias, kind):
    path = new_record(base_tree, alias, today=TODAY)
    assert path.parent == base_tree / WHERE[kind][0]
    assert path.read_text(encoding="utf-8") == (
        new_record(base_tree, kind, ident=path.stem + "-x", today=TODAY).read_text(encoding="utf-8")
        .replace(f"id: {path.stem}-x", f"id: {path.stem}"))


def test_output_is_deterministic(tmp_path, base_tree):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(base_tree, other)
    for kind in WHERE:
        a = new_record(base_tree, kind, title="Trùng lặp", today=TODAY)
        b = new_record(other, kind, title="Trùng lặp", today=TODAY)
        assert a.read_bytes() == b.read_bytes()


def test_document_type_word_in_title_gives_the_type_code(base_tree):
    assert new_record(base_tree, "document", title="Quyết định công nhận đơn vị học tập",
                      today=TODAY).stem == "qd-cong-nhan-don-vi-hoc-tap-2025"
    assert new_record(base_tree, "document", title="Kế hoạch năm 2025", today=TODAY).stem == "kh-nam-2025"
    # A title that ends with a year keeps it rather than getting this year too.
    assert new_record(base_tree, "document", title="Tổng kết năm 2024", today=TODAY).stem == "kh-tong-ket-nam-2024"


def test_awkward_titles_stay_valid_yaml(base_tree):
    title = 'Kế hoạch: "Học tập" # số 1 - yes'
    path = new_record(base_tree, "resource", title=title, today=TODAY)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["name"] == title
    no = new_record(base_tree, "body", title="No", today=TODAY)
    assert yaml.safe_load(no.read_text(encoding="utf-8"))["id"] == "no"
    long = new_record(base_tree, "document", title="Xây dựng xã hội học tập " * 20, today=TODAY)
    assert len(long.stem) <= 120 and long.stem.endswith("-2025")
    assert new_record(base_tree, "example", title="  !!!  ", today=TODAY).stem == "guong-dien-hinh-moi-20250304"


# --- documents from their number, type and date (issue 9) --------------------------------

@pytest.mark.parametrize("number, date_, place, expected", [
    ("104/KH-UBND", "2022-07-04", "Thái Nguyên", "kh-104-ubnd-thai-nguyen-2022"),
    ("1132/UBND-VX", "2021-08-10", "Kbang", "cv-1132-ubnd-vx-kbang-2021"),
    ("259-KH/TU", "2019-09-27", "Gia Lai", "kh-259-tu-gia-lai-2019"),
    ("158/KH-BCĐ", "2021-04-28", "Nam Từ Liêm", "kh-158-bcd-nam-tu-liem-2021"),
    ("84/2020/NĐ-CP", "2020-07-17", None, "nd-84-2020-cp"),
    ("1373/QĐ-TTg", "2021", None, "qd-1373-ttg-2021"),
])
def test_document_ids_follow_the_convention_of_the_bundled_ones(base_tree, number, date_, place, expected):
    """`<type>-<number>-<issuer>[-<place>]-<year of the document>`, as docs/encoding.md writes the bundled ids."""
    given = Given(number=number, date=date_, place=place)
    path = new_record(base_tree, "document", today=TODAY, given=given)
    assert path.stem == expected
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["number"], data["date"]) == (number, date_)
    assert data["type"] == {"kh": "ke-hoach", "cv": "cong-van", "nd": "nghi-dinh", "qd": "quyet-dinh"}[expected[:2]]


def test_a_number_in_the_title_is_used_once_and_the_year_is_the_documents(base_tree, capsys):
    """The slip of issue 9: `kh-3853-kh-ubnd-...-2026` (type code twice, this year instead of the document's)."""
    title = "Kế hoạch 3853/KH-UBND thực hiện Đề án “Xây dựng xã hội học tập” trên địa bàn tỉnh Bình Dương"
    assert run(base_tree, "van-ban", "--title", title, "--date", "2021-12") == 0
    path = base_tree / "plans" / "kh-3853-ubnd-binh-duong-2021.yml"
    assert path.is_file(), capsys.readouterr().out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["type"], data["number"], data["date"], data["title"]) == ("ke-hoach", "3853/KH-UBND", "2021-12", title)
    # Filled in, the rest of the skeleton checks like any other.
    assert problems_by_file(base_tree) == {"plans/kh-3853-ubnd-binh-duong-2021.yml": {"issuer.name", "issuer.level",
                                                                                       "source"}}


def test_type_by_its_code_or_its_name_and_a_number_copied_with_so(base_tree):
    path = new_record(base_tree, "van-ban", today=TODAY,
                      given=Given(number="Số: 1741/QĐ-UBND", type="Quyết định", date="2022-05-16", place="Quảng Ngãi"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.stem == "qd-1741-ubnd-quang-ngai-2022"
    assert (data["type"], data["number"]) == ("quyet-dinh", "1741/QĐ-UBND")


@pytest.mark.parametrize("option, value, fragment", [
    ("--type", "ke hoach x", "loại văn bản 'ke hoach x' không có"),
    ("--date", "2021-13", "ngày '2021-13' không hợp lệ"),
    ("--date", "30/02/2022", "ngày '30/02/2022' không hợp lệ"),
    ("--number", "ba nghìn", "số 'ba nghìn' không đọc được"),
])
def test_bad_document_options_fail_with_one_line(base_tree, capsys, option, value, fragment):
    before = files(base_tree)
    assert run(base_tree, "van-ban", option, value) == 1
    out = capsys.readouterr().out
    assert fragment in out and out.count("\n") == 1
    assert files(base_tree) == before


def test_document_options_are_refused_for_other_kinds(base_tree, capsys):
    assert run(base_tree, "co-quan", "--title", "Sở mẫu", "--number", "1/KH-UBND") == 1
    assert "chỉ dùng cho văn bản" in capsys.readouterr().out


@pytest.mark.parametrize("name, expected", [
    ("Ủy ban nhân dân tỉnh Bình Dương", "ubnd-tinh-binh-duong"),
    ("Sở Giáo dục và Đào tạo Hà Nội", "so-gddt-ha-noi"),
    ("Ban Chỉ đạo xây dựng xã hội học tập huyện Mẫu", "bcd-xay-dung-xa-hoi-hoc-tap-huyen-mau"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Mẫu", "ubmttq-tinh-mau"),
])
def test_body_ids_use_the_usual_abbreviations(base_tree, name, expected):
    assert new_record(base_tree, "co-quan", title=name, today=TODAY).stem == expected

