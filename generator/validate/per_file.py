"""Everything learned of one file on its own: read, parse, schema, single-record checks.

Files are independent here, so this runs in worker processes for large hubs
and its results are cached by the file's bytes (generator/cache.py). What
travels back to the main process is small: the problems, the `Facts` other
files are checked against, and, for a valid record, its data as compact
bytes ready to become a struct (`generator.model.prepared`).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, replace
from pathlib import Path

from generator.cache import Cache, Entry
from generator.loader import load_bytes
from generator.problems import FILE_FIELD, Problem
from generator.sources import SourceFile
from generator.validate.record import Facts, Record, check_record, facts, id_only_facts, usable_id
from generator.validate.schema import check_schema


@dataclass
class FileResult:
    """What the per-file stages learned of one file."""

    problems: list[Problem]
    facts: Facts | None = None
    record: bytes | None = None  # the valid record, prepared (generator.model.prepared)
    key: str | None = None       # its cache key


def process_file(source: SourceFile, keep_data: bool = True, cache: Cache | None = None) -> FileResult:
    """One file's result, from the cache when its bytes were seen before."""
    try:
        raw = source.abspath.read_bytes()
    except OSError as err:
        reason = {errno.ENOENT: "tệp không còn tồn tại", errno.EACCES: "không có quyền đọc tệp",
                  errno.EISDIR: "đây là thư mục, không phải tệp"}.get(err.errno, "lỗi của hệ thống tệp")
        return FileResult([Problem(source.relpath, 1, 1, FILE_FIELD, f"không đọc được tệp: {reason}")])
    key = Cache.key(source.relpath, source.kind, raw) if cache else None
    if cache and key:
        hit = cache.get(key)
        if hit is not None:
            found = Facts.from_builtins(hit.facts) if hit.facts is not None else None
            if found is not None:  # the content root may have moved since
                found = replace(found, abspath=str(source.abspath))
            return FileResult(list(hit.problems), found, hit.record if keep_data else None, key)
    result = _process(source, raw, keep_data or cache is not None)
    if cache and key:
        cache.put(key, Entry(tuple(result.problems), result.facts.to_builtins() if result.facts else None,
                             result.record))
    result.key = key
    if not keep_data:
        result.record = None
    return result


def _process(source: SourceFile, raw: bytes, prepare: bool) -> FileResult:
    from generator.model import prepared

    loaded, problems = load_bytes(source.relpath, raw)
    if loaded is None:
        return FileResult(problems)
    if not isinstance(loaded.data, dict):
        return FileResult([Problem(source.relpath, 1, 1, FILE_FIELD,
                                   "tệp phải là một nhóm trường (id: ..., title: ...), không phải danh sách hay một giá trị")])
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
