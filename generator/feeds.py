"""Atom feeds of what changed: documents across the hub, and per locality and per body.

A press office that linked a plan subscribes once and sees each change: an
entry per commit that touched a document, titled "Văn bản mới" for its first
and "Cập nhật" after, with the commit's one-line summary. Entry ids are tag
URIs made of the document and the commit, so readers never show one twice.
Built with `feedgen`; every date is a commit's, so equal content gives equal
files.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from feedgen.feed import FeedGenerator

from generator.history import Change
from generator.links import url_for
from generator.model.hub import Hub
from generator.render.formatting import doc_label

#: Entries kept per feed: the latest changes.
LATEST = 50


def _entries(hub: Hub, doc_ids: Iterable[str], history: dict[str, list[Change]]) -> list[tuple[Change, str, bool]]:
    """(change, document id, is its first) of the documents, newest first."""
    found = []
    for doc_id in dict.fromkeys(doc_ids):
        changes = history.get(doc_id, [])
        for n, change in enumerate(changes):
            found.append((change, doc_id, n == len(changes) - 1))
    found.sort(key=lambda e: (e[0].when, e[1], e[0].commit), reverse=True)
    return found[:LATEST]


def feed(hub: Hub, title: str, path: str, doc_ids: Iterable[str], history: dict[str, list[Change]],
         site_url: str, stamp: dt.date) -> bytes:
    """The Atom feed at `path` of the documents `doc_ids`."""
    base = site_url or ""
    generator = FeedGenerator()
    generator.id(f"tag:xhht,2021:{path}")
    generator.title(title)
    generator.language("vi")
    generator.link(href=base + path, rel="self")
    generator.link(href=base or "./", rel="alternate")
    entries = _entries(hub, doc_ids, history)
    latest = entries[0][0].when if entries else dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    generator.updated(latest)
    for change, doc_id, first in reversed(entries):  # feedgen lists entries in reverse of adding
        doc = hub.documents[doc_id]
        entry = generator.add_entry()
        entry.id(f"tag:xhht,{change.date.isoformat()}:{doc_id}/{change.commit}")
        label = doc_label(doc)
        entry.title(f"{'Văn bản mới' if first else 'Cập nhật'}: {label}" + (f" — {doc.title}" if doc.title else ""))
        entry.link(href=base + url_for("document", doc_id))
        entry.updated(change.when)
        entry.published(change.when)
        entry.summary(change.summary or "Cập nhật nội dung văn bản.")
    return generator.atom_str(pretty=True)


def feed_files(hub: Hub, history: dict[str, list[Change]], site_url: str, stamp: dt.date) -> dict[str, bytes]:
    """`tin/van-ban.xml`, and `tin/dia-ban/<id>.xml`, `tin/co-quan/<id>.xml` for places and bodies with documents."""
    files = {"tin/van-ban.xml": feed(hub, "Văn bản mới và cập nhật — Xây dựng xã hội học tập", "tin/van-ban.xml",
                                     hub.ordered.get("document", []), history, site_url, stamp)}
    for ident, locality in hub.localities.items():
        docs = hub.documents_of(ident)
        if docs:
            path = f"tin/dia-ban/{ident}.xml"
            files[path] = feed(hub, f"Văn bản của {locality.name}", path, docs, history, site_url, stamp)
    for ident, body in hub.bodies.items():
        docs = list(dict.fromkeys(hub.issued_by(ident) + [d.document_id for d in hub.duties.get(ident, [])]))
        if docs:
            path = f"tin/co-quan/{ident}.xml"
            files[path] = feed(hub, f"Văn bản liên quan tới {body.name}", path, docs, history, site_url, stamp)
    return files
