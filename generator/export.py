"""Download tables: documents, targets, actuals, resources and examples as JSON and CSV.

Press offices and researchers take figures from the hub into spreadsheets,
so the published `data/` files are a public interface of their own:

- column names are ASCII snake_case and never change meaning (people build
  formulas and joins on them); each column carries a Vietnamese description
  that the data page shows;
- the bytes depend only on the content: rows sorted by id, a fixed column
  order, numbers printed as the record holds them (`55.55`, never
  `55.550000000000004`), so an unchanged hub republishes identical files and
  a changed figure shows up as a one-line diff;
- CSV is written for Excel as press staff use it: UTF-8 with a BOM (or
  Vietnamese letters turn into mojibake), CRLF line endings, and text cells
  that Excel would run as a formula are defused.

Cells are `str`, `int`, `float` or `None` only, so the JSON and the CSV of a
table hold the same values; a list is one text cell joined with `;`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator import links
from generator.model import Document, Hub, Target

Cell = str | int | float | None

#: Separator of list cells (`ky-nang-so;ngoai-ngu`): ids and codes never contain it.
LIST_SEPARATOR = ";"

#: First characters that make Excel (and LibreOffice) treat a cell as a formula.
#: The full-width forms are included because some spreadsheet input paths
#: normalise them to their ASCII counterparts.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass(frozen=True)
class Column:
    """One column: a stable ASCII name and what it holds, in Vietnamese."""

    name: str
    description: str


@dataclass(frozen=True)
class Table:
    """One downloadable table; `rows` hold cells in the order of `columns`."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, description) for name, description in pairs)


DOCUMENT_COLUMNS = _columns(
    ("id", "Mã định danh cố định của văn bản (chữ thường không dấu); không đổi khi sửa tiêu đề, dùng để nối các bảng."),
    ("url", "Địa chỉ cố định của trang văn bản trên cổng thông tin."),
    ("number", "Số, ký hiệu như in trên văn bản (ví dụ 104/KH-UBND); để trống khi văn bản không có số."),
    ("type", "Loại văn bản: ke-hoach (kế hoạch), cong-van (công văn), quyet-dinh (quyết định), chi-thi (chỉ thị), "
             "nghi-quyet (nghị quyết), nghi-dinh (nghị định), thong-tu (thông tư), luat (luật), ket-luan (kết luận), "
             "huong-dan (hướng dẫn), to-trinh (tờ trình), bao-cao (báo cáo), thong-bao (thông báo), "
             "chuong-trinh (chương trình), de-an (đề án)."),
    ("title", "Trích yếu của văn bản, nguyên văn; để trống nếu chưa biết."),
    ("issuer_name", "Tên cơ quan ban hành như in trên văn bản."),
    ("issuer_body", "Mã cơ quan ban hành trong danh mục cơ quan của cổng; để trống nếu chưa có trong danh mục."),
    ("issuer_level", "Cấp ban hành: trung-uong (trung ương), tinh (tỉnh), thanh-pho (thành phố trực thuộc trung ương), "
                     "huyen (huyện), quan (quận), xa (xã), ban-chi-dao (ban chỉ đạo), hoi (hội), dang (cơ quan Đảng)."),
    ("place", "Địa danh ở dòng ngày tháng của văn bản; để trống nếu không có."),
    ("locality", "Mã địa bàn áp dụng văn bản; để trống nếu văn bản không gắn với một địa bàn."),
    ("date", "Ngày ban hành dạng NNNN-TT-NN (ví dụ 2022-07-04); chỉ có năm (NNNN) khi văn bản chỉ ghi năm; "
             "để trống nếu chưa biết."),
    ("date_precision", "Độ chính xác của ngày ban hành: day (biết đủ ngày, tháng, năm), year (chỉ biết năm); "
                       "để trống nếu chưa biết ngày."),
    ("signer_name", "Họ tên người ký như in trên văn bản; để trống nếu chưa biết."),
    ("period_from", "Năm bắt đầu giai đoạn thực hiện; để trống nếu văn bản không nêu giai đoạn."),
    ("period_to", "Năm kết thúc giai đoạn thực hiện; để trống nếu văn bản không nêu giai đoạn."),
    ("transcription", "Mức độ chép: full (đã chép đầy đủ văn bản), reference (chỉ ghi những gì đã biết về một văn bản "
                      "được trích dẫn)."),
    ("legal_basis_ids", "Mã các văn bản trong kho mà văn bản này lấy làm căn cứ (căn cứ, thực hiện, theo đề nghị), "
                        "cách nhau bằng dấu chấm phẩy (;)."),
    ("cited_by_ids", "Mã các văn bản trong kho lấy văn bản này làm căn cứ, cách nhau bằng dấu chấm phẩy (;)."),
    ("target_count", "Số chỉ tiêu nêu trong văn bản (chi tiết ở bảng Chỉ tiêu)."),
    ("source_file", "Tên tệp nguồn đã dùng để chép văn bản; để trống nếu không có."),
    ("source_url", "Địa chỉ nguồn của văn bản trên mạng; để trống nếu không có."),
)

TARGET_COLUMNS = _columns(
    ("id", "Mã định danh cố định của chỉ tiêu (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của chỉ tiêu: trang văn bản kèm neo # và mã chỉ tiêu."),
    ("document_id", "Mã văn bản nêu chỉ tiêu (nối với cột id của bảng Văn bản)."),
    ("document_number", "Số, ký hiệu của văn bản nêu chỉ tiêu; để trống khi văn bản không có số."),
    ("indicator_id", "Mã chỉ số, dùng để so sánh chỉ tiêu giữa các văn bản và địa bàn."),
    ("indicator_name", "Tên chỉ số."),
    ("value", "Giá trị của chỉ tiêu (số, theo đơn vị ở cột unit); để trống khi văn bản không nêu con số."),
    ("comparator", "Phép so sánh: = (đạt đúng), > (trên), >= (từ ... trở lên), < (dưới), <= (không quá)."),
    ("unit", "Đơn vị: percent (phần trăm, %), count (số lượng)."),
    ("verb", "Động từ của chỉ tiêu như văn bản viết (đạt, duy trì, phấn đấu, ...); để trống nếu không có."),
    ("year", "Năm phải đạt chỉ tiêu."),
    ("scope", "Đối tượng, phạm vi áp dụng (ví dụ: người trong độ tuổi lao động); để trống nếu văn bản không nêu."),
    ("group", "Nhóm chỉ tiêu (a, b, c, d) như trong văn bản; để trống nếu không có."),
    ("level", "Mức độ, ví dụ “mức độ 2”; để trống nếu không có."),
    ("locality", "Mã địa bàn của văn bản nêu chỉ tiêu; để trống nếu văn bản không gắn với một địa bàn."),
    ("text", "Câu chữ nguyên văn của chỉ tiêu trong văn bản."),
)

ACTUAL_COLUMNS = _columns(
    ("target_id", "Mã chỉ tiêu (nối với cột id của bảng Chỉ tiêu)."),
    ("url", "Địa chỉ cố định của chỉ tiêu trên cổng thông tin."),
    ("year", "Năm của kết quả."),
    ("value", "Giá trị đạt được, cùng đơn vị với chỉ tiêu."),
    ("source", "Nguồn số liệu (văn bản, báo cáo)."),
    ("source_url", "Địa chỉ nguồn số liệu trên mạng; để trống nếu không có."),
)

RESOURCE_COLUMNS = _columns(
    ("id", "Mã định danh cố định của học liệu (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của trang giới thiệu học liệu trên cổng thông tin."),
    ("name", "Tên học liệu."),
    ("provider", "Đơn vị cung cấp học liệu."),
    ("link", "Địa chỉ của học liệu trên trang của đơn vị cung cấp (bên ngoài cổng)."),
    ("topics", "Mã các chủ đề, cách nhau bằng dấu chấm phẩy (;), ví dụ ky-nang-so;ngoai-ngu."),
    ("audiences", "Mã các đối tượng người học, cách nhau bằng dấu chấm phẩy (;), ví dụ hoc-sinh;nguoi-lon."),
    ("formats", "Mã các hình thức học liệu, cách nhau bằng dấu chấm phẩy (;), ví dụ video;khoa-hoc-truc-tuyen."),
    ("languages", "Mã ngôn ngữ hai chữ cái (vi: tiếng Việt, en: tiếng Anh, ...), cách nhau bằng dấu chấm phẩy (;)."),
    ("cost", "Chi phí: mien-phi (miễn phí), mot-phan-mien-phi (một phần miễn phí), co-phi (có phí)."),
    ("localities", "Mã các địa bàn liên quan, cách nhau bằng dấu chấm phẩy (;); để trống nếu học liệu dùng chung."),
    ("description", "Mô tả ngắn về học liệu."),
)

EXAMPLE_COLUMNS = _columns(
    ("id", "Mã định danh cố định của gương điển hình (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của trang gương điển hình trên cổng thông tin."),
    ("model", "Danh hiệu: gia-dinh-hoc-tap (gia đình học tập), dong-ho-hoc-tap (dòng họ học tập), "
              "cong-dong-hoc-tap (cộng đồng học tập), don-vi-hoc-tap (đơn vị học tập), "
              "cong-dan-hoc-tap (công dân học tập)."),
    ("name", "Tên gia đình, dòng họ, cộng đồng, đơn vị hoặc công dân."),
    ("locality", "Mã địa bàn; để trống nếu không nêu."),
    ("year", "Năm được công nhận; để trống nếu không nêu."),
    ("illustrative", "true nếu là ví dụ minh họa, không phải hồ sơ công nhận thật; false nếu là hồ sơ thật."),
    ("summary", "Tóm tắt."),
)


# --- cells ------------------------------------------------------------------

def absolute_url(site_url: str, path: str) -> str:
    """`path` under `site_url`; relative to the site root (as links.py gives it) when no site URL is known.

    A site URL given without its trailing slash still joins with one, so
    `https://x.vn/xhht` never yields `https://x.vn/xhhtvan-ban/...`.
    """
    if not site_url:
        return path
    return (site_url if site_url.endswith("/") else site_url + "/") + path


def page_url(site_url: str, kind: str, ident: str) -> str:
    """The permanent address of a record's page."""
    return absolute_url(site_url, links.url_for(kind, ident))


def number(value: Any) -> int | float | None:
    """A figure as the record holds it; `60.0` becomes `60` so the same figure prints the same.

    Floats are printed by `repr`, the shortest text that reads back to the
    same float, so `55.55` stays `55.55`. Booleans are not numbers here.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"không phải số: {value!r}")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def joined(values: Iterable[str]) -> str:
    """A list of ids or codes as one cell, each once, in the given order."""
    return LIST_SEPARATOR.join(dict.fromkeys(values))


def flag(value: bool) -> str:
    """`true`/`false` as text, the same in JSON and CSV (cells hold no booleans)."""
    return "true" if value else "false"


# --- rows -------------------------------------------------------------------

Row = dict[str, Cell]


def document_row(doc: Document, hub: Hub, site_url: str) -> Row:
    return {
        "id": doc.id,
        "url": page_url(site_url, "document", doc.id),
        "number": doc.number,
        "type": doc.type,
        "title": doc.title,
        "issuer_name": doc.issuer_name,
        "issuer_body": doc.issuer_body,
        "issuer_level": doc.issuer_level,
        "place": doc.place,
        "locality": doc.locality,
        "date": doc.date.iso() if doc.date else None,
        "date_precision": ("day" if doc.date.is_full else "year") if doc.date else None,
        "signer_name": doc.signer.name if doc.signer else None,
        "period_from": doc.period[0] if doc.period else None,
        "period_to": doc.period[1] if doc.period else None,
        "transcription": doc.transcription,
        "legal_basis_ids": joined(b.document for b in doc.legal_bases if b.document),
        "cited_by_ids": joined(sorted(hub.cited_by.get(doc.id, []))),
        "target_count": len(doc.targets),
        "source_file": doc.source.get("file"),
        "source_url": doc.source.get("url"),
    }


def target_row(target: Target, hub: Hub, site_url: str) -> Row:
    doc = hub.documents[target.document_id]
    return {
        "id": target.id,
        "url": absolute_url(site_url, links.target_url(target.document_id, target.id)),
        "document_id": target.document_id,
        "document_number": doc.number,
        "indicator_id": target.indicator,
        "indicator_name": hub.indicators.get(target.indicator, {}).get("name"),
        "value": number(target.value),
        "comparator": target.comparator,
        "unit": target.unit,
        "verb": target.verb,
        "year": target.year,
        "scope": target.scope,
        "group": target.group,
        "level": target.level,
        "locality": doc.locality,
        "text": target.text,
    }


def actual_rows(target: Target, site_url: str) -> list[Row]:
    """One row per reported result, oldest first, so results need no splitting in a spreadsheet."""
    url = absolute_url(site_url, links.target_url(target.document_id, target.id))
    return [{"target_id": target.id, "url": url, "year": a.year, "value": number(a.value),
             "source": a.source, "source_url": a.url}
            for a in sorted(target.actuals, key=lambda a: a.year)]


def resource_row(data: Mapping[str, Any], site_url: str) -> Row:
    return {
        "id": data["id"],
        "url": page_url(site_url, "resource", data["id"]),
        "name": data["name"],
        "provider": data["provider"],
        "link": data["url"],
        "topics": joined(data["topics"]),
        "audiences": joined(data["audiences"]),
        "formats": joined(data["formats"]),
        "languages": joined(data["languages"]),
        "cost": data["cost"],
        "localities": joined(data.get("localities", [])),
        "description": data["description"],
    }


def example_row(data: Mapping[str, Any], site_url: str) -> Row:
    """Only the public summary fields: no story, consent or decision details."""
    return {
        "id": data["id"],
        "url": page_url(site_url, "example", data["id"]),
        "model": data["model"],
        "name": data["name"],
        "locality": data.get("locality"),
        "year": data.get("year"),
        "illustrative": flag(data["illustrative"]),
        "summary": data["summary"],
    }


# --- tables -----------------------------------------------------------------

def make_table(name: str, title: str, columns: tuple[Column, ...], rows: Iterable[Row]) -> Table:
    """A table whose rows are laid out in column order.

    Rows are built as dicts so that a value can never drift into its
    neighbour's column; a row with a missing or extra field is a bug and
    fails the build rather than publishing a shifted spreadsheet.
    """
    names = [c.name for c in columns]
    laid_out = []
    for row in rows:
        if list(row) != names:
            raise ValueError(f"bảng {name}: các cột {list(row)} khác {names}")
        laid_out.append(tuple(row[n] for n in names))
    return Table(name, title, columns, tuple(laid_out))


def _sorted_targets(hub: Hub) -> list[Target]:
    return sorted(hub.targets.values(), key=lambda t: (t.document_id, t.id))


def build_tables(hub: Hub, site_url: str = "") -> tuple[Table, ...]:
    """Every downloadable table of the hub, rows sorted by id (targets by document, then id).

    `site_url` makes the `url` columns absolute (a spreadsheet has no page
    to be relative to); without it they are relative to the site root.
    """
    targets = _sorted_targets(hub)
    return (
        make_table("documents", "Văn bản", DOCUMENT_COLUMNS,
                   (document_row(hub.documents[i], hub, site_url) for i in sorted(hub.documents))),
        make_table("targets", "Chỉ tiêu", TARGET_COLUMNS, (target_row(t, hub, site_url) for t in targets)),
        make_table("actuals", "Kết quả thực hiện chỉ tiêu", ACTUAL_COLUMNS,
                   (row for t in targets for row in actual_rows(t, site_url))),
        make_table("resources", "Học liệu mở", RESOURCE_COLUMNS,
                   (resource_row(hub.resources[i], site_url) for i in sorted(hub.resources))),
        make_table("examples", "Gương điển hình", EXAMPLE_COLUMNS,
                   (example_row(hub.examples[i], site_url) for i in sorted(hub.examples))),
    )


# --- files ------------------------------------------------------------------

def table_json(table: Table) -> bytes:
    """The table as JSON: title and column descriptions travel with the data.

    `allow_nan=False`: NaN is not JSON, and the loader refuses it anyway.
    """
    document = {
        "table": table.name,
        "title": table.title,
        "columns": [{"name": c.name, "description": c.description} for c in table.columns],
        "rows": [dict(zip((c.name for c in table.columns), row)) for row in table.rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def csv_cell(value: Cell) -> str:
    """A cell as CSV text, defused for spreadsheets.

    Text starting with `=`, `+`, `-`, `@`, tab or CR would be run as a
    formula when a CSV is opened in Excel (`=HYPERLINK(...)` in a title), so
    it gets a leading apostrophe. Numbers are left alone: `-5` is a number,
    not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    return repr(number(value))


def table_csv(table: Table) -> bytes:
    """The table as CSV for Excel: UTF-8 with BOM, CRLF line ends, header of column names."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows([csv_cell(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


#: file suffix -> writer; the data page links both files of every table.
FORMATS: dict[str, Callable[[Table], bytes]] = {"json": table_json, "csv": table_csv}


def table_files(table: Table) -> dict[str, bytes]:
    """`{"targets.json": ..., "targets.csv": ...}`: the files of one table, by file name."""
    return {f"{table.name}.{suffix}": write(table) for suffix, write in FORMATS.items()}
