"""The live preview (generator/serve.py), for real: a server on a free port of 127.0.0.1
building a copy of the base tree, edited on disk as an editor would.

Every wait is a bounded poll of /__preview/status (a build takes about a
second here); nothing asserts how fast anything is. Each test stops its
server and checks the thread and the port are gone.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.serve import OVERLAY_HEADING, cmd_serve, serve
from tests.browser import browser, open_page
from tests.conftest import REPO

PLAN = "plans/kh-2-ubnd-mau-2022.yml"
PLAN_PAGE = "/van-ban/kh-2-ubnd-mau-2022/"
OLD_TITLE = "Thực hiện Đề án mẫu trên địa bàn tỉnh Mẫu"
INDICATOR = "content/indicators/gia-dinh-hoc-tap.yml"
WAIT_S = 30
SCRIPT_TAG = re.compile(r'<script src="/__preview/reload\.js" data-version="(\d+)" defer></script></body>')


# --------------------------------------------------------------------------- helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_closed(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def wait_until(condition: Callable[[], Any], what: str, timeout: float = WAIT_S) -> Any:
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@dataclass
class Preview:
    """A running preview server: its content tree and how to ask it things."""

    root: Path
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, method: str = "GET") -> tuple[int, bytes, dict[str, str]]:
        """One raw request: `path` is sent exactly as given (no client-side normalisation)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path)
            response = conn.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            conn.close()

    def page(self, path: str) -> str:
        status, body, _ = self.get(path)
        assert status == 200, (path, status)
        return body.decode("utf-8")

    def status(self) -> dict:
        status, body, headers = self.get("/__preview/status")
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        return json.loads(body)

    def edit(self, relpath: str, change: Callable[[str], str]) -> None:
        path = self.root / relpath
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def wait_status(self, condition: Callable[[dict], bool], what: str) -> dict:
        return wait_until(lambda: (lambda s: s if condition(s) else None)(self.status()), what)


def set_title(title: str) -> Callable[[str], str]:
    return lambda text: re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)


def _answering(preview: Preview) -> dict | None:
    try:
        status = preview.status()
    except OSError:
        return None
    return status if status["version"] >= 1 or status["problems"] else None


@contextmanager
def running(root: Path) -> Iterator[Preview]:
    """`serve` in a thread until the first build is reported; stopped, and checked stopped, after."""
    preview = Preview(root, free_port())
    stop = threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            serve(root, port=preview.port, poll_interval=0.1, stop=stop)
        except BaseException as err:  # noqa: BLE001 - reported by the test below
            failures.append(err)

    thread = threading.Thread(target=run, name="test-serve")
    thread.start()
    try:
        wait_until(lambda: failures or _answering(preview), "the first build")
        assert not failures, failures
        yield preview
    finally:
        stop.set()
        thread.join(timeout=WAIT_S)
        assert not thread.is_alive(), "serve() did not return after stop"
        assert not failures, failures
        assert not [t for t in threading.enumerate() if t.name == "xhht-preview-http"]
        assert port_closed(preview.port)


@pytest.fixture
def preview(base_tree: Path) -> Iterator[Preview]:
    with running(base_tree) as p:
        yield p


# --------------------------------------------------------------------------- serving


def test_serves_the_site_with_the_reload_script(preview: Preview):
    assert preview.status() == {"version": 1, "problems": [], "round": 1}
    home = preview.page("/")
    match = SCRIPT_TAG.search(home)
    assert match and match.group(1) == "1"
    assert home.count("/__preview/reload.js") == 1
    # Injected when served, never written into the preview folder.
    built = (preview.root / "build" / "preview" / "index.html").read_text(encoding="utf-8")
    assert "__preview" not in built
    assert not (preview.root / "site").exists()

    status, script, headers = preview.get("/__preview/reload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"/__preview/status" in script and b"innerHTML" not in script
    status, css, headers = preview.get("/assets/xhht.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and b"__preview" not in css
    status, _, headers = preview.get("/van-ban")  # relative links need the trailing slash
    assert status == 301 and headers["Location"] == "/van-ban/"
    status, body, _ = preview.get("/", method="HEAD")
    assert status == 200 and body == b""
    assert preview.get("/__preview/other")[0] == 404
    status, body, _ = preview.get("/khong-co-trang-nay/")
    assert status == 404 and SCRIPT_TAG.search(body.decode("utf-8"))


def test_an_edit_is_rebuilt_and_shown(preview: Preview):
    preview.edit(PLAN, set_title("Kế hoạch đã sửa trong trang xem trước"))
    status = preview.wait_status(lambda s: s["version"] >= 2, "the rebuild after an edit")
    assert status["problems"] == []
    page = preview.page(PLAN_PAGE)
    assert "Kế hoạch đã sửa trong trang xem trước" in page and OLD_TITLE not in page
    assert f'data-version="{status["version"]}"' in page


def test_broken_yaml_keeps_the_last_good_preview_and_lists_the_problem(preview: Preview):
    preview.edit(PLAN, set_title("[Thực hiện Đề án mẫu"))  # an unclosed bracket
    status = preview.wait_status(lambda s: s["problems"], "the problem of the broken file")
    assert status["version"] == 1
    assert any(re.match(rf"{re.escape(PLAN)}:\d+:\d+: ", line) for line in status["problems"]), status
    assert OLD_TITLE in preview.page(PLAN_PAGE)

    preview.edit(PLAN, set_title("Tiêu đề đã sửa lỗi"))
    status = preview.wait_status(lambda s: not s["problems"], "the problems to clear")
    assert status["version"] == 2
    assert "Tiêu đề đã sửa lỗi" in preview.page(PLAN_PAGE)


TRAVERSALS = [
    "/../../etc/passwd",
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/../../../../../etc/passwd",
    "/..\\..\\..\\etc\\passwd",
    "/%5c..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/etc/passwd",
    "/%00/etc/passwd",
    "/__preview/../../../etc/passwd",
    "http://127.0.0.1/../../etc/passwd",
    # The preview is root/build/preview: two levels up is the content tree.
    f"/../../{PLAN}",
    f"/%2e%2e/%2e%2e/{PLAN}",
    f"/..%2f..%2f{PLAN}",
    "/leak/kh-2-ubnd-mau-2022.yml",  # a symlink inside the preview pointing out of it
]


def test_nothing_outside_the_preview_folder_is_served(preview: Preview):
    (preview.root / "build" / "preview" / "leak").symlink_to(preview.root / "plans")
    for path in TRAVERSALS:
        status, body, _ = preview.get(path)
        assert status in (400, 404), (path, status)
        assert b"root:" not in body and b"id: kh-2-ubnd-mau-2022" not in body, path


def test_start_with_a_build_the_publisher_rejects_then_fix_it(base_tree: Path):
    """Broken from the start: no preview yet, a page that still lists the problems, never a crash."""
    shutil.copytree(REPO / "theme", base_tree / "theme")
    good = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    bad = {**good, "nav": [*good["nav"], {"Thiếu": "khong-co.md"}]}
    config = base_tree / "mkdocs.yml"
    config.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")

    with running(base_tree) as preview:
        status = preview.status()
        assert status["version"] == 0
        assert any(line.startswith("Xây dựng trang thất bại") and "mkdocs.yml" in line and "khong-co.md" in line
                   for line in status["problems"]), status
        code, body, _ = preview.get("/")
        assert code == 503 and SCRIPT_TAG.search(body.decode("utf-8"))

        config.write_text(yaml.safe_dump(good, allow_unicode=True), encoding="utf-8")
        status = preview.wait_status(lambda s: s["version"] == 1, "the build after the fix")
        assert status["problems"] == []
        assert OLD_TITLE in preview.page(PLAN_PAGE)


# --------------------------------------------------------------------------- the command


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("signum, inherited", [
    (signal.SIGINT, None),
    # A background job of a non-interactive shell (`make serve &`) starts with SIGINT ignored.
    (signal.SIGINT, _ignore_sigint),
    (signal.SIGTERM, None),
], ids=["ctrl-c", "ctrl-c-after-background-shell", "sigterm"])
def test_ctrl_c_stops_the_server_cleanly(base_tree: Path, signum, inherited):
    preview = Preview(base_tree, free_port())
    process = subprocess.Popen([sys.executable, "-m", "generator.serve", "--root", str(base_tree),
                                "--port", str(preview.port)], preexec_fn=inherited,
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: process.poll() is not None or _answering(preview), "the server to answer")
        assert process.poll() is None, process.communicate()
        process.send_signal(signum)
        out, err = process.communicate(timeout=WAIT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, (out, err)
    assert f"http://127.0.0.1:{preview.port}/" in out and "Đã dừng trang xem trước." in out
    assert "Traceback" not in err, err
    assert port_closed(preview.port)


def test_serving_in_process_gives_the_callers_signal_handlers_back(base_tree: Path):
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        cmd_serve(argparse.Namespace(root=str(base_tree), host="127.0.0.1", port=taken.getsockname()[1]))
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_a_port_in_use_is_reported_before_building(base_tree: Path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cmd_serve(argparse.Namespace(root=str(base_tree), host="127.0.0.1", port=port))
    assert code == 1
    assert f"--port {port + 1}" in capsys.readouterr().out
    assert not (base_tree / "build").exists()


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def test_browser_shows_the_problems_then_reloads_when_fixed(chromium, preview: Preview):
    with closing(open_page(chromium, preview.base + PLAN_PAGE.lstrip("/"))) as page:
        assert page.response.status == 200 and OLD_TITLE in page.title()
        page.wait_for_function("() => performance.getEntriesByType('resource')"
                               ".some(e => e.name.endsWith('/__preview/status'))")
        assert page.locator("#xhht-preview-problems").count() == 0

        # Two mistakes at once; the second one's text is markup, which must stay text.
        preview.edit(PLAN, set_title("[Thực hiện Đề án mẫu"))
        preview.edit(INDICATOR, lambda text: text + "<b>x</b>: 1\n")
        banner = page.wait_for_selector(f"#xhht-preview-problems:has-text('{PLAN}:')")
        text = banner.inner_text()
        assert OVERLAY_HEADING in text
        assert "<b>x</b>" in text and page.locator("#xhht-preview-problems b").count() == 0
        assert OLD_TITLE in page.title()  # still the last good page

        with page.expect_navigation(timeout=WAIT_S * 1000):
            preview.edit(INDICATOR, lambda text: text.replace("<b>x</b>: 1\n", ""))
            preview.edit(PLAN, set_title("Kế hoạch sau khi sửa lỗi"))
        page.wait_for_load_state("load")
        assert "Kế hoạch sau khi sửa lỗi" in page.title()
        page.wait_for_function("() => performance.getEntriesByType('resource')"
                               ".some(e => e.name.endsWith('/__preview/status'))")
        assert page.locator("#xhht-preview-problems").count() == 0
        assert page.console_errors == [] and page.page_errors == [] and page.failed_requests == []


def test_watching_falls_back_to_polling_when_the_system_refuses(base_tree: Path, monkeypatch, capsys):
    """With every inotify instance taken (an editor, other previews), the preview checks the files itself
    instead of ending with a traceback (which, in a full test run, also left Ctrl+C unanswered)."""
    import threading

    import watchfiles
    from watchfiles._rust_notify import WatchfilesRustInternalError

    from generator.serve import watcher

    def refuse(*args, **kwargs):
        raise WatchfilesRustInternalError("Error creating recommended watcher: Too many open files (os error 24)")
        yield  # a generator, as watchfiles.watch is

    monkeypatch.setattr(watchfiles, "watch", refuse)
    seen = watcher.snapshot(base_tree)
    stop, got = threading.Event(), []
    thread = threading.Thread(target=watcher.watch, args=(base_tree, seen, 0.05, stop,
                                                          lambda paths: (got.append(paths), stop.set())))
    thread.start()
    plan = base_tree / "plans" / "kh-2-ubnd-mau-2022.yml"
    try:
        plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        thread.join(10)
    finally:
        stop.set()
        thread.join(10)
    assert got and any(p.endswith("kh-2-ubnd-mau-2022.yml") for p in got[0])
    assert "chuyển sang kiểm tra định kỳ" in capsys.readouterr().out
