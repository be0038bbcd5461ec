"""Vietnamese wording shared by the schema and reference checks."""

from __future__ import annotations

import difflib
from typing import Any, Iterable

TYPE_NAMES = {
    "string": "chữ",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "danh sách (các dòng bắt đầu bằng '-')",
    "object": "nhóm trường (tên: giá trị)",
    "null": "để trống",
}


def type_of(value: Any) -> str:
    """The JSON type name of a loaded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def suggest(word: str, choices: Iterable[str]) -> str:
    """`; có phải 'x'?` when a close choice exists, else nothing."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; có phải '{match[0]}'?" if match else ""


def show(value: Any, limit: int = 60) -> str:
    """A value quoted for a message, shortened so the message stays one line."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
