"""The browser harness (tests/browser.py) on a tiny site made here, not the real one.

Proves each helper can fail as well as pass: a console error and an uncaught
exception are caught, a clean page has none, an anchor far down a long table
is scrolled to, axe-core flags an image without alt text, and nothing is
served outside the /xhht/ prefix.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from contextlib import closing
from email.message import Message
from pathlib import Path

import pytest

from tests import browser as harness
from tests.browser import (
    BrowserUnavailable,
    browser,
    format_violations,
    open_page,
    run_axe,
    scrolled_into_view,
    serve,
)

TITLE = "Xây dựng xã hội học tập"


def _doc(title: str, body: str, head: str = "") -> str:
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="assets/site.css">
{head}
</head>
<body>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def _table(rows: int) -> str:
    body = "\n".join(
        f'<tr id="row-{i}"><td>{i}</td><td>Chỉ tiêu số {i}</td><td>{i}%</td></tr>' for i in range(1, rows + 1)
    )
    return (
        "<table><caption>Chỉ tiêu theo năm</caption>"
        '<thead><tr><th scope="col">STT</th><th scope="col">Chỉ tiêu</th><th scope="col">Tỉ lệ</th></tr></thead>'
        f"<tbody>\n{body}\n</tbody></table>"
    )


def make_site(root: Path) -> Path:
    """index.html and page.html are clean; error.html and noalt.html are broken on purpose."""
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "site.css").write_text("td, th { padding: 12px; } body { font-family: sans-serif; }\n")
    (root / "assets" / "site.js").write_text("document.documentElement.dataset.js = 'ok';\n")
    (root / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
    )
    (root / "search.json").write_text(json.dumps({"docs": [{"title": TITLE}]}, ensure_ascii=False))
    (root / "index.html").write_text(
        _doc(
            TITLE,
            '<p><img src="assets/logo.svg" alt="Biểu trưng"> '
            '<a href="page.html#row-80" id="to-row">Xem chỉ tiêu số 80</a></p>',
            head='<script src="assets/site.js" defer></script>',
        ),
        encoding="utf-8",
    )
    (root / "page.html").write_text(_doc("Bảng chỉ tiêu", _table(120)), encoding="utf-8")
    (root / "error.html").write_text(
        _doc(
            "Trang lỗi",
            "<p>Trang này cố ý có lỗi.</p>"
            '<img src="assets/missing.png" alt="Ảnh không tồn tại">'
            "<script>console.error('deliberate console error');</script>"
            "<script>throw new Error('deliberate uncaught exception');</script>",
        ),
        encoding="utf-8",
    )
    (root / "noalt.html").write_text(
        _doc("Ảnh thiếu chú thích", '<p>Ảnh dưới đây thiếu alt.</p><img src="assets/logo.svg">'),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def base_url(site: Path):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def _get(url: str) -> tuple[int, Message, bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


# --------------------------------------------------------------------------- server


def test_serves_under_prefix_with_content_types(base_url: str):
    assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/xhht/")
    expected = {
        "": "text/html; charset=utf-8",
        "page.html": "text/html; charset=utf-8",
        "assets/site.css": "text/css; charset=utf-8",
        "assets/site.js": "text/javascript; charset=utf-8",
        "assets/logo.svg": "image/svg+xml",
        "search.json": "application/json",
    }
    for path, content_type in expected.items():
        status, headers, _ = _get(base_url + path)
        assert (status, headers["Content-Type"]) == (200, content_type), path


def test_outside_prefix_is_404(base_url: str, chromium):
    origin = base_url.removesuffix("xhht/")
    for url in (origin, origin + "index.html", origin + "page.html", origin + "xhhtx/index.html"):
        assert _get(url)[0] == 404, url
    assert _get(base_url + "no-such-page.html")[0] == 404
    assert _get(base_url + "assets/")[0] == 404  # no directory listings
    status, headers, _ = _get(origin + "xhht")
    assert (status, headers["Location"]) == (301, "/xhht/")
    with closing(open_page(chromium, origin + "page.html")) as page:
        assert page.response.status == 404


# --------------------------------------------------------------------------- errors


def test_console_error_and_exception_are_captured(base_url: str, chromium):
    with closing(open_page(chromium, base_url + "error.html")) as page:
        assert any("deliberate console error" in e for e in page.console_errors), page.console_errors
        assert any("deliberate uncaught exception" in e for e in page.page_errors), page.page_errors
        assert any("assets/missing.png: HTTP 404" in f for f in page.failed_requests), page.failed_requests


def test_clean_page_has_no_errors(base_url: str, chromium):
    for path in ("", "page.html"):
        with closing(open_page(chromium, base_url + path, locale="vi-VN")) as page:
            assert page.response.status == 200
            assert page.console_errors == []
            assert page.page_errors == []
            assert page.failed_requests == []
    with closing(open_page(chromium, base_url)) as page:
        assert page.title() == TITLE  # UTF-8 served and decoded as such
        assert page.evaluate("document.documentElement.dataset.js") == "ok"  # the script ran


# --------------------------------------------------------------------------- anchors


def test_an_aborted_request_counts_until_the_page_goes_elsewhere(base_url: str, chromium):
    """A script cut off while the first page loads is a failure; one cut off after a click to another page
    (the search worker still loading as the reader moves on) is not."""
    abort = (("**/assets/site.js", lambda route: route.abort("aborted")),)
    with closing(open_page(chromium, base_url, routes=abort)) as page:
        assert [f for f in page.failed_requests if "site.js" in f] == [f"{base_url}assets/site.js: net::ERR_ABORTED"]
        page.click("#to-row")
        page.wait_for_url("**/page.html#row-80")
        page.goto(base_url)  # the home page again: its script is cut off again, after a navigation
        page.wait_for_load_state("load")
        assert len([f for f in page.failed_requests if "site.js" in f]) == 1


def test_anchor_scrolls_its_row_into_view(base_url: str, chromium):
    with closing(open_page(chromium, base_url + "page.html#row-80")) as page:
        assert page.evaluate("window.scrollY") > 0
        assert scrolled_into_view(page, "#row-80")
        assert not scrolled_into_view(page, "#row-1")  # the check can say no
        assert not scrolled_into_view(page, "#row-999")
    with closing(open_page(chromium, base_url + "page.html")) as page:
        assert scrolled_into_view(page, "#row-1")
        assert not scrolled_into_view(page, "#row-80")


def test_link_from_another_page_lands_on_the_row(base_url: str, chromium):
    with closing(open_page(chromium, base_url, viewport={"width": 360, "height": 640})) as page:
        page.click("#to-row")
        page.wait_for_url("**/page.html#row-80")
        page.wait_for_load_state("load")
        assert scrolled_into_view(page, "#row-80")


# --------------------------------------------------------------------------- axe


def test_axe_reports_missing_alt(base_url: str, chromium):
    with closing(open_page(chromium, base_url + "noalt.html")) as page:
        violations = run_axe(page)
    assert [v["id"] for v in violations] == ["image-alt"], format_violations(violations)
    assert violations[0]["impact"] in ("serious", "critical")
    assert "logo.svg" in violations[0]["nodes"][0]["html"]


def test_axe_finds_nothing_serious_on_clean_pages(base_url: str, chromium):
    for path in ("", "page.html"):
        with closing(open_page(chromium, base_url + path)) as page:
            violations = run_axe(page)
            assert violations == [], format_violations(violations)
            assert run_axe(page) == []  # a second run reuses the injected axe


def test_axe_pages_checks_each_page_against_wcag_rules(base_url: str):
    results = harness.axe_pages(base_url, ["", "noalt.html", "missing.html"], tabs=2)
    assert {path: status for path, (status, _) in results.items()} == {"": 200, "noalt.html": 200, "missing.html": 404}
    assert results[""][1] == [], format_violations(results[""][1])
    assert "image-alt" in [v["id"] for v in results["noalt.html"][1]]


# --------------------------------------------------------------------------- never skipped


def test_missing_chromium_is_an_error_not_a_skip(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr(harness, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(BrowserUnavailable, match="make test"), browser():
        pass
