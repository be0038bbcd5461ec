"""Deadlines as iCalendar files: one for the whole hub, one per body, to subscribe to once.

Each deadline that names its day is an all-day event; a yearly, half-yearly
or quarterly one repeats (RRULE) until the last year of its document's
period. UIDs are made from the document and the deadline's own words, so a
subscribed calendar updates an event in place when the hub is rebuilt,
rather than doubling it. Deadlines known only to the month or the year have
no day to put in a calendar: the deadlines page lists them, calendars do not.
Built with the `icalendar` library; DTSTAMP is the content's date, not the
clock's, so equal content gives equal files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from icalendar import Calendar, Event, vRecur

from generator.model.hub import Hub, document_order
from generator.model.records import Deadline, Document

_FREQUENCY = {"yearly": {"FREQ": "YEARLY"}, "half-yearly": {"FREQ": "MONTHLY", "INTERVAL": 6},
              "quarterly": {"FREQ": "MONTHLY", "INTERVAL": 3}}


@dataclass(frozen=True)
class DeadlineEntry:
    """A deadline with its document, in the order pages and calendars list them."""

    document: Document
    deadline: Deadline
    position: int  # among the document's deadlines

    @property
    def uid(self) -> str:
        words = f"{self.document.id}\n{self.deadline.date.iso()}\n{self.deadline.what}"
        return f"{self.document.id}-{hashlib.sha1(words.encode('utf-8')).hexdigest()[:12]}@xhht"


def deadlines(hub: Hub) -> list[DeadlineEntry]:
    """Every deadline of every document, by date (day known first within a month), then document."""
    entries = [DeadlineEntry(doc, deadline, n) for doc in hub.documents.values()
               for n, deadline in enumerate(doc.deadlines)]
    return sorted(entries, key=lambda e: (e.deadline.date.key(), document_order(e.document), e.position))


def _event(entry: DeadlineEntry, hub: Hub, url: str, stamp: dt.datetime) -> Event | None:
    date = entry.deadline.date
    if not date.is_full:
        return None
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    day = dt.date(date.year, date.month, date.day)  # type: ignore[arg-type]
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", entry.deadline.what)
    bodies = ", ".join(hub.bodies[b].name for b in entry.deadline.bodies if b in hub.bodies)
    description = f"Theo văn bản: {entry.document.title or entry.document.id}." + (f" Cơ quan: {bodies}." if bodies else "")
    event.add("description", description)
    if url:
        event.add("url", url)
    if entry.deadline.recurring in _FREQUENCY:
        rule = dict(_FREQUENCY[entry.deadline.recurring])
        if entry.document.period is not None:
            rule["UNTIL"] = dt.date(entry.document.period.end, 12, 31)
        event.add("rrule", vRecur(rule))
    return event


def calendar(entries: list[DeadlineEntry], hub: Hub, name: str, site_url: str, stamp: dt.date) -> bytes:
    """One calendar of `entries` (those that name their day)."""
    from generator.links import url_for

    cal = Calendar()
    cal.add("prodid", "-//Xay dung xa hoi hoc tap//xhht//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    when = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    for entry in entries:
        url = site_url + url_for("document", entry.document.id) + "#thoi-han" if site_url else ""
        event = _event(entry, hub, url, when)
        if event is not None:
            cal.add_component(event)
    return cal.to_ical()


def calendar_files(hub: Hub, site_url: str, stamp: dt.date) -> dict[str, bytes]:
    """`lich/tat-ca.ics` and `lich/co-quan/<body>.ics` for every body with a deadline of its own."""
    entries = deadlines(hub)
    files = {"lich/tat-ca.ics": calendar(entries, hub, "Hạn chót — Xây dựng xã hội học tập", site_url, stamp)}
    by_body: dict[str, list[DeadlineEntry]] = {}
    for entry in entries:
        for body in dict.fromkeys(entry.deadline.bodies):
            by_body.setdefault(body, []).append(entry)
    for body, own in sorted(by_body.items()):
        if body in hub.bodies:
            files[f"lich/co-quan/{body}.ics"] = calendar(own, hub, f"Hạn chót — {hub.bodies[body].name}", site_url, stamp)
    return files
