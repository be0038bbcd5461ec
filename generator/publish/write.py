"""The write stage: a site appears whole or not at all.

The new site is built beside the published one and swapped in only once it
is complete, so a failed build leaves the previous site exactly as it was
and a reader never sees half of a new one.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable


def publish(target: Path, build: Callable[[Path], None]) -> None:
    """Run `build` into a fresh sibling folder of `target`, then swap it in."""
    target = target.resolve()
    staging = target.with_name(f".{target.name}.building")
    retired = target.with_name(f".{target.name}.previous")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        build(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def write_files(root: Path, files: dict[str, bytes | str]) -> None:
    """Write `{relative path: content}` under `root` (text as UTF-8, LF line endings)."""
    for relpath, content in sorted(files.items()):
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
