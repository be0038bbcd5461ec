"""sitemap.xml: every page's permanent address, for search engines.

A sitemap needs absolute addresses, so it lists pages only when the build
knows where the site is published (`--site-url`). The date is the build's
(SOURCE_DATE_EPOCH, the last commit's time), never the clock, so equal
content gives equal bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
from pathlib import Path
from typing import Iterable

REPO = Path(__file__).resolve().parent.parent.parent


def build_date(root: Path = REPO) -> dt.date:
    """SOURCE_DATE_EPOCH when set, else the date of the last commit, else 1970-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                                   check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            epoch = ""
    try:
        return dt.datetime.fromtimestamp(int(epoch or 0), dt.timezone.utc).date()
    except (ValueError, OverflowError):
        return dt.date(1970, 1, 1)


def sitemap_xml(urls: Iterable[str], site_url: str, date: dt.date) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    if site_url:
        for url in urls:
            lines.append(f"  <url><loc>{html.escape(site_url + url)}</loc><lastmod>{date.isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
