"""Live preview: build into build/preview/, serve it, update it when content changes.

Editors are not programmers: they save a YAML file and look at the browser.
So the preview never stops on a content mistake. A failed build leaves the
last good preview in place, the terminal lists the problems as `check` does,
and every open page shows them in a banner until they are fixed; a good
build makes the open pages reload.

The parts: `watcher` (which files changed), `session` (the build kept in
memory, updated for what changed), `server` (the preview folder, the reload
script and the build status over HTTP), `state` (what pages are told),
`reload.js` (the script pages get; never part of a published site).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from generator.serve.server import ServerUnavailable, _open_server, _url
from generator.serve.session import Session
from generator.serve.state import PreviewState, report
from generator.serve.watcher import snapshot, watch

__all__ = ["OVERLAY_HEADING", "ServerUnavailable", "add_arguments", "cmd_serve", "main", "serve"]

EXIT_OK = 0
EXIT_FAILED = 1

#: The banner's heading (reload.js): shown while the content has problems.
OVERLAY_HEADING = "Nội dung có lỗi, trang xem trước đang hiển thị bản tốt gần nhất"

#: How often files are looked at (seconds): an edit shows within about twice this, plus the build.
POLL_S = 0.2


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, poll_interval: float = POLL_S,
          out: Path | None = None, *, stop: threading.Event | None = None) -> None:
    """Build `root` into `out` (default root/build/preview), serve it, update it on every change.

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
    session = Session(root, out)
    try:
        print("Đang xây dựng trang xem trước…", flush=True)
        seen = snapshot(root)  # before the build, so an edit made during it is not missed
        report(session.build(None), state)
        print(f"Trang xem trước: {_url(server, host)}  (Ctrl+C để dừng)", flush=True)
        watch(root, seen, poll_interval, stop, lambda paths: report(session.build(paths), state))
    except KeyboardInterrupt:
        print("\nĐã dừng trang xem trước.", flush=True)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        session.close()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `serve` beyond the common --root (for cli.py's sub-parser)."""
    parser.add_argument("--port", type=int, default=8000, help="cổng của máy chủ xem trước (mặc định: 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này xem được)")


def _stop_on_signal(signum: int, frame: object) -> None:
    """SIGTERM (a service manager, `kill`) ends the preview as Ctrl+C does: files closed, port freed."""
    raise KeyboardInterrupt


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """Make Ctrl+C and SIGTERM stop the preview, whatever the parent left behind.

    A program started from a non-interactive shell's background job (`make serve &`,
    some editors' task runners) inherits SIGINT as ignored, and Python then installs no
    KeyboardInterrupt handler: Ctrl+C, or the editor's stop button, would be ignored
    and the port stay taken. The caller's handlers come back afterwards (tests call
    cmd_serve in-process). Only the main thread may install handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        yield
    finally:
        for signum, handler in before.items():
            if handler is not None:  # None: set outside Python, cannot be put back from here
                signal.signal(signum, handler)


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site while editing: updated and reloaded on every saved change."""
    host = getattr(args, "host", "127.0.0.1")
    port = getattr(args, "port", 8000)
    try:
        with _stop_signals():
            serve(Path(args.root), host=host, port=port)
    except ServerUnavailable as err:
        print(f"Không mở được máy chủ xem trước tại {err.strerror}. "
              f"Có thể cổng đang được dùng; thử cổng khác, ví dụ --port {port + 1}.")
        return EXIT_FAILED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.serve [--root DIR] [--port N] [--host H]`."""
    parser = argparse.ArgumentParser(prog="python -m generator.serve", description=cmd_serve.__doc__)
    parser.add_argument("--root", default=".", help="thư mục gốc của kho nội dung (mặc định: thư mục hiện tại)")
    add_arguments(parser)
    return cmd_serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
