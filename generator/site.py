"""What the core hands a publisher: pages, redirects and files, engine-free.

The pipeline's stages up to here (load, validate, model, render, index,
export) know nothing of MkDocs or Material; a publisher
(`generator/publish/`) turns these values into a site. Replacing the engine
means writing another publisher for the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class SiteInfo:
    """What pages need to know of the site as a whole."""

    name: str = "Xây dựng xã hội học tập"
    url: str = ""  # absolute base URL ("https://portal.gov.vn/xhht/"), or "" when unknown
    description: str = ""
    updated: str = ""  # the date of the content the site was built from, dd/mm/yyyy
    day: str = "1970-01-01"  # the same date, ISO (calendars, feeds, standings)
    missing: tuple[str, ...] = ()  # settings of the footer the configuration lacks (told to the editor)


@dataclass(frozen=True)
class TocEntry:
    """One heading of a page's table of contents (Material's sidebar)."""

    title: str
    anchor: str
    children: tuple[TocEntry, ...] = ()


@dataclass
class Page:
    """One page of the site: its address, metadata and HTML body (already escaped)."""

    url: str
    title: str
    body: str
    description: str = ""
    og_type: str = "website"
    jsonld: dict[str, Any] | None = None
    toc: tuple[TocEntry, ...] = ()
    feed: tuple[str, str] | None = None  # (site-relative address, title) of the page's own Atom feed, if any


@dataclass(frozen=True)
class PageJob:
    """A page not rendered yet, and its address.

    Listing every page first (cheap) gives the build its exact page count,
    lets the preview re-render only the pages a change reaches (by address),
    and keeps only one rendered page in memory at a time.
    """

    url: str
    render: Callable[[], Page]
    #: What the page shows, told without rendering it (record versions, counts), or None. Between two
    #: states of a hub that differ only in documents, equal keys mean equal pages: the preview skips them.
    key: Any = None

    def __call__(self) -> Page:
        return self.render()


@dataclass(frozen=True)
class Redirect:
    """An old address (an alias) that forwards to a record's current page."""

    url: str
    target: str


@dataclass
class Rendered:
    """Everything the render, index and export stages made for one site."""

    pages: list[Page] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # downloads, schemas, search index: path -> bytes


def jsonld_text(data: dict[str, Any]) -> str:
    """JSON-LD safe to place inside <script>: no `</script>` can be formed from content."""
    import json

    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def output_path(url: str) -> str:
    """The file a page's address is served from: `van-ban/x/` -> `van-ban/x/index.html`."""
    return url + "index.html" if url.endswith("/") or not url else url
