"""Bodies (content/bodies/): who issues documents and who is assigned their tasks."""

from __future__ import annotations

from typing import Any, Iterator

from generator import labels
from generator.entries import Entry, Passage
from generator.kinds.base import RecordKind
from generator.model.hub import Duty, Hub, iter_items
from generator.model.records import Body, Document, Target
from generator.render.contexts import BodyContext
from generator.render.environment import make_page
from generator.render.followthrough import body_calendar, body_feed, results_key
from generator.render.listing import PER_PAGE, paged, versions
from generator.site import Page, PageJob, SiteInfo


class BodyKind(RecordKind):
    name = "body"
    label = "cơ quan"
    folder = "content/bodies"
    section = "co-quan"
    struct = Body
    listing = ("Cơ quan, đơn vị", "Cơ quan ban hành và cơ quan được giao nhiệm vụ")
    per_page = 100
    indexed = ("parent", "locality")
    scaffold_names = ("co-quan",)
    search_label = "Cơ quan"

    def record_pages(self, body: Body, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        yield from body_pages(body, hub, site)

    def listing_key(self, records: Any, hub: Hub) -> tuple:
        """The listing shows each record's locality by name."""
        return tuple(hub.localities[r.locality].name if r.locality in hub.localities else None for r in records)

    def entries(self, hub: Hub) -> Iterator[Entry]:
        # No locality among the keywords: a place's name should find the place first, and
        # body names already carry their place.
        for ident, body in hub.bodies.items():
            short = (Passage(body.short_name, "", "Tên viết tắt"),) if body.short_name else ()
            yield Entry("Cơ quan", body.name, self.url(ident), body.description or "", fields=short)


def duty_groups(body: Body, hub: Hub) -> list[tuple[str, Document, list[Duty]]]:
    """(role, document, duties) of a body: what it leads (thường trực, chủ trì) before what it supports (phối hợp),
    then reports and duties whose role the document does not state; documents newest first in each."""
    by_group: dict[str, dict[str, list[Duty]]] = {role: {} for role in labels.DUTY_GROUPS}
    for duty in hub.duties.get(body.id, []):  # documents newest first
        by_group[duty.role].setdefault(duty.document_id, []).append(duty)
    return [(role, hub.documents[doc_id], duties) for role, docs in by_group.items() for doc_id, duties in docs.items()]


def body_pages(body: Body, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
    """A body's page: duties grouped by role, then per document (20 a page), what it issued, its units."""
    duties = duty_groups(body, hub)
    counts = {role: 0 for role in labels.DUTY_GROUPS}
    for duty in hub.duties.get(body.id, []):
        counts[duty.role] += 1
    issued = hub.issued_by(body.id)
    children = [hub.bodies[i] for i in hub.referring("body", "parent", body.id)[:PER_PAGE]]
    common: dict[str, Any] = dict(
        hub=hub, site=site, body=body, issued=[hub.documents[i] for i in issued[:PER_PAGE]],
        issued_total=len(issued), children=children, parent=hub.bodies.get(body.parent or ""),
        locality=hub.localities.get(body.locality or ""), role_counts=[(r, n) for r, n in counts.items() if n],
        calendar=body_calendar(hub, body))

    feed = body_feed(hub, body)

    def render(url: str, title: str, chunk: Any, paging: Any) -> Page:
        return make_page("body.html", BodyContext(title=title, page_url=url, items=chunk, paging=paging,
                                                  targets=committed(chunk, common["issued"], paging.number),
                                                  **common),
                         f"Nhiệm vụ của {body.name} trong các văn bản về xây dựng xã hội học tập", feed=feed)
    shown = (versions([body, common["parent"], common["locality"]]), versions(common["issued"]), len(issued),
             versions(children), tuple(common["role_counts"]), feed, common["calendar"])
    yield from paged(f"co-quan/{body.id}/", duties, body.name, 20, render,
                     lambda chunk, paging: (shown, tuple(role for role, _, _ in chunk),
                                            versions(doc for _, doc, _ in chunk),
                                            results_key(hub, committed(chunk, common["issued"], paging.number))))


def committed(chunk: Any, issued: list[Document], page: int) -> list[Target]:
    """What a body committed to on one page of its duties, by year: the targets of the items it is assigned on the
    page (and their sub-items), and on the first page those of the documents it issued."""
    found: dict[str, Target] = {}
    for _, _, duties in chunk:
        for duty in duties:
            for item in iter_items((duty.item,)):
                found.update((t.id, t) for t in item.targets)
    if page == 1:
        found.update((t.id, t) for doc in issued for t in doc.targets)
    return sorted(found.values(), key=lambda t: t.year)
