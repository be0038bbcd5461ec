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


def write_site(staging: Path, publisher: MaterialPublisher, pages: Iterable[Page], redirects: Iterable[Redirect],
               files: Callable[[], dict[str, bytes]], site: SiteInfo, on_page: Callable[[], None] = lambda: None,
               root: Path | None = None) -> int:
    """Everything of one site into the empty folder `staging`; returns the number of pages."""
    written_dirs: set[Path] = set()

    def write(relpath: str, data: bytes) -> None:
        path = staging / relpath
        if path.parent not in written_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            written_dirs.add(path.parent)
        path.write_bytes(data)

    for dest, source in publisher.static_files():
        (staging / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging / dest)
    urls = []
    for page in pages:
        relpath = output_path(page.url)
        write(relpath, secure_html(relpath, publisher.page_html(page)).encode("utf-8"))
        urls.append(page.url)
        on_page()
    missing = menu_problems(publisher, set(urls))
    if missing:
        raise PublishError("mkdocs.yml: " + "; ".join(missing))
    for redirect in redirects:
        relpath = output_path(redirect.url)
        write(relpath, secure_html(relpath, redirect_html(redirect)).encode("utf-8"))
    write("404.html", secure_html("404.html", publisher.not_found_html()).encode("utf-8"))
    write("sitemap.xml", sitemap_xml(sorted(urls), site.url, build_date(root) if root else build_date()))
    for relpath, data in sorted({**publisher.extra_files(), **files()}.items()):
        write(relpath, data)
    return len(urls)


__all__ = ["MaterialPublisher", "PublishError", "jsonld_text", "publish", "write_site"]
