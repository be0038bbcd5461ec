"""The export stage: every kind's download tables as JSON and CSV (`data/`).

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
  that Excel would run as a formula are defused. A spreadsheet set to another
  list separator (`;` in Vietnamese and most European locales, or tab) splits
  a line where we did not: a cell holding `,`, `;` or a tab is quoted, and a
  formula trigger right after any of them (or after a line break) is defused
  too, so that `Học liệu;=1+1` is no formula whichever separator reads it.

Cells are `str`, `int`, `float` or `None` only, so the JSON and the CSV of a
table hold the same values; a list is one text cell joined with `;`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _encode_text

from generator import kinds
from generator.model.hub import Hub
from generator.tables import Cell, Column, Table, absolute_url, make_table, number, page_url

__all__ = ["FORMATS", "FORMULA_TRIGGERS", "LIST_SEPARATORS", "Column", "Table", "absolute_url", "build_tables", "csv_cell",
           "csv_field", "make_table", "number", "page_url", "table_csv", "table_files", "table_json"]

#: First characters that make Excel (and LibreOffice) treat a cell as a formula.
#: The full-width forms are included because some spreadsheet input paths
#: normalise them to their ASCII counterparts.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Characters a spreadsheet may split a CSV line at: the list separators in use (`,` `;` tab) and line breaks.
LIST_SEPARATORS = (",", ";", "\t", "\r", "\n")
_TRIGGER_AFTER_SEPARATOR = re.compile("([" + re.escape("".join(LIST_SEPARATORS)) + "])(?=["
                                      + re.escape("".join(FORMULA_TRIGGERS)) + "])")
_NEEDS_QUOTES = re.compile('[",;\t\r\n]')


def build_tables(hub: Hub, site_url: str = "") -> tuple[Table, ...]:
    """Every downloadable table of the hub, kind by kind, rows sorted by id.

    `site_url` makes the `url` columns absolute (a spreadsheet has no page
    to be relative to); without it they are relative to the site root.
    """
    return tuple(table for kind in kinds.REGISTRY for table in kind.tables(hub, site_url))


# --- files ------------------------------------------------------------------

def table_json(table: Table) -> bytes:
    """The table as JSON: title and column descriptions travel with the data.

    `allow_nan=False`: NaN is not JSON, and the loader refuses it anyway.
    """
    return b"".join(json_parts(table))


#: Rows encoded per part of a file written in parts.
PART_ROWS = 1000


def json_parts(table: Table) -> Iterator[bytes]:
    """`table_json`'s bytes in parts of `PART_ROWS` rows, so a table of 100,000 rows is written without its
    whole text (or a dict per row) in memory.

    The same text as `json.dumps` of the whole document with `indent=1`: the head is dumped as it would be
    with no rows, and each row is written at the depth it has there (cells are scalars, each on its line).
    """
    head = {"table": table.name, "title": table.title,
            "columns": [{"name": c.name, "description": c.description} for c in table.columns], "rows": []}
    text = json.dumps(head, ensure_ascii=False, indent=1, allow_nan=False)
    if not table.rows:
        yield (text + "\n").encode("utf-8")
        return
    empty = ' "rows": []\n}'
    assert text.endswith(empty)
    names = [json.dumps(c.name, ensure_ascii=False) for c in table.columns]
    part = [text[:-len(empty)] + ' "rows": [\n']
    for n, row in enumerate(table.rows):
        if n:
            part.append(",\n")
        part.append("  {\n" + ",\n".join(f"   {name}: {_json_cell(value)}" for name, value in zip(names, row))
                    + "\n  }" if row else "  {}")
        if len(part) >= 2 * PART_ROWS:
            yield "".join(part).encode("utf-8")
            part = []
    part.append("\n ]\n}\n")
    yield "".join(part).encode("utf-8")


def _json_cell(value: Cell) -> str:
    """One cell as `json.dumps` writes a scalar (anything else as it would write it, indented as a cell)."""
    if isinstance(value, str):
        return _encode_text(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False).replace("\n", "\n   ")


def csv_cell(value: Cell) -> str:
    """A cell as CSV text, defused for spreadsheets.

    Text starting with `=`, `+`, `-`, `@`, tab or CR would be run as a
    formula when a CSV is opened in Excel (`=HYPERLINK(...)` in a title), so
    it gets a leading apostrophe; so does such a character right after a
    list separator or a line break inside the text (`Học liệu;'=1+1`), where
    a spreadsheet reading the file with that separator would start a cell.
    Numbers are left alone: `-5` is a number, not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        value = _TRIGGER_AFTER_SEPARATOR.sub(r"\1'", value)
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    return repr(number(value))


def csv_field(text: str) -> str:
    """A cell's text as one CSV field: quoted (quotes doubled) when it holds a quote, a list separator or a line break.

    Python's csv module quotes only for the file's own delimiter (`,`); a
    cell holding `;` or a tab must be quoted too, for spreadsheets that split at those.
    """
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def csv_line(cells: list[str]) -> str:
    """One CSV record (a lone empty cell is written `""`, so the line is not read as blank)."""
    return '""' if cells == [""] else ",".join(csv_field(cell) for cell in cells)


def table_csv(table: Table) -> bytes:
    """The table as CSV for Excel: UTF-8 with BOM, CRLF line ends, header of column names."""
    return b"".join(csv_parts(table))


def csv_parts(table: Table) -> Iterator[bytes]:
    """`table_csv`'s bytes in parts of `PART_ROWS` rows (the byte order mark in the first)."""
    lines = [csv_line([c.name for c in table.columns]) + "\r\n"]
    encoding = "utf-8-sig"
    for row in table.rows:
        lines.append(csv_line([csv_cell(v) for v in row]) + "\r\n")
        if len(lines) >= PART_ROWS:
            yield "".join(lines).encode(encoding)
            lines, encoding = [], "utf-8"
    yield "".join(lines).encode(encoding)


#: file suffix -> writer; the data page links both files of every table.
FORMATS: dict[str, Callable[[Table], bytes]] = {"json": table_json, "csv": table_csv}
#: file suffix -> the same file in parts (what a build writes, one part at a time).
PARTS: dict[str, Callable[[Table], Iterator[bytes]]] = {"json": json_parts, "csv": csv_parts}


def table_files(table: Table) -> dict[str, bytes]:
    """`{"targets.json": ..., "targets.csv": ...}`: the files of one table, by file name."""
    return {f"{table.name}.{suffix}": write(table) for suffix, write in FORMATS.items()}
