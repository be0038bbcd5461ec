"""Pages rendered by several processes (generator/publish/parallel.py): the same site, every page once, and a
worker's failure fails the build with its message."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import build
from generator.publish.parallel import MIN_PAGES_PER_WORKER, worker_count, write_pages
from generator.publish.rules import PublishError
from generator.site import Page, PageJob
from tests.conftest import REPO, TEST_SITE_URL


def _page(url: str) -> Page:
    return Page(url=url, title=url, description=url, body=f"<p>{url}</p>")


def _jobs(n: int) -> list[PageJob]:
    return [PageJob(f"p{i}/", lambda i=i: _page(f"p{i}/")) for i in range(n)]


def _file_writer(folder: Path):
    def write_page(page: Page) -> None:
        path = folder / page.url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as out:  # appended: a page written twice would show
            out.write(f"{page.body} by {os.getpid()}\n")
    return write_page


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_page_is_written_once_and_counted(tmp_path: Path, workers: int):
    told = []
    write_pages(_jobs(101), workers, _file_writer(tmp_path), on_page=told.append)
    written = {p.parent.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*/index.html")}
    assert sorted(written) == sorted(f"p{i}" for i in range(101))
    assert all(text.count("\n") == 1 and text.startswith(f"<p>{name}/</p>") for name, text in written.items())
    assert sum(told) == 101
    writers = {text.split(" by ")[1] for text in written.values()}
    assert len(writers) == workers  # the pages were shared out: each process wrote some


@pytest.mark.parametrize("error, reported", [
    # An output rule's refusal: its own message, as a page of this process would give it.
    (PublishError("van-ban/x/index.html: trang không có phần <head>"),
     "van-ban/x/index.html: trang không có phần <head>"),
    # Anything else: reported, not lost.
    (ValueError("hỏng ở tiến trình phụ"), "ValueError: hỏng ở tiến trình phụ"),
], ids=["publish-error", "unexpected-error"])
def test_a_page_that_fails_in_a_worker_fails_the_whole_write_with_its_message(tmp_path: Path, error, reported):
    def broken() -> Page:
        raise error
    jobs = _jobs(10)
    jobs[7] = PageJob("van-ban/x/", broken)  # 7 is the second worker's (every second job from the second)
    with pytest.raises(PublishError, match=reported):
        write_pages(jobs, 2, _file_writer(tmp_path))


def test_a_failure_in_this_process_ends_the_workers(tmp_path: Path):
    def broken() -> Page:
        raise PublishError("trang đầu hỏng")
    jobs = _jobs(4000)
    jobs[0] = PageJob("x/", broken)  # this process's first page: the worker is still rendering
    before = _children()
    with pytest.raises(PublishError, match="trang đầu hỏng"):
        write_pages(jobs, 2, _file_writer(tmp_path))
    assert _children() == before  # no worker left behind, running or unreaped
    assert len(list(tmp_path.glob("*/index.html"))) < 3999


def _children() -> set[int]:
    """This process's child processes, zombies included."""
    me = os.getpid()
    return {int(pid) for task in Path(f"/proc/{me}/task").iterdir()
            for pid in (task / "children").read_text().split()}


def test_small_sites_render_in_one_process_large_ones_on_every_core():
    assert worker_count(888, cpus=2) == 1
    assert worker_count(MIN_PAGES_PER_WORKER * 2, cpus=2) == 2
    assert worker_count(28_000, cpus=2) == 2
    assert worker_count(28_000, cpus=1) == 1


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_bundled_site_is_the_same_rendered_by_one_or_two_processes(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "repo"
    for name in ("plans", "content", "theme", "mkdocs.yml", "schema"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    sites = []
    for workers in (1, 2):
        out = tmp_path / f"site-{workers}"
        result = build(root, out, site_url=TEST_SITE_URL, jobs=1, render_workers=workers)
        assert result.ok and result.pages > 800
        sites.append(_digest(out))
    assert sites[0] == sites[1]
