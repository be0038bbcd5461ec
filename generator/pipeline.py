"""Runs the stages in order and gathers every problem of the run.

Per-file work (read, parse, schema, single-record checks) is independent, so
large corpora spread it over worker processes, which send back only the
small `Facts` of each record (and the data itself only when a build needs
it). The checks across files and the model run in this process.
"""

from __future__ import annotations

import errno
import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.loader import load_bytes
from generator.model import Hub, build_hub
from generator.site import SiteInfo
from generator.problems import FILE_FIELD, Problem
from generator.progress import Progress
from generator.sources import SourceFile, discover
from generator.validate import Facts, Record, check_record, check_references, check_schema, facts, id_only_facts, usable_id

#: Below this many files a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class FileResult:
    """What the per-file stages learned of one file."""

    problems: list[Problem]
    facts: Facts | None = None
    record: Record | None = None


@dataclass
class CheckResult:
    """What a run learned: the problems, the records, and the hub when all is valid."""

    problems: list[Problem] = field(default_factory=list)
    facts: list[Facts] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    files: int = 0
    hub: Hub | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def process_file(source: SourceFile, keep_data: bool = True) -> FileResult:
    """Read, parse, schema-check and record-check one file."""
    try:
        raw = source.abspath.read_bytes()
    except OSError as err:
        reason = {errno.ENOENT: "tệp không còn tồn tại", errno.EACCES: "không có quyền đọc tệp",
                  errno.EISDIR: "đây là thư mục, không phải tệp"}.get(err.errno, "lỗi của hệ thống tệp")
        return FileResult([Problem(source.relpath, 1, 1, FILE_FIELD, f"không đọc được tệp: {reason}")])
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
        return FileResult(problems, record_facts, None)
    problems = check_record(record)
    loaded.drop_text()
    return FileResult(problems, facts(record), record if keep_data else None)


def best_effort(check, record: Record, default):
    """Run a check written for schema-valid records on one that is not."""
    try:
        return check(record)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        return default


def _process_chunk(sources: list[SourceFile], keep_data: bool) -> list[FileResult]:
    return [process_file(s, keep_data) for s in sources]


def _process_all(sources: list[SourceFile], jobs: int, keep_data: bool) -> list[FileResult]:
    if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
        return _process_chunk(sources, keep_data)
    size = max(1, len(sources) // (jobs * 4))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [r for chunk in pool.map(partial(_process_chunk, keep_data=keep_data), chunks) for r in chunk]


def check(root: Path, jobs: int | None = None, keep_data: bool = False) -> CheckResult:
    """Load and validate everything under `root`; records are kept if `keep_data`."""
    sources, problems = discover(root)
    result = CheckResult(problems=problems, files=len(sources) + len(problems))
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    # Loading allocates millions of small objects that all stay alive; the
    # cyclic collector would scan them again and again for nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        file_results = _process_all(sources, jobs, keep_data)
    finally:
        if gc_was_enabled:
            gc.enable()
    for file_result in file_results:
        result.problems.extend(file_result.problems)
        if file_result.facts is not None:
            result.facts.append(file_result.facts)
        if file_result.record is not None:
            result.records.append(file_result.record)
    result.problems.extend(check_references(result.facts))
    result.problems = sorted(set(result.problems))
    return result


def load_hub(root: Path, jobs: int | None = None) -> CheckResult:
    """`check`, then the model stage when the content is valid."""
    result = check(root, jobs, keep_data=True)
    if result.ok:
        result.hub = build_hub((record.kind, record.data) for record in result.records)
        result.records = []
    return result


@dataclass
class BuildResult:
    """What `build` did: problems (nothing published), or the counts of what was published."""

    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    redirects: int = 0
    data_files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def read_site_info(config_file: Path, site_url: str | None = None) -> SiteInfo:
    """The site's name, description and address, from mkdocs.yml (plain YAML; `--site-url` wins)."""
    import yaml

    raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    url = site_url if site_url is not None else (raw.get("site_url") or "")
    if url and not url.endswith("/"):
        url += "/"
    return SiteInfo(name=raw.get("site_name", SiteInfo.name), url=url, description=raw.get("site_description", ""))


def build(root: Path, out: Path | None = None, site_url: str | None = None, jobs: int | None = None,
          report: Progress | None = None) -> BuildResult:
    """check -> model -> render + index + export -> publish (atomic swap into `out`, default root/site)."""
    from generator.export import build_tables, table_files
    from generator.index import search_files
    from generator.publish import MaterialPublisher, jsonld_text, publish, write_site
    from generator.render import page_jobs, redirects
    from generator.schemas import SCHEMA_DIR

    report = report or Progress(enabled=False)
    report.stage("Kiểm tra nội dung")
    result = load_hub(root, jobs)
    if not result.ok or result.hub is None:
        report.close()
        return BuildResult(problems=result.problems)
    hub = result.hub
    config_file = root / "mkdocs.yml" if (root / "mkdocs.yml").is_file() else CONFIG
    site = read_site_info(config_file, site_url)
    # The search index is built in a second process while this one renders and writes the pages:
    # the two longest stages overlap on the machine's two cores.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        search = pool.submit(search_files, hub)
        report.stage("Dựng nội dung trang và dữ liệu tải về")
        tables = build_tables(hub, site.url)
        data = {f"data/{name}": content for table in tables for name, content in table_files(table).items()}
        # The schemas, published for editors' tools (`# yaml-language-server: $schema=...`).
        data.update({f"schema/{path.name}": path.read_bytes() for path in sorted(SCHEMA_DIR.glob("*.schema.json"))})
        moved = redirects(hub)
        publisher = MaterialPublisher(config_file, site, jsonld_text)
        counts = {}

        jobs = page_jobs(hub, site, tables)

        def build_site(staging: Path) -> None:
            report.stage("Xây dựng trang", total=len(jobs))
            counts["pages"] = write_site(staging, publisher, (job() for job in jobs), moved,
                                         lambda: {**data, **_waited(report, search)}, site,
                                         on_page=report.advance, root=root)

        try:
            publish(out or root / "site", build_site)
        finally:
            publisher.close()
        report.close()
    return BuildResult(pages=counts["pages"], redirects=len(moved), data_files=len(data))


def _waited(report: Progress, search) -> dict[str, bytes]:
    report.stage("Ghi chỉ mục tìm kiếm")
    return search.result()
