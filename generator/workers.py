"""Processes that work beside the build, and die with it.

They are started with `spawn`, not `fork`: a forked child of a process with
threads (the preview server) can deadlock, and a fork would share the hub
only until the child reads it. Each child asks the kernel to kill it when its
parent dies (Linux `PR_SET_PDEATHSIG`), so a build killed with SIGKILL leaves
no worker behind. The search index child builds from the cache: the small
kinds whole, documents one at a time (generator/model/lazy.py).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator import kinds

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere).

    The request only covers deaths after it is made, and a spawned child makes it once Python has started
    and imported us: a parent killed during that second is already gone. So the child also checks that its
    parent (`parent`, the pid the parent gave it) is still its parent, and leaves at once if not."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _start(extra: list, parent: int) -> None:
    die_with_parent(parent)
    kinds.install(extra)


def pool(workers: int) -> ProcessPoolExecutor:
    """Spawned worker processes that know the registered kinds and die with this process."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start, initargs=(kinds.added(), os.getpid()))


def lazy_hub(root: Path) -> Any:
    """The hub for the search index: every kind but documents whole, documents decoded when read."""
    from generator.model import build_hub, to_struct
    from generator.model.lazy import LazyRecords
    from generator.pipeline import open_cache, read_all

    cache = open_cache(root)
    assert cache is not None
    sources, results, _ = read_all(root, jobs=1, keep_data=False)
    small, documents = [], {}
    for source, result in zip(sources, results):
        if result.facts is None or result.key is None:
            continue
        if source.kind == "document":
            documents[result.facts.id] = result.key
        else:
            small.append((source.kind, cache.record(result.key)))
    hub = build_hub(small)
    hub.records["document"] = LazyRecords(documents, lambda key: to_struct("document", cache.record(key)))
    return hub


def index_files(root: Path, folder: str) -> tuple[dict[str, str], list[tuple[str, float]]]:
    """In a worker: the search index of `root`, written under `folder`; returns {site path: file} and timings."""
    import resource
    import time

    from generator.index import search_files

    started = time.perf_counter()
    files = search_files(lazy_hub(root))
    written = {}
    for relpath, content in files.items():
        path = os.path.join(folder, relpath)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(content)
        written[relpath] = path
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return written, [(f"chỉ mục tìm kiếm (tiến trình riêng, đỉnh bộ nhớ {peak:.0f} MB)", time.perf_counter() - started)]


class IndexJob:
    """The search index being built in a worker; `move_into(staging)` places its files in the site."""

    def __init__(self, root: Path, executor: ProcessPoolExecutor) -> None:
        (root / "build").mkdir(parents=True, exist_ok=True)
        self.folder = tempfile.mkdtemp(prefix="search-", dir=root / "build")
        self.future: Future = executor.submit(index_files, root, self.folder)
        self.timings: list[tuple[str, float]] = []

    def move_into(self, staging: Path) -> int:
        files, self.timings = self.future.result()
        for relpath, path in files.items():
            target = staging / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
        return len(files)

    def discard(self) -> None:
        self.future.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)
