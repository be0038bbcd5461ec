"""Checks of one schema-valid record on its own, and the facts others need of it.

Everything here looks at a single file, so it runs in the worker processes
beside loading; only the small `Facts` (ids defined, links made) travel back
for the checks across files in `references`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator

import msgspec

from generator import links, markdown_safe
from generator.loader import LoadedFile
from generator.model.anchors import PAGE_ANCHORS, item_anchor as _anchor
from generator.problems import Problem, format_field
from generator.schemas import Plan, anchored, id_pattern, kind_plan, walk_ids
from generator.validate import privacy

Path_ = tuple[str | int, ...]

#: The id rule of schema/common.schema.json, for records the schema rejected.
ID_PATTERN = re.compile(anchored(id_pattern()["pattern"]))


@dataclass(frozen=True)
class Record:
    """A schema-valid record and the file it came from."""

    kind: str
    file: LoadedFile

    @property
    def data(self) -> dict[str, Any]:
        return self.file.data

    @cached_property
    def items(self) -> list[tuple[Path_, dict[str, Any]]]:
        """A document's section items at every depth, walked once for all the checks."""
        return list(walk_items(self.data.get("sections", []), ("sections",)))

    @cached_property
    def targets(self) -> list[tuple[Path_, dict[str, Any]]]:
        return [(path + ("targets", index), target) for path, item in self.items
                for index, target in enumerate(item.get("targets", []))]


class Facts(msgspec.Struct, frozen=True):
    """What the cross-file checks need to know of one record (a struct: the cache decodes it directly)."""

    kind: str
    path: str
    abspath: str | None
    id: str
    defines: tuple[tuple[str, str, tuple[str | int, ...]], ...]  # (id, kind, where)
    links: tuple[tuple[tuple[str | int, ...], str, str], ...]    # (where, kind, id)
    contacts: tuple[tuple[tuple[str | int, ...], str, str, str], ...] = ()  # personal-data candidates (privacy.found)
    official: tuple[str, ...] = ()                                          # a body's declared official contacts
    unread: bool = False  # the file could not be read or parsed: its own problem says why


def problem_at(file: LoadedFile, path: Path_, message: str, key: bool = False) -> Problem:
    """A problem placed at the value (or key) `path` of `file`."""
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


# --- facts -----------------------------------------------------------------

def facts(record: Record) -> Facts:
    """The ids a record defines and the links it makes."""
    defines, refers = [], []
    for role, kind, path, ident in walk_ids(record.kind, record.data):
        ident = as_meant(ident)
        if role == "defines":
            defines.append((ident, kind, path))
        else:
            refers.append((path, kind, ident))
    return Facts(record.kind, record.file.path, record.file.abspath, usable_id(record) or record.data["id"],
                 tuple(defines), tuple(refers),
                 tuple(privacy.found(record.data, markdown_fields(record.kind))),
                 tuple(privacy.declared(record.data)) if record.kind == "body" else ())


def markdown_fields(kind: str) -> tuple[Path_, ...]:
    """Paths of a kind's Markdown texts: those its checks declare (`check_page_links`: a free page's body)."""
    from generator import kinds

    return tuple(path for check in kinds.get(kind).checks for path in getattr(check, "markdown_fields", ()))


def as_meant(ident: str) -> str:
    """An id without the white space around it when that makes it well formed (`"tinh-mau\\n"`).

    The schema reports the white space; the id is still the one meant, so
    the record stays known and links to or from it are not also reported
    as not found.
    """
    if ID_PATTERN.fullmatch(ident):
        return ident
    stripped = ident.strip()
    return stripped if stripped != ident and ID_PATTERN.fullmatch(stripped) else ident


def unread_facts(kind: str, path: str, abspath: str | None) -> Facts | None:
    """For a file that could not be parsed: its id from its name (ids equal file names), so records naming it
    are not also told it does not exist; the file's own problem is the one to fix."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if not ID_PATTERN.fullmatch(stem):
        return None
    return Facts(kind, path, abspath, stem, ((stem, kind, ("id",)),), (), unread=True)


def usable_id(record: Record) -> str | None:
    """The record's id if it is well formed (a schema-invalid record may still have one), white space aside."""
    ident = record.data.get("id")
    if not isinstance(ident, str):
        return None
    ident = as_meant(ident)
    return ident if ID_PATTERN.fullmatch(ident) else None


def id_only_facts(record: Record) -> Facts | None:
    """For a record too broken to read links from: just its id, if it has a usable one."""
    ident = usable_id(record)
    if ident is None:
        return None
    return Facts(record.kind, record.file.path, record.file.abspath, ident, ((ident, record.kind, ("id",)),), ())


# --- checks ----------------------------------------------------------------

#: A date as the schemas write it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (nothing after it, not even a newline).
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


def parse_date(text: str) -> dt.date | None:
    """A real calendar date from `YYYY-MM-DD`, or None (`YYYY` alone is not a day)."""
    match = _DATE.match(text)
    if match is None or match.group(3) is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def date_problem(text: str) -> str | None:
    """Why a well-formed date names no real day or month (30/02, month 13); None if it does or is not well formed.

    A malformed date (`04/07/2022`, a trailing newline) is the schema's to report.
    """
    match = _DATE.match(text)
    if match is None:
        return None
    year, month, day = match.groups()
    if day is not None:
        return None if parse_date(text) else f"ngày {int(day)}/{int(month)}/{year} không có thật"
    if month is not None and not 1 <= int(month) <= 12:
        return f"tháng {int(month)}/{year} không có thật"
    return None


def _is_date(node: dict[str, Any], name: str | None) -> bool:
    """A date field: a definition named `...date` (common `date`, `full_date`, a kind's own), or a date pattern."""
    named = name is not None and name.rsplit(".", 1)[-1].endswith("date")
    return named or str(node.get("pattern", "")).startswith("^[0-9]{4}")


def _date_mark(node: dict[str, Any], name: str | None) -> bool | None:
    return _is_date(node, name) or None


def _walk_dates(plan: Plan, data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if plan.mark and isinstance(data, str):
        yield path, data
    if isinstance(data, dict):
        for key, sub in plan.properties.items():
            if key in data:
                yield from _walk_dates(sub, data[key], path + (key,))
    elif isinstance(data, list) and plan.items is not None:
        for index, value in enumerate(data):
            yield from _walk_dates(plan.items, value, path + (index,))


def _date_fields(record: Record) -> Iterator[tuple[Path_, str]]:
    """Every field the kind's schema declares a date (a definition named `...date`, or a date pattern), with its path."""
    yield from _walk_dates(kind_plan(record.kind, "dates", _date_mark), record.data, ())


def check_dates(record: Record) -> list[Problem]:
    """Every date names a day (or month) that exists: no 30/02, no 29/02/2023, no month 13."""
    return [problem_at(record.file, path, reason) for path, text in _date_fields(record)
            if (reason := date_problem(text))]


def check_document_values(record: Record) -> list[Problem]:
    """Periods, target years and percentages that make sense for the document."""
    data = record.data
    problems = []
    period = data.get("period")
    if period and period["from"] > period["to"]:
        problems.append(problem_at(record.file, ("period", "to"),
                                   f"năm kết thúc {period['to']} trước năm bắt đầu {period['from']}"))
        period = None
    if data.get("transcription", "full") == "full" and "title" in data and data["title"] is None:
        problems.append(problem_at(record.file, ("title",), "văn bản chép đầy đủ phải có trích yếu"))
    for path, target in record.targets:
        if period and not period["from"] <= target["year"] <= period["to"]:
            problems.append(problem_at(record.file, path + ("year",),
                                       f"năm {target['year']} nằm ngoài giai đoạn {period['from']}-{period['to']} của văn bản"))
        if target["unit"] == "percent":
            values = [((), target["value"])] + [(("actuals", i), a["value"]) for i, a in enumerate(target.get("actuals", []))]
            for sub, value in values:
                if value is not None and not 0 <= value <= 100:
                    problems.append(problem_at(record.file, path + sub + ("value",),
                                               f"tỷ lệ {value:g}% nằm ngoài khoảng 0-100%"))
    return problems


def check_example(record: Record) -> list[Problem]:
    """A record naming private persons needs their recorded consent."""
    data = record.data
    if data.get("private_persons") and not data.get("consent", {}).get("given"):
        return [problem_at(record.file, ("consent",) if "consent" in data else ("private_persons",),
                           "bản ghi nêu tên cá nhân phải có sự đồng ý (consent.given: true, ngày và người ghi nhận)")]
    return []


def check_id_free(record: Record) -> list[Problem]:
    """An id (or an alias, which keeps an address alive) must not take an address a listing page uses."""
    names = [(("id",), record.data["id"])] + [(("aliases", i), a) for i, a in enumerate(record.data.get("aliases", []))]
    return [problem_at(record.file, path, reason) for path, name in names
            if (reason := links.reserved_reason(record.kind, name))]


def text_problem(file: LoadedFile, path: Path_, offset: int, message: str) -> Problem:
    """A problem at character `offset` of the text at `path`: its own line when the text is a `|` block.

    A literal block scalar keeps its lines as written, one under the other,
    so the n-th line of the text is the n-th line after the `|`. Any other
    style folds or unescapes lines; the problem is then placed at the value.
    """
    mark = file.mark(path)
    lines = file.source_text().split("\n")
    header = lines[mark.line - 1][mark.column - 1:] if mark.line <= len(lines) else ""
    value = _value_at(file.data, path)
    if not (header.startswith("|") and isinstance(value, str)):
        return problem_at(file, path, message)
    row = value.count("\n", 0, offset)
    column = offset - (value.rfind("\n", 0, offset) + 1)
    body = lines[mark.line:]
    indent = next((len(line) - len(line.lstrip(" ")) for line in body if line.strip()), 0)
    return Problem(file.path, mark.line + 1 + row, indent + column + 1, format_field(path), message)


def _value_at(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def check_page_links(record: Record) -> list[Problem]:
    """A free page's Markdown: links only to http(s), mailto and the site itself, and bounded work to render it."""
    body = record.data["body"]
    findings = markdown_safe.limits(body) + markdown_safe.link_findings(body)
    return [text_problem(record.file, ("body",), finding.offset, finding.message) for finding in findings]


#: The field it reads as Markdown (also read as rendered by the personal data guard).
check_page_links.markdown_fields = (("body",),)  # type: ignore[attr-defined]


def item_anchor(item: dict[str, Any], path: Path_) -> str:
    """The anchor an item gets on its page (generator/model/anchors.py), from its path in the record."""
    return _anchor(item, tuple(p for p in path if isinstance(p, int)))


def check_anchors(record: Record) -> list[Problem]:
    """Every anchor on a document page is unique, so each link lands where it says."""
    seen: dict[str, Path_] = {name: () for name in PAGE_ANCHORS}
    problems = []
    candidates: list[tuple[Path_, str]] = []
    for path, item in record.items:
        candidates.append((path + ("anchor",), item_anchor(item, path)))
    for path, target in record.targets:
        candidates.append((path + ("id",), target["id"]))
        candidates.extend((path + ("aliases", i), a) for i, a in enumerate(target.get("aliases", [])))
    for path, anchor in candidates:
        if anchor in seen:
            where = "phần cố định của trang văn bản" if not seen[anchor] else format_field(seen[anchor])
            problems.append(problem_at(record.file, path, f"neo '{anchor}' trùng với {where}; hãy chọn neo khác"))
        else:
            seen[anchor] = path
    return problems


def check_record(record: Record) -> list[Problem]:
    """All single-record problems beyond the schema: the common ones, then those its kind declares."""
    from generator import kinds

    problems = check_id_free(record) + check_dates(record)
    for check in kinds.get(record.kind).checks:
        problems += check(record)
    return problems
