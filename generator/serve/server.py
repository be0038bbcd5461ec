"""The preview's HTTP server: the preview folder, plus the reload script and the build status.

Every HTML page is served with one extra `<script src="/__preview/reload.js">`
(added when the page is sent, never written into the built files, so the
preview folder is exactly what `build` publishes). The site's
Content-Security-Policy allows only same-origin script files, hence a script
file (`reload.js`, beside this module, never copied into a site) and not
inline code. Only this machine's own names are answered (a page elsewhere
cannot read the preview through DNS rebinding), and nothing outside the
preview folder is served.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import socket
import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from generator.serve.state import PreviewState

PREVIEW_PREFIX = "/__preview/"
STATUS_PATH = PREVIEW_PREFIX + "status"
SCRIPT_PATH = PREVIEW_PREFIX + "reload.js"
RELOAD_JS = (Path(__file__).with_name("reload.js")).read_bytes()

#: Shown when no build has succeeded yet (the content was broken from the start).
FALLBACK_PAGE = """\
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Chưa có trang xem trước</title></head>
<body><h1>Chưa có trang xem trước</h1>
<p>Nội dung có lỗi nên chưa xây dựng được trang. Sửa các lỗi được liệt kê; trang sẽ tự tải lại.</p>
</body></html>
""".encode("utf-8")

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
}
HTML = _CONTENT_TYPES[".html"]
TEXT = _CONTENT_TYPES[".txt"]


class UnsafePath(ValueError):
    """A request path trying to leave the preview folder (`..`, backslashes, NUL)."""


@dataclass(frozen=True)
class Reply:
    """One HTTP response, computed apart from the socket so it is easy to reason about."""

    status: int
    body: bytes
    content_type: str = TEXT
    location: str | None = None


def url_names(url_path: str) -> list[str]:
    """The path segments of a request path, decoded; raises UnsafePath for anything that could escape.

    `..` is refused after percent-decoding, so `%2e%2e` and `..%2f` are caught too;
    empty and `.` segments are dropped, so `//etc/passwd` stays inside.
    """
    if not url_path.startswith("/"):
        raise UnsafePath(url_path)
    parts = unquote(url_path).split("/")
    if any(part == ".." or "\\" in part or "\0" in part for part in parts):
        raise UnsafePath(url_path)
    return [part for part in parts if part not in ("", ".")]


def site_file(out: Path, names: list[str]) -> Path | None:
    """The file or folder of the preview that `names` lead to, or None.

    Resolved and checked to lie inside `out`, so a symlink cannot lead out either.
    """
    base = out.resolve()
    candidate = base.joinpath(*names).resolve()
    if not candidate.is_relative_to(base) or not candidate.exists():
        return None
    return candidate


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return _CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def inject(page: bytes, version: int) -> bytes:
    """The page with the reload script before its last </body> (or at its end).

    `data-version` is the build the page came from, so a build published while
    the page was loading still makes it reload. Redirect stubs forbid scripts
    (`script-src 'none'`) and leave at once: they are sent as built.
    """
    if b"script-src 'none'" in page:
        return page
    tag = f'<script src="{SCRIPT_PATH}" data-version="{version}" defer></script>'.encode("ascii")
    at = page.lower().rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


def _file_reply(status: int, path: Path, version: int) -> Reply:
    body = path.read_bytes()
    kind = content_type(path)
    return Reply(status, inject(body, version) if kind == HTML else body, kind)


def _not_found(out: Path, version: int) -> Reply:
    try:
        return _file_reply(404, out / "404.html", version)
    except OSError:
        pass
    if not out.is_dir():  # no build has ever succeeded: a page that still shows the problems
        return Reply(503, inject(FALLBACK_PAGE, version), HTML)
    return Reply(404, b"Not found\n")


#: How long a status request waits for a change before answering anyway.
LONG_POLL_S = 20.0


def _preview_endpoint(path: str, query: str, state: PreviewState) -> Reply:
    if path == STATUS_PATH:
        asked = parse_qs(query).get("round")
        if asked:
            try:
                state.wait(int(asked[0]), LONG_POLL_S)
            except ValueError:
                return Reply(400, b"Bad request\n")
        version, problems = state.status()
        body = json.dumps({"version": version, "problems": problems, "round": state.round()},
                          ensure_ascii=False).encode("utf-8")
        return Reply(200, body, "application/json; charset=utf-8")
    if path == SCRIPT_PATH:
        return Reply(200, RELOAD_JS, _CONTENT_TYPES[".js"])
    return Reply(404, b"Not found\n")


def respond(out: Path, state: PreviewState, target: str) -> Reply:
    """What to send for a request target: a preview endpoint, a file of `out`, a redirect or an error."""
    path, _, query = target.partition("#")[0].partition("?")
    if path.startswith(PREVIEW_PREFIX):
        return _preview_endpoint(path, query, state)
    try:
        names = url_names(path)
    except UnsafePath:
        return Reply(400, b"Bad request\n")
    version, _ = state.status()
    found = site_file(out, names)
    if found is not None and found.is_dir():
        if not path.endswith("/"):  # relative links need the slash; rebuilt from clean segments
            clean = "/" + "".join(quote(name) + "/" for name in names)
            return Reply(301, b"", location=clean + (f"?{query}" if query else ""))
        found = found / "index.html"
    try:
        return _file_reply(200, found, version) if found is not None else _not_found(out, version)
    except OSError:  # gone between the check and the read (a build was swapping folders)
        return _not_found(out, version)


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD only; HTTP/1.0, so no idle keep-alive connection holds a thread."""

    server: PreviewHTTPServer
    server_version = "xhht-preview"
    timeout = 30

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._send(self._reply(), with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        self._send(self._reply(), with_body=False)

    def _reply(self) -> Reply:
        if not host_allowed(self.headers.get("Host"), self.server.server_address[1]):
            return Reply(421, b"Misdirected request\n")
        return respond(self.server.out, self.server.state, self.path)

    def _send(self, reply: Reply, with_body: bool) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        if reply.location:
            self.send_header("Location", reply.location)
        self.end_headers()
        if with_body:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server signature
        pass  # the terminal is for content problems, not for every request


def host_allowed(host: str | None, port: int) -> bool:
    """`localhost` or an IP address, with the preview's port. A page of another site that points its own
    name at this machine (DNS rebinding) sends that name as Host and is refused."""
    if host is None:
        return True  # HTTP/1.0 without Host: not a browser following a rebound name
    name, given = host, ""
    if not host.endswith("]") and ":" in host:
        name, _, given = host.rpartition(":")
    if given not in ("", str(port)):
        return False
    name = name.lower().strip("[]")
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class PreviewHTTPServer(ThreadingHTTPServer):
    """Threaded (a browser opens several connections), serving `out` with `state`."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], out: Path, state: PreviewState) -> None:
        self.out = out
        self.state = state
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-response (a reload): nothing to report
        super().handle_error(request, client_address)


class ServerUnavailable(OSError):
    """The address could not be listened on (port in use, unknown host)."""


def _open_server(host: str, port: int, out: Path, state: PreviewState) -> PreviewHTTPServer:
    try:
        return PreviewHTTPServer((host, port), out, state)
    except OSError as err:
        raise ServerUnavailable(err.errno, f"{host}:{port}: {err.strerror or err}") from err


def _url(server: PreviewHTTPServer, host: str) -> str:
    port = server.server_address[1]
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


