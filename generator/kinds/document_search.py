"""Search entries of documents: the document, its sections, its targets."""

from __future__ import annotations

from typing import Iterator

from generator import labels
from generator.entries import Entry
from generator.links import target_url, url_for
from generator.model.hub import Hub, iter_items
from generator.model.records import Document, Item
from generator.render import formatting


def _item_text(item: Item) -> str:
    parts = []
    for node in iter_items((item,)):
        if node is not item and (node.label or node.heading):
            parts.append(" ".join(p for p in (node.label, node.heading) if p))
        if node.text:
            parts.append(node.text)
    return "\n".join(parts)


def document_entries(doc: Document, hub: Hub) -> Iterator[Entry]:
    """Search entries of one document: itself, its sections, its targets (parent 0: the document's entry)."""
    url = url_for("document", doc.id)
    locality = hub.localities.get(doc.locality or "")
    place = locality.name if locality else ""
    signer = doc.signer.name if doc.signer and doc.signer.name else ""
    keywords = " ".join(filter(None, [doc.number or "", doc.issuer.name, formatting.issuer_short(doc, hub), signer,
                                      doc.place or "", place, labels.label(labels.DOCUMENT_TYPES, doc.type)]))
    basis_text = "\n".join(b.text for b in doc.legal_bases)
    label = formatting.doc_label(doc)
    yield Entry("Văn bản", f"{label} — {doc.title or ''}".rstrip(" —"), url,
                f"{formatting.citation(doc, hub)}. {doc.preamble or ''}\n{basis_text}", keywords)
    for section in doc.sections:
        title = " ".join(p for p in (section.label, section.heading) if p) or label
        yield Entry("Mục văn bản", title, f"{url}#{section.anchor}", _item_text(section), "", 0)
    for target in doc.targets:
        indicator = hub.indicators[target.indicator].name
        yield Entry("Chỉ tiêu", f"{formatting.target_label(target)} — {indicator}", target_url(doc.id, target.id),
                    f"{target.text} {target.scope or ''}".strip(), f"{indicator} {place}", 0)
