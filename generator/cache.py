"""What the per-file stages learned of a file, kept for the next run with the same bytes.

Parsing YAML is the floor of `check` (libyaml composes about 10 MB/s): a hub
of 10,000 real plans is 370 MB of YAML, a minute and a half of parsing. But
an editor changes one file between runs, so each file's result (its
problems, the facts other files are checked against, and the record ready
to become a struct) is stored under a key made of the file's bytes, its
path and kind, and the generator's own code and schemas. Same key, same
result: the cache can only be wrong if the code that made it changed, and
then the key changes too.

Like git's index, a file whose size and modification time (to the
nanosecond) are those recorded with its key is not read again; any other
file is read and hashed. Entries live in `build/cache/<version>/` under the
content root: `<key>.f` (problems and facts, all `check` needs) and
`<key>.r` (the record, for builds). Every write is atomic (a temporary file,
then a rename), so parallel runs and a killed run leave nothing half-written,
and an unreadable entry is a miss. `XHHT_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from generator.problems import Problem
from generator.validate.record import Facts

_CODE = Path(__file__).resolve().parent
#: The code a file's result depends on (reading, checking, preparing a record); rendering and
#: search are not among it, so changing them keeps the cache.
_RESULT_CODE = ("loader.py", "schemas.py", "cache.py", "problems.py", "markdown_safe.py", "links.py", "sources.py",
                "validate/*.py", "model/*.py", "kinds/*.py")
_FORMAT = 2
_INDEX = "index"

ProblemRow = tuple[str, int, int, str, str]
_SUMMARY = msgspec.msgpack.Decoder(tuple[tuple[ProblemRow, ...], Facts | None])
_STAMPS = msgspec.msgpack.Decoder(dict[str, tuple[int, int, str]])


@lru_cache(maxsize=None)
def code_version(schema_files: tuple[Path, ...]) -> str:
    """A digest of the generator's code and the schemas: any change makes every entry stale."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{_FORMAT}:{msgspec.__version__}".encode())
    code = sorted({path for pattern in _RESULT_CODE for path in _CODE.glob(pattern)})
    for path in code + sorted(schema_files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def enabled() -> bool:
    return os.environ.get("XHHT_CACHE", "1") != "0"


def content_key(relpath: str, kind: str, raw: bytes) -> str:
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(b"\0" + relpath.encode() + b"\0" + kind.encode())
    return digest.hexdigest()


def stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time of a file, or None if it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _write(path: Path, data: bytes) -> None:
    """Atomically; a cache that cannot be written is only a slower next run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as out:
            out.write(data)
        os.replace(out.name, path)
    except OSError:
        try:
            os.unlink(out.name)
        except (OSError, UnboundLocalError, NameError):
            pass


class Cache:
    """Entries of one content root for the current code version."""

    def __init__(self, root: Path, version: str) -> None:
        self.base = root / "build" / "cache"
        self.folder = self.base / version
        self.stamps: dict[str, tuple[int, int, str]] = {}

    # --- which files are known -------------------------------------------------------
    def load_stamps(self) -> None:
        try:
            self.stamps = _STAMPS.decode((self.folder / _INDEX).read_bytes())
        except (OSError, msgspec.DecodeError, ValueError):
            self.stamps = {}

    def known_key(self, relpath: str, now: tuple[int, int] | None) -> str | None:
        """The key of a file not changed since it was last read (same size and mtime), else None."""
        recorded = self.stamps.get(relpath)
        return recorded[2] if recorded and now and (recorded[0], recorded[1]) == now else None

    def save_stamps(self, stamps: dict[str, tuple[int, int, str]]) -> None:
        self.stamps = stamps
        _write(self.folder / _INDEX, msgspec.msgpack.encode(stamps))

    # --- entries ---------------------------------------------------------------------
    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}.{suffix}"

    def summary(self, key: str) -> tuple[list[Problem], Facts | None] | None:
        """Problems and facts of an entry, or None (a miss)."""
        try:
            problems, facts = _SUMMARY.decode(self._path(key, "f").read_bytes())
        except (OSError, msgspec.DecodeError, ValueError):
            return None
        return [Problem(*p) for p in problems], facts

    def record(self, key: str) -> bytes | None:
        try:
            return self._path(key, "r").read_bytes()
        except OSError:
            return None

    def put(self, key: str, problems: list[Problem], facts: Facts | None, record: bytes | None) -> None:
        if record is not None:
            _write(self._path(key, "r"), record)
        rows = [(p.path, p.line, p.column, p.field, p.message) for p in problems]
        _write(self._path(key, "f"), msgspec.msgpack.encode((rows, facts)))

    def prune(self, used: set[str]) -> None:
        """Drop entries of files that no longer exist with those bytes, and stale versions."""
        try:
            for other in self.base.iterdir():
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            for bucket in self.folder.iterdir():
                if bucket.is_dir():
                    for entry in os.scandir(bucket):
                        if entry.name.split(".", 1)[0] not in used:
                            os.unlink(entry.path)
        except OSError:
            pass


def facts_with_path(facts: Facts | None, abspath: str) -> Any:
    """The cached facts, pointing at where the file is now (the content root may have moved)."""
    return msgspec.structs.replace(facts, abspath=abspath) if facts is not None and facts.abspath != abspath else facts
