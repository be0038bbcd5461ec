"""Personal data guard: no private phone number, e-mail or ID number is published.

Editors transcribe documents that sometimes carry a contact person's mobile
number or an ID number. Those are personal data: every phone number, e-mail
address and 9- or 12-digit number (CMND / CCCD) in any text is an error,
unless it is an official contact declared in a body's `contacts`.

What people paste is not what they would type: numbers copied from Word or a
PDF carry non-breaking spaces, en dashes, full-width digits or a zero-width
space; addresses are written `(at)`, `[dot]` or with a full-width `＠`; a
free page's Markdown may hide a number behind escapes (`0912\\-345\\-678`) or
character references (`&#64;`). So each text is looked at as a reader sees it
(`view`): NFKC (full-width forms become ASCII), every Unicode space a space,
every dash `-`, zero-width characters gone, references decoded, escapes
dropped, and a free page's Markdown rendered to text. Then:

- a phone number is `0` or `+84` followed by the digits of a Vietnamese
  number (a mobile `0[35789]` and 8 digits, a landline `02` and 9), in
  groups separated by spaces, dots, dashes or parentheses;
- an ID number is 9 or 12 digits, together or in groups of three;
- neither when it is part of a longer number (`0312345678-001`), labelled as
  something else (mã số thuế, MST, ISBN, ISSN) or an amount (`500000000 đồng`).

The scan is linear and cached per text; a text with fewer than nine digits
and no `@`-like sign is not looked at further.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable, Iterator

Path_ = tuple[str | int, ...]

# --- what a reader sees ------------------------------------------------------------

#: Characters NFKC leaves that a reader does not see as themselves: zero-width ones (removed),
#: spaces of every kind and line/paragraph separators (a space), dashes and the minus sign (`-`).
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_SPACES = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Zs", "Zl", "Zp")) + "\t\r\n\v\f"
_DASHES = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Pd") + "\u2212"
_ODD = re.compile("[" + re.escape(_INVISIBLE + _DASHES + _SPACES.replace(" ", "").replace("\n", "")) + "]")
_ODD_MAP = {**{c: "" for c in _INVISIBLE}, **{c: "-" for c in _DASHES}, **{c: " " for c in _SPACES}}
#: `\-` and the other escapes of Markdown: the reader sees the character alone.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: `(at)`, `[at]`, `{at}`, `<at>` and `(@)` for "@"; the same with `dot` or `chấm` for ".".
_AT = re.compile(r"\s*[(\[{<]\s*(?:at|@)\s*[)\]}>]\s*|(?<=[\w.])\s+@\s*(?=\w)|(?<=[\w.])@\s+(?=\w)", re.I)
_DOT = re.compile(r"\s*[(\[{<]\s*(?:dot|chấm|cham)\s*[)\]}>]\s*", re.I)
#: Nine digits of any script (full-width ones too), or a sign that can stand for "@".
_NINE_DIGITS = re.compile(r"(?:\D*\d){9}")
_AT_LIKE = re.compile(r"[@\uff20\ufe6b&]|[(\[{<]\s*at\s*[)\]}>]", re.I)


def _odd(match: re.Match[str]) -> str:
    return _ODD_MAP[match.group(0)]


def view(text: str) -> str:
    """`text` as a reader sees it: NFKC, one kind of space and dash, nothing invisible, escapes and references resolved."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if _ODD.search(text):
            text = _ODD.sub(_odd, text)
    if "&" in text:
        text = html.unescape(text)
        if not text.isascii() and _ODD.search(text):  # `&nbsp;`, `&#8203;` ...
            text = _ODD.sub(_odd, unicodedata.normalize("NFKC", text))
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "(" in text or "[" in text or "{" in text or "<" in text or "@" in text:
        text = _DOT.sub(".", _AT.sub("@", text))
    return text


_TAG = re.compile(r"<[^>]*>")


def markdown_view(text: str) -> str:
    """A free page's Markdown as its readers see it: rendered, tags removed, references decoded.

    A text over the Markdown limits is not rendered (check refuses it; the page
    would show it as plain text), so it is seen as written.
    """
    from generator import markdown_safe

    if markdown_safe.limits(text):
        return view(text)
    rendered = _TAG.sub("", markdown_safe.render(text))
    return view(html.unescape(rendered))


# --- what is personal data ----------------------------------------------------------

# An e-mail address, found from its "@" outwards so the scan stays linear on long texts.
_EMAIL_LOCAL = re.compile(r"[\w.+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
#: A phone-like run: `0`, `+84` or `(+84)`, `(0..)`, then digits in groups (spaces, dots, dashes, parentheses);
#: not inside a longer number (a digit, or a digit and a separator, just before or after it).
_PHONE = re.compile(r"(?<![0-9])(?<![0-9][.,/-])(?:\(\s?\+?\s?84\s?\)|\+\s?84|\(\s?0|0)(?:[ .()-]{0,2}[0-9]){8,11}"
                    r"(?![0-9])(?![./-][0-9])")
#: A 9- or 12-digit run, together or in groups of three (spaces or dashes), standing alone.
_ID = re.compile(r"(?<![0-9])(?<![0-9][.,/+-])(?:[0-9]{12}|[0-9]{9}|[0-9]{3}(?:[ -][0-9]{3}){3}|[0-9]{3}(?:[ -][0-9]{3}){2})"
                 r"(?![0-9])(?![.,/-][0-9])")
#: The digits of a Vietnamese phone number (`+84` written as `0`): a mobile or a landline.
_PHONE_DIGITS = re.compile(r"0[35789][0-9]{8}|02[0-9]{9}")
#: Labels saying a number is not personal: a tax or business code, a book's or a journal's number.
_NOT_PERSONAL_LABEL = re.compile(r"(?:m[ãa]\s+s[ốo]\s+(?:thu[ếe]|doanh\s+nghi[ệe]p)|mst|msdn|isbn(?:-1[03])?|issn|doi)"
                                 r"\s*(?:s[ốo])?\s*[:.]?\s*$", re.I)
#: Words after a number saying it is an amount or a count, not an ID number.
_AMOUNT_AFTER = re.compile(r"\s*(?:đồng|đ\b|vnđ|vnd|usd|eur|triệu|tỷ|tỉ|nghìn|ngàn|lượt|người|học\s+viên|hộ|cuốn|bản|"
                           r"trang|m2|km|ha\b|kg|tấn|%)", re.I)


def phone_digits(text: str) -> str:
    """The digits of a phone number as dialled in Vietnam: `+84 912 …`, `(+84) 912 …`, `+84 (0) 912 …` become `0912…`."""
    digits = re.sub(r"[^0-9]", "", text)
    if re.match(r"\W*\+|\(\s?84", text.lstrip()) and digits.startswith("84"):
        rest = digits[2:]
        digits = "0" + (rest[1:] if rest.startswith("0") else rest)
    return digits


def normalise(kind: str, value: str) -> str:
    """Compare contacts as digits (+84 -> 0) or lower-case addresses, as a reader sees them."""
    value = view(value)
    if kind == "email":
        return value.strip().lower()
    return phone_digits(value)


def _labelled(text: str, start: int) -> bool:
    return bool(_NOT_PERSONAL_LABEL.search(text, max(0, start - 40), start))


def phones(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of each phone number in a viewed text."""
    for match in _PHONE.finditer(text):
        if _labelled(text, match.start()):
            continue
        # The longest leading groups that make a phone number (`0912 345 678 12 lần`: the first three).
        written = match.group(0)
        for cut in [len(written)] + [m.start() for m in re.finditer(r"[ .()-]+(?=[0-9])", written)][::-1]:
            candidate = written[:cut].rstrip(" .(-")
            digits = phone_digits(candidate)
            if _PHONE_DIGITS.fullmatch(digits):
                yield match.start(), match.start() + len(candidate), digits
                break


def ids(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of each ID-like number in a viewed text, outside the spans `taken` (phones)."""
    for match in _ID.finditer(text):
        start, end = match.span()
        if any(s <= start < e for s, e in taken) or _labelled(text, start) or _AMOUNT_AFTER.match(text, end):
            continue
        yield start, end, re.sub(r"[^0-9]", "", match.group(0))


def emails(text: str) -> list[str]:
    """E-mail addresses in `text` (bounded look either side of each "@")."""
    out = []
    for at in (m.start() for m in re.finditer("@", text)):
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1, at + 1 + 512)
        if local and domain:
            out.append(text[local.start():domain.end()])
    return out


def _worth_a_look(text: str) -> bool:
    """Nine digits (of any script) or an at-like sign (`@`, `＠`, `(at)`, a reference): only these can hold a contact."""
    return _NINE_DIGITS.match(text) is not None or _AT_LIKE.search(text) is not None


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


def _scan_view(text: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    if "@" in text:
        out.extend(("email", address, address.lower()) for address in emails(text))
    found_phones = list(phones(text))
    out.extend(("phone", text[start:end], digits) for start, end, digits in found_phones)
    taken = [(start, end) for start, end, _ in found_phones]
    out.extend(("id", text[start:end], digits) for start, end, digits in ids(text, taken))
    return out


@lru_cache(maxsize=65_536)
def scan(text: str, markdown: bool = False) -> tuple[tuple[str, str, str], ...]:
    """(kind, as seen, normalised) for each contact-like value in one text (`markdown`: a free page's text).

    Cached: the same short texts (labels, bullets, repeated phrases) come back
    in record after record.
    """
    if len(text) < 9 or not _worth_a_look(text):
        return ()
    out = _scan_view(view(text))
    if markdown:
        out += _scan_view(markdown_view(text))
    seen: set[tuple[str, str]] = set()
    unique = []
    for kind, written, value in out:
        if (kind, value) not in seen:
            seen.add((kind, value))
            unique.append((kind, written, value))
    return tuple(unique)


def _any_found(data: Any, markdown: frozenset[Path_]) -> bool:
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
    return any(isinstance(text, str) and scan(text, True) for path in markdown
               if (text := _at_path(data, path)) is not None)


def _at_path(data: Any, path: Path_) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def found(data: dict[str, Any], markdown: Iterable[Path_] = ()) -> list[tuple[Path_, str, str, str]]:
    """(path, kind, as seen, normalised) for every contact-like value in a record.

    `markdown`: the paths of the record's Markdown texts (a free page's body), read as rendered too.
    """
    markdown = frozenset(markdown)
    if not _any_found(data, markdown):
        return []
    return [(path, *hit) for path, text in strings(data) if not (path and path[0] == "contacts")
            for hit in scan(text, path in markdown)]


def declared(data: dict[str, Any]) -> list[str]:
    """A body's official contacts, normalised."""
    return [normalise(c["kind"], c["value"]) for c in data.get("contacts", [])
            if isinstance(c, dict) and isinstance(c.get("kind"), str) and isinstance(c.get("value"), str)]


MESSAGES = {
    "phone": "số điện thoại '{0}' là dữ liệu cá nhân, không được công bố; nếu là số chính thức của cơ quan, "
             "hãy khai trong contacts của cơ quan đó",
    "email": "địa chỉ e-mail '{0}' là dữ liệu cá nhân, không được công bố; nếu là e-mail chính thức của cơ quan, "
             "hãy khai trong contacts của cơ quan đó",
    "id": "dãy số '{0}' giống số chứng minh nhân dân / căn cước công dân; không được công bố",
}
