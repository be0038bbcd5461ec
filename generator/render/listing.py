"""Listings: paginated, and filterable by facets through static pages.

No page grows with the content: a listing of 10,000 records is 200 pages of
50, and each facet value has its own paginated listing
(`van-ban/nam/2022/`, `van-ban/nam/2022/2/`), which filter without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from generator.model.hub import Hub
from generator.render.contexts import FacetGroup, FacetValue, ListingContext, Paging
from generator.render.environment import make_page
from generator.site import Page, PageJob, SiteInfo

if TYPE_CHECKING:
    from generator.kinds.base import Facet, RecordKind

#: Records per listing page, unless a kind says otherwise.
PER_PAGE = 50


def paginate(base: str, items: Sequence[Any], per_page: int = PER_PAGE) -> list[tuple[str, Sequence[Any], Paging]]:
    """(url, items on that page, paging) for `base`, `base/2/`, `base/3/`, ..."""
    count = max(1, -(-len(items) // per_page))
    urls = tuple(base if n == 1 else f"{base}{n}/" for n in range(1, count + 1))
    return [(urls[n], items[n * per_page:(n + 1) * per_page], Paging(n + 1, count, urls)) for n in range(count)]


def paged(base: str, items: Sequence[Any], title: str, per_page: int,
          render: Callable[[str, str, Sequence[Any], Paging], Page],
          key_of: Callable[[Sequence[Any], Paging], Any] | None = None) -> Iterator[PageJob]:
    """One page per slice of `items`; `render(url, title, chunk, paging)` makes each.

    `key_of(chunk, paging)`, when given, says what else the page shows (record versions): with the title
    and paging it is the page's key, so the preview can skip a page whose key did not change.
    """
    for url, chunk, paging in paginate(base, items, per_page):
        page_title = title if paging.number == 1 else f"{title} (trang {paging.number})"
        key = (page_title, paging, key_of(chunk, paging)) if key_of else None
        yield PageJob(url, partial(render, url, page_title, chunk, paging), key)


def versions(records: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    """(id, version) of records: what a page key holds of the records the page shows."""
    return tuple((r.id, r.version) for r in records if r is not None)


@dataclass(frozen=True)
class _Grouped:
    segment: str
    name: str
    values: list[tuple[str, str, list[Any]]]  # (code, label, members in listing order)


def facet_groups(items: Sequence[Any], facets: Sequence[Facet], hub: Hub) -> list[_Grouped]:
    """Each facet's values and the records under each, records keeping their order."""
    out = []
    for facet in facets:
        groups: dict[str, tuple[str, list[Any]]] = {}
        for item in items:
            for value, text in facet.values(item, hub):
                groups.setdefault(value, (text, []))[1].append(item)
        order = sorted(groups, reverse=facet.newest_first)
        out.append(_Grouped(facet.segment, facet.name, [(v, groups[v][0], groups[v][1]) for v in order]))
    return out


def faceted_listing(template: str, base: str, items: Sequence[Any], title: str, description: str,
                    facets: Sequence[Facet], hub: Hub, site: SiteInfo, kind: RecordKind,
                    per_page: int = PER_PAGE) -> Iterator[PageJob]:
    """A paginated listing plus one paginated static page per facet value."""
    grouped = facet_groups(items, facets, hub)
    shown = tuple(FacetGroup(g.segment, g.name, tuple(FacetValue(v, t, len(m)) for v, t, m in g.values))
                  for g in grouped)

    def listing(members: Sequence[Any], page_base: str, page_title: str,
                active: tuple[str, str] | None) -> Iterator[PageJob]:
        for url, chunk, paging in paginate(page_base, members, per_page):
            numbered = page_title if paging.number == 1 else f"{page_title} (trang {paging.number})"
            context = ListingContext(title=numbered, page_url=url, hub=hub, site=site, items=chunk, paging=paging,
                                     facets=shown, active=active, total=len(members), base=base, kind=kind)
            key = (template, numbered, description, tuple((r.id, r.version) for r in chunk), paging, shown, active,
                   len(members), kind.listing_key(chunk, hub))
            yield PageJob(url, partial(make_page, template, context, description), key)

    yield from listing(items, base, title, None)
    for group in grouped:
        for value, text, members in group.values:
            yield from listing(members, f"{base}{group.segment}/{value}/", f"{title} — {group.name}: {text}",
                               (group.segment, value))
