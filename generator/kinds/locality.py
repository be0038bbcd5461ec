"""Localities (content/localities/): the country, provinces, districts, communes."""

from __future__ import annotations

from typing import Any, Iterator

from generator import labels
from generator.entries import Entry, Passage
from generator.collation import vietnamese_key
from generator.kinds.base import RecordKind
from generator.model.hub import Hub
from generator.model.records import Locality
from generator.render.contexts import LocalityContext
from generator.render.environment import make_page
from generator.render.followthrough import locality_feed, results_key
from generator.render.listing import PER_PAGE, paged, versions
from generator.site import Page, PageJob, SiteInfo


class LocalityKind(RecordKind):
    name = "locality"
    label = "địa bàn"
    folder = "content/localities"
    section = "dia-ban"
    struct = Locality
    listing = ("Địa bàn", "Tỉnh, thành phố, huyện, xã có văn bản trên trang")
    per_page = 100
    indexed = ("parent",)
    search_label = "Địa bàn"

    def listing_key(self, records: Any, hub: Hub) -> tuple:
        return tuple(len(hub.documents_of(locality.id)) for locality in records)

    def record_pages(self, record: Locality, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        yield from locality_pages(record, hub, site)

    def entries(self, hub: Hub) -> Iterator[Entry]:
        for ident, locality in hub.localities.items():
            text = "\n".join(t for t in (locality.description, locality.successor_note) if t)
            yield Entry("Địa bàn", locality.name, self.url(ident), text,
                        fields=(Passage(labels.label(labels.LOCALITY_KINDS, locality.kind), "", "Cấp"),))


def locality_pages(locality: Locality, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
    """A place's page: its documents (20 a page) and their targets, its examples, its sub-units."""
    docs = [hub.documents[i] for i in hub.documents_of(locality.id)]
    examples = hub.referring("example", "locality", locality.id)
    children = sorted((hub.localities[i] for i in hub.referring("locality", "parent", locality.id)),
                      key=lambda l: (vietnamese_key(l.name), l.id))
    common: dict[str, Any] = dict(
        hub=hub, site=site, locality=locality, examples=[hub.examples[i] for i in examples[:PER_PAGE]],
        examples_total=len(examples), children=children[:PER_PAGE], parent=hub.localities.get(locality.parent or ""))

    feed = locality_feed(hub, locality)

    def render(url: str, title: str, chunk: Any, paging: Any) -> Page:
        targets = sorted((t for doc in chunk for t in doc.targets), key=lambda t: t.year)  # by year, then document
        return make_page("locality.html", LocalityContext(title=title, page_url=url, items=chunk, paging=paging,
                                                          targets=targets, **common),
                         f"Văn bản, chỉ tiêu và gương điển hình của {locality.name}", feed=feed)
    shown = (versions([locality, common["parent"]]), versions(common["examples"]), len(examples),
             versions(common["children"]), feed)
    yield from paged(f"dia-ban/{locality.id}/", docs, locality.name, 20, render,
                     lambda chunk, paging: (shown, versions(chunk),
                                            results_key(hub, (t for doc in chunk for t in doc.targets))))
