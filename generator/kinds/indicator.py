"""Indicators (content/indicators/): what targets measure, to compare them across plans."""

from __future__ import annotations

from typing import Any, Iterator

from generator import labels
from generator.charts import Series, responsive_chart
from generator.kinds.base import RecordKind
from generator.model.hub import Hub, document_order
from generator.model.records import Indicator, Target
from generator.render.contexts import IndicatorContext, IndicatorRow
from generator.render.environment import make_page
from generator.render.followthrough import results_key
from generator.render.listing import paged, versions
from generator.site import Page, PageJob, SiteInfo


#: Themes in the order the listing shows them.
THEMES = {code: index for index, code in enumerate(labels.THEMES)}


class IndicatorKind(RecordKind):
    name = "indicator"
    label = "chỉ số"
    folder = "content/indicators"
    section = "chi-so"
    struct = Indicator
    listing = ("Chỉ số và chỉ tiêu", "Các chỉ số dùng để so sánh chỉ tiêu giữa các văn bản")
    per_page = 100
    search_label = "Chỉ số"

    def order(self, record: Indicator) -> Any:
        """By theme (the schema's order of themes), then name: the listing reads as the programmes group them."""
        return (THEMES.get(record.theme or "", len(THEMES)), record.name, record.id)

    def listing_key(self, records: Any, hub: Hub) -> tuple:
        return tuple(len(hub.targets_by_indicator.get(indicator.id, ())) for indicator in records)

    def record_pages(self, record: Indicator, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        yield from indicator_pages(record, hub, site)


def latest_per_year(hub: Hub, points: list[tuple[int, float, str]]) -> tuple[tuple[int, float], ...]:
    """One value per year: where several documents of a place set one, the newest document's.

    Keeps the chart to places x years, however many documents there are.
    """
    best: dict[int, tuple[tuple, float]] = {}
    for year, value, doc_id in points:
        rank = document_order(hub.documents[doc_id])  # smaller is newer
        if year not in best or rank < best[year][0]:
            best[year] = (rank, value)
    return tuple((year, best[year][1]) for year in sorted(best))


def scopes(rows: list[IndicatorRow]) -> list[str]:
    """The scopes the rows' targets state ("Không nêu" for none), in first-seen order."""
    seen: dict[str, str] = {}
    for row in rows:
        scope = row.target.scope or "Không nêu"
        seen.setdefault(scope.casefold(), scope)  # "Tỉnh" and "tỉnh" are one scope
    return list(seen.values())


def _drawable(value: object) -> bool:
    """A figure a chart can place (a yes/no value or an unstated one has no height)."""
    return value is not None and not isinstance(value, bool)


def _same_scope(result: str | None, target: str | None) -> bool:
    """A result is drawn on its target's line only for the same population (a report silent on it: the target's)."""
    return result is None or result.casefold() == (target or "").casefold()


def indicator_chart(indicator: Indicator, rows: list[IndicatorRow], hub: Hub) -> str:
    """Targets (and reported results) per place and year, as a build-time SVG.

    Only figures are drawn (a yes/no target has none), and where the targets
    state different scopes each scope is its own line, labelled with it: two
    places' "60%" of different populations never share a line.
    """
    if indicator.unit == "yes-no":
        return ""  # nothing to draw: the table says which places aim for the title
    by_place: dict[str, list[Target]] = {}
    several = len(scopes(rows)) > 1
    for row in rows:
        scope = (row.target.scope or "không nêu phạm vi").casefold()
        name = f"{row.place} ({scope})" if several else row.place
        by_place.setdefault(name, []).append(row.target)
    series = []
    for place, targets in sorted(by_place.items()):
        points = latest_per_year(hub, [(t.year, t.value, t.document_id) for t in targets if _drawable(t.value)])
        if points:
            series.append(Series(label=f"{place} — chỉ tiêu", points=points, kind="target"))
        actual = latest_per_year(hub, [(a.year, a.value, t.document_id) for t in targets for a in t.actuals]
                                 + [(r.year, r.value, r.document_id) for t in targets for r in hub.results.get(t.id, ())
                                    if _drawable(r.value) and _same_scope(r.scope, t.scope)])
        if actual:
            series.append(Series(label=f"{place} — thực hiện", points=actual, kind="actual"))
    return responsive_chart(series, title=indicator.name,
                            desc=f"Chỉ tiêu theo năm của các địa bàn và cả nước cho chỉ số: {indicator.name}",
                            unit=indicator.unit, chart_id=f"chart-{indicator.id}")


def indicator_pages(indicator: Indicator, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
    """An indicator's page: its chart and its targets across documents (100 a page)."""
    rows = []
    for target in hub.targets_by_indicator.get(indicator.id, []):
        doc = hub.documents[target.document_id]
        rows.append(IndicatorRow(target, doc, hub.place_name(doc)))
    every_row = tuple((r.target.id, r.doc.id, r.doc.version, r.place) for r in rows)
    every_scope = scopes(rows)
    reported = any(hub.results.get(r.target.id) or r.target.actuals for r in rows)
    programmes = versions(hub.documents.get(g.programme) for g in indicator.groups)

    def render(url: str, title: str, chunk: Any, paging: Any) -> Page:
        # The chart (on the first page) is drawn from every row, when the page is rendered.
        chart = indicator_chart(indicator, rows, hub) if paging.number == 1 else ""
        return make_page("indicator.html", IndicatorContext(title=title, page_url=url, hub=hub, site=site,
                                                            indicator=indicator, items=chunk, paging=paging,
                                                            chart=chart, scopes=every_scope,
                                                            reported=reported),
                         f"Chỉ tiêu theo năm: {indicator.name}")
    yield from paged(f"chi-so/{indicator.id}/", rows, indicator.name, 100, render,
                     lambda chunk, paging: (indicator.version, programmes, tuple(every_scope),
                                            every_row if paging.number == 1 else
                                            tuple((r.target.id, r.doc.id, r.doc.version, r.place) for r in chunk),
                                            results_key(hub, (r.target for r in chunk))))
