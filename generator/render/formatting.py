"""How values read on the site: Vietnamese numbers, dates, citations, short names.

One function per wording, used by templates (as filters), search entries
and JSON-LD alike, so "60% năm 2025" or a citation line reads the same
wherever it appears. What a document does not give is worded in two ways,
never confused: "chưa rõ" (not known to the hub: a copy lost it) and "không
ghi" (the document itself leaves it out, `not_printed`).
"""

from __future__ import annotations

from generator import labels
from generator.model.dates import PartialDate
from generator.model.hub import Hub
from generator.model.records import Citation, Document, Target
from generator.render import citation as cite

UNKNOWN = "chưa rõ"


def vn_number(value: float | int | None) -> str:
    """55.55 -> "55,55"; 96.0 -> "96"; 1200 -> "1.200" (Vietnamese decimal comma, dot for thousands)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def target_value(target: Target) -> str:
    """"trên 85%", "96%", "đạt" (a yes/no target), or "chưa nêu con số" when the document gives none."""
    if target.value is None:
        return "chưa nêu con số"
    if isinstance(target.value, bool) or target.is_yes_no:
        return labels.YES_NO[bool(target.value)]
    return f"{labels.COMPARATORS.get(target.comparator, '')}{vn_number(target.value)}{labels.UNITS[target.unit]}"


def target_label(target: Target) -> str:
    """"60% năm 2025": a target as lists, links and search results name it."""
    return f"{target_value(target)} năm {target.year}"


def is_verbatim(level: str) -> bool:
    """Whether text taken at this transcription level is the document's own words (a cut text still is)."""
    return level in ("full", "partial")


def vn_date(date: PartialDate | None) -> str:
    return date.vietnamese() if date else UNKNOWN


def _missing(names: list[str], not_printed: tuple[str, ...]) -> str:
    """"văn bản không ghi ngày, tháng", "chưa rõ ngày", or both kinds for a mix."""
    absent = [n for n in names if n in not_printed or (n == "ngày" and "tháng" in not_printed)]
    unknown = [n for n in names if n not in absent]
    parts = ([f"văn bản không ghi {', '.join(absent)}"] if absent else []) + (
        [f"{UNKNOWN} {', '.join(unknown)}"] if unknown else [])
    return "; ".join(parts)


def document_date(doc: Document) -> str:
    """The issue date with what it leaves out: `04/7/2022`, `tháng 12/2021 (văn bản không ghi ngày)`, `năm 2024 (chưa
    rõ ngày, tháng)`, or `chưa rõ` / `văn bản không ghi ngày, tháng` when there is none."""
    printed = tuple({"day": "ngày", "month": "tháng"}[n] for n in doc.not_printed if n in ("day", "month"))
    date = doc.date
    if date is None:
        return _missing(["ngày", "tháng", "năm"], printed).capitalize() if printed else UNKNOWN.capitalize()
    if date.is_full:
        return date.vietnamese()
    missing = ["ngày"] + (["tháng"] if date.month is None else [])
    return f"{date.vietnamese()} ({_missing(missing, printed)})"


def document_number(doc: Document) -> str:
    """The number as printed, "Không ghi (văn bản không có số)" or "Chưa rõ"."""
    if doc.number:
        return doc.number
    return "Không ghi (văn bản không có số)" if "number" in doc.not_printed else UNKNOWN.capitalize()


def signer_text(doc: Document) -> str:
    """The signing block and name, with what is unknown or absent said as such."""
    if doc.signer is None:
        return "Không ghi (văn bản không có người ký)" if "signer" in doc.not_printed else UNKNOWN.capitalize()
    if not doc.signer.lines:
        return doc.signer.name or UNKNOWN.capitalize()
    return " / ".join(doc.signer.lines) + " — " + (doc.signer.name or f"{UNKNOWN} họ tên")


def issuer_short(doc: Document, hub: Hub) -> str:
    """The issuer's usual short name ("UBND tỉnh Thái Nguyên", "Sở GDĐT"), else as printed: a search keyword."""
    body = hub.bodies.get(doc.issuer.body or "")
    if body:
        return body.short_name or body.name
    return doc.issuer.name


def citation(doc: Document, hub: Hub) -> str:
    """`Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên`, as the press quotes it
    (generator/render/citation.py holds the rules)."""
    return cite.short(cite.of_document(doc, hub))


def citation_full(doc: Document, hub: Hub) -> str:
    """The citation with the trích yếu, as the page's "Trích dẫn" box gives it to copy; a document with no number
    of its own is cited through the decision issuing it."""
    return cite.full(cite.of_document(doc, hub, through_issuer=True))


def cited(citation_: Citation | None, text: str | None = None) -> str:
    """A document outside the hub as a relation or basis names it: its own words, else its citation's parts."""
    if text:
        return text
    if citation_ is None:
        return ""
    return cite.full(cite.of_citation(citation_))


def doc_label(doc: Document) -> str:
    """Short name of a document in lists: "Kế hoạch 104/KH-UBND", or "Kế hoạch ngày 21/6/2022" when it has no
    number (a date, never read as one), a law by its name."""
    return cite.label(cite.Cited(type=doc.type, number=doc.number, date=doc.date, title=doc.title))


def doc_title(doc: Document) -> str:
    """A document's page title: its title, else its short name."""
    return doc.title or doc_label(doc)


def paragraphs(text: str | None) -> list[str]:
    """Text as its paragraphs (editors separate them with a blank line)."""
    if not text:
        return []
    return [p.strip() for p in text.split("\n\n") if p.strip()]
