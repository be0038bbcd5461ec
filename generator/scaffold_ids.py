"""Ids `new` makes, following docs/encoding.md: documents from their number, bodies by the usual abbreviations.

A document's id is `<type code>-<number>-<issuer code>[-<place>]-<year>`:
`kh-104-ubnd-thai-nguyen-2022` for "104/KH-UBND" of Thái Nguyên issued in
2022, `cv-1132-ubnd-vx-kbang-2021` for a công văn (no type code in its number),
`kh-259-tu-gia-lai-2019` for a Party plan "259-KH/TU", `nd-84-2020-cp` for a
normative document whose number holds its year. Everything comes from what
the editor typed (`--number`, `--type`, `--date`, `--place`, the title): a
number read off the title is used once (the type code is not repeated) and
the year is the document's, not today's, whenever a date or number gives it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from slugify import slugify

from generator import labels

class ScaffoldError(ValueError):
    """A mistake of the user's (unknown kind, bad or taken id, existing file), worded in Vietnamese."""


#: Document type -> the type code that starts its id.
TYPE_CODES: dict[str, str] = {
    "ke-hoach": "kh", "cong-van": "cv", "quyet-dinh": "qd", "chi-thi": "ct", "nghi-quyet": "nq", "nghi-dinh": "nd",
    "thong-tu": "tt", "luat": "luat", "ket-luan": "kl", "huong-dan": "hd", "to-trinh": "ttr", "bao-cao": "bc",
    "thong-bao": "tb", "chuong-trinh": "ctr", "de-an": "da",
}
DEFAULT_TYPE_CODE = "kh"

#: The type code printed in a number (folded: Đ -> D, upper case) -> the document type (NĐ 30/2020, Phụ lục III).
NUMBER_CODES: dict[str, str] = {
    "KH": "ke-hoach", "QD": "quyet-dinh", "CT": "chi-thi", "NQ": "nghi-quyet", "ND": "nghi-dinh", "TT": "thong-tu",
    "KL": "ket-luan", "HD": "huong-dan", "TTR": "to-trinh", "BC": "bao-cao", "TB": "thong-bao", "CTR": "chuong-trinh",
    "DA": "de-an", "QH": "luat",
}

#: Body names as ids abbreviate them (`ubnd-tinh-thai-nguyen`), longest first.
BODY_ABBREVIATIONS = sorted({
    "uy-ban-nhan-dan": "ubnd", "hoi-dong-nhan-dan": "hdnd", "ban-chi-dao": "bcd",
    "uy-ban-mat-tran-to-quoc-viet-nam": "ubmttq", "uy-ban-mat-tran-to-quoc": "ubmttq",
    "so-giao-duc-va-dao-tao": "so-gddt", "phong-giao-duc-va-dao-tao": "phong-gddt",
    "so-lao-dong-thuong-binh-va-xa-hoi": "so-ldtbxh", "phong-lao-dong-thuong-binh-va-xa-hoi": "phong-ldtbxh",
    "so-thong-tin-va-truyen-thong": "so-tttt", "so-van-hoa-the-thao-va-du-lich": "so-vhttdl",
    "hoi-lien-hiep-phu-nu-viet-nam": "hoi-lhpn", "hoi-lien-hiep-phu-nu": "hoi-lhpn",
    "trung-tam-hoc-tap-cong-dong": "tthtcd", "lien-doan-lao-dong": "ldld",
}.items(), key=lambda pair: -len(pair[0]))

#: "trên địa bàn tỉnh Thái Nguyên": the place a title names (its capitalised words follow).
_PLACE = re.compile(r"địa bàn\s+(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)\s+(.+)", re.IGNORECASE)

#: A document number in a title: "3853/KH-UBND", "259-KH/TU", "84/2020/NĐ-CP".
_NUMBER = re.compile(r"(?<![\w/])(\d+(?:-[^\W\d_]+)?/[^\s,;:()]+)")

#: A written year a document could bear.
YEARS = range(1945, 2101)


def slug(text: str, max_length: int = 60) -> str:
    return slugify(text, max_length=max_length, word_boundary=True)


def clean_number(number: str) -> str:
    """The number as printed, without a "Số:" an editor copied with it, white space squeezed."""
    number = " ".join(unicodedata.normalize("NFC", number).split())
    return re.sub(r"^(?:số|so)\s*:?\s*", "", number, flags=re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """What an id needs of a document number."""

    digits: str            # "3853"
    type: str | None       # the document type its code names ("ke-hoach"), None for a công văn
    issuer: str            # "ubnd", "ubnd-vx", "tu"
    year: int | None       # a normative document's year inside its number ("84/2020/NĐ-CP")


def _fold(text: str) -> str:
    return slug(text.replace("Đ", "D").replace("đ", "d"), max_length=0).upper()


def parse_number(number: str) -> Number | None:
    """The parts of "3853/KH-UBND", "1132/UBND-VX", "259-KH/TU", "84/2020/NĐ-CP"; None if it is no number."""
    match = re.fullmatch(r"(\d+)(?:-([^\W\d_]+))?/(.+)", clean_number(number))
    if match is None:
        return None
    digits, party_code, rest = match.groups()
    parts = [p for p in re.split(r"[/-]", rest) if p]
    year = None
    if parts and parts[0].isdigit() and int(parts[0]) in YEARS:  # VBQPPL: the year follows the number
        year = int(parts.pop(0))
    if party_code:  # Party documents: N-CODE/ISSUER
        return Number(digits, _code_type(party_code), "-".join(_fold(p).lower() for p in parts), year)
    doc_type = _code_type(parts[0]) if parts else None
    if doc_type is not None:
        parts = parts[1:]
    else:
        doc_type = "cong-van" if year is None else None
    return Number(digits, doc_type, "-".join(_fold(p).lower() for p in parts), year)


def _code_type(code: str) -> str | None:
    folded = _fold(code)
    folded = folded[:-2] if folded.endswith("LT") and folded[:-2] in NUMBER_CODES else folded  # liên tịch
    return NUMBER_CODES.get(folded)


def number_in(title: str | None) -> str | None:
    """A document number the title carries ("Kế hoạch 3853/KH-UBND ..."), if any."""
    match = _NUMBER.search(title or "")
    return match.group(1) if match and parse_number(match.group(1)) else None


def place_in(title: str | None) -> str | None:
    """The place a title names ("... trên địa bàn tỉnh Bình Dương" -> "Bình Dương"), if any."""
    match = _PLACE.search(unicodedata.normalize("NFC", title or ""))
    if match is None:
        return None
    words = []
    for word in match.group(1).split()[:4]:
        if not word[0].isupper():
            break
        words.append(word.strip(",.;:()”“\""))
    return " ".join(words) or None


def type_of_title(title: str | None) -> str | None:
    """The type a title starts with ("Quyết định ..." -> quyet-dinh)."""
    start = slug(title or "", max_length=0)
    for doc_type in TYPE_CODES:
        if start == doc_type or start.startswith(doc_type + "-"):
            return doc_type
    return None


def document_id(doc_type: str | None, number: str | None, title: str | None, place: str | None,
                day: str | None, today: date) -> str:
    """`<type code>-<number>-<issuer code>[-<place>]-<year>`, or without a number `<type code>-<title>-<year>`."""
    parsed = parse_number(number) if number else None
    doc_type = doc_type or (parsed.type if parsed else None) or type_of_title(title)
    code = TYPE_CODES.get(doc_type or "", DEFAULT_TYPE_CODE)
    year = int(day[:4]) if day else (parsed.year if parsed and parsed.year else None)
    if parsed is None:
        rest = slug(title or "")
        named = type_of_title(title)
        if named:
            rest = rest[len(named):].lstrip("-")
        last = rest.rsplit("-", 1)[-1]
        titled = int(last) if last.isdigit() and int(last) in YEARS else None
        year = year or titled or today.year
        return "-".join(p for p in (code, rest, "" if titled == year else str(year)) if p)
    parts = [code, parsed.digits]
    if parsed.year:
        parts.append(str(parsed.year))
    parts.append(parsed.issuer)
    where = slug(place or place_in(title) or "", max_length=40)
    if where:
        parts.append(where)
    if not parsed.year:
        parts.append(str(year or today.year))
    return "-".join(p for p in parts if p)


def body_id(name: str | None) -> str:
    """A body's id from its name, with the usual abbreviations: `ubnd-tinh-binh-duong`, `so-gddt-ha-noi`."""
    text = slug(name or "", max_length=0)
    for long, short in BODY_ABBREVIATIONS:
        text = re.sub(rf"(^|-){long}(?=-|$)", rf"\g<1>{short}", text)
    return text[:60].rstrip("-") if len(text) > 60 else text


@dataclass(frozen=True)
class Given:
    """What the editor gave on the command line for a new document (all optional)."""

    number: str | None = None
    type: str | None = None
    date: str | None = None
    place: str | None = None


def check_given(given: Given) -> Given:
    """The options cleaned (NFC, "Số:" dropped, a type by its code or its Vietnamese name), or ScaffoldError."""
    doc_type = given.type.strip() if given.type else None
    if doc_type is not None and doc_type not in TYPE_CODES:
        names = {slug(name): code for code, name in labels.DOCUMENT_TYPES.items()}
        doc_type = names.get(slug(doc_type))
        if doc_type is None:
            raise ScaffoldError(f"loại văn bản '{given.type}' không có; chọn một trong: {', '.join(TYPE_CODES)}")
    number = clean_number(given.number) if given.number and given.number.strip() else None
    if number is not None and parse_number(number) is None:
        raise ScaffoldError(f"số '{given.number}' không đọc được: ghi số, ký hiệu như in trên văn bản "
                            f"(ví dụ 104/KH-UBND, 1132/UBND-VX)")
    day = given.date.strip() if given.date else None
    if day is not None and not _real_date(day):
        raise ScaffoldError(f"ngày '{given.date}' không hợp lệ: ghi NNNN-TT-NN (2022-07-04), NNNN-TT (2021-12) "
                            f"hoặc NNNN (2024)")
    place = " ".join(given.place.split()) if given.place and given.place.strip() else None
    return Given(number, doc_type, day, place)


def _real_date(text: str) -> bool:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if match is None:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        return False
    return 1945 <= year <= 2100  # type: ignore[operator]
