"""Personal data guard: no private phone number, e-mail or ID number is published.

Editors transcribe documents that sometimes carry a contact person's mobile
number or an ID number. Those are personal data: every phone number, e-mail
address and 9- or 12-digit number (CMND / CCCD) in any text is an error,
unless it is an official contact declared in a body's `contacts`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

Path_ = tuple[str | int, ...]

# An e-mail address, found from its "@" outwards so the scan stays linear on long texts.
_EMAIL_LOCAL = re.compile(r"[\w.+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# A Vietnamese phone number: 0 or +84, then 9 or 10 digits, optionally grouped by spaces, dots or dashes.
_PHONE = re.compile(r"(?<![\w.,/])(?:\+84|0)(?:[ .-]?\d){9,10}(?![\w/])")
# An ID number: exactly 9 or 12 digits standing alone (not part of a longer number, a date or a code).
_ID = re.compile(r"(?<![\w.,/+-])(?:\d{12}|\d{9})(?![\w.,/-]?\d)")


def normalise(kind: str, value: str) -> str:
    """Compare contacts as digits (+84 -> 0) or lower-case addresses."""
    if kind == "email":
        return value.strip().lower()
    digits = re.sub(r"\D", "", value)
    return "0" + digits[2:] if digits.startswith("84") and value.strip().startswith("+") else digits


def strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value of a record, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, path + (index,))


def emails(text: str) -> list[str]:
    """E-mail addresses in `text` (bounded look either side of each "@")."""
    out = []
    for at in (m.start() for m in re.finditer("@", text)):
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1, at + 1 + 512)
        if local and domain:
            out.append(text[local.start():domain.end()])
    return out


@lru_cache(maxsize=65_536)
def scan(text: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, as written, normalised) for each contact-like value in one text.

    Cached: the same short texts (labels, bullets, repeated phrases) come back
    in record after record.
    """
    if len(text) < 9:
        return ()
    out = []
    if "@" in text:
        out.extend(("email", address, normalise("email", address)) for address in emails(text))
    phones = list(_PHONE.finditer(text))
    out.extend(("phone", m.group(0), normalise("phone", m.group(0))) for m in phones)
    for match in _ID.finditer(text):
        if not any(p.start() <= match.start() < p.end() for p in phones):
            out.append(("id", match.group(0), match.group(0)))
    return tuple(out)


def _any_found(data: Any) -> bool:
    """Whether any text of the record holds a contact, without building paths (the common answer is no)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if scan(value):
                return True
        elif isinstance(value, dict):
            stack.extend(v for k, v in value.items() if k != "contacts")
        elif isinstance(value, list):
            stack.extend(value)
    return False


def found(data: dict[str, Any]) -> list[tuple[Path_, str, str, str]]:
    """(path, kind, as written, normalised) for every contact-like value in a record."""
    if not _any_found(data):
        return []
    return [(path, *hit) for path, text in strings(data) if not (path and path[0] == "contacts")
            for hit in scan(text)]


def declared(data: dict[str, Any]) -> list[str]:
    """A body's official contacts, normalised."""
    return [normalise(c["kind"], c["value"]) for c in data.get("contacts", []) if isinstance(c, dict)]


MESSAGES = {
    "phone": "số điện thoại '{0}' là dữ liệu cá nhân, không được công bố; nếu là số chính thức của cơ quan, "
             "hãy khai trong contacts của cơ quan đó",
    "email": "địa chỉ e-mail '{0}' là dữ liệu cá nhân, không được công bố; nếu là e-mail chính thức của cơ quan, "
             "hãy khai trong contacts của cơ quan đó",
    "id": "dãy số '{0}' giống số chứng minh nhân dân / căn cước công dân; không được công bố",
}
