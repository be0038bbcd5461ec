"""Citation lines in Vietnamese administrative style, as a press office or another document quotes them.

"Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên thực hiện Đề án ...": the type, its number,
its date to the precision known, its issuer named with its place, then (in the full form) its trích yếu joined
the way Vietnamese documents join it ("về ...", "về việc ...", or the title's own verb: "phê duyệt ...").
A law is cited by its name ("Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019"), without "của Quốc hội". A
document with no number of its own that another issues is cited through that one ("Kế hoạch ban hành kèm theo
Quyết định số 7/QĐ-UBND ..."), and one whose number is unknown is cited without one: the line never says
"không số" for what is only unknown.

The rules work on a small value (`Cited`), so every case can be written down and tested
(tests/test_citation.py renders the table of cases that docs/templates.md shows); `of_document` and
`of_citation` make that value from a record of the hub or a citation of a document outside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator import labels
from generator.model.dates import PartialDate

if TYPE_CHECKING:
    from generator.model.hub import Hub
    from generator.model.records import Body, Citation, Document

#: Abbreviations every reader knows: a body's short name holding only these may stand in a citation.
KNOWN_ABBREVIATIONS = frozenset({"UBND", "HĐND"})

#: Abbreviations the public does not know, as an issuer's name is spelled out in a citation.
SPELLED_OUT = {"XHHT": "xã hội học tập", "BCĐ": "Ban Chỉ đạo", "GDĐT": "Giáo dục và Đào tạo",
               "GD&ĐT": "Giáo dục và Đào tạo", "LĐTBXH": "Lao động - Thương binh và Xã hội", "XMC": "xóa mù chữ",
               "PCGD": "phổ cập giáo dục", "KT-XH": "kinh tế - xã hội", "CNTT": "công nghệ thông tin"}

#: A trích yếu opening with one of these verbs follows the issuer directly ("... của Thủ tướng Chính phủ phê
#: duyệt Đề án ..."); any other is introduced by "về".
VERBS = ("Phê duyệt", "Ban hành", "Quy định", "Thực hiện", "Triển khai", "Sửa đổi", "Bổ sung", "Thành lập",
         "Hướng dẫn", "Tăng cường", "Đẩy mạnh", "Tiếp tục", "Kiện toàn", "Tổ chức", "Công bố", "Về")

#: First words that name something (a document, a body, the country): kept capitalised after "về".
NAMES = frozenset({"Luật", "Bộ", "Nghị", "Quyết", "Chỉ", "Kế", "Đề", "Chương", "Đảng", "Nhà", "Quốc", "Chính",
                   "Ủy", "Hội", "Ban", "Sở", "Việt", "Thủ", "Tỉnh", "Trung"})

_ABBREVIATION = re.compile(r"(?<![\w&])(?:[A-ZĐ]{2,}(?:&[A-ZĐ]+)?(?:-[A-ZĐ]+)?)(?![\w&])")


@dataclass(frozen=True)
class Cited:
    """What a citation line is made of.

    `issuer` is already as the line names it ("" when unknown); `no_number`: the document prints none of its
    own (`not_printed`), as opposed to a number that is only unknown (`number` None); `issued_with`: the short
    citation of the document issuing it (a decision), used when it has no number.
    """

    type: str | None
    number: str | None = None
    date: PartialDate | None = None
    issuer: str = ""
    title: str | None = None
    no_number: bool = False
    issued_with: str = ""


def date_phrase(date: PartialDate | None) -> str:
    """"ngày 04/7/2022", "tháng 12/2021", "năm 2024", or "" when the date is unknown."""
    if date is None:
        return ""
    return f"ngày {date.vietnamese()}" if date.is_full else date.vietnamese()


def _head(cited: Cited) -> str:
    """"Kế hoạch", or a law's own name ("Luật Giáo dục")."""
    kind = labels.label(labels.DOCUMENT_TYPES, cited.type) if cited.type else "Văn bản"
    if cited.type == "luat" and cited.title:
        return cited.title if cited.title.startswith("Luật") else f"Luật {cited.title}"
    return kind


def short(cited: Cited) -> str:
    """The citation without the trích yếu: `Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên`."""
    head = _head(cited)
    if not cited.number and cited.issued_with:
        return f"{head} ban hành kèm theo {cited.issued_with}"
    parts = [head]
    if cited.number:
        parts.append(f"số {cited.number}")
    if cited.date:
        parts.append(date_phrase(cited.date))
    if cited.issuer and cited.type != "luat":
        parts.append(f"của {cited.issuer}")
    return " ".join(parts)


def about(title: str) -> str:
    """The trích yếu as it follows the issuer: "về việc ...", "phê duyệt ...", "về xây dựng ..."."""
    text = " ".join(title.split())
    if text[:3].lower() == "v/v":
        return "về việc " + text[3:].lstrip(" .:")
    first = text.split(" ", 1)[0]
    if any(text.startswith(verb + " ") or text == verb for verb in VERBS):
        return text[0].lower() + text[1:]
    return "về " + (text if first in NAMES or first.isupper() else text[0].lower() + text[1:])


def full(cited: Cited) -> str:
    """The citation with its trích yếu, as a document's "Căn cứ" or a newspaper quotes it."""
    line = short(cited)
    if cited.title and cited.type != "luat":
        line += " " + about(cited.title)
    return line


def label(cited: Cited) -> str:
    """A document's short name in lists and tables: "Kế hoạch 104/KH-UBND", "Kế hoạch ngày 21/6/2022" (a date,
    never read as a number), "Luật Giáo dục 43/2019/QH14"."""
    head = _head(cited)
    if cited.number:
        return f"{head} {cited.number}"
    when = date_phrase(cited.date)
    if cited.type == "luat" and cited.title:
        return head
    return f"{head} {when}" if when else f"{head} (chưa rõ số, ngày)"


def spelled_out(name: str) -> str:
    """A name with the abbreviations the public does not know written in full ("BCĐ Xây dựng XHHT ...")."""
    return _ABBREVIATION.sub(lambda m: SPELLED_OUT.get(m.group(0), m.group(0)), name)


def _bare(place: str) -> str:
    """"tỉnh Thái Nguyên" -> "Thái Nguyên": a place's own name, without the kind of unit before it."""
    words = place.split()
    while words and words[0][:1].islower():
        words.pop(0)
    return " ".join(words) or place


def body_name(body: Body, hub: Hub) -> str:
    """How a citation names a body: its usual short name if that holds no abbreviation the public does not know
    and says where it is, else its full name; with its place added when the name does not say it
    ("Ban Chỉ đạo thành phố" -> "... thành phố Cần Thơ")."""
    locality = hub.localities.get(body.locality or "")
    place = locality.name if locality and locality.kind != "quoc-gia" else ""
    short_name = body.short_name or ""
    known = all(a in KNOWN_ABBREVIATIONS for a in _ABBREVIATION.findall(short_name))
    if short_name and known and (not place or _bare(place) in short_name):
        return short_name
    name = spelled_out(body.name)
    bare = _bare(place)
    if place and bare not in name:
        kind = place[: len(place) - len(bare)].strip()  # "thành phố" of "thành phố Cần Thơ"
        name = f"{name} {bare}" if kind and name.endswith(kind) else f"{name} {place}"
    return name


def issuer_name(doc: Document, hub: Hub) -> str:
    """The issuer as a citation names it: its body's name (`body_name`), else the name as printed."""
    body = hub.bodies.get(doc.issuer.body or "")
    return body_name(body, hub) if body else spelled_out(doc.issuer.name)


def of_document(doc: Document, hub: Hub, through_issuer: bool = False) -> Cited:
    """The parts of a hub document's citation. With `through_issuer` (its own page's citation box), a document
    with no number of its own is cited through the decision issuing it, when that decision is in the hub; lists
    of related documents on that decision's page name it by its date instead."""
    issued_with = ""
    if through_issuer and not doc.number:
        issuers = hub.related_to(doc.id, "issued-with")
        if issuers and issuers[0] in hub.documents:
            issued_with = short(of_document(hub.documents[issuers[0]], hub))
    return Cited(type=doc.type, number=doc.number, date=doc.date, issuer=issuer_name(doc, hub), title=doc.title,
                 no_number="number" in doc.not_printed, issued_with=issued_with)


def of_citation(cite: Citation) -> Cited:
    """The parts of a citation of a document outside the hub, as a basis or relation states them."""
    return Cited(type=cite.type, number=cite.number, date=cite.date, issuer=spelled_out(cite.issuer or ""),
                 title=cite.title)
