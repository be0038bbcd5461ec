"""Runs the stages in order and gathers every problem of the run.

load + schema-check are per file and independent, so large corpora are
spread over worker processes; cross-references and the model need all
records and run in this process.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.loader import LoadedFile, load_bytes
from generator.model import Hub, build_hub
from generator.problems import Problem
from generator.sources import SourceFile, discover
from generator.validate import check_references, check_schema
from generator.validate.references import Record

#: Below this many files a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class CheckResult:
    """What `check` learned: the problems, or a hub when there are none."""

    problems: list[Problem] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    files: int = 0
    hub: Hub | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def load_and_check(source: SourceFile) -> tuple[LoadedFile | None, list[Problem]]:
    """The per-file stages: read, parse, schema. Pure apart from reading the file."""
    try:
        raw = source.abspath.read_bytes()
    except OSError as err:
        return None, [Problem(source.relpath, 1, 1, "(tệp)", f"không đọc được tệp ({err.strerror})")]
    loaded, problems = load_bytes(source.relpath, raw)
    if loaded is None:
        return None, problems
    if not isinstance(loaded.data, dict):
        return None, [Problem(source.relpath, 1, 1, "(tệp)",
                              "tệp phải là một nhóm trường (id: ..., title: ...), không phải danh sách hay một giá trị")]
    return loaded, check_schema(source.kind, loaded)


def _load_chunk(sources: list[SourceFile]) -> list[tuple[LoadedFile | None, list[Problem]]]:
    return [load_and_check(s) for s in sources]


def _load_all(sources: list[SourceFile], jobs: int) -> list[tuple[LoadedFile | None, list[Problem]]]:
    if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
        return _load_chunk(sources)
    size = max(1, len(sources) // (jobs * 4))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [result for chunk in pool.map(_load_chunk, chunks) for result in chunk]


def check(root: Path, jobs: int | None = None) -> CheckResult:
    """Load and validate everything under `root`; build the hub if all is well."""
    sources, problems = discover(root)
    result = CheckResult(problems=problems, files=len(sources) + len(problems))
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    for source, (loaded, file_problems) in zip(sources, _load_all(sources, jobs)):
        result.problems.extend(file_problems)
        if loaded is not None and not file_problems:
            result.records.append(Record(source.kind, loaded))
    result.problems.extend(check_references(result.records))
    result.problems = sorted(set(result.problems))
    if result.ok:
        result.hub = build_hub(result.records)
    return result
