"""What readers see of the follow-through: statuses, standings, history, the deadlines page.

The model computes (`generator/model/progress.py`, `generator/history.py`,
`generator/calendars.py`); this module words it for pages. Templates get
`progress(target)`, `standing(doc)` and `history(kind, id)` as helpers
(lookups by id in the hub's indexes, no search), and the "Sắp đến hạn"
page its own context. Every date is the content's (git, `hub.day`), never
the clock's, so equal content gives equal pages.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from generator import labels
from generator.model.hub import Hub
from generator.model.progress import Standing, TargetProgress, progress, standing
from generator.model.records import Document, Result, Target
from generator.render.contexts import DeadlineRow, DeadlinesContext
from generator.site import Page, SiteInfo
from generator.tables import Table, TableSummary

#: The address of the deadlines page.
DEADLINES_URL = "sap-den-han/"

#: Standing codes as the listing's filter addresses name them (`van-ban/hieu-luc/con-hieu-luc/`).
STANDING_SEGMENTS = {"in-force": "con-hieu-luc", "current": "dang-thuc-hien", "replaced": "da-thay-the",
                     "expired": "het-thoi-han", "superseded": "don-vi-ke-thua", "unknown": "chua-ro"}

#: How a recurring deadline reads.
RECURRING = {"yearly": "hằng năm", "half-yearly": "6 tháng một lần", "quarterly": "hằng quý"}

#: Changes listed under "Lịch sử cập nhật" on a record's page (the feed has more).
HISTORY_SHOWN = 10


def year_of(hub: Hub) -> int:
    """The content's year: what "now" is for standings."""
    return int(hub.day[:4])


def standing_of(doc: Document, hub: Hub) -> Standing:
    return standing(doc, hub, year_of(hub))


def result_value(result: Result, target: Target) -> str:
    """"92%", "đạt" / "không đạt" for a title, "không nêu con số" when the report names no figure."""
    if result.value is None:
        return "không nêu con số"
    if isinstance(result.value, bool) or target.is_yes_no:
        return labels.YES_NO[bool(result.value)]
    from generator.render.formatting import vn_number

    return f"{vn_number(result.value)}{labels.UNITS[target.unit]}"


def helpers(hub: Hub) -> dict[str, Any]:
    """The template helpers of the follow-through, bound to the page's hub."""
    return {
        "progress": lambda target: progress(target, hub),
        "standing": lambda doc: standing_of(doc, hub),
        "history": lambda kind, ident: hub.history.get((kind, ident), []),
        "result_value": result_value,
        "history_shown": HISTORY_SHOWN,
        "recurring_words": RECURRING,
    }


def results_key(hub: Hub, targets: Iterable[Target]) -> tuple:
    """What a page shows of the results reported for `targets`: part of its key (the preview re-renders it when a
    report changes)."""
    return tuple((t.id, tuple((r.document_id, r.anchor, r.year, r.value, r.scope) for r in hub.results.get(t.id, ())))
                 for t in targets)


def locality_feed(hub: Hub, locality: Any) -> tuple[str, str] | None:
    """(address, title) of the Atom feed a place's page links in its head, if it has one."""
    from generator import feeds

    return feeds.locality_feed(hub, locality.id)


def body_feed(hub: Hub, body: Any) -> tuple[str, str] | None:
    """(address, title) of the Atom feed a body's page links in its head, if it has one."""
    from generator import feeds

    return feeds.body_feed(hub, body.id)


def body_calendar(hub: Hub, body: Any) -> str:
    """`lich/co-quan/<id>.ics` when some deadline names the body (generator/calendars.py writes it), else ""."""
    named = hub.__dict__.get("_xhht_deadline_bodies")
    if named is None:
        named = hub.__dict__["_xhht_deadline_bodies"] = frozenset(
            b for doc in hub.documents.values() for d in doc.deadlines for b in d.bodies)
    return f"lich/co-quan/{body.id}.ics" if body.id in named else ""


#: Columns of the download tables that name a record (a target stands for its document).
_RECORD_COLUMNS = ("id", "document_id", "target_id", "result_document_id", "body_id")


def table_changes(hub: Hub, tables: Sequence[Any]) -> dict[str, Any]:
    """table name -> the last change (generator/history.py) of any record whose data the table holds, for the
    data page; a table none of whose records has a history is absent."""
    latest = table_change_finder(hub)
    return {table.name: change for table in tables if (change := latest(table)) is not None}


def table_change_finder(hub: Hub) -> Callable[[Any], Any]:
    """`table_changes` one table at a time: table -> the last change of a record it holds, or None."""
    if not hub.history:  # nothing has a history: no table has a last change
        return lambda table: None
    kinds_of: dict[str, list[str]] = {}
    for kind, records in hub.records.items():
        for ident in records:
            kinds_of.setdefault(ident, []).append(kind)

    def latest(table: Any) -> Any:
        positions = [n for n, c in enumerate(table.columns) if c.name in _RECORD_COLUMNS]
        seen: set[str] = set()
        best = None
        for row in table.rows:
            for n in positions:
                ident = row[n]
                if not isinstance(ident, str) or ident in seen:
                    continue
                seen.add(ident)
                keys = [("document", hub.targets[ident].document_id)] if ident in hub.targets else \
                    [(kind, ident) for kind in kinds_of.get(ident, ())]
                for key in keys:
                    changes = hub.history.get(key)
                    if changes and (best is None or changes[0].when > best.when):
                        best = changes[0]
        return best
    return latest


def table_summary(table: Table, latest: Callable[[Any], Any]) -> TableSummary:
    """What the data page shows of `table` (`latest`: a `table_change_finder`)."""
    return TableSummary(table.name, table.title, table.columns, len(table.rows), latest(table))


def standing_facet_values(doc: Document, hub: Hub) -> list[tuple[str, str]]:
    """The documents listing's "Hiệu lực" facet: one value per document, its standing."""
    state = standing_of(doc, hub)
    return [(STANDING_SEGMENTS[state.value], state.word[:1].upper() + state.word[1:])]


# --- the deadlines page ----------------------------------------------------------------------

#: Months between two occurrences of a recurring deadline (as generator/calendars.py's recurrence rules).
_STEP = {"yearly": 12, "half-yearly": 6, "quarterly": 3}


def _vn(year: int, month: int | None, day: int | None) -> str:
    return f"{day:02d}/{month}/{year}" if day else f"tháng {month}/{year}" if month else f"năm {year}"


def when_due(deadline: Any, document: Document, today: Any) -> tuple[bool, tuple[int, int, int] | None]:
    """(past, next occurrence) of a deadline on the content's date `today`, to the precision the document gives.

    A one-off deadline is past once its day (month, year) is over. A recurring one comes back every 12, 6 or
    3 months until the end of its document's period (a day a month lacks is skipped, as calendars do); its
    next occurrence on or after `today` is given, or it is past once the period is over.
    """
    import calendar as cal

    date = deadline.date
    now = (today.year, today.month, today.day)
    precision = 3 if date.day else 2 if date.month else 1

    def reached(occurrence: tuple[int, int, int]) -> bool:  # not yet over, at the date's precision
        return occurrence[:precision] >= now[:precision]

    step = _STEP.get(deadline.recurring or "")
    first = (date.year, date.month or 0, date.day or 0)
    if not step or not date.month:
        return (not reached(first)), None
    end = document.period.end if document.period is not None else None
    year, month = date.year, date.month
    while end is None or year <= end:
        if not date.day or date.day <= cal.monthrange(year, month)[1]:
            occurrence = (year, month, date.day or 0)
            if reached(occurrence):
                return False, (occurrence if occurrence != first else None)
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return True, None


def deadlines_page(hub: Hub, site: SiteInfo) -> Page:
    import datetime as dt

    from generator.calendars import deadlines
    from generator.collation import vietnamese_key
    from generator.render.environment import make_page

    today = dt.date.fromisoformat(hub.day)
    rows, by_year, upcoming = [], {}, []
    for entry in deadlines(hub):
        date = entry.deadline.date
        past, next_one = when_due(entry.deadline, entry.document, today)
        row = DeadlineRow(date.vietnamese(), date.precision, entry.deadline.what,
                          RECURRING.get(entry.deadline.recurring or "", ""), entry.document,
                          tuple(b for b in dict.fromkeys(entry.deadline.bodies) if b in hub.bodies),
                          past, _vn(*next_one) if next_one else "")
        rows.append(row)
        by_year.setdefault(date.year, []).append(row)
        if not past:
            upcoming.append(((next_one or (date.year, date.month or 0, date.day or 0)), len(upcoming), row))
    by_body: dict[str, list[DeadlineRow]] = {}
    for row in rows:
        for body in row.bodies:
            by_body.setdefault(body, []).append(row)
    bodies = sorted(by_body, key=lambda b: (vietnamese_key(hub.bodies[b].name), b))
    context = DeadlinesContext(
        title="Sắp đến hạn", page_url=DEADLINES_URL, hub=hub, site=site,
        upcoming=[row for _, _, row in sorted(upcoming, key=lambda u: (u[0], u[1]))],
        by_date=[(year, by_year[year]) for year in sorted(by_year)],
        by_body=[(hub.bodies[b], by_body[b], f"lich/co-quan/{b}.ics") for b in bodies],
        calendar="lich/tat-ca.ics", undated=sum(r.precision != "day" for r in rows), day=_vn(today.year, today.month, today.day))
    return make_page("deadlines.html", context,
                     "Thời hạn báo cáo, sơ kết, tổng kết trong các kế hoạch xây dựng xã hội học tập, theo ngày và theo cơ quan")


def deadlines_key(hub: Hub) -> tuple:
    from generator.calendars import deadlines

    return tuple((e.document.id, e.document.version, e.position) for e in deadlines(hub))


__all__ = ["DEADLINES_URL", "DeadlineRow", "DeadlinesContext", "TargetProgress", "deadlines_page", "helpers",
           "results_key", "standing_facet_values", "standing_of"]
