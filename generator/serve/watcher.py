"""Which files an editor changed.

The operating system tells (inotify on Linux, through watchfiles): a save is
seen within milliseconds, and nothing is read while nothing changes, however
many files there are. Where notifications do not arrive (some shared
folders), watchfiles itself falls back to polling. Snapshots of sizes and
modification times are still taken around the first build, so a save made
while it runs is not missed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Callable

#: What an editor changes; a change to any file under these updates the preview.
WATCHED = ("plans", "content", "theme", "mkdocs.yml")

Snapshot = dict[str, tuple[int, int]]


def _ignored(name: str) -> bool:
    """Editors' swap, backup and lock files: saving them must not rebuild (or reload) anything."""
    return name.startswith((".", "#")) or name.endswith(("~", "#"))


def snapshot(root: Path, watched: tuple[str, ...] = WATCHED) -> Snapshot:
    """Modification time and size of every watched file; any difference means "changed"."""
    seen: Snapshot = {}
    for name in watched:
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


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """Paths added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def settled(root: Path, current: Snapshot, interval: float, stop: threading.Event) -> Snapshot:
    """Wait until files stop changing: an editor's save may take several writes."""
    while not stop.wait(interval):
        again = snapshot(root)
        if again == current:
            break
        current = again
    return current


def _editor_file(change: object, path: str) -> bool:
    return not any(_ignored(part) for part in Path(path).parts[-3:])


def watch(root: Path, seen: Snapshot, interval: float, stop: threading.Event,
          on_change: Callable[[set[str]], None]) -> None:
    """Call `on_change(paths)` for every change after the snapshot `seen`, until `stop` is set."""
    try:
        import watchfiles
    except ImportError:  # pragma: no cover - installed with the generator
        return poll(root, seen, interval, stop, on_change)
    from watchfiles._rust_notify import WatchfilesRustInternalError

    paths = [root / name for name in WATCHED if (root / name).exists()]
    try:
        _watch_events(watchfiles, paths, root, seen, stop, on_change)
    except WatchfilesRustInternalError as err:
        # The system would not watch more files ("Too many open files": an editor or other previews hold every
        # inotify instance): check the files every `interval` instead of ending the preview with a traceback.
        print(f"Không theo dõi được tệp qua hệ điều hành ({err}); chuyển sang kiểm tra định kỳ.", flush=True)
        poll(root, seen, interval, stop, on_change)


def _watch_events(watchfiles: Any, paths: list[Path], root: Path, seen: Snapshot, stop: threading.Event,
                  on_change: Callable[[set[str]], None]) -> None:
    watching = False
    for changes in watchfiles.watch(*paths, watch_filter=_editor_file, debounce=60, step=20, stop_event=stop,
                                    yield_on_timeout=True, rust_timeout=300):
        if stop.is_set():
            return
        if not watching:
            # The first answer comes once the system watches the files: anything saved before then
            # (while the first build ran) shows in a snapshot, and nothing after it is missed.
            watching = True
            now = snapshot(root)
            if now != seen:
                on_change(changed(seen, now) | {path for _, path in changes})
                continue
        if changes:
            on_change({path for _, path in changes})


def poll(root: Path, seen: Snapshot, interval: float, stop: threading.Event,
         on_change: Callable[[set[str]], None]) -> None:
    """Call `on_change(paths)` whenever watched files differ from `seen`, until `stop` is set."""
    while not stop.wait(interval):
        current = snapshot(root)
        if current == seen:
            continue
        current = settled(root, current, min(interval, 0.1), stop)
        if stop.is_set():
            return
        paths, seen = changed(seen, current), current
        on_change(paths)
