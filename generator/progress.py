"""Progress of long builds: a bar on a terminal, plain lines otherwise (CI logs, pipes).

Builds of thousands of pages take a minute; an editor watching a terminal
should see it move, and a CI log should get a few readable lines, not a
flood of carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Stages with an optional count. `Progress(enabled=False)` is silent."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.bar: tqdm | None = None
        self.total = 0
        self.done = 0
        self.next_line = 0
        #: (stage, seconds) of every finished stage, for `build --timings` and the benchmarks.
        self.timings: list[tuple[str, float]] = []
        self._current: tuple[str, float] | None = None

    def stage(self, text: str, total: int = 0) -> None:
        """Start a stage; `total` > 0 makes it countable with `advance`."""
        self.close()
        self._current = (text, time.perf_counter())
        if not self.enabled:
            return
        self.total, self.done, self.next_line = total, 0, 10
        if self.tty and total:
            self.bar = tqdm(total=total, desc=text, file=self.stream, unit=" trang", leave=True,
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}")
        else:
            print(f"• {text}" + (f" ({total})" if total else ""), file=self.stream, flush=True)

    def advance(self, n: int = 1) -> None:
        if not self.enabled or not self.total:
            return
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        percent = self.done * 100 // self.total
        if percent >= self.next_line:
            print(f"  {percent}% ({self.done}/{self.total})", file=self.stream, flush=True)
            self.next_line = (percent // 10 + 1) * 10

    def close(self) -> None:
        if self._current is not None:
            name, started = self._current
            self.timings.append((name, time.perf_counter() - started))
            self._current = None
        if self.bar is not None:
            self.bar.close()
            self.bar = None
