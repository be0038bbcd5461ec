"""How values read on the site: Vietnamese numbers, dates, citations, short names.

One function per wording, used by templates (as filters), search entries
and JSON-LD alike, so "60% năm 2025" or a citation line reads the same
wherever it appears.
"""

from __future__ import annotations

from generator import labels
from generator.model.dates import PartialDate
from generator.model.hub import Hub
from generator.model.records import Document, Target


def vn_number(value: float | int | None) -> str:
    """55.55 -> "55,55"; 96.0 -> "96"; 1200 -> "1.200" (Vietnamese decimal comma, dot for thousands)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def target_value(target: Target) -> str:
    """"trên 85%", "96%", or "chưa nêu con số" when the document gives none."""
    if target.value is None:
        return "chưa nêu con số"
    return f"{labels.COMPARATORS.get(target.comparator, '')}{vn_number(target.value)}{labels.UNITS[target.unit]}"


def target_label(target: Target) -> str:
    """"60% năm 2025": a target as lists, links and search results name it."""
    return f"{target_value(target)} năm {target.year}"


def vn_date(date: PartialDate | None) -> str:
    return date.vietnamese() if date else "chưa rõ"


def issuer_short(doc: Document, hub: Hub) -> str:
    """The issuer as a citation names it: the body's usual name, else as printed."""
    body = hub.bodies.get(doc.issuer.body or "")
    if body:
        return body.short_name or body.name
    return doc.issuer.name


def citation(doc: Document, hub: Hub) -> str:
    """`Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên`, as the press quotes it."""
    parts = [labels.label(labels.DOCUMENT_TYPES, doc.type)]
    if doc.number:
        parts.append(f"số {doc.number}")
    if doc.date:
        parts.append(f"ngày {doc.date.vietnamese()}" if doc.date.is_full else doc.date.vietnamese())
    parts.append(f"của {issuer_short(doc, hub)}")
    return " ".join(parts)


def doc_label(doc: Document) -> str:
    """Short name of a document in lists: its number, or its type and date when it has none."""
    if doc.number:
        return f"{labels.label(labels.DOCUMENT_TYPES, doc.type)} {doc.number}"
    return f"{labels.label(labels.DOCUMENT_TYPES, doc.type)} {vn_date(doc.date)}"


def doc_title(doc: Document) -> str:
    """A document's page title: its title, else its short name."""
    return doc.title or doc_label(doc)


def paragraphs(text: str | None) -> list[str]:
    """Text as its paragraphs (editors separate them with a blank line)."""
    if not text:
        return []
    return [p.strip() for p in text.split("\n\n") if p.strip()]
