"""Download tables as values: columns that never change meaning, cells of four types.

Kinds declare their tables (`RecordKind.tables`) with these primitives; the
export stage (`export.py`) writes them as JSON and CSV. Cells are `str`,
`int`, `float` or `None` only, so the JSON and the CSV of a table hold the
same values; a list is one text cell joined with `;`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator import links

Cell = str | int | float | None

#: Separator of list cells (`ky-nang-so;ngoai-ngu`): ids and codes never contain it.
LIST_SEPARATOR = ";"



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

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class TableSummary:
    """What the data page shows of a table once its files are written: not its rows, which a build lets go
    table by table (the largest hold hundreds of thousands of rows)."""

    name: str
    title: str
    columns: tuple[Column, ...]
    count: int
    changed: Any = None  # the latest change (generator/history.py) of a record the table holds, or None


def columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, description) for name, description in pairs)


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


Row = dict[str, Cell]


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
