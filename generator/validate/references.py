"""Checks that need every record at once: ids, links, dates, periods, cycles.

Runs only on records that passed their schema, so shapes can be trusted here
and every check stays a small function over plain dicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Iterator

from generator.loader import LoadedFile
from generator.problems import Problem, format_field
from generator.sources import KIND_NAMES
from generator.validate.messages import suggest

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Record:
    """A schema-valid record and the file it came from."""

    kind: str
    file: LoadedFile

    @property
    def data(self) -> dict[str, Any]:
        return self.file.data


def _problem(file: LoadedFile, path: Path_, message: str, key: bool = False) -> Problem:
    mark = file.mark(path, key=key)
    return Problem(file.path, mark.line, mark.column, format_field(path), message)


def walk_items(items: list[dict[str, Any]], path: Path_) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every section item at any depth, with its path, in document order."""
    for index, item in enumerate(items):
        here = path + (index,)
        yield here, item
        yield from walk_items(item.get("items", []), here + ("items",))


def document_targets(data: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every target of a document, with its path."""
    for path, item in walk_items(data.get("sections", []), ("sections",)):
        for index, target in enumerate(item.get("targets", [])):
            yield path + ("targets", index), target


# --- ids -------------------------------------------------------------------

def _ids(records: list[Record]) -> Iterator[tuple[str, str, Record, Path_]]:
    """(id, kind, record, path) for every id and alias a record defines."""
    for record in records:
        yield record.data["id"], record.kind, record, ("id",)
        for index, alias in enumerate(record.data.get("aliases", [])):
            yield alias, record.kind, record, ("aliases", index)
        if record.kind == "document":
            for path, target in document_targets(record.data):
                yield target["id"], "target", record, path + ("id",)
                for index, alias in enumerate(target.get("aliases", [])):
                    yield alias, "target", record, path + ("aliases", index)


def check_ids(records: list[Record]) -> tuple[dict[str, dict[str, Record]], list[Problem]]:
    """Ids unique across all files; file names equal ids. Returns ids by kind."""
    problems: list[Problem] = []
    first: dict[str, tuple[Record, Path_]] = {}
    by_kind: dict[str, dict[str, Record]] = {}
    for ident, kind, record, path in sorted(_ids(records), key=lambda t: (t[2].file.path, t[3] != ("id",))):
        if ident in first:
            other, other_path = first[ident]
            mark = other.file.mark(other_path)
            problems.append(_problem(record.file, path,
                                     f"mã '{ident}' đã được dùng ở {other.file.path}:{mark.line}; mỗi mã chỉ dùng một lần"))
            continue
        first[ident] = (record, path)
        if path == ("id",) or kind == "target" and path[-1] == "id":
            by_kind.setdefault(kind, {})[ident] = record
    for record in records:
        stem = PurePosixPath(record.file.path).stem
        if stem != record.data["id"]:
            problems.append(_problem(record.file, ("id",),
                                     f"tên tệp '{stem}' phải trùng với mã '{record.data['id']}' (đổi tên tệp thành {record.data['id']}.yml)"))
    return by_kind, problems


# --- references ------------------------------------------------------------

def _references(record: Record) -> Iterator[tuple[Path_, str, str]]:
    """(path, referenced kind, id) for every link a record makes."""
    data = record.data
    if record.kind == "document":
        issuer = data["issuer"]
        if "body" in issuer:
            yield ("issuer", "body"), "body", issuer["body"]
        if data.get("locality"):
            yield ("locality",), "locality", data["locality"]
        for index, basis in enumerate(data.get("legal_bases", [])):
            if "document" in basis:
                yield ("legal_bases", index, "document"), "document", basis["document"]
        for path, item in walk_items(data.get("sections", []), ("sections",)):
            for index, body in enumerate(item.get("bodies", [])):
                yield path + ("bodies", index), "body", body
            for tindex, target in enumerate(item.get("targets", [])):
                yield path + ("targets", tindex, "indicator"), "indicator", target["indicator"]
        for index, deadline in enumerate(data.get("deadlines", [])):
            for bindex, body in enumerate(deadline.get("bodies", [])):
                yield ("deadlines", index, "bodies", bindex), "body", body
        for index, recipient in enumerate(data.get("recipients", [])):
            if "body" in recipient:
                yield ("recipients", index, "body"), "body", recipient["body"]
    elif record.kind in ("body", "locality"):
        if "locality" in data:
            yield ("locality",), "locality", data["locality"]
        if "parent" in data:
            yield ("parent",), record.kind, data["parent"]
    elif record.kind == "example" and "locality" in data:
        yield ("locality",), "locality", data["locality"]
    elif record.kind == "resource":
        for index, locality in enumerate(data.get("localities", [])):
            yield ("localities", index), "locality", locality


def check_links(records: list[Record], by_kind: dict[str, dict[str, Record]]) -> list[Problem]:
    """Every link points at an existing record of the right kind."""
    problems = []
    for record in records:
        for path, kind, ident in _references(record):
            if ident in by_kind.get(kind, {}):
                continue
            elsewhere = [k for k, ids in by_kind.items() if ident in ids]
            hint = (f"; '{ident}' là mã của một {KIND_NAMES[elsewhere[0]]}, không phải {KIND_NAMES[kind]}" if elsewhere
                    else suggest(ident, by_kind.get(kind, {})))
            problems.append(_problem(record.file, path, f"không tìm thấy {KIND_NAMES[kind]} có mã '{ident}'{hint}"))
    return problems


def check_cycles(records: list[Record]) -> list[Problem]:
    """A document may not rest, directly or through others, on itself."""
    edges = {r.data["id"]: [(i, b["document"]) for i, b in enumerate(r.data.get("legal_bases", [])) if "document" in b]
             for r in records if r.kind == "document"}
    files = {r.data["id"]: r.file for r in records if r.kind == "document"}
    problems = []
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, trail = stack.pop()
            for index, nxt in edges.get(node, []):
                if nxt == start:
                    cycle = frozenset(trail)
                    if cycle in reported:
                        continue
                    reported.add(cycle)
                    loop = " → ".join(trail + [start])
                    first_index = next(i for i, n in edges[start] if n == (trail[1] if len(trail) > 1 else start))
                    problems.append(_problem(files[start], ("legal_bases", first_index, "document"),
                                             f"căn cứ vòng tròn: {loop}"))
                elif nxt in edges and nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    return problems


# --- values ----------------------------------------------------------------

def parse_date(text: str) -> dt.date | None:
    """A real calendar date from `YYYY-MM-DD`, or None (`YYYY` alone is not a day)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _date_fields(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "date" and isinstance(child, str):
                yield path + (key,), child
            else:
                yield from _date_fields(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _date_fields(child, path + (index,))


def check_dates(record: Record) -> list[Problem]:
    """Every `date` that names a day names one that exists (no 30/02)."""
    problems = []
    for path, text in _date_fields(record.data, ()):
        if len(text) == 10 and parse_date(text) is None:
            year, month, day = text.split("-")
            problems.append(_problem(record.file, path, f"ngày {int(day)}/{int(month)}/{year} không có thật"))
    return problems


def check_document_values(record: Record) -> list[Problem]:
    """Periods, target years and percentages that make sense for the document."""
    data = record.data
    problems = []
    period = data.get("period")
    if period and period["from"] > period["to"]:
        problems.append(_problem(record.file, ("period", "to"),
                                 f"năm kết thúc {period['to']} trước năm bắt đầu {period['from']}"))
        period = None
    if data.get("transcription", "full") == "full" and data.get("title") is None:
        problems.append(_problem(record.file, ("title",), "văn bản chép đầy đủ phải có trích yếu"))
    for path, target in document_targets(data):
        if period and not period["from"] <= target["year"] <= period["to"]:
            problems.append(_problem(record.file, path + ("year",),
                                     f"năm {target['year']} nằm ngoài giai đoạn {period['from']}-{period['to']} của văn bản"))
        if target["unit"] == "percent":
            values = [((), target["value"])] + [(("actuals", i), a["value"]) for i, a in enumerate(target.get("actuals", []))]
            for sub, value in values:
                if value is not None and not 0 <= value <= 100:
                    problems.append(_problem(record.file, path + sub + ("value",),
                                             f"tỷ lệ {value:g}% nằm ngoài khoảng 0-100%"))
    return problems


def check_example(record: Record) -> list[Problem]:
    """A record naming private persons needs their recorded consent."""
    data = record.data
    if data.get("private_persons") and not data.get("consent", {}).get("given"):
        return [_problem(record.file, ("consent",) if "consent" in data else ("private_persons",),
                         "bản ghi nêu tên cá nhân phải có sự đồng ý (consent.given: true, ngày và người ghi nhận)")]
    return []


def check_references(records: list[Record]) -> list[Problem]:
    """All cross-record problems, in no particular order (the caller sorts)."""
    by_kind, problems = check_ids(records)
    problems += check_links(records, by_kind)
    problems += check_cycles(records)
    for record in records:
        problems += check_dates(record)
        if record.kind == "document":
            problems += check_document_values(record)
        elif record.kind == "example":
            problems += check_example(record)
    return problems
