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
from collections.abc import Callable

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
    lines = [csv_line([c.name for c in table.columns])]
    lines.extend(csv_line([csv_cell(v) for v in row]) for row in table.rows)
    return ("".join(line + "\r\n" for line in lines)).encode("utf-8-sig")


#: file suffix -> writer; the data page links both files of every table.
FORMATS: dict[str, Callable[[Table], bytes]] = {"json": table_json, "csv": table_csv}


def table_files(table: Table) -> dict[str, bytes]:
    """`{"targets.json": ..., "targets.csv": ...}`: the files of one table, by file name."""
    return {f"{table.name}.{suffix}": write(table) for suffix, write in FORMATS.items()}
