"""Which static listing pages a kind's facets make, and what each page's filters show.

Two ways, declared per kind (`RecordKind.combine_facets`):

- one facet at a time (documents, examples): the listing, plus one listing per facet value
  (`van-ban/nam/2022/`); counts are over the whole listing.
- combined (resources): any choice of one value per facet, as a static page whose address lists
  the choices in the kinds' facet order (`hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/`), so a
  resident can narrow "Ngoại ngữ" to "Miễn phí" without JavaScript, and a press office can link
  the result. Counts are in context: how many records the page would list if that value were
  chosen. Pages are made only where a link leads, walking the links from the unfiltered listing:
  a value that lists nothing is not offered, a value every listed record has is shown as holding
  for all of them rather than linked (choosing it would change nothing), and a page's choices are
  reduced to those that narrow (choosing "Miễn phí" where every "Ngoại ngữ" resource is free
  leads to the "Ngoại ngữ" page, which marks "Miễn phí" as holding for all). Every combination of
  the five resource facets over the 41 bundled resources would be 2,695 pages; this makes 592.

Pure functions over record positions: nothing here renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from generator.collation import vietnamese_key
from generator.render.contexts import FacetGroup, FacetValue, Filter

if TYPE_CHECKING:
    from generator.kinds.base import Facet
    from generator.model.hub import Hub

#: A page's choices: (facet segment, value code) pairs in the kind's facet order.
Selection = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grouped:
    """One facet over a listing: each value's label and the positions of the records that have it."""

    segment: str
    name: str
    values: tuple[tuple[str, str, frozenset[int]], ...]  # (code, label, positions), in display order


@dataclass(frozen=True)
class FacetPage:
    """One filtered listing (before pagination): its address, choices, records and filter display."""

    base: str
    selection: Selection
    members: tuple[int, ...]
    groups: tuple[FacetGroup, ...]
    filters: tuple[Filter, ...]


def group(items: Sequence[Any], facets: Sequence[Facet], hub: Hub) -> tuple[Grouped, ...]:
    """Each facet's values (those some record has) and who has them."""
    out = []
    for facet in facets:
        labels: dict[str, str] = {}
        members: dict[str, set[int]] = {}
        for position, item in enumerate(items):
            for value, text in facet.values(item, hub):
                labels.setdefault(value, text)
                members.setdefault(value, set()).add(position)
        order = sorted(labels, reverse=True) if facet.newest_first else sorted(
            labels, key=lambda v: (vietnamese_key(labels[v]), v))
        out.append(Grouped(facet.segment, facet.name, tuple((v, labels[v], frozenset(members[v])) for v in order)))
    return tuple(out)


def address(base: str, selection: Selection) -> str:
    return base + "".join(f"{segment}/{value}/" for segment, value in selection)


def single_pages(base: str, count: int, grouped: Sequence[Grouped]) -> list[FacetPage]:
    """The listing and one page per facet value; every page offers every value, counted site-wide."""
    everyone = tuple(range(count))
    pages = [_single_page(base, (), everyone, grouped)]
    for g in grouped:
        for value, _, members in g.values:
            pages.append(_single_page(base, ((g.segment, value),), tuple(sorted(members)), grouped))
    return pages


def _single_page(base: str, selection: Selection, members: tuple[int, ...],
                 grouped: Sequence[Grouped]) -> FacetPage:
    chosen = dict(selection)
    groups = tuple(FacetGroup(g.segment, g.name, tuple(
        FacetValue(v, label, len(m), None if chosen.get(g.segment) == v else address(base, ((g.segment, v),)),
                   chosen.get(g.segment) == v)
        for v, label, m in g.values)) for g in grouped)
    filters = tuple(Filter(g.segment, g.name, v, label, base)
                    for g in grouped for v, label, _ in g.values if chosen.get(g.segment) == v)
    return FacetPage(address(base, selection), selection, members, groups, filters)


class Combinations:
    """The combined pages of one listing, found by following their links from the unfiltered one."""

    def __init__(self, base: str, count: int, grouped: Sequence[Grouped]) -> None:
        self.base = base
        self.everyone = frozenset(range(count))
        self.grouped = tuple(grouped)
        self.order = {g.segment: n for n, g in enumerate(grouped)}
        self.sets = {(g.segment, v): m for g in grouped for v, _, m in g.values}
        self._cache: dict[Selection, frozenset[int]] = {(): self.everyone}

    def records(self, selection: Selection) -> frozenset[int]:
        found = self._cache.get(selection)
        if found is None:
            found = self.records(selection[:-1]) & self.sets[selection[-1]]
            self._cache[selection] = found
        return found

    def choose(self, selection: Selection, segment: str, value: str | None) -> Selection:
        """`selection` with `segment` set to `value` (None: unset), in facet order."""
        kept = [pair for pair in selection if pair[0] != segment]
        if value is not None:
            kept.append((segment, value))
        return tuple(sorted(kept, key=lambda pair: self.order[pair[0]]))

    def reduce(self, selection: Selection) -> Selection:
        """Drop, in facet order, each choice whose removal lists the same records."""
        listed = self.records(selection)
        for segment, _ in list(selection):
            fewer = self.choose(selection, segment, None)
            if self.records(fewer) == listed:
                selection = fewer
        return selection

    def page(self, selection: Selection) -> FacetPage:
        listed = self.records(selection)
        chosen = dict(selection)
        groups = []
        for g in self.grouped:
            values = []
            for v, label, _ in g.values:
                if chosen.get(g.segment) == v:
                    values.append(FacetValue(v, label, len(listed), None, True))
                    continue
                target = self.choose(selection, g.segment, v)
                found = self.records(target)
                if not found:
                    continue
                url = None if found == listed else address(self.base, self.reduce(target))
                values.append(FacetValue(v, label, len(found), url))
            groups.append(FacetGroup(g.segment, g.name, tuple(values)))
        labels = {(g.segment, v): (g.name, label) for g in self.grouped for v, label, _ in g.values}
        filters = tuple(Filter(segment, labels[segment, value][0], value, labels[segment, value][1],
                               address(self.base, self.reduce(self.choose(selection, segment, None))))
                        for segment, value in selection)
        return FacetPage(address(self.base, selection), selection, tuple(sorted(listed)), tuple(groups), filters)

    def pages(self) -> list[FacetPage]:
        """Every page a link leads to, the unfiltered listing first, then in address order."""
        found: dict[Selection, FacetPage] = {}
        todo: list[Selection] = [()]
        while todo:
            selection = todo.pop()
            if selection in found:
                continue
            page = found[selection] = self.page(selection)
            links = [v.url for g in page.groups for v in g.values if v.url] + [f.remove_url for f in page.filters]
            todo.extend(self._selection(url) for url in links)
        return [found[s] for s in sorted(found, key=lambda s: (s != (), address(self.base, s)))]

    def _selection(self, url: str) -> Selection:
        parts = url[len(self.base):].strip("/").split("/") if url != self.base else []
        return tuple(zip(parts[0::2], parts[1::2]))


def combined_pages(base: str, count: int, grouped: Sequence[Grouped]) -> list[FacetPage]:
    return Combinations(base, count, grouped).pages()
