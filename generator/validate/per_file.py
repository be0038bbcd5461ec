"""Everything learned of one file on its own: read, parse, schema, single-record checks.

Files are independent here, so this runs in worker processes for large hubs
and its results are cached by the file's bytes (generator/cache.py). What
travels back to the main process is small: the problems, the `Facts` other
files are checked against, and, for a valid record, its data as compact
bytes ready to become a struct (`generator.model.prepared`).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Cache, content_key, facts_with_path, stamp
from generator.loader import load_bytes
from generator.problems import FILE_FIELD, Problem
from generator.sources import SourceFile
from generator.validate.record import Facts, Record, check_record, facts, id_only_facts, unread_facts, usable_id
from generator.validate.schema import check_schema


@dataclass
class FileResult:
    """What the per-file stages learned of one file."""

    problems: list[Problem]
    facts: Facts | None = None
    record: bytes | None = None  # the valid record, prepared (generator.model.prepared)
    key: str | None = None       # its cache key
    stamp: tuple[int, int] | None = None  # its size and mtime when read


def read_source(source: SourceFile) -> tuple[bytes | None, FileResult | None]:
    try:
        return source.abspath.read_bytes(), None
    except OSError as err:
        reason = {errno.ENOENT: "tệp không còn tồn tại", errno.EACCES: "không có quyền đọc tệp",
                  errno.EISDIR: "đây là thư mục, không phải tệp"}.get(err.errno, "lỗi của hệ thống tệp")
        return None, FileResult([Problem(source.relpath, 1, 1, FILE_FIELD, f"không đọc được tệp: {reason}")])


def from_cache(cache: Cache, key: str, source: SourceFile, keep_data: bool) -> FileResult | None:
    """A file's result from its cache entry, or None if the entry is missing or damaged."""
    summary = cache.summary(key)
    if summary is None:
        return None
    problems, found = summary
    record = None
    if keep_data and not problems and found is not None:
        record = cache.record(key)
        if record is None:
            return None
    return FileResult(problems, facts_with_path(found, str(source.abspath)), record, key)


def process_file(source: SourceFile, keep_data: bool = True, cache: Cache | None = None) -> FileResult:
    """One file's result, from the cache when its bytes were seen before."""
    before = stamp(source.abspath)
    raw, failed = read_source(source)
    if raw is None:
        assert failed is not None
        return failed
    key = content_key(source.relpath, source.kind, raw) if cache else None
    if cache and key:
        hit = from_cache(cache, key, source, keep_data)
        if hit is not None:
            hit.stamp = before
            return hit
    result = _process(source, raw, keep_data or cache is not None)
    if cache and key:
        cache.put(key, result.problems, result.facts, result.record)
    result.key, result.stamp = key, before
    if not keep_data:
        result.record = None
    return result


def _process(source: SourceFile, raw: bytes, prepare: bool) -> FileResult:
    from generator.model import prepared

    loaded, problems = load_bytes(source.relpath, raw)
    if loaded is None:
        return FileResult(problems, unread_facts(source.kind, source.relpath, str(source.abspath)))
    if not isinstance(loaded.data, dict):
        return FileResult([Problem(source.relpath, 1, 1, FILE_FIELD,
                                   "tệp phải là một nhóm trường (id: ..., title: ...), không phải danh sách hay một giá trị")],
                          unread_facts(source.kind, source.relpath, str(source.abspath)))
    loaded.abspath = str(source.abspath)
    record = Record(source.kind, loaded)
    problems = check_schema(source.kind, loaded)
    if problems:
        # Still report what can be checked of the well-formed parts, and keep
        # the id known, so one typo does not also surface as "not found"
        # wherever the record is linked from.
        problems += best_effort(check_record, record, [])
        record_facts = (best_effort(facts, record, None) or id_only_facts(record)) if usable_id(record) else None
        loaded.drop_text()
        return FileResult(problems, record_facts)
    problems = check_record(record)
    record_facts = facts(record)
    loaded.drop_text()
    blob = prepared(source.kind, loaded.data) if prepare and not problems else None
    return FileResult(problems, record_facts, blob)


def best_effort(check, record: Record, default):
    """Run a check written for schema-valid records on one that is not."""
    try:
        return check(record)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        return default


def process_chunk(sources: list[SourceFile], keep_data: bool, cache_at: tuple[Path, str] | None) -> list[FileResult]:
    """A worker's share of the files (the cache is re-opened in the worker: it is a folder, not an object)."""
    cache = Cache(*cache_at) if cache_at else None
    return [process_file(s, keep_data, cache) for s in sources]


def known_files(sources: list[SourceFile], cache: Cache, keep_data: bool
                ) -> tuple[dict[int, FileResult], list[int]]:
    """Results of the files unchanged since the last run (by size and mtime), and the positions of the others."""
    cache.load_stamps()
    known: dict[int, FileResult] = {}
    others = []
    for position, source in enumerate(sources):
        now = stamp(source.abspath)
        key = cache.known_key(source.relpath, now)
        result = from_cache(cache, key, source, keep_data) if key else None
        if result is None:
            others.append(position)
        else:
            result.stamp = now
            known[position] = result
    return known, others
