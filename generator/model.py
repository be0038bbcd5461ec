"""Typed records and the data derived from them.

The validated dicts become frozen dataclasses here, and everything the site
needs that no editor should type twice is derived once: which documents cite
a document (backlinks), each body's duties across documents, each
indicator's targets across localities, each locality's documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.validate.record import Record


@dataclass(frozen=True)
class PartialDate:
    """A date that may be known only to the year (Cần Thơ 2024 gives no day)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        if text is None:
            return None
        if len(text) == 4:
            return cls(int(text))
        day = dt.date.fromisoformat(text)
        return cls(day.year, day.month, day.day)

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.is_full else f"{self.year:04d}"

    def vietnamese(self) -> str:
        """`04/7/2022` as Vietnamese documents write it; `năm 2024` when only the year is known."""
        return f"{self.day:02d}/{self.month}/{self.year}" if self.is_full else f"năm {self.year}"


@dataclass(frozen=True)
class Actual:
    year: int
    value: float
    source: str
    url: str | None = None


@dataclass(frozen=True)
class Target:
    """One figure a document promises for one year."""

    id: str
    document_id: str
    text: str
    indicator: str
    value: float | None
    unit: str
    year: int
    comparator: str = "="
    verb: str | None = None
    scope: str | None = None
    group: str | None = None
    level: str | None = None
    actuals: tuple[Actual, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A section or sub-item of a document, in document order."""

    label: str | None
    heading: str | None
    text: str | None
    role: str | None
    anchor: str
    bodies: tuple[str, ...]
    responsibility: str | None
    targets: tuple[Target, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class LegalBasis:
    kind: str
    text: str
    document: str | None
    citation: dict[str, Any] | None


@dataclass(frozen=True)
class Deadline:
    date: PartialDate
    what: str
    bodies: tuple[str, ...]
    recurring: str | None


@dataclass(frozen=True)
class Recipient:
    name: str
    body: str | None
    note: str | None


@dataclass(frozen=True)
class Signer:
    """Who signed, and the signing block above the name, line by line as printed."""

    name: str | None
    lines: tuple[str, ...]

    @property
    def authorities(self) -> tuple[str, ...]:
        """Signing prefixes present (TM., KT., Q., TL., TUQ.), in order."""
        prefixes = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
        return tuple(line.split()[0] for line in self.lines if line.split() and line.split()[0] in prefixes)


@dataclass(frozen=True)
class Document:
    id: str
    type: str
    transcription: str
    number: str | None
    title: str | None
    issuer_name: str
    issuer_body: str | None
    issuer_level: str
    issuer_parent_name: str | None
    successor_note: str | None
    place: str | None
    locality: str | None
    date: PartialDate | None
    signer: Signer | None
    period: tuple[int, int] | None
    legal_bases: tuple[LegalBasis, ...]
    preamble: str | None
    sections: tuple[Item, ...]
    deadlines: tuple[Deadline, ...]
    addressees: tuple[Recipient, ...]
    recipients: tuple[Recipient, ...]
    source: dict[str, Any]
    notes: tuple[str, ...]
    aliases: tuple[str, ...]
    path: str

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target of the document, in document order."""
        return tuple(t for item in iter_items(self.sections) for t in item.targets)


@dataclass(frozen=True)
class Duty:
    """One item of a document that assigns (or requests) work of a body."""

    document_id: str
    body_id: str
    item: Item
    responsibility: str


@dataclass
class Hub:
    """Every record, by kind and id, plus derived indexes."""

    documents: dict[str, Document] = field(default_factory=dict)
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)
    localities: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    duties: dict[str, list[Duty]] = field(default_factory=dict)
    targets_by_indicator: dict[str, list[Target]] = field(default_factory=dict)
    documents_by_locality: dict[str, list[str]] = field(default_factory=dict)


def iter_items(items: tuple[Item, ...]):
    """Items at every depth, in document order."""
    for item in items:
        yield item
        yield from iter_items(item.items)


def _target(data: dict[str, Any], document_id: str, item_text: str | None) -> Target:
    return Target(
        id=data["id"], document_id=document_id, text=data.get("text") or item_text or "",
        indicator=data["indicator"], value=data["value"], unit=data["unit"], year=data["year"],
        comparator=data.get("comparator", "="), verb=data.get("verb"), scope=data.get("scope"),
        group=data.get("group"), level=data.get("level"),
        actuals=tuple(Actual(a["year"], a["value"], a["source"], a.get("url")) for a in data.get("actuals", [])),
        aliases=tuple(data.get("aliases", [])),
    )


def _item(data: dict[str, Any], document_id: str, position: tuple[int, ...]) -> Item:
    """An item; its anchor is the editor's, or `muc-1-2-3` from its position (stable while the structure is)."""
    return Item(
        label=data.get("label"), heading=data.get("heading"), text=data.get("text"), role=data.get("role"),
        anchor=data.get("anchor") or "muc-" + "-".join(str(n) for n in position),
        bodies=tuple(data.get("bodies", [])), responsibility=data.get("responsibility"),
        targets=tuple(_target(t, document_id, data.get("text")) for t in data.get("targets", [])),
        items=tuple(_item(i, document_id, position + (n,)) for n, i in enumerate(data.get("items", []), start=1)),
    )


def build_document(data: dict[str, Any], path: str) -> Document:
    """A validated document dict as a typed record."""
    doc_id = data["id"]
    issuer = data["issuer"]
    signer = data.get("signer")
    period = data.get("period")
    return Document(
        id=doc_id, type=data["type"], transcription=data.get("transcription", "full"),
        number=data["number"], title=data["title"],
        issuer_name=issuer["name"], issuer_body=issuer.get("body"), issuer_level=issuer["level"],
        issuer_parent_name=issuer.get("parent_name"), successor_note=issuer.get("successor_note"),
        place=data.get("place"), locality=data.get("locality"), date=PartialDate.parse(data["date"]),
        signer=Signer(signer["name"], tuple(signer.get("lines", []))) if signer else None,
        period=(period["from"], period["to"]) if period else None,
        legal_bases=tuple(LegalBasis(b["kind"], b["text"], b.get("document"), b.get("citation"))
                          for b in data.get("legal_bases", [])),
        preamble=data.get("preamble"),
        sections=tuple(_item(i, doc_id, (n,)) for n, i in enumerate(data.get("sections", []), start=1)),
        deadlines=tuple(Deadline(PartialDate.parse(d["date"]), d["what"], tuple(d.get("bodies", [])), d.get("recurring"))
                        for d in data.get("deadlines", [])),
        addressees=tuple(Recipient(r["name"], r.get("body"), r.get("note")) for r in data.get("addressees", [])),
        recipients=tuple(Recipient(r["name"], r.get("body"), r.get("note")) for r in data.get("recipients", [])),
        source=data.get("source", {}), notes=tuple(data.get("notes", [])), aliases=tuple(data.get("aliases", [])),
        path=path,
    )


_PLAIN_KINDS = {"body": "bodies", "locality": "localities", "indicator": "indicators",
                "resource": "resources", "example": "examples", "page": "pages"}


def build_hub(records: list[Record]) -> Hub:
    """The whole hub from valid records, with derived indexes in a stable order."""
    hub = Hub()
    for record in sorted(records, key=lambda r: (r.kind, r.data["id"])):
        if record.kind == "document":
            hub.documents[record.data["id"]] = build_document(record.data, record.file.path)
        else:
            getattr(hub, _PLAIN_KINDS[record.kind])[record.data["id"]] = record.data
    for doc in hub.documents.values():
        for basis in doc.legal_bases:
            if basis.document and doc.id not in hub.cited_by.setdefault(basis.document, []):
                hub.cited_by[basis.document].append(doc.id)
        for target in doc.targets:
            hub.targets[target.id] = target
            hub.targets_by_indicator.setdefault(target.indicator, []).append(target)
        for item in iter_items(doc.sections):
            for body in item.bodies:
                hub.duties.setdefault(body, []).append(
                    Duty(doc.id, body, item, item.responsibility or "assigned"))
        if doc.locality:
            hub.documents_by_locality.setdefault(doc.locality, []).append(doc.id)
    for targets in hub.targets_by_indicator.values():
        targets.sort(key=lambda t: (t.year, t.document_id, t.id))
    return hub
