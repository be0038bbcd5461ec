"""What the preview knows between builds: the version pages compare against, and the problems they show."""

from __future__ import annotations

import threading
from dataclasses import dataclass


class PreviewState:
    """Written by the builder, read by request threads, hence the lock.

    Version 0 means no build has succeeded yet in this session.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._version = 0
        self._round = 0  # every build's report, good or not
        self._problems: tuple[str, ...] = ()

    def published(self) -> int:
        """A good build is in the preview folder: bump the version, clear the problems."""
        with self._changed:
            self._version += 1
            self._round += 1
            self._problems = ()
            self._changed.notify_all()
            return self._version

    def failed(self, lines: list[str]) -> None:
        """A build failed: the version (and the folder) stay, the problems are shown."""
        with self._changed:
            self._problems = tuple(lines)
            self._round += 1
            self._changed.notify_all()

    def status(self) -> tuple[int, list[str]]:
        with self._changed:
            return self._version, list(self._problems)

    def round(self) -> int:
        with self._changed:
            return self._round

    def wait(self, seen_round: int, timeout: float) -> None:
        """Return once a build reports after `seen_round` (or after `timeout`): pages long-poll, so a new
        build reloads them at once instead of at their next poll."""
        with self._changed:
            self._changed.wait_for(lambda: self._round != seen_round, timeout)


@dataclass(frozen=True)
class Outcome:
    """One build's result as the editor sees it: problem lines and a closing line."""

    ok: bool
    lines: list[str]
    summary: str


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
