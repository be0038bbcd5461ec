"""Typed records: one struct per record kind, field for field the schema's.

Records arrive here already valid (schema + single-record checks), so the
structs do no validation of their own; they exist so that a field renamed in
a schema fails at conversion (tests/test_model.py compares every struct with
its schema), templates read attributes that always exist (an absent optional
field is None or an empty tuple, never "undefined"), and a hub of 10,000
documents stays small in memory (msgspec structs have no per-object dict).

Fields marked "derived" are not in the schema: the model stage fills them
once (`generator.model.hub`), so nothing downstream re-walks a document.
"""

from __future__ import annotations

from typing import Any

import msgspec

from generator.model.dates import PartialDate


class Record(msgspec.Struct, frozen=True, kw_only=True):
    """What every record has: a permanent id, and old ids that still redirect."""

    id: str
    aliases: tuple[str, ...] = ()
    version: str = ""  # derived: a digest of the record's content, to tell a changed record from an unchanged one


# --- documents -----------------------------------------------------------------

class Actual(msgspec.Struct, frozen=True, kw_only=True):
    """A result reported for a target."""

    year: int
    value: float
    source: str
    url: str | None = None


class Target(msgspec.Struct, frozen=True, kw_only=True):
    """One figure a document promises for one year (or, `unit: yes-no`, a title to be won or not)."""

    id: str
    aliases: tuple[str, ...] = ()
    text: str = ""  # the target's own words, else the words of the item holding it (derived when absent)
    part_of: str | None = None  # the target (of the same document) this one is part of: "70% ..., trong đó 60% ..."
    indicator: str
    value: bool | float | None  # bool only for `unit: yes-no`
    comparator: str = "="
    unit: str
    verb: str | None = None
    year: int
    scope: str | None = None
    group: str | None = None
    level: str | None = None
    actuals: tuple[Actual, ...] = ()
    document_id: str = ""  # derived: the document that sets it
    transcription: str = "full"  # derived: how its text was taken (its item's level, else the document's)
    parts: tuple[str, ...] = ()  # derived: ids of the targets that are part of it, in document order

    @property
    def is_yes_no(self) -> bool:
        return self.unit == "yes-no"


class Result(msgspec.Struct, frozen=True, kw_only=True):
    """A result a document reports for a target (a report's figure, a plan's baseline), where it says it."""

    target: str
    year: int
    value: bool | float | None  # bool for yes/no targets; None: the document names the target without a figure
    scope: str | None = None
    text: str | None = None
    document_id: str = ""  # derived: the document reporting it
    anchor: str = ""  # derived: the item of that document that says it


class Item(msgspec.Struct, frozen=True, kw_only=True):
    """A section or sub-item of a document, in document order."""

    anchor: str = ""  # the editor's, else derived from the position: `muc-1-2-3`
    label: str | None = None
    heading: str | None = None
    role: str | None = None
    text: str | None = None
    transcription: str | None = None  # only where the item was taken otherwise than the document
    from_source: int | None = None  # 1-based position in the document's `source` of where its words come from
    cut: bool = False  # the source stops right after this item
    bodies: tuple[str, ...] = ()  # body ids; the editor may write `{body, role}`, split at `prepare`
    responsibility: str | None = None
    targets: tuple[Target, ...] = ()
    results: tuple[Result, ...] = ()
    items: tuple[Item, ...] = ()
    roles: tuple[str, ...] = ()  # derived: each body's role (chu-tri, phoi-hop, ...), "" where none is stated

    def role_of(self, body_id: str) -> str:
        """The role the item gives `body_id` ("" when the document states none)."""
        for body, role in zip(self.bodies, self.roles):
            if body == body_id:
                return role
        return ""


class Issuer(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    level: str
    body: str | None = None
    parent_name: str | None = None
    successor_note: str | None = None


class Signer(msgspec.Struct, frozen=True, kw_only=True):
    """Who signed, and the signing block above the name, line by line as printed."""

    name: str | None
    lines: tuple[str, ...] = ()

    @property
    def authorities(self) -> tuple[str, ...]:
        """Signing prefixes present (TM., KT., Q., TL., TUQ.), in order."""
        prefixes = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
        return tuple(line.split()[0] for line in self.lines if line.split() and line.split()[0] in prefixes)


class Period(msgspec.Struct, frozen=True, kw_only=True):
    start: int = msgspec.field(name="from")
    end: int = msgspec.field(name="to")


class Citation(msgspec.Struct, frozen=True, kw_only=True):
    """What a legal basis says of a document that is not in the hub."""

    number: str | None = None
    type: str | None = None
    date: PartialDate | None = None
    issuer: str | None = None
    title: str | None = None


class LegalBasis(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    text: str
    document: str | None = None
    citation: Citation | None = None


class Relation(msgspec.Struct, frozen=True, kw_only=True):
    """A relation to another document beyond a legal basis: issues / issued-with, replaces, amends, cites."""

    kind: str
    document: str | None = None
    citation: Citation | None = None
    text: str | None = None


class Effective(msgspec.Struct, frozen=True, kw_only=True):
    """When the document takes effect, as it says."""

    text: str
    from_signing: bool = False
    date: PartialDate | None = None


class Deadline(msgspec.Struct, frozen=True, kw_only=True):
    date: PartialDate
    what: str
    bodies: tuple[str, ...] = ()
    recurring: str | None = None


class Recipient(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    body: str | None = None
    note: str | None = None


class Source(msgspec.Struct, frozen=True, kw_only=True):
    """One place the text was taken from, and what was taken from it."""

    file: str | None = None
    url: str | None = None
    title: str | None = None
    accessed: PartialDate | None = None
    took: str | None = None
    note: str | None = None


class Status(msgspec.Struct, frozen=True, kw_only=True):
    """A document's standing as a document states it (else derived: generator/model/progress.py)."""

    value: str  # in-force, replaced, expired, superseded
    since: PartialDate | None = None
    by: str | None = None
    note: str | None = None


class Document(Record, frozen=True, kw_only=True):
    """A plan, letter, decision, ... of any type (plans/)."""

    type: str
    transcription: str = "full"
    number: str | None  # None: unknown, unless `not_printed` has "number"
    title: str | None
    issuing_authority: str | None = None
    issuer: Issuer
    place: str | None = None
    locality: str | None = None
    date: PartialDate | None
    signer: Signer | None = None
    not_printed: tuple[str, ...] = ()  # what the document itself leaves out (number, day, month, signer)
    period: Period | None = None
    effective: Effective | None = None
    status: Status | None = None
    legal_bases: tuple[LegalBasis, ...] = ()
    relations: tuple[Relation, ...] = ()
    preamble: str | None = None
    sections: tuple[Item, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    addressees: tuple[Recipient, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    source: tuple[Source, ...]  # one entry or several (the editor may write one mapping: made a list at `prepare`)
    notes: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()  # derived: every target of the document, in document order
    results: tuple[Result, ...] = ()  # derived: every result it reports, in document order


# --- other kinds ---------------------------------------------------------------

class Contact(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    value: str
    note: str | None = None


class Body(Record, frozen=True, kw_only=True):
    """An issuing or assigned body: a People's Committee, a department, an association."""

    name: str
    short_name: str | None = None
    kind: str
    level: str | None = None
    locality: str | None = None
    parent: str | None = None
    website: str | None = None
    successor_note: str | None = None
    description: str | None = None
    contacts: tuple[Contact, ...] = ()


class Locality(Record, frozen=True, kw_only=True):
    """A province, district, commune, or the country."""

    name: str
    kind: str
    parent: str | None = None
    successor_note: str | None = None
    description: str | None = None


class IndicatorGroup(msgspec.Struct, frozen=True, kw_only=True):
    """Where a programme (1373, 387, 677, ...) files an indicator: its group letter and name there."""

    programme: str
    group: str | None = None
    name: str | None = None


class Indicator(Record, frozen=True, kw_only=True):
    """What targets measure, so that the same measure can be compared across plans."""

    name: str
    unit: str
    groups: tuple[IndicatorGroup, ...] = ()
    theme: str | None = None
    description: str | None = None


class Resource(Record, frozen=True, kw_only=True):
    """An open learning resource."""

    name: str
    provider: str
    url: str
    description: str
    topics: tuple[str, ...]
    audiences: tuple[str, ...]
    formats: tuple[str, ...]
    cost: str
    languages: tuple[str, ...]
    localities: tuple[str, ...] = ()


class Consent(msgspec.Struct, frozen=True, kw_only=True):
    given: bool
    date: str
    recorded_by: str


class Decision(msgspec.Struct, frozen=True, kw_only=True):
    number: str | None = None
    type: str | None = None
    date: PartialDate | None = None
    issuer: str | None = None
    title: str | None = None


class Example(Record, frozen=True, kw_only=True):
    """An honoured learning family, clan, community, unit or citizen."""

    model: str
    name: str
    illustrative: bool
    private_persons: bool
    consent: Consent | None = None
    locality: str | None = None
    year: int | None = None
    summary: str
    story: str | None = None
    recognised_by: str | None = None
    decision: Decision | None = None
    source: str | None = None
    url: str | None = None


class FreePage(Record, frozen=True, kw_only=True):
    """A page of free text (Markdown), such as the editors' guide."""

    title: str
    summary: str | None = None
    body: str
    order: int = 0


def decode_hook(type_: type, obj: Any) -> Any:
    if type_ is PartialDate and isinstance(obj, str):
        return PartialDate.parse(obj)
    raise NotImplementedError(type_)


def convert(data: dict[str, Any], struct: type[msgspec.Struct]) -> Any:
    """A validated record's dict as its struct (dates parsed, lists as tuples)."""
    return msgspec.convert(data, struct, dec_hook=decode_hook)
