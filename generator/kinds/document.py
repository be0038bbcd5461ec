"""Documents (plans/): plans, letters, decisions, ... with their items and targets."""

from __future__ import annotations

from functools import partial
from sys import intern
from typing import Any, Iterator

from msgspec.structs import force_setattr

from generator import labels
from generator.entries import Entry
from generator.kinds.base import Facet, RecordKind, field_facet, locality_facet
from generator.kinds.document_checks import CHECKS
from generator.kinds.document_search import document_entries
from generator.kinds.document_tables import document_tables
from generator.kinds.followthrough_tables import followthrough_tables
from generator.links import url_for
from generator.model.anchors import item_anchor
from generator.model.hub import RELATION_ORDER, Hub, document_order, iter_items
from generator.model.records import Document, Item
from generator.render import formatting
from generator.render import outline as outlines
from generator.render.contexts import CitingContext, DocumentContext, Related
from generator.render.environment import make_page
from generator.render.followthrough import result_value, results_key, standing_facet_values, standing_of
from generator.render.listing import PER_PAGE, paged, versions
from generator.site import Page, PageJob, SiteInfo, TocEntry
from generator.tables import Table
from generator.validate.record import check_anchors, check_document_values


def _year(doc: Document, hub: Hub) -> list[tuple[str, str]]:
    return [(str(doc.date.year), str(doc.date.year))] if doc.date else []


def _prepare_items(items: list[dict[str, Any]], document_id: str, positions: tuple[int, ...], level: str) -> None:
    """Anchors; bodies as ids with their roles beside; each target's document, text and how its text was taken."""
    for index, item in enumerate(items):
        here = positions + (index,)
        item["anchor"] = item_anchor(item, here)
        taken = item.get("transcription", level)
        if item.get("bodies"):
            entries = item["bodies"]
            item["bodies"] = [e["body"] if isinstance(e, dict) else e for e in entries]
            item["roles"] = [e["role"] if isinstance(e, dict) else "" for e in entries]
        for target in item.get("targets", ()):
            target["document_id"] = document_id
            target["transcription"] = taken
            if not target.get("text"):
                target["text"] = item.get("text") or ""
        for result in item.get("results", ()):
            result["document_id"], result["anchor"] = document_id, item["anchor"]
        _prepare_items(item.get("items", []), document_id, here, taken)


#: Words shared across the hub at most this long (a unit, a role, a scope, a section's heading; never prose).
SHARED_LENGTH = 60


def _word(value: str | None) -> str | None:
    """One string object for each short value across the hub (`sys.intern`), prose left as it is."""
    return intern(value) if value is not None and len(value) <= SHARED_LENGTH else value


def _share(item: Item, document_id: str) -> None:
    """One object for what `prepare` wrote again and again: a target's text taken from its item, the document's id
    on each of its targets and results, an item's anchor on its results; and for the short words of fields that
    take a few values across the hub (units, roles, scopes, anchors, headings). The decoder makes a new string of
    each occurrence: at 10,000 documents that is a few hundred megabytes of copies."""
    force_setattr(item, "anchor", intern(item.anchor))
    for name in ("label", "heading", "role", "transcription", "responsibility"):
        value = getattr(item, name)
        if value is not None:
            force_setattr(item, name, _word(value))
    if item.bodies:
        force_setattr(item, "bodies", tuple(intern(b) for b in item.bodies))
        force_setattr(item, "roles", tuple(intern(r) for r in item.roles))
    for target in item.targets:
        if item.text is not None and target.text == item.text:
            force_setattr(target, "text", item.text)
        force_setattr(target, "document_id", document_id)
        for name in ("indicator", "unit", "comparator", "transcription", "verb", "scope", "group", "level"):
            value = getattr(target, name)
            if value is not None:
                force_setattr(target, name, _word(value))
    for result in item.results:
        force_setattr(result, "document_id", document_id)
        force_setattr(result, "anchor", item.anchor)
        if result.scope is not None:
            force_setattr(result, "scope", _word(result.scope))


class DocumentKind(RecordKind):
    name = "document"
    label = "văn bản"
    folder = "plans"
    section = "van-ban"
    struct = Document
    listing = ("Văn bản", "Danh sách kế hoạch, công văn, quyết định về xây dựng xã hội học tập")
    facets = (
        field_facet("loai", "Loại văn bản", "type", labels.DOCUMENT_TYPES),
        Facet("cap", "Cấp ban hành", lambda d, hub: [(d.issuer.level, labels.label(labels.LEVELS, d.issuer.level))]),
        Facet("nam", "Năm ban hành", _year, newest_first=True),
        locality_facet(),
        Facet("hieu-luc", "Tình trạng", standing_facet_values),
    )
    indexed = ("locality", "issuer.body")
    title_field = "title"
    text_field = "preamble"
    scaffold_names = ("van-ban",)
    search_label = "Văn bản"
    checks = (check_document_values, check_anchors, *CHECKS)

    # --- model ------------------------------------------------------------------------
    def prepare(self, data: dict[str, Any]) -> dict[str, Any]:
        """A single `source` mapping becomes a list of one; items are completed (`_prepare_items`)."""
        if isinstance(data.get("source"), dict):
            data["source"] = [data["source"]]
        _prepare_items(data.get("sections", []), data["id"], (), data.get("transcription", "full"))
        return data

    def finish(self, record: Document) -> None:
        for item in iter_items(record.sections):
            _share(item, record.id)
        targets = tuple(t for item in iter_items(record.sections) for t in item.targets)
        force_setattr(record, "targets", targets)
        force_setattr(record, "results", tuple(r for item in iter_items(record.sections) for r in item.results))
        by_id = {t.id: t for t in targets}
        for target in targets:
            if target.part_of in by_id:
                parent = by_id[target.part_of]
                force_setattr(parent, "parts", parent.parts + (target.id,))

    def title(self, record: Document) -> str:
        return formatting.doc_title(record)

    def order(self, record: Document) -> Any:
        return document_order(record)

    def listing_key(self, records: Any, hub: Hub) -> tuple:
        """The listing shows each document's standing (which a document replacing it changes)."""
        return tuple(standing_of(d, hub) for d in records)

    # --- render -------------------------------------------------------------------------
    def record_pages(self, record: Document, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        citing = hub.cited_by.get(record.id, [])
        # What the page shows beyond the document: the first documents citing it, and which documents it
        # cites are in the hub (linked). Other kinds' names change only with a whole build.
        related = [hub.documents[i] for _, i in hub.related.get(record.id, [])]
        key = (record.version, versions(hub.documents[i] for i in citing[:PER_PAGE]), len(citing),
               tuple(b.document in hub.documents for b in record.legal_bases), versions(related),
               results_key(hub, record.targets), versions(hub.documents.get(r.document_id) for t in record.targets
                                                          for r in hub.results.get(t.id, ())),
               standing_of(record, hub))
        yield PageJob(url_for("document", record.id), partial(document_page, record, hub, site), key)
        if len(citing) > PER_PAGE:
            yield from citing_pages(record, [hub.documents[i] for i in citing], hub, site)

    # --- index --------------------------------------------------------------------------
    def entries(self, hub: Hub) -> Iterator[Entry]:
        """The document, each top-level section, each target (the last two point into the page).

        `parent` positions are relative to the document's own entry; the
        index stage makes them absolute.
        """
        for doc in hub.documents.values():
            yield from document_entries(doc, hub)

    def tables(self, hub: Hub, site_url: str) -> Iterator[Table]:
        """The documents' tables and the follow-through's, each made when asked for (not a tuple: a build lets
        each go once its files are written)."""
        yield from document_tables(hub, site_url)
        yield from followthrough_tables(hub, site_url)


def document_page(doc: Document, hub: Hub, site: SiteInfo) -> Page:
    url = url_for("document", doc.id)
    title = formatting.doc_title(doc)
    cite = formatting.citation(doc, hub)
    locality = hub.localities.get(doc.locality or "")
    citing = hub.cited_by.get(doc.id, [])
    related = relations(doc, hub)
    duties = [(hub.bodies[body], items) for body, items in hub.duties_by_document.get(doc.id, [])]
    toc = page_contents(doc, related, bool(citing), bool(duties))
    parts = next((entry.children for entry in toc if entry.anchor == "noi-dung"), ())
    after = [entry for entry in toc if entry.anchor in HUB_SECTIONS]
    context = DocumentContext(
        title=title, page_url=url, hub=hub, site=site, doc=doc, outline=outlines.outline(doc.sections),
        contents=[TocEntry(entry.title, entry.anchor) for entry in parts] + after,
        refs=outlines.item_refs(doc.sections), citation=cite, citation_full=formatting.citation_full(doc, hub),
        locality=locality,
        cited_by=[hub.documents[i] for i in citing[:PER_PAGE]], cited_total=len(citing),
        duties=duties, relations=related,
        verbatim_targets=all(formatting.is_verbatim(t.transcription) for t in doc.targets))
    return make_page("document.html", context, f"{cite}: {title}", og_type="article",
                     jsonld=document_jsonld(doc, hub, site, title, locality.name if locality else None), toc=toc)


#: The hub's own sections after a document's text, which its "Nội dung" also lists.
HUB_SECTIONS = ("chi-tieu", "trach-nhiem", "thoi-han", "nguon")


def page_contents(doc: Document, related: list[Related], cited: bool, duties: bool) -> tuple[TocEntry, ...]:
    """The page's table of contents (Material's sidebar, the drawer on phones): its `<h2>` sections in page order
    (document.html shows each on the same condition), the document's parts and their items under "Nội dung"."""
    sections = [
        ("can-cu", "Căn cứ", bool(doc.legal_bases)),
        ("quan-he", "Văn bản liên quan", bool(related)),
        ("duoc-can-cu", "Văn bản căn cứ vào văn bản này", cited),
        ("kinh-gui", "Kính gửi", bool(doc.addressees)),
        ("noi-dung", "Nội dung", bool(doc.sections)),
        ("chi-tieu", "Chỉ tiêu", bool(doc.targets)),
        ("trach-nhiem", "Trách nhiệm của các cơ quan", duties),
        ("thoi-han", "Thời hạn", bool(doc.deadlines)),
        ("noi-nhan", "Nơi nhận", bool(doc.recipients)),
        ("nguon", "Nguồn", True),
    ]
    return tuple(TocEntry(title, anchor, outlines.item_contents(doc.sections) if anchor == "noi-dung" else ())
                 for anchor, title, shown in sections if shown)


def relations(doc: Document, hub: Hub) -> list[Related]:
    """The document's relations as its page shows them: in the hub (both ways), and those outside it it states."""
    found = [(name, hub.documents[other]) for name, other in hub.related.get(doc.id, [])]
    outside = [(r.kind, formatting.cited(r.citation, r.text)) for r in doc.relations if r.document not in hub.documents]
    return [Related(name, [(d, formatting.citation(d, hub)) for kind, d in found if kind == name],
                    [text for kind, text in outside if kind == name])
            for name in RELATION_ORDER if any(k == name for k, _ in found + outside)]


def document_jsonld(doc: Document, hub: Hub, site: SiteInfo, title: str, locality: str | None) -> dict[str, Any]:
    """schema.org Legislation: what search engines and press tools read of a document."""
    jsonld: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Legislation", "name": title, "inLanguage": "vi",
        "legislationType": labels.label(labels.DOCUMENT_TYPES, doc.type),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": doc.issuer.name},
    }
    if doc.number:
        jsonld["legislationIdentifier"] = doc.number
    if doc.date:
        jsonld["legislationDate"] = doc.date.iso()
    if locality:
        jsonld["legislationJurisdiction"] = locality
    if site.url:
        jsonld["url"] = site.url + url_for("document", doc.id)
        bases = [b.document for b in doc.legal_bases if b.document in hub.documents]
        bases += hub.related_to(doc.id, "issued-with")
        if bases:
            jsonld["isBasedOn"] = [site.url + url_for("document", b) for b in dict.fromkeys(bases)]
    reported = results_jsonld(doc, hub, site)
    if reported:
        jsonld["about"] = reported
    return jsonld


def _figure(value: float) -> int | float:
    """92.0 -> 92 (as the document writes it), 55.55 stays."""
    return int(value) if float(value).is_integer() else value


def results_jsonld(doc: Document, hub: Hub, site: SiteInfo) -> list[dict[str, Any]]:
    """The results reported for the document's targets, as schema.org Observations: what was measured (the
    indicator), the year, the value, the report saying it (its address when the site's is known), and for the
    result a target is judged on, its status in plain words (generator/model/progress.py)."""
    from generator.model.progress import progress

    found = []
    for target in doc.targets:
        state = progress(target, hub)
        for result in state.results:
            reporter = hub.documents[result.document_id]
            item: dict[str, Any] = {
                "@type": "Observation", "name": f"Kết quả năm {result.year} của chỉ tiêu {formatting.target_label(target)}",
                "variableMeasured": hub.indicators[target.indicator].name if target.indicator in hub.indicators
                else target.indicator,
                "observationDate": str(result.year),
                "measuredValue": _figure(result.value) if isinstance(result.value, (int, float)) and not isinstance(
                    result.value, bool) else result_value(result, target),
                "isBasedOn": {"@type": "Legislation", "name": formatting.doc_label(reporter)},
            }
            if target.unit == "percent" and not isinstance(item["measuredValue"], str):
                item["unitText"] = "%"
            if result.scope:
                item["observationAbout"] = result.scope
            if site.url:
                item["isBasedOn"]["url"] = site.url + url_for("document", result.document_id) + f"#{result.anchor}"
                item["url"] = site.url + url_for("document", doc.id) + f"#{target.id}"
            if result is state.result:
                item["description"] = f"Tình trạng: {state.word}" + (f" ({state.reason})" if state.reason else "")
            found.append(item)
    return found


def citing_pages(doc: Document, citing: list[Document], hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
    """`van-ban/<id>/duoc-can-cu/`: every citing document, when the page shows only the first ones."""
    def render(url: str, title: str, chunk: Any, paging: Any) -> Page:
        return make_page("citing.html", CitingContext(title=title, page_url=url, hub=hub, site=site, doc=doc,
                                                      items=chunk, paging=paging))
    yield from paged(url_for("document", doc.id) + "duoc-can-cu/", citing,
                     f"Văn bản căn cứ vào {formatting.doc_label(doc)}", PER_PAGE, render,
                     lambda chunk, paging: (doc.version, versions(chunk)))
