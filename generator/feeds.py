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


#: The hub's feed: its address and title (every page links it in its head).
HUB_FEED = ("tin/van-ban.xml", "Văn bản mới và cập nhật — Xây dựng xã hội học tập")


def body_documents(hub: Hub, ident: str) -> list[str]:
    """The documents of a body's feed: those it issued, then those assigning it work."""
    return list(dict.fromkeys(hub.issued_by(ident) + [d.document_id for d in hub.duties.get(ident, [])]))


def locality_feed(hub: Hub, ident: str) -> tuple[str, str] | None:
    """(address, title) of a place's feed, or None when it has no documents (and so no feed)."""
    locality = hub.localities[ident]
    return (f"tin/dia-ban/{ident}.xml", f"Văn bản của {locality.name}") if hub.documents_of(ident) else None


def body_feed(hub: Hub, ident: str) -> tuple[str, str] | None:
    """(address, title) of a body's feed, or None when no document names it (and so no feed)."""
    body = hub.bodies[ident]
    return (f"tin/co-quan/{ident}.xml", f"Văn bản liên quan tới {body.name}") if body_documents(hub, ident) else None


def feed_files(hub: Hub, history: dict[str, list[Change]], site_url: str, stamp: dt.date) -> dict[str, bytes]:
    """`tin/van-ban.xml`, and `tin/dia-ban/<id>.xml`, `tin/co-quan/<id>.xml` for places and bodies with documents."""
    path, title = HUB_FEED
    files = {path: feed(hub, title, path, hub.ordered.get("document", []), history, site_url, stamp)}
    for ident in hub.localities:
        found = locality_feed(hub, ident)
        if found:
            files[found[0]] = feed(hub, found[1], found[0], hub.documents_of(ident), history, site_url, stamp)
    for ident in hub.bodies:
        found = body_feed(hub, ident)
        if found:
            files[found[0]] = feed(hub, found[1], found[0], body_documents(hub, ident), history, site_url, stamp)
    # Material's script reads every <link rel="alternate"> of a page as another language's site and fetches
    # `sitemap.xml` beside it: an empty one beside the feeds answers it (no failed request, nothing to follow).
    for folder in sorted({path.rsplit("/", 1)[0] for path in files}):
        files[f"{folder}/sitemap.xml"] = EMPTY_SITEMAP
    return files


EMPTY_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
