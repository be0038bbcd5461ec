"""Documents (plans/): plans, letters, decisions, ... with their items and targets."""

from __future__ import annotations

from functools import partial
from typing import Any, Iterator

from msgspec.structs import force_setattr

from generator import labels
from generator.entries import Entry
from generator.kinds.base import Facet, RecordKind, field_facet, locality_facet
from generator.kinds.document_search import document_entries
from generator.kinds.document_tables import document_tables
from generator.links import url_for
from generator.model.anchors import item_anchor
from generator.model.hub import Hub, document_order, iter_items
from generator.model.records import Document, Item
from generator.render import formatting
from generator.render.contexts import CitingContext, DocumentContext, OutlineStep
from generator.render.environment import make_page
from generator.render.listing import PER_PAGE, paged, versions
from generator.site import Page, PageJob, SiteInfo
from generator.validate.record import check_anchors, check_document_values


def _year(doc: Document, hub: Hub) -> list[tuple[str, str]]:
    return [(str(doc.date.year), str(doc.date.year))] if doc.date else []


def _prepare_items(items: list[dict[str, Any]], document_id: str, positions: tuple[int, ...]) -> None:
    for index, item in enumerate(items):
        here = positions + (index,)
        item["anchor"] = item_anchor(item, here)
        for target in item.get("targets", ()):
            target["document_id"] = document_id
            if not target.get("text"):
                target["text"] = item.get("text") or ""
        _prepare_items(item.get("items", []), document_id, here)


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
    )
    indexed = ("locality", "issuer.body")
    title_field = "title"
    text_field = "preamble"
    scaffold_names = ("van-ban",)
    search_label = "Văn bản"
    checks = (check_document_values, check_anchors)

    # --- model ------------------------------------------------------------------------
    def prepare(self, data: dict[str, Any]) -> dict[str, Any]:
        _prepare_items(data.get("sections", []), data["id"], ())
        return data

    def finish(self, record: Document) -> None:
        force_setattr(record, "targets", tuple(t for item in iter_items(record.sections) for t in item.targets))

    def title(self, record: Document) -> str:
        return formatting.doc_title(record)

    def order(self, record: Document) -> Any:
        return document_order(record)

    # --- render -------------------------------------------------------------------------
    def record_pages(self, record: Document, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        citing = hub.cited_by.get(record.id, [])
        # What the page shows beyond the document: the first documents citing it, and which documents it
        # cites are in the hub (linked). Other kinds' names change only with a whole build.
        key = (record.version, versions(hub.documents[i] for i in citing[:PER_PAGE]), len(citing),
               tuple(b.document in hub.documents for b in record.legal_bases))
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

    def tables(self, hub: Hub, site_url: str) -> tuple:
        return document_tables(hub, site_url)


def document_page(doc: Document, hub: Hub, site: SiteInfo) -> Page:
    url = url_for("document", doc.id)
    title = formatting.doc_title(doc)
    cite = formatting.citation(doc, hub)
    locality = hub.localities.get(doc.locality or "")
    citing = hub.cited_by.get(doc.id, [])
    context = DocumentContext(
        title=title, page_url=url, hub=hub, site=site, doc=doc, outline=outline(doc.sections), citation=cite,
        locality=locality,
        cited_by=[hub.documents[i] for i in citing[:PER_PAGE]], cited_total=len(citing),
        duties=[(hub.bodies[body], items) for body, items in hub.duties_by_document.get(doc.id, [])])
    return make_page("document.html", context, f"{cite}: {title}", og_type="article",
                     jsonld=document_jsonld(doc, hub, site, title, locality.name if locality else None))


def outline(items: tuple[Item, ...], depth: int = 1) -> list[OutlineStep]:
    """The items at every depth in page order, each followed by its children and then its close."""
    steps = []
    for item in items:
        steps.append(OutlineStep(item, depth))
        steps.extend(outline(item.items, depth + 1))
        steps.append(OutlineStep(None, depth))
    return steps


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
        if bases:
            jsonld["isBasedOn"] = [site.url + url_for("document", b) for b in bases]
    return jsonld


def citing_pages(doc: Document, citing: list[Document], hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
    """`van-ban/<id>/duoc-can-cu/`: every citing document, when the page shows only the first ones."""
    def render(url: str, title: str, chunk: Any, paging: Any) -> Page:
        return make_page("citing.html", CitingContext(title=title, page_url=url, hub=hub, site=site, doc=doc,
                                                      items=chunk, paging=paging))
    yield from paged(url_for("document", doc.id) + "duoc-can-cu/", citing,
                     f"Văn bản căn cứ vào {formatting.doc_label(doc)}", PER_PAGE, render,
                     lambda chunk, paging: (doc.version, versions(chunk)))
