"""Pages rendered and written by several processes at once (a build of thousands of pages).

Rendering a page (our template, then Material's) is pure Python and holds the
GIL, so only processes spread it over the machine's cores. The workers are
forked once the hub and the page jobs exist: each inherits them without
pickling or rebuilding anything, and the memory they only read stays shared
with the parent (`gc.freeze()` keeps the collector from writing to every
object's header, which would copy its page). Each worker takes every n-th
job, so large and small pages spread evenly, writes its pages into the
staging folder itself and tells the parent one byte per page; a worker's
failure comes back as its message and fails the build, as a page of the
parent's own would.

Forking is only safe where no other thread may hold a lock the child needs:
`build` forks before it waits on anything and its children only render and
write files, then leave with `os._exit` (no atexit handler, no flush of the
parent's buffers). The preview (threads serving HTTP) renders in one process.
"""

from __future__ import annotations

import gc
import os
import select
import signal
import traceback
from typing import Callable, Iterator

from generator.publish.rules import PublishError
from generator.site import Page, PageJob
from generator.workers import die_with_parent  # imported here: a forked child imports nothing

#: Below this many pages a second process costs more than it saves (a fork, a second warm-up of Jinja's caches).
MIN_PAGES_PER_WORKER = 1000

_FAILED = b"!"
_WRITTEN = b"."


def worker_count(pages: int, cpus: int | None = None) -> int:
    """How many processes render `pages` pages: one per core, each with at least MIN_PAGES_PER_WORKER pages."""
    cpus = cpus if cpus is not None else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(cpus, pages // MIN_PAGES_PER_WORKER))


def rendered(jobs: list[PageJob]) -> Iterator[Page]:
    """Each job's page, in order, the job let go once rendered (a listing's job holds its page's records)."""
    jobs.reverse()
    while jobs:
        yield jobs.pop()()


def write_pages(jobs: list[PageJob], workers: int, write_page: Callable[[Page], None],
                on_page: Callable[[int], None] = lambda n: None) -> None:
    """Render and write every job's page with `write_page`, in `workers` processes (this one included).

    `jobs` is emptied. Raises PublishError with the worker's message when a worker fails; the staging
    folder is then incomplete and the caller discards it, as for any failed build.
    """
    if workers <= 1 or not hasattr(os, "fork"):
        for page in rendered(jobs):
            write_page(page)
            on_page(1)
        return
    shares = [jobs[k::workers] for k in range(workers)]
    jobs.clear()
    gc.collect()
    gc.freeze()
    workers_: list[_Worker] = []
    try:
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                _work(share, write_page, write_end)  # never returns
            os.close(write_end)
            workers_.append(_Worker(pid, read_end))
        del shares[1:]
        for page in rendered(shares[0]):
            write_page(page)
            on_page(1 + _listen(workers_, block=False))
        while any(w.open for w in workers_):
            on_page(_listen(workers_, block=True))
        for worker in workers_:
            worker.join()
    finally:
        for worker in workers_:
            worker.stop()
        gc.unfreeze()


class _Worker:
    """A forked worker as the parent sees it: its pid, its pipe, what it said."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd, self.open, self.failure = pid, fd, True, b""
        self.status: int | None = None

    def hear(self) -> int:
        """Read what the worker said; returns the pages it reported written."""
        data = os.read(self.fd, 65536)
        if not data:
            self.open = False
            os.close(self.fd)
            return 0
        if self.failure:  # the rest of a failure's message
            self.failure += data
            return 0
        pages, failed, message = data.partition(_FAILED)
        self.failure = failed + message
        return len(pages)

    def join(self) -> None:
        """Wait for the worker's end; PublishError with its message if it failed."""
        _, self.status = os.waitpid(self.pid, 0)
        if self.status != 0:
            message = self.failure[1:].decode("utf-8", "replace").strip()
            raise PublishError(message or f"tiến trình dựng trang {self.pid} dừng bất thường (mã {self.status})")

    def stop(self) -> None:
        """After a failure elsewhere: end the worker, collect it, close its pipe."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.status = -1
        if self.open:
            os.close(self.fd)
            self.open = False


def _listen(workers: list[_Worker], block: bool) -> int:
    """The pages the workers reported since the last call (waiting for news when `block`)."""
    open_ = {w.fd: w for w in workers if w.open}
    if not open_:
        return 0
    ready, _, _ = select.select(list(open_), [], [], None if block else 0)
    return sum(open_[fd].hear() for fd in ready)


def _work(jobs: list[PageJob], write_page: Callable[[Page], None], fd: int) -> None:
    """In a forked worker: render and write `jobs`, one byte to the parent per page; never returns."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it ends the workers
        die_with_parent()
        for page in rendered(jobs):
            write_page(page)
            os.write(fd, _WRITTEN)
        code = 0
    except PublishError as err:
        _say(fd, _FAILED + str(err).encode("utf-8"))
    except BaseException:  # noqa: BLE001 - a worker must always report and leave, whatever happened
        _say(fd, _FAILED + f"lỗi khi dựng trang (tiến trình {os.getpid()}):\n{traceback.format_exc()}".encode("utf-8"))
    finally:
        os._exit(code)


def _say(fd: int, data: bytes) -> None:
    try:
        while data:
            data = data[os.write(fd, data):]
    except OSError:
        pass
