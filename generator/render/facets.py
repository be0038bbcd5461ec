"""Which static listing pages a kind's facets make, and what each page's filters show.

Two ways, declared per kind (`RecordKind.combine_facets`):

- one facet at a time (documents, examples): the listing, plus one listing per facet value
  (`van-ban/nam/2022/`); counts are over the whole listing.
- combined (resources): one value of each of up to `combine_facets` facets, as a static page whose address lists
  the choices in the kinds' facet order (`hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/`), so a
  resident can narrow "Ngoại ngữ" to "Miễn phí" without JavaScript, and a press office can link
  the result. Counts are in context: how many records the page would list if that value were
  chosen. Pages are made only where a link leads, walking the links from the unfiltered listing:
  a value that lists nothing is not offered, a value every listed record has is shown as holding
  for all of them rather than linked (choosing it would change nothing), and a page's choices are
  reduced to those that narrow (choosing "Miễn phí" where every "Ngoại ngữ" resource is free
  leads to the "Ngoại ngữ" page, which marks "Miễn phí" as holding for all). Every combination of
  the five resource facets over the 41 bundled resources would be 2,695 pages; this makes 591
  (592 without the bound). The count grows with the records, hence the bound on choices at once:
  bundled resources recombined into 200 give 3,277 pages with four choices at most, 1,000 give
  7,832 (unbounded 3,372 and 8,964; benchmarks/facet_pages.py).

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


#: A choice of at most one value per facet: per facet (in the kind's order), the value's position or -1.
_Choice = tuple[int, ...]


class Combinations:
    """The combined pages of one listing, found by following their links from the unfiltered one.

    Record sets are bit masks (bit n: the listing's n-th record), so narrowing is one `&` and counting one
    `bit_count()`, and choices are tuples of small integers: the walk looks at every value of every page,
    hundreds of thousands of choices for a few hundred resources.
    """

    def __init__(self, base: str, count: int, grouped: Sequence[Grouped], limit: int) -> None:
        self.base = base
        self.limit = limit
        self.grouped = tuple(grouped)
        self.everyone = (1 << count) - 1
        self.masks = [[sum(1 << n for n in members) for _, _, members in g.values] for g in grouped]
        self._reduced: dict[_Choice, _Choice] = {}
        self._urls: dict[_Choice, str] = {}

    def records(self, choice: _Choice) -> int:
        found = self.everyone
        for facet, value in enumerate(choice):
            if value >= 0:
                found &= self.masks[facet][value]
        return found

    def reduce(self, choice: _Choice) -> _Choice:
        """Drop, in facet order, each choice whose removal lists the same records."""
        known = self._reduced.get(choice)
        if known is None:
            known = self._reduced[choice] = self._reduce(choice)
        return known

    def _reduce(self, choice: _Choice) -> _Choice:
        listed = self.records(choice)
        for facet, value in enumerate(choice):
            if value >= 0:
                fewer = choice[:facet] + (-1,) + choice[facet + 1:]
                if self.records(fewer) == listed:
                    choice = fewer
        return choice

    def selection(self, choice: _Choice) -> Selection:
        return tuple((g.segment, g.values[v][0]) for g, v in zip(self.grouped, choice) if v >= 0)

    def url(self, choice: _Choice) -> str:
        known = self._urls.get(choice)
        if known is None:
            known = self._urls[choice] = address(self.base, self.selection(choice))
        return known

    def page(self, choice: _Choice) -> tuple[FacetPage, list[_Choice]]:
        """The page of `choice`, and the choices its links lead to."""
        listed = self.records(choice)
        links: list[_Choice] = []
        groups = []
        for facet, g in enumerate(self.grouped):
            values = []
            for position, (v, label, _) in enumerate(g.values):
                if choice[facet] == position:
                    values.append(FacetValue(v, label, listed.bit_count(), None, True))
                    continue
                found = listed if choice[facet] < 0 else self.records(choice[:facet] + (-1,) + choice[facet + 1:])
                found &= self.masks[facet][position]
                if not found:
                    continue
                if found == listed:
                    values.append(FacetValue(v, label, found.bit_count()))
                    continue
                target = self.reduce(choice[:facet] + (position,) + choice[facet + 1:])
                over = sum(c >= 0 for c in target) > self.limit
                if not over:
                    links.append(target)
                values.append(FacetValue(v, label, found.bit_count(), None if over else self.url(target),
                                         over_limit=over))
            groups.append(FacetGroup(g.segment, g.name, tuple(values)))
        filters = []
        for facet, g in enumerate(self.grouped):
            if choice[facet] >= 0:
                without = self.reduce(choice[:facet] + (-1,) + choice[facet + 1:])
                links.append(without)
                v, label, _ = g.values[choice[facet]]
                filters.append(Filter(g.segment, g.name, v, label, self.url(without)))
        members = tuple(n for n in range(listed.bit_length()) if listed >> n & 1)
        return FacetPage(self.url(choice), self.selection(choice), members, tuple(groups), tuple(filters)), links

    def pages(self) -> list[FacetPage]:
        """Every page a link leads to, the unfiltered listing first, then in address order."""
        found: dict[_Choice, FacetPage] = {}
        todo: list[_Choice] = [(-1,) * len(self.grouped)]
        while todo:
            choice = todo.pop()
            if choice in found:
                continue
            found[choice], links = self.page(choice)
            todo.extend(link for link in links if link not in found)
        return sorted(found.values(), key=lambda p: (p.selection != (), p.base))


def combined_pages(base: str, count: int, grouped: Sequence[Grouped], limit: int = 99) -> list[FacetPage]:
    """The combined pages, with at most `limit` choices at once."""
    return Combinations(base, count, grouped, limit).pages()
