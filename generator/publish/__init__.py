"""The publish stage: the core's pages and files -> a complete site on disk, atomically.

The core (render, index, export) produces engine-free values
(`generator.site`); a publisher wraps pages in a layout (Material today,
`material.py`); the output rules (`rules.py`) secure every HTML file as it
is written; `write.py` builds beside the published site and swaps it in
only when complete. Pages arrive one at a time and leave memory once
written, so a site of 30,000 pages costs no more memory than one of 300.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, Iterable

from generator.publish.material import MaterialPublisher, menu_problems, redirect_html
from generator.publish.rules import PublishError, secure_html
from generator.publish.sitemap import build_date, sitemap_xml
from generator.publish.write import publish
from generator.site import Page, Redirect, SiteInfo, jsonld_text, output_path


def page_writer(staging: Path, publisher: MaterialPublisher) -> Callable[[Page], None]:
    """What writes one page into `staging`: in its layout, secured by the output rules."""
    made: set[Path] = set()

    def write_page(page: Page) -> None:
        relpath = output_path(page.url)
        _write(staging, relpath, secure_html(relpath, publisher.page_html(page)).encode("utf-8"), made)
    return write_page


def write_static(staging: Path, publisher: MaterialPublisher) -> None:
    """The layout's own files (stylesheets, scripts, fonts), before any page."""
    for dest, source in publisher.static_files():
        (staging / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging / dest)


def write_rest(staging: Path, publisher: MaterialPublisher, urls: list[str], redirects: Iterable[Redirect],
               files: Callable[[], dict[str, bytes]], site: SiteInfo, root: Path | None = None) -> None:
    """What follows the pages (`urls`, all written): redirects, the 404 page, the sitemap, the other files.

    PublishError when a menu entry of mkdocs.yml leads to no page."""
    missing = menu_problems(publisher, set(urls))
    if missing:
        raise PublishError("mkdocs.yml: " + "; ".join(missing))
    made: set[Path] = set()
    for redirect in redirects:
        relpath = output_path(redirect.url)
        _write(staging, relpath, secure_html(relpath, redirect_html(redirect)).encode("utf-8"), made)
    _write(staging, "404.html", secure_html("404.html", publisher.not_found_html()).encode("utf-8"), made)
    _write(staging, "sitemap.xml", sitemap_xml(sorted(urls), site.url, build_date(root) if root else build_date()),
           made)
    for relpath, data in sorted({**publisher.extra_files(), **files()}.items()):
        _write(staging, relpath, data, made)


def write_site(staging: Path, publisher: MaterialPublisher, pages: Iterable[Page], redirects: Iterable[Redirect],
               files: Callable[[], dict[str, bytes]], site: SiteInfo, on_page: Callable[[], None] = lambda: None,
               root: Path | None = None) -> int:
    """Everything of one site into the empty folder `staging`, pages one after another; returns the number
    of pages. (`build` spreads the pages over processes: generator/publish/parallel.py.)"""
    write_static(staging, publisher)
    write_page = page_writer(staging, publisher)
    urls = []
    for page in pages:
        write_page(page)
        urls.append(page.url)
        on_page()
    write_rest(staging, publisher, urls, redirects, files, site, root)
    return len(urls)


def _write(staging: Path, relpath: str, data: bytes, made: set[Path]) -> None:
    path = staging / relpath
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)
    path.write_bytes(data)


__all__ = ["MaterialPublisher", "PublishError", "jsonld_text", "page_writer", "publish", "write_rest", "write_site",
           "write_static"]
