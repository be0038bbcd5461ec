"""Checks of one document beyond its schema: what the new fields claim must agree with the rest of it.

Each rule guards a statement the site will make in plain words: "văn bản
không ghi số" must not stand beside a number, a yes/no target must not be
drawn as a percentage, a cut text must show where it was cut, a sub-target
must have a parent on the same page. All run on the validated dict, in the
worker processes (`RecordKind.checks`), and word their problems in Vietnamese.
Dates (to the day, month or year) are checked with every other date field by
`generator/validate/record.py`.
"""

from __future__ import annotations

import re

from typing import Any, Iterator

from generator import labels
from generator.problems import Problem
from generator.validate.record import Path_, Record, problem_at


def check_not_printed(record: Record) -> list[Problem]:
    """"Không ghi" only where the value is indeed missing: a printed number cannot also be "not printed"."""
    data = record.data
    problems = []
    date = data.get("date") if isinstance(data.get("date"), str) else ""
    present = {
        "number": (data.get("number") is not None, f"văn bản có số '{data.get('number')}'; bỏ number khỏi not_printed"),
        "day": (len(date) == 10, "ngày ban hành đã có ngày; bỏ day khỏi not_printed"),
        "month": (len(date) >= 7, "ngày ban hành đã có tháng; bỏ month khỏi not_printed"),
        "signer": (data.get("signer") is not None, "văn bản có người ký (signer); bỏ signer khỏi not_printed"),
    }
    for index, what in enumerate(data.get("not_printed", [])):
        if present[what][0]:
            problems.append(problem_at(record.file, ("not_printed", index), present[what][1]))
    return problems


def _items(items: list[dict[str, Any]], path: Path_, level: str) -> Iterator[tuple[Path_, dict[str, Any], str]]:
    """Every item with its path and the transcription level it is taken at (its own, else inherited)."""
    for index, item in enumerate(items):
        here = path + (index,)
        own = item.get("transcription", level)
        yield here, item, own
        yield from _items(item.get("items", []), here + ("items",), own)


def _sources(data: dict[str, Any]) -> list[dict[str, Any]]:
    source = data.get("source")
    return source if isinstance(source, list) else [source] if isinstance(source, dict) else []


def check_items(record: Record) -> list[Problem]:
    """Cuts inside partial text, sources that exist, each body once per item."""
    data = record.data
    level = data.get("transcription", "full")
    sources = len(_sources(data))
    problems, cuts = [], 0
    for path, item, taken in _items(data.get("sections", []), ("sections",), level):
        if item.get("cut"):
            cuts += 1
            if taken != "partial":
                problems.append(problem_at(record.file, path + ("cut",),
                                           "chỗ bị cắt (cut: true) chỉ có trong phần chép một phần: ghi transcription: "
                                           "partial cho văn bản hoặc cho mục này"))
        if item.get("from_source", 0) > sources:
            problems.append(problem_at(record.file, path + ("from_source",),
                                       f"văn bản chỉ có {sources} nguồn (source); from_source phải từ 1 đến {sources}"))
        seen: set[str] = set()
        bodies = item.get("bodies")
        for index, entry in enumerate(bodies if isinstance(bodies, list) else []):  # a string is the schema's error
            body = entry["body"] if isinstance(entry, dict) else entry
            if body in seen:
                problems.append(problem_at(record.file, path + ("bodies", index),
                                           f"cơ quan '{body}' được nêu hai lần trong mục này"))
            seen.add(body)
    if level == "partial" and not cuts:
        problems.append(problem_at(record.file, ("transcription",),
                                   "văn bản chép một phần (partial) phải đánh dấu chỗ bị cắt: cut: true ở mục cuối "
                                   "cùng có trong bản nguồn"))
    return problems


def check_targets(record: Record) -> list[Problem]:
    """Yes/no targets hold true or false; a sub-target names another target of the same document, without a loop."""
    problems = []
    targets = list(record.targets)
    ids = {target["id"] for _, target in targets}
    parent_of = {target["id"]: target.get("part_of") for _, target in targets}
    for path, target in targets:
        value, yes_no = target.get("value"), target.get("unit") == "yes-no"
        if yes_no and not (value is None or isinstance(value, bool)):
            problems.append(problem_at(record.file, path + ("value",),
                                       "chỉ tiêu có/không (unit: yes-no) có value là true (đạt) hoặc false, không phải số"))
        elif not yes_no and isinstance(value, bool):
            problems.append(problem_at(record.file, path + ("value",),
                                       "value true/false chỉ dùng cho chỉ tiêu có/không: ghi unit: yes-no"))
        parent = target.get("part_of")
        if parent is None:
            continue
        if parent == target["id"]:
            problems.append(problem_at(record.file, path + ("part_of",), "chỉ tiêu không thể là một phần của chính nó"))
        elif parent not in ids:
            problems.append(problem_at(record.file, path + ("part_of",),
                                       f"không có chỉ tiêu '{parent}' trong văn bản này; part_of chỉ trỏ tới chỉ tiêu "
                                       f"của cùng văn bản"))
        else:
            seen, step = {target["id"]}, parent
            while step is not None and step not in seen:
                seen.add(step)
                step = parent_of.get(step)
            if step == target["id"]:
                problems.append(problem_at(record.file, path + ("part_of",),
                                           f"vòng lặp: chỉ tiêu '{target['id']}' lại là phần của chính các phần của nó"))
    return problems


def check_relations(record: Record) -> list[Problem]:
    """A relation names the other document (in the hub or by citation), and not the document itself."""
    problems = []
    for index, relation in enumerate(record.data.get("relations", [])):
        if "document" not in relation and "citation" not in relation:
            problems.append(problem_at(record.file, ("relations", index),
                                       "quan hệ phải nêu document (mã văn bản trong kho) hoặc citation (số, ngày, "
                                       "cơ quan của văn bản chưa có trong kho)"))
        elif relation.get("document") == record.data["id"]:
            problems.append(problem_at(record.file, ("relations", index, "document"),
                                       "văn bản không thể có quan hệ với chính nó"))
    return problems


#: Type codes of Nghị định 30/2020/NĐ-CP, Phụ lục III (and those of normative documents), by document type.
#: A công văn has none: its number is the issuer's and the drafting unit's ("1132/UBND-VX").
TYPE_CODES = {"ke-hoach": "KH", "quyet-dinh": "QĐ", "chi-thi": "CT", "nghi-quyet": "NQ", "nghi-dinh": "NĐ",
              "thong-tu": "TT", "luat": "QH", "ket-luan": "KL", "huong-dan": "HD", "to-trinh": "TTr",
              "bao-cao": "BC", "thong-bao": "TB", "chuong-trinh": "CTr", "de-an": "ĐA"}
_SO = re.compile(r"^\s*s[ốo]\b\s*:?", re.IGNORECASE)


def _folded(text: str) -> str:
    return text.replace("Đ", "D").replace("đ", "d").upper()


def check_number(record: Record) -> list[Problem]:
    """A number as printed after "Số:", with its type's code: `104/KH-UBND`, `1373/QĐ-TTg`, `259-KH/TU`,
    `43/2019/QH14` (joint documents add LT: `300/KHLT-...`)."""
    number, kind = record.data.get("number"), record.data.get("type")
    if not isinstance(number, str):
        return []
    if not number.strip():
        return [problem_at(record.file, ("number",), "số, ký hiệu không được để trống: ghi như in sau chữ 'Số:' "
                                                     "(ví dụ 104/KH-UBND), hoặc null nếu chưa rõ")]
    if _SO.match(number):
        return [problem_at(record.file, ("number",), f"viết số, ký hiệu không kèm chữ 'Số:' "
                                                     f"(ví dụ number: {_SO.sub('', number).strip() or '104/KH-UBND'})")]
    if not number[:1].isdigit():
        return [problem_at(record.file, ("number",), "số, ký hiệu bắt đầu bằng số của văn bản (ví dụ 104/KH-UBND)")]
    code = TYPE_CODES.get(kind or "")
    tokens = [_folded(t) for t in re.split(r"[/\-]", number)]
    if code and not any(t.startswith(_folded(code)) for t in tokens[1:]):
        return [problem_at(record.file, ("number",), f"số, ký hiệu '{number}' không có mã loại '{code}' của "
                                                     f"{labels.label(labels.DOCUMENT_TYPES, kind).lower()}; kiểm tra "
                                                     "lại số hoặc loại văn bản (type)")]
    return []


CHECKS = (check_not_printed, check_items, check_targets, check_relations, check_number)
