"""Where records live: which folders hold which kind, and which files to read.

Documents of every type live in `plans/`; every other kind in a folder of
`content/` named for it (each kind declares its folder, generator/kinds/).
The folder decides the kind (and so the schema), so an editor never has to
declare it and cannot get it wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator import kinds
from generator.problems import FILE_FIELD, Problem

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class SourceFile:
    """A file to load: where it is on disk, how it is named in messages, its kind."""

    abspath: Path
    relpath: str
    kind: str


def discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """All record files under `root`, sorted, and the problems of files we refuse.

    A symlink that resolves outside the repository is refused: the portal's
    build must publish only what is in the repository.
    """
    root = root.resolve()
    files: list[SourceFile] = []
    problems: list[Problem] = []
    for kind in kinds.REGISTRY:
        base = root / kind.folder
        if not base.is_dir():
            continue
        _walk(root, base, kind.name, files, problems)
    return files, problems


def _walk(root: Path, folder: Path, kind: str, files: list[SourceFile], problems: list[Problem],
          visited: set[Path] | None = None) -> None:
    """Depth-first, sorted; only symlinks pay for resolving their target.

    `visited` holds the real paths of the folders being walked: a link back to
    one of them (itself, its parent) is refused rather than followed for ever.
    """
    visited = visited if visited is not None else {folder.resolve()}
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    prefix = len(str(root)) + 1
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        rel = entry.path[prefix:].replace(os.sep, "/")
        if entry.is_symlink():
            try:
                real = path.resolve(strict=True)
            except FileNotFoundError:
                problems.append(Problem(rel, 1, 1, FILE_FIELD,
                                        "không đọc được tệp: liên kết tượng trưng trỏ tới tệp không tồn tại"))
                continue
            except (OSError, RuntimeError):
                problems.append(Problem(rel, 1, 1, FILE_FIELD, "liên kết tượng trưng tạo vòng lặp; không được dùng"))
                continue
            if not real.is_relative_to(root):
                problems.append(Problem(rel, 1, 1, FILE_FIELD, "liên kết tượng trưng trỏ ra ngoài kho nội dung; không được dùng"))
                continue
        if entry.is_dir():
            real = path.resolve()
            if real in visited:  # the folder itself or one it is inside: following it would never end
                problems.append(Problem(rel, 1, 1, FILE_FIELD, "liên kết tượng trưng tạo vòng lặp; không được dùng"))
                continue
            _walk(root, path, kind, files, problems, visited | {real})
        elif entry.name.endswith(YAML_SUFFIXES):
            files.append(SourceFile(path, rel, kind))
