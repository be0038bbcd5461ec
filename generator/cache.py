"""What the per-file stages learned of a file, kept for the next run with the same bytes.

Parsing YAML is the floor of `check` (libyaml composes about 10 MB/s): a hub
of 10,000 real plans is 370 MB of YAML, a minute and a half of parsing. But
an editor changes one file between runs, so each file's result (its
problems, the facts other files are checked against, and the record ready
to become a struct) is stored under a key made of the file's bytes, its
path and kind, and the generator's own code and schemas. Same key, same
result: the cache can only be wrong if the code that made it changed, and
then the key changes too.

Entries live in `build/cache/<version>/` under the content root, one file
each, written atomically (a temporary file, then a rename), so parallel runs
and a killed run leave nothing half-written; an unreadable entry is a miss.
`XHHT_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from generator.problems import Problem

#: Files whose content decides what a file's result is.
_CODE = Path(__file__).resolve().parent
_FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """A file's result: its problems, its facts (as a tuple, see `validate.record.Facts`), its record."""

    problems: tuple[Problem, ...]
    facts: Any
    record: bytes | None  # msgpack of the record, ready for its struct; None unless the file is valid


@lru_cache(maxsize=None)
def code_version(schema_files: tuple[Path, ...]) -> str:
    """A digest of the generator's code and the schemas: any change makes every entry stale."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{_FORMAT}:{msgspec.__version__}".encode())
    for path in sorted(_CODE.rglob("*.py")) + sorted(schema_files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def enabled() -> bool:
    return os.environ.get("XHHT_CACHE", "1") != "0"


class Cache:
    """Entries of one content root for the current code version."""

    def __init__(self, root: Path, version: str) -> None:
        self.base = root / "build" / "cache"
        self.folder = self.base / version

    @staticmethod
    def key(relpath: str, kind: str, raw: bytes) -> str:
        digest = hashlib.blake2b(raw, digest_size=20)
        digest.update(b"\0" + relpath.encode() + b"\0" + kind.encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Entry | None:
        try:
            data = self._path(key).read_bytes()
            problems, facts, record = msgspec.msgpack.decode(data)
            return Entry(tuple(Problem(*p) for p in problems), facts, record)
        except (OSError, ValueError, TypeError, msgspec.DecodeError):
            return None

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry; a cache that cannot be written is only a slower next run."""
        path = self._path(key)
        data = msgspec.msgpack.encode(([list(vars(p).values()) for p in entry.problems], entry.facts, entry.record))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as out:
                out.write(data)
            os.replace(out.name, path)
        except OSError:
            try:
                os.unlink(out.name)
            except (OSError, UnboundLocalError):
                pass

    def prune(self, used: set[str]) -> None:
        """Drop entries of files that no longer exist with those bytes, and stale versions."""
        try:
            for other in self.base.iterdir():
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            for bucket in self.folder.iterdir():
                for entry in bucket.iterdir():
                    if entry.name not in used:
                        entry.unlink(missing_ok=True)
        except OSError:
            pass
