"""What changed and when: each record's history, from git.

Editors commit YAML; every commit that touched a record's file is a change
of that record, dated by the commit. What a page and a feed say of the change
is the commit's `Cong-khai:` trailer (a line "Cong-khai: Sửa chỉ tiêu theo bản
gốc" at the end of the message): a note written for the public, in a field
meant for it. The message itself is for the people keeping the repository (its
working remarks, in this repository in English) and is never published; a
change without the trailer reads "Cập nhật nội dung." on the site. One
`git log` over the content folders gives every file's history at once. Dates
come from commits, never from the clock, so two builds of the same commit are
identical. A tree outside git (or a file never committed) has no history, and
pages say so rather than inventing a date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: The commit trailer whose value is the change's public note.
PUBLIC_NOTE = "Cong-khai"

#: The most changes kept per record (a page lists them; a feed takes the latest).
KEEP = 50


@dataclass(frozen=True)
class Change:
    """One commit that touched a record's file."""

    when: dt.datetime  # the commit's time, UTC
    summary: str  # the public note (the commit's Cong-khai trailer), "" without one
    commit: str  # abbreviated hash, to tell changes of the same day apart

    @property
    def date(self) -> dt.date:
        return self.when.date()

    def vietnamese(self) -> str:
        return f"{self.date.day:02d}/{self.date.month:02d}/{self.date.year}"


def _git_log(root: Path, folders: list[str]) -> str:
    try:
        run = subprocess.run(["git", "-C", str(root), "log", "--no-renames", f"--format=%x1e%h%x1f%ct%x1f%(trailers:key={PUBLIC_NOTE},valueonly,separator=%x20)",
                              "--name-only", "--", *folders], capture_output=True, text=True, check=True, timeout=120)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return ""
    return run.stdout


def _prefix(root: Path) -> str:
    """`root`'s path inside its git work tree ("" at the top), since git log names files from the top."""
    try:
        run = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True, text=True,
                             check=True, timeout=30)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return ""
    return run.stdout.strip()


def histories(root: Path, folders: list[str]) -> dict[str, list[Change]]:
    """relpath (from `root`) -> its changes, newest first; files never committed are absent."""
    text = _git_log(root, folders)
    if not text:
        return {}
    prefix = _prefix(root)
    out: dict[str, list[Change]] = {}
    for block in text.split("\x1e")[1:]:
        head, _, names = block.partition("\n")
        commit, stamp, summary = (head.split("\x1f") + ["", "", ""])[:3]
        when = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)
        for name in names.split("\n"):
            name = name.strip()
            if not name or not name.startswith(prefix):
                continue
            changes = out.setdefault(name[len(prefix):], [])
            if len(changes) < KEEP:
                changes.append(Change(when, " ".join(summary.split()), commit))
    return out
