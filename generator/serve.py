"""Live preview: build into build/preview/, serve it, rebuild when content changes.

Editors are not programmers: they save a YAML file and look at the browser.
So the preview never stops on a content mistake. A failed build leaves the
last good preview in place (`publish` swaps folders atomically), the terminal
lists the problems as `check` does, and every open page shows them in a
banner until they are fixed; a good build makes the open pages reload.

The pages learn about builds from the server itself: each HTML page is
served with one extra `<script src="/__preview/reload.js">` (added when the
page is sent, never written into the built files, so the preview folder is
exactly what `build` publishes). The site's Content-Security-Policy allows
only same-origin script files, hence a script file and not inline code.

Changes are found by polling modification times and sizes: no dependency,
the same behaviour on every file system, and cheap even at 10,000 files.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import socket
import sys
import threading
import traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

from generator.problems import summary_line

EXIT_OK = 0
EXIT_FAILED = 1

#: What an editor changes; a change to any file under these rebuilds the preview.
WATCHED = ("plans", "content", "theme", "mkdocs.yml")

PREVIEW_PREFIX = "/__preview/"
STATUS_PATH = PREVIEW_PREFIX + "status"
SCRIPT_PATH = PREVIEW_PREFIX + "reload.js"

OVERLAY_HEADING = "Nội dung có lỗi, trang xem trước đang hiển thị bản tốt gần nhất"

# Kept here rather than in theme/: MkDocs copies every theme asset into the site,
# and the published site must not carry the preview's script.
RELOAD_JS = """\
// Live preview (served by `python -m generator serve` only): reload the page when a
// new build is published; while the content has problems, list them in a banner.
(function () {
  "use strict";
  var STATUS_URL = "/__preview/status";
  var BOX_ID = "xhht-preview-problems";
  var HEADING = "%(heading)s";
  var HINT = "Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại.";
  var script = document.currentScript;
  var loaded = script && script.dataset.version ? Number(script.dataset.version) : null;
  var shown = "[]";

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  // Styles through the CSSOM: the policy (style-src 'self') blocks style attributes, not this.
  function banner(problems) {
    var box = element("section");
    box.id = BOX_ID;
    box.setAttribute("role", "alert");
    var s = box.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "10000";
    s.maxHeight = "45vh"; s.overflow = "auto"; s.padding = "0.8rem 1.2rem";
    s.background = "#fff4e5"; s.color = "#3b1200"; s.borderTop = "4px solid #b3261e";
    s.boxShadow = "0 -2px 8px rgba(0,0,0,0.25)"; s.font = "15px/1.45 system-ui, sans-serif";
    var heading = element("p", HEADING);
    heading.style.fontWeight = "bold"; heading.style.margin = "0";
    var hint = element("p", HINT);
    hint.style.margin = "0.2rem 0 0.5rem";
    var list = element("ul");
    list.style.margin = "0"; list.style.paddingLeft = "1.2rem";
    list.style.fontFamily = "ui-monospace, monospace"; list.style.fontSize = "13px";
    problems.forEach(function (line) {
      var item = element("li", String(line));
      item.style.whiteSpace = "pre-wrap"; item.style.overflowWrap = "anywhere";
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(hint);
    box.appendChild(list);
    return box;
  }

  function showProblems(problems) {
    var key = JSON.stringify(problems);
    if (key === shown) return;
    shown = key;
    var old = document.getElementById(BOX_ID);
    if (old) old.parentNode.removeChild(old);
    if (problems.length) document.body.appendChild(banner(problems));
  }

  function check() {
    fetch(STATUS_URL, {cache: "no-store"})
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (status) {
        if (loaded === null) loaded = status.version;
        if (status.version !== loaded) {
          window.location.reload();
          return;
        }
        showProblems(Array.isArray(status.problems) ? status.problems : []);
        setTimeout(check, 1000);
      })
      .catch(function () {
        setTimeout(check, 1000);  // the server is restarting or stopped: keep asking quietly
      });
  }

  check();
})();
""" % {"heading": OVERLAY_HEADING}

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


# --------------------------------------------------------------------------- state


class PreviewState:
    """The version pages compare against and the problems they show.

    Written by the builder, read by request threads, hence the lock. Version 0
    means no build has succeeded yet in this session.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = 0
        self._problems: tuple[str, ...] = ()

    def published(self) -> int:
        """A good build is in the preview folder: bump the version, clear the problems."""
        with self._lock:
            self._version += 1
            self._problems = ()
            return self._version

    def failed(self, lines: list[str]) -> None:
        """A build failed: the version (and the folder) stay, the problems are shown."""
        with self._lock:
            self._problems = tuple(lines)

    def status(self) -> tuple[int, list[str]]:
        with self._lock:
            return self._version, list(self._problems)


# --------------------------------------------------------------------------- building


@dataclass(frozen=True)
class Outcome:
    """One build's result as the editor sees it: problem lines and a closing line."""

    ok: bool
    lines: list[str]
    summary: str


def build_preview(root: Path, out: Path) -> Outcome:
    """Build once into `out`; whatever goes wrong comes back as lines, never as an exception.

    An unexpected exception is a bug of the generator, not of the content: its
    traceback goes to the terminal for whoever fixes it, and the preview lives on.
    """
    from generator.pipeline import build
    from generator.publish.rules import PublishError

    try:
        result = build(root, out)
    except PublishError as err:
        lines = [f"Xây dựng trang thất bại, trang cũ được giữ nguyên: {err}"]
        return Outcome(False, lines, f"Có {len(lines)} lỗi khi xây dựng trang. Trang chưa được cập nhật.")
    except Exception as err:  # noqa: BLE001 - the preview must outlive a generator bug
        traceback.print_exc()
        line = f"Lỗi của trình tạo trang (không phải của nội dung): {type(err).__name__}: {err}"
        return Outcome(False, [line], "Trang chưa được cập nhật.")
    if not result.ok:
        return Outcome(False, [p.format() for p in result.problems], summary_line(result.problems))
    return Outcome(True, [], f"Đã cập nhật trang xem trước: {result.pages} trang.")


def report(outcome: Outcome, state: PreviewState) -> None:
    """Tell the terminal (as `check` does) and the pages (through `state`) what a build gave."""
    if outcome.ok:
        version = state.published()
        print(f"{outcome.summary} (phiên bản {version})", flush=True)
        return
    state.failed(outcome.lines)
    for line in outcome.lines:
        print(line)
    print(outcome.summary)
    print("Trang xem trước vẫn hiển thị bản tốt gần nhất; sửa lỗi rồi lưu tệp, trang sẽ tự cập nhật.", flush=True)


# --------------------------------------------------------------------------- watching

Snapshot = dict[str, tuple[int, int]]


def _ignored(name: str) -> bool:
    """Editors' swap, backup and lock files: saving them must not rebuild (or reload) anything."""
    return name.startswith((".", "#")) or name.endswith(("~", "#"))


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every watched file; any difference means "changed"."""
    seen: Snapshot = {}
    for name in WATCHED:
        base = root / name
        if base.is_file():
            _record(seen, base)
            continue
        for folder, dirs, files in os.walk(base):
            dirs[:] = [d for d in dirs if not _ignored(d)]
            for file in files:
                if not _ignored(file):
                    _record(seen, Path(folder, file))
    return seen


def _record(seen: Snapshot, path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # deleted between listing and stat: the next poll sees it gone
        return
    seen[str(path)] = (info.st_mtime_ns, info.st_size)


def _settled(root: Path, current: Snapshot, interval: float, stop: threading.Event) -> Snapshot:
    """Wait until files stop changing: an editor's save may take several writes."""
    while not stop.wait(interval):
        again = snapshot(root)
        if again == current:
            break
        current = again
    return current


def watch(root: Path, out: Path, state: PreviewState, seen: Snapshot, interval: float,
          stop: threading.Event) -> None:
    """Rebuild whenever the watched files differ from `seen`, until `stop` is set."""
    while not stop.wait(interval):
        current = snapshot(root)
        if current == seen:
            continue
        seen = _settled(root, current, interval, stop)
        if stop.is_set():
            return
        report(build_preview(root, out), state)


# --------------------------------------------------------------------------- serving


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


def _preview_endpoint(path: str, state: PreviewState) -> Reply:
    if path == STATUS_PATH:
        version, problems = state.status()
        body = json.dumps({"version": version, "problems": problems}, ensure_ascii=False).encode("utf-8")
        return Reply(200, body, "application/json; charset=utf-8")
    if path == SCRIPT_PATH:
        return Reply(200, RELOAD_JS.encode("utf-8"), _CONTENT_TYPES[".js"])
    return Reply(404, b"Not found\n")


def respond(out: Path, state: PreviewState, target: str) -> Reply:
    """What to send for a request target: a preview endpoint, a file of `out`, a redirect or an error."""
    path, _, query = target.partition("#")[0].partition("?")
    if path.startswith(PREVIEW_PREFIX):
        return _preview_endpoint(path, state)
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
        self._send(respond(self.server.out, self.server.state, self.path), with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        self._send(respond(self.server.out, self.server.state, self.path), with_body=False)

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


# --------------------------------------------------------------------------- entry points


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, poll_interval: float = 0.5,
          out: Path | None = None, *, stop: threading.Event | None = None) -> None:
    """Build `root` into `out` (default root/build/preview), serve it, rebuild on every change.

    Blocks until Ctrl+C (KeyboardInterrupt) or, when embedded (tests), until
    `stop` is set. Raises ServerUnavailable if host:port cannot be listened on,
    before anything is built. Content mistakes never end it.
    """
    root = Path(root).resolve()
    out = Path(out).resolve() if out is not None else root / "build" / "preview"
    stop = stop or threading.Event()
    state = PreviewState()
    server = _open_server(host, port, out, state)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="xhht-preview-http", daemon=True)
    thread.start()
    try:
        print("Đang xây dựng trang xem trước…", flush=True)
        seen = snapshot(root)  # before the build, so an edit made during it is not missed
        report(build_preview(root, out), state)
        print(f"Trang xem trước: {_url(server, host)}  (Ctrl+C để dừng)", flush=True)
        watch(root, out, state, seen, poll_interval, stop)
    except KeyboardInterrupt:
        print("\nĐã dừng trang xem trước.", flush=True)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `serve` beyond the common --root (for cli.py's sub-parser)."""
    parser.add_argument("--port", type=int, default=8000, help="cổng của máy chủ xem trước (mặc định: 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này xem được)")


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site while editing: rebuilt and reloaded on every saved change."""
    host = getattr(args, "host", "127.0.0.1")
    port = getattr(args, "port", 8000)
    try:
        serve(Path(args.root), host=host, port=port)
    except ServerUnavailable as err:
        print(f"Không mở được máy chủ xem trước tại {err.strerror}. "
              f"Có thể cổng đang được dùng; thử cổng khác, ví dụ --port {port + 1}.")
        return EXIT_FAILED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.serve [--root DIR] [--port N] [--host H]`, until cli.py registers `serve`."""
    parser = argparse.ArgumentParser(prog="python -m generator.serve", description=cmd_serve.__doc__)
    parser.add_argument("--root", default=".", help="thư mục gốc của kho nội dung (mặc định: thư mục hiện tại)")
    add_arguments(parser)
    return cmd_serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
