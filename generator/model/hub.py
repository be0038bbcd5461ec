"""The hub: every record by kind and id, and every index derived from them, once.

Pages ask the hub questions ("which documents cite this one", "what is this
body assigned", "which examples are in this district"); each answer is
computed here in one pass over the records, so rendering a page never scans
the whole hub and the cost of a build grows with the content, not with its
square.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator

from generator.model.records import Body, Document, Example, FreePage, Indicator, Item, Locality, Resource, Target


@dataclass(frozen=True)
class Duty:
    """One item of a document that assigns (or requests) work of a body."""

    document_id: str
    body_id: str
    item: Item
    responsibility: str


def iter_items(items: tuple[Item, ...]) -> Iterator[Item]:
    """Items at every depth, in document order."""
    for item in items:
        yield item
        yield from iter_items(item.items)


def document_order(doc: Document) -> tuple:
    """Newest first; undated last; then by id, so every listing has one stable order."""
    date = doc.date
    return (-(date.year if date else 0), -(date.month or 0) if date else 0, -(date.day or 0) if date else 0, doc.id)


@dataclass
class Hub:
    """Every record, by kind and id (ids sorted), plus derived indexes.

    `records[kind]` holds every kind of the registry, including kinds added
    later; the typed properties below name the core ones for readability.
    """

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    #: document -> ids of the documents that cite it, newest first
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    #: body -> its duties, documents newest first, items in document order
    duties: dict[str, list[Duty]] = field(default_factory=dict)
    #: document -> [(body, items assigning it work)], bodies by id
    duties_by_document: dict[str, list[tuple[str, list[Item]]]] = field(default_factory=dict)
    #: indicator -> its targets by year, document, id
    targets_by_indicator: dict[str, list[Target]] = field(default_factory=dict)
    #: (kind, field, value) -> ids of `kind` records whose `field` is `value`, in the kind's listing order
    referrers: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    # --- typed views of the core kinds -------------------------------------------------
    @property
    def documents(self) -> dict[str, Document]:
        return self.records.setdefault("document", {})

    @property
    def bodies(self) -> dict[str, Body]:
        return self.records.setdefault("body", {})

    @property
    def localities(self) -> dict[str, Locality]:
        return self.records.setdefault("locality", {})

    @property
    def indicators(self) -> dict[str, Indicator]:
        return self.records.setdefault("indicator", {})

    @property
    def resources(self) -> dict[str, Resource]:
        return self.records.setdefault("resource", {})

    @property
    def examples(self) -> dict[str, Example]:
        return self.records.setdefault("example", {})

    @property
    def pages(self) -> dict[str, FreePage]:
        return self.records.setdefault("page", {})

    # --- questions pages ask ---------------------------------------------------------
    def referring(self, kind: str, field_name: str, ident: str) -> list[str]:
        """Ids of `kind` records whose `field_name` names `ident` (declared in the kind's `indexed`)."""
        return self.referrers.get((kind, field_name, ident), [])

    def issued_by(self, body_id: str) -> list[str]:
        """Documents the body issued, newest first."""
        return self.referring("document", "issuer.body", body_id)

    def documents_of(self, locality_id: str) -> list[str]:
        """Documents applying to the locality, newest first."""
        return self.referring("document", "locality", locality_id)

    def place_name(self, doc: Document) -> str:
        """Where a document applies, as readers name it: its locality, else its issuer."""
        locality = self.localities.get(doc.locality or "")
        return locality.name if locality else doc.issuer.name


def field_value(record: Any, dotted: str) -> Any:
    """`issuer.body` of a record (None where any step is missing)."""
    value = record
    for part in dotted.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def derive(hub: Hub, indexed: dict[str, tuple[str, ...]], order: dict[str, Any]) -> None:
    """Fill the hub's indexes from its records (records already in `hub.records`).

    `indexed`: kind -> fields to index referrers by (`parent`, `locality`, `issuer.body`);
    `order`: kind -> sort key of its listings, so referrer lists come sorted once.
    """
    documents = sorted(hub.documents.values(), key=document_order)
    for doc in documents:
        seen_bases: set[str] = set()
        for basis in doc.legal_bases:
            if basis.document and basis.document not in seen_bases:
                seen_bases.add(basis.document)
                hub.cited_by.setdefault(basis.document, []).append(doc.id)
        by_body: dict[str, list[Item]] = defaultdict(list)
        for item in iter_items(doc.sections):
            for body in item.bodies:
                hub.duties.setdefault(body, []).append(Duty(doc.id, body, item, item.responsibility or "assigned"))
                by_body[body].append(item)
        if by_body:
            hub.duties_by_document[doc.id] = sorted(by_body.items())
    for doc_id in sorted(hub.documents):
        for target in hub.documents[doc_id].targets:
            hub.targets[target.id] = target
            hub.targets_by_indicator.setdefault(target.indicator, []).append(target)
    for targets in hub.targets_by_indicator.values():
        targets.sort(key=lambda t: (t.year, t.document_id, t.id))
    for kind, fields in indexed.items():
        records = hub.records.get(kind, {}).values()
        for record in sorted(records, key=order[kind]):
            for field_name in fields:
                value = field_value(record, field_name)
                if isinstance(value, str):
                    hub.referrers.setdefault((kind, field_name, value), []).append(record.id)
