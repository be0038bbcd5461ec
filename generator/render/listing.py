"""Listings: paginated, and filterable by facets through static pages.

No page grows with the content: a listing of 10,000 records is 200 pages of
50, and each facet value (or, for resources, each choice of values) has its own paginated
listing (`van-ban/nam/2022/`, `van-ban/nam/2022/2/`), which filter without JavaScript.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from generator.model.hub import Hub
from generator.render.contexts import ListingContext, Paging
from generator.render.facets import combined_pages, group, single_pages
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


def faceted_listing(template: str, base: str, items: Sequence[Any], title: str, description: str,
                    facets: Sequence[Facet], hub: Hub, site: SiteInfo, kind: RecordKind,
                    per_page: int = PER_PAGE) -> Iterator[PageJob]:
    """A paginated listing plus the paginated static pages its facets filter it into (render/facets.py)."""
    grouped = group(items, facets, hub)
    if kind.combine_facets > 1:
        made = combined_pages(base, len(items), grouped, kind.combine_facets)
    else:
        made = single_pages(base, len(items), grouped)
    for facet_page in made:
        members = [items[n] for n in facet_page.members]
        page_title = title
        if facet_page.filters:
            page_title += " — " + "; ".join(f"{f.name}: {f.label}" for f in facet_page.filters)
        for url, chunk, paging in paginate(facet_page.base, members, per_page):
            numbered = page_title if paging.number == 1 else f"{page_title} (trang {paging.number})"
            context = ListingContext(title=numbered, page_url=url, hub=hub, site=site, items=chunk, paging=paging,
                                     facets=facet_page.groups, filters=facet_page.filters, total=len(members),
                                     base=base, kind=kind)
            key = (template, numbered, description, tuple((r.id, r.version) for r in chunk), paging,
                   facet_page.groups, facet_page.filters, len(members), kind.listing_key(chunk, hub))
            yield PageJob(url, partial(make_page, template, context, description), key)
