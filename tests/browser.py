"""Real-browser test helpers: a local static server, Debian's Chromium, axe-core.

Not a test file. Typical use in a test module::

    from contextlib import closing
    import pytest
    from tests.browser import browser, open_page, run_axe, serve

    @pytest.fixture(scope="module")
    def chromium():
        with browser() as b:
            yield b

    def test_home(chromium, built_site):
        with serve(built_site) as base, closing(open_page(chromium, base)) as page:
            assert page.console_errors == [] and page.page_errors == []
            assert run_axe(page) == []

Everything runs offline: Chromium is Debian's /usr/bin/chromium (installed by
`make setup`, never by `playwright install`), axe-core comes from
node_modules/ (`npm ci`, pinned in package-lock.json), and the server listens
on 127.0.0.1 only. A missing browser or axe-core is an error, never a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

# The machine has no internet: without the background-networking flags Chromium
# keeps trying (and failing) to reach Google services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# How long one navigation or wait may take before the test fails (ms).
DEFAULT_TIMEOUT_MS = 15_000

SERIOUS = ("serious", "critical")
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
#: The rules of WCAG 2.2 at levels A and AA, as axe-core tags them.
WCAG22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_AXE_RUN = """async ([tags]) => {
    const options = {resultTypes: ['violations']};
    if (tags) options.runOnly = {type: 'tag', values: tags};
    const r = await axe.run(document, options);
    return r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
    }));
}"""


class BrowserUnavailable(RuntimeError):
    """Chromium or axe-core is not installed; `make test` installs both."""


# --------------------------------------------------------------------------- server

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under the URL path `prefix`, like a static host would.

    Outside the prefix: 404. A directory without index.html: 404 (no listings).
    `/xhht` (no slash) redirects to `/xhht/`, as GitHub Pages does.
    With `not_found` set (a page), a 404 answers with that page, as portals configure their 404.html.
    """

    prefix: ClassVar[str] = "/"
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **_CONTENT_TYPES}

    not_found: Path | None = None

    def send_error(self, code, message=None, explain=None):  # noqa: ANN001 - http.server signature
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if self.prefix != "/" and path == self.prefix.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(self.prefix):
            self.send_error(404, "outside the site prefix")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        rest = parts.path[len(self.prefix) - 1 :] if parts.path.startswith(self.prefix) else "/"
        return super().translate_path(rest)

    def list_directory(self, path):
        self.send_error(404, "no index.html here")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path, prefix: str = "/xhht/", not_found: Path | None = None) -> Iterator[str]:
    """Serve directory `root` at http://127.0.0.1:<free port><prefix>; yield that URL.

    Threaded (Chromium opens several connections at once), quiet, stopped on exit.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"serve(): {root} is not a directory")
    if not prefix.startswith("/"):
        prefix = "/" + prefix
    if not prefix.endswith("/"):
        prefix += "/"
    handler = type("Handler", (_PrefixHandler,), {"prefix": prefix, "not_found": not_found})
    factory = functools.partial(handler, directory=os.fspath(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- browser


def _require(path: Path, what: str) -> None:
    if not path.exists():
        raise BrowserUnavailable(
            f"{what} not found at {path}. Browser tests never skip: run `make test` "
            "(its set-up step installs Debian's chromium package and runs `npm ci`)."
        )


@contextmanager
def browser(**launch_kwargs: Any) -> Iterator[Any]:
    """Launch headless Debian Chromium through Playwright's sync API; yield the Browser.

    Use it inside a (module- or session-scoped) pytest fixture. Raises
    BrowserUnavailable when /usr/bin/chromium is missing.
    """
    _require(CHROMIUM, "Chromium (Debian package `chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=os.fspath(CHROMIUM),
            headless=True,
            args=list(CHROMIUM_ARGS),
            **launch_kwargs,
        )
        try:
            yield b
        finally:
            b.close()


def open_page(browser: Any, url: str, routes: tuple[tuple[Any, Any], ...] = (), **page_kwargs: Any) -> Any:
    """Open `url` in a fresh page (own context) and wait for the `load` event.

    The returned Playwright Page carries, filled as events arrive:
      page.console_errors  - text of console messages of type "error"
                             (including Chromium's "Failed to load resource: ..." lines)
      page.page_errors     - messages of uncaught exceptions
      page.failed_requests - "URL: reason" for requests that failed at the network
                             level, and "URL: HTTP <status>" for subresources
                             answered with 4xx/5xx
      page.response        - the main document's Response (page.response.status)
    `routes`: (pattern, handler) pairs for page.route, installed before the page loads, so that what the
    page fetches as it opens (the search worker's meta.json) meets them too.
    `page_kwargs` go to browser.new_page (viewport=..., locale="vi-VN", ...).
    Close it with page.close(), e.g. `with contextlib.closing(open_page(...)) as page:`.
    """
    page = browser.new_page(**page_kwargs)
    page.set_default_timeout(DEFAULT_TIMEOUT_MS)
    # Content-Security-Policy violations, recorded by the page itself (read with csp_violations(page)).
    page.add_init_script("""window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));""")
    page.console_errors = []
    page.page_errors = []
    page.failed_requests = []

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            page.console_errors.append(f"{msg.text}{where}")

    documents = [0]  # main-frame documents loaded so far

    def on_request_failed(request: Any) -> None:
        # A request cut off (net::ERR_ABORTED) once the page has gone to another address (a click on a link
        # while the search worker still loaded) failed for no fault of the site. Which page sent it cannot be
        # told reliably: Playwright delivers a request's event after the navigation it raced with. A missing
        # file is an HTTP error (on_response) and a refused one another failure, so neither is let through.
        if request.failure == "net::ERR_ABORTED" and documents[0] > 1:
            return
        page.failed_requests.append(f"{request.url}: {request.failure}")

    def on_navigated(frame: Any) -> None:
        if frame == page.main_frame:
            documents[0] += 1

    def on_response(response: Any) -> None:
        request = response.request
        if request.is_navigation_request() and response.frame == page.main_frame:
            return  # the document itself: see page.response.status
        if response.status >= 400:
            page.failed_requests.append(f"{response.url}: HTTP {response.status}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    page.on("framenavigated", on_navigated)
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    for pattern, handler in routes:
        page.route(pattern, handler)
    page.response = page.goto(url, wait_until="load")
    return page


# --------------------------------------------------------------------------- checks


def csp_violations(page: Any) -> list[str]:
    """Content-Security-Policy violations the page reported since it was opened."""
    return page.evaluate("() => window.__cspViolations || []")



def run_axe(page: Any, impacts: tuple[str, ...] = SERIOUS, tags: tuple[str, ...] | None = None) -> list[dict]:
    """Run axe-core on the current document; return violations whose impact is in `impacts`.

    `tags` limits the rules to those tags (`WCAG22_AA`); None runs axe's default set.
    Each violation: {"id", "impact", "help", "helpUrl", "nodes": [{"target", "html",
    "failureSummary"}]}. Use format_violations() for a readable assertion message.
    """
    _require(AXE_JS, "axe-core (npm, package-lock.json)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol rather than added as a <script>: the site's
        # Content-Security-Policy (rightly) refuses inline scripts, and axe must not need a hole in it.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate(_AXE_RUN, [list(tags) if tags else None])
    return [v for v in violations if v["impact"] in impacts]


def axe_pages(base_url: str, paths: list[str], tags: tuple[str, ...] = WCAG22_AA,
              viewport: tuple[int, int] = (375, 800), tabs: int = 2) -> dict[str, tuple[int, list[dict]]]:
    """Open each of `paths` under `base_url` and run axe on it: {path: (HTTP status, violations of any impact)}.

    For a whole site: one browser, `tabs` pages working through the list at once (Chromium renders them in
    separate processes, so two tabs use both cores), axe added to every page as it is created, outside the
    page's Content-Security-Policy.
    """
    import asyncio
    import concurrent.futures

    _require(CHROMIUM, "Chromium (Debian package `chromium`)")
    _require(AXE_JS, "axe-core (npm, package-lock.json)")
    from playwright.async_api import async_playwright

    axe = AXE_JS.read_text(encoding="utf-8")
    results: dict[str, tuple[int, list[dict]]] = {}

    async def run() -> None:
        async with async_playwright() as pw:
            b = await pw.chromium.launch(executable_path=os.fspath(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
            try:
                context = await b.new_context(viewport={"width": viewport[0], "height": viewport[1]})
                context.set_default_timeout(DEFAULT_TIMEOUT_MS)
                await context.add_init_script(script=axe)
                queue = list(reversed(paths))

                async def tab() -> None:
                    page = await context.new_page()
                    while queue:
                        path = queue.pop()
                        response = await page.goto(base_url + path)
                        violations = await page.evaluate(_AXE_RUN, [list(tags)])
                        results[path] = (response.status if response else 0, violations)
                    await page.close()

                await asyncio.gather(*(tab() for _ in range(tabs)))
            finally:
                await b.close()

    # In a thread of its own: a sync Playwright session open in this thread (a module's fixture) holds an event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()
    return results


def format_violations(violations: list[dict]) -> str:
    """One line per violation and failing element, for assertion messages."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines += [f"    {n['target']} {n['html'][:160]}" for n in v["nodes"]]
    return "\n".join(lines)


def scrolled_into_view(page: Any, selector: str) -> bool:
    """Whether the element's box lies in the viewport after the page has scrolled.

    Vertically the whole box must be visible (a row scrolled under the top edge
    does not count), give or take 1px: Chromium scrolls to whole pixels while
    boxes sit at fractional ones, so a row scrolled to the very top has
    top == -0.125 or so. Horizontally it must overlap the viewport (a table row
    may be wider than a phone screen). False when nothing matches `selector`.
    """
    return page.evaluate(
        """async (selector) => {
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const el = document.querySelector(selector);
            if (!el) return false;
            const b = el.getBoundingClientRect();
            const vw = document.documentElement.clientWidth || window.innerWidth;
            const vh = document.documentElement.clientHeight || window.innerHeight;
            return b.height > 0 && b.top >= -1 && b.bottom <= vh + 1 && b.right > 0 && b.left < vw;
        }""",
        selector,
    )
