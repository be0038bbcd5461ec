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

from generator.model.records import (Body, Document, Example, FreePage, Indicator, Item, Locality, Resource, Result,
                                     Target)


@dataclass(frozen=True)
class Duty:
    """One item of a document that assigns (or requests) work of a body, and the body's role in it."""

    document_id: str
    body_id: str
    item: Item
    responsibility: str
    role: str = ""  # chu-tri, phoi-hop, thuong-truc, bao-cao; "" where the document states none


#: A relation as the document stating it names it -> as the other document's page names it.
INVERSE = {"issues": "issued-with", "issued-with": "issues", "replaces": "replaced-by", "amends": "amended-by",
           "cites": "cited-in"}
#: Order of relations on a page: what issues or replaces this one first.
RELATION_ORDER = ("issued-with", "issues", "replaced-by", "replaces", "amended-by", "amends", "cites", "cited-in")


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
    #: kind -> every id of the kind, in its listing order (documents: newest first)
    ordered: dict[str, list[str]] = field(default_factory=dict)
    #: document -> [(relation as its page names it, other document id)], by RELATION_ORDER then newest first;
    #: stated by either side (a decision that `issues` a plan, or the plan `issued-with` it)
    related: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: target -> the results documents report for it, by year, then reporting document and its order
    results: dict[str, list[Result]] = field(default_factory=dict)
    #: (kind, id) -> the record's changes from git, newest first (set by the pipeline: generator/history.py)
    history: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    #: the content's date (ISO; the build's SOURCE_DATE_EPOCH or last commit): "now" for standings, never the clock
    day: str = "1970-01-01"

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

    def related_to(self, doc_id: str, relation: str) -> list[str]:
        """Documents in `relation` to the document (as its page names it: `issued-with`, `replaced-by`, ...)."""
        return [other for name, other in self.related.get(doc_id, []) if name == relation]

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
        duties, by_body = _duties_of(doc)
        for duty in duties:
            hub.duties.setdefault(duty.body_id, []).append(duty)
        if by_body:
            hub.duties_by_document[doc.id] = sorted(by_body.items())
    hub.related = _relations(hub, hub.documents.values())
    for doc_id in sorted(hub.documents):
        for target in hub.documents[doc_id].targets:
            hub.targets[target.id] = target
            hub.targets_by_indicator.setdefault(target.indicator, []).append(target)
    for targets in hub.targets_by_indicator.values():
        targets.sort(key=lambda t: (t.year, t.document_id, t.id))
    for doc_id in sorted(hub.documents):
        for result in reported(hub.documents[doc_id]):
            hub.results.setdefault(result.target, []).append(result)
    for results in hub.results.values():
        results.sort(key=_result_order)
    hub.results = dict(sorted(hub.results.items()))
    for kind, key in order.items():
        hub.ordered[kind] = [r.id for r in sorted(hub.records.get(kind, {}).values(), key=key)]
    for kind, fields in indexed.items():
        records = hub.records.get(kind, {})
        for record in (records[i] for i in hub.ordered[kind]):
            for field_name in fields:
                value = field_value(record, field_name)
                if isinstance(value, str):
                    hub.referrers.setdefault((kind, field_name, value), []).append(record.id)


def _duties_of(doc: Document) -> tuple[list[Duty], dict[str, list[Item]]]:
    duties, by_body = [], defaultdict(list)
    for item in iter_items(doc.sections):
        for body, role in zip(item.bodies, item.roles or ("",) * len(item.bodies)):
            duties.append(Duty(doc.id, body, item, item.responsibility or "assigned", role))
            by_body[body].append(item)
    return duties, by_body


def _stated(doc: Document) -> Iterator[tuple[str, str, str]]:
    """(document, relation as its page names it, other document) for each relation `doc` states, both ways."""
    for relation in doc.relations:
        if relation.document and relation.document != doc.id:
            yield doc.id, relation.kind, relation.document
            yield relation.document, INVERSE[relation.kind], doc.id


def _relations(hub: Hub, stating: Any) -> dict[str, list[tuple[str, str]]]:
    """The relations the documents in `stating` state, as every document's page names them, each once."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for doc in stating:
        for ident, relation, other in _stated(doc):
            if ident in hub.documents and other in hub.documents:
                found[ident].add((relation, other))
    rank = {name: index for index, name in enumerate(RELATION_ORDER)}
    return {ident: sorted(pairs, key=lambda p: (rank[p[0]], document_order(hub.documents[p[1]])))
            for ident, pairs in sorted(found.items())}


def reported(doc: Document) -> list[Result]:
    """The results a document states: its items' `results`, and `actuals` written on its own targets."""
    own = [Result(target=t.id, year=a.year, value=a.value, text=a.source, document_id=doc.id, anchor=t.id)
           for t in doc.targets for a in t.actuals]
    return [*doc.results, *own]


def _result_order(result: Result) -> tuple:
    return (result.year, result.document_id, result.anchor)


def with_documents_changed(old: Hub, records: dict[str, dict[str, Any]], changed: set[str],
                           indexed: tuple[str, ...], order: Any) -> Hub:
    """The hub after some documents changed (added, removed, edited), its indexes updated for them alone.

    `records` holds every record after the change; other kinds must not have
    changed. Equal to deriving everything again (tests/test_model.py checks),
    at the cost of the changed documents rather than of the whole hub.
    """
    hub = Hub(records=records, targets=dict(old.targets), cited_by=dict(old.cited_by), duties=dict(old.duties),
              duties_by_document=dict(old.duties_by_document), targets_by_indicator=dict(old.targets_by_indicator),
              referrers=dict(old.referrers), ordered=dict(old.ordered), related=dict(old.related),
              results=dict(old.results), history=old.history, day=old.day)
    hub.ordered["document"] = [d.id for d in sorted(hub.documents.values(), key=order)]
    before = [old.documents[i] for i in sorted(changed) if i in old.documents]
    after = [hub.documents[i] for i in sorted(changed) if i in hub.documents]
    newest_first = lambda ids: sorted(ids, key=lambda i: document_order(hub.documents[i]))  # noqa: E731
    # Documents citing another, newest first.
    for cited in {b.document for d in before + after for b in d.legal_bases if b.document}:
        keep = [i for i in old.cited_by.get(cited, []) if i not in changed]
        added = [d.id for d in after if cited in {b.document for b in d.legal_bases}]
        hub.cited_by[cited] = newest_first(keep + added)
        if not hub.cited_by[cited]:
            del hub.cited_by[cited]
    # Duties: per body, documents newest first and items in document order (the sort is stable).
    new_duties = {d.id: _duties_of(d) for d in after}
    for body in {i for d in before + after for item in iter_items(d.sections) for i in item.bodies}:
        kept = [duty for duty in old.duties.get(body, []) if duty.document_id not in changed]
        added = [duty for duties, _ in new_duties.values() for duty in duties if duty.body_id == body]
        hub.duties[body] = sorted(kept + added, key=lambda duty: document_order(hub.documents[duty.document_id]))
        if not hub.duties[body]:
            del hub.duties[body]
    for ident in changed:
        hub.duties_by_document.pop(ident, None)
        if ident in new_duties and new_duties[ident][1]:
            hub.duties_by_document[ident] = sorted(new_duties[ident][1].items())
    # Targets, and targets per indicator by year, document, id.
    for doc in before:
        for target in doc.targets:
            hub.targets.pop(target.id, None)
    for doc in after:
        for target in doc.targets:
            hub.targets[target.id] = target
    for indicator in {t.indicator for d in before + after for t in d.targets}:
        kept = [t for t in old.targets_by_indicator.get(indicator, []) if t.document_id not in changed]
        added = [t for d in after for t in d.targets if t.indicator == indicator]
        hub.targets_by_indicator[indicator] = sorted(kept + added, key=lambda t: (t.year, t.document_id, t.id))
        if not hub.targets_by_indicator[indicator]:
            del hub.targets_by_indicator[indicator]
    # Results per target: the changed documents' results out, their new ones in.
    for target in {r.target for d in before + after for r in reported(d)}:
        kept = [r for r in old.results.get(target, []) if r.document_id not in changed]
        added = [r for d in after for r in reported(d) if r.target == target]
        hub.results[target] = sorted(kept + added, key=_result_order)
        if not hub.results[target]:
            del hub.results[target]
    hub.results = dict(sorted(hub.results.items()))
    # Relations of every document a changed one is or was related to: each recomputed from the statements of
    # the documents it was related to (whoever stated the relation) and of the changed ones.
    touched = set(changed) | {other for d in before + after for _, _, other in _stated(d)}
    touched |= {other for ident in changed for _, other in old.related.get(ident, [])}
    for ident in touched:
        hub.related.pop(ident, None)
        stating = {ident} | {other for _, other in old.related.get(ident, [])} | {d.id for d in after}
        pairs = _relations(hub, [hub.documents[i] for i in sorted(stating) if i in hub.documents]).get(ident)
        if pairs:
            hub.related[ident] = pairs
    hub.related = dict(sorted(hub.related.items()))
    # Referrers by the document fields the registry indexes.
    for field_name in indexed:
        values = {field_value(d, field_name) for d in before + after} - {None}
        for value in values:
            key = ("document", field_name, value)
            kept = [i for i in old.referrers.get(key, []) if i not in changed]
            added = [d.id for d in after if field_value(d, field_name) == value]
            hub.referrers[key] = sorted(kept + added, key=lambda i: order(hub.documents[i]))
            if not hub.referrers[key]:
                del hub.referrers[key]
    return hub
