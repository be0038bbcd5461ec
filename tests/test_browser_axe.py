"""Every page of the built site passes axe-core's WCAG 2.2 A and AA rules, at any impact, in Chromium.

Not a sample: the home page, every document, body, locality, indicator, resource and example, every listing
page and every filtered listing (the resource finder's combinations), the free pages and the 404 page, at a
phone's width (375 px), where most residents read. One page of each type is also checked at 1280 px in
tests/test_browser_site.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser import WCAG22_AA, axe_pages, format_violations, serve
from tests.layout import site_pages

MISSING = "trang-khong-co/"


def test_every_page_passes_axe_wcag22_aa(built_site: Path):
    paths = site_pages(built_site)
    assert len(paths) > 300 and "" in paths and "hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/" in paths
    with serve(built_site, prefix="/xhht/", not_found=built_site / "404.html") as base:
        results = axe_pages(base, paths + [MISSING], tags=WCAG22_AA)
    assert set(results) == set(paths) | {MISSING}
    assert {path: status for path, (status, _) in results.items() if status != 200} == {MISSING: 404}
    failing = {path: violations for path, (_, violations) in results.items() if violations}
    report = "\n".join(f"{path or '/'}:\n{format_violations(v)}" for path, v in sorted(failing.items())[:15])
    assert not failing, f"{len(failing)} of {len(results)} pages fail axe WCAG 2.2 AA:\n{report}"
