"""Running a command and measuring it as a user meets it: wall time, and memory of the whole process tree.

`ru_maxrss` of children gives only the largest single process; a build runs
several at once (pages, forked page workers, search index), so a sampler also
reads /proc every 0.1 s and keeps the largest sum of memory over the tree.
The sum is of PSS (proportional set size): a page shared by a forked worker
and its parent counts once, split between them, where a sum of RSS would
count it in each and overstate what the machine needs.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_tree_mb: float      # largest sum of PSS over the process and its descendants (sampled)
    peak_process_mb: float   # largest RSS of any single descendant (exact, from the kernel)
    timings: dict[str, float] = field(default_factory=dict)


def descendants(pid: int) -> list[int]:
    """Every process under `pid` (children, theirs, ...), from /proc."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as listing:
                kids = [int(p) for p in listing.read().split()]
        except OSError:
            kids = []
        found.extend(kids)
        frontier.extend(kids)
    return found


def _proc_kb(path: str, key: str) -> int | None:
    """The `key:` line's value (kB) in a /proc file, or None (no such line, or the process is gone)."""
    try:
        with open(path) as lines:
            for line in lines:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _rss_mb(pid: int) -> float:
    """The process's proportional set size (its share of shared pages), or its RSS where the kernel has no PSS."""
    kb = _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")
    if kb is None:
        kb = _proc_kb(f"/proc/{pid}/status", "VmRSS:")
    return (kb or 0) / 1024


def run(args: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> Run:
    """Run `args`, sampling the tree's memory; parse `thời gian: <stage>: <s> s` lines into timings."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], sum(_rss_mb(p) for p in [process.pid, *descendants(process.pid)]))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    timings = {}
    for line in err.splitlines():
        if line.startswith("thời gian: "):
            name, _, value = line[len("thời gian: "):].rpartition(": ")
            timings[name] = float(value.rstrip(" s"))
    return Run(process.returncode, out, err, seconds, peak[0], max(after, before) / 1024, timings)


def generator(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def verdict(ok: bool) -> str:
    return "đạt (goal met)" if ok else "KHÔNG ĐẠT (goal missed)"
