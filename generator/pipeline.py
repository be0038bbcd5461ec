"""Runs the stages in order and gathers every problem of the run.

Per-file work (read, parse, schema, single-record checks) is independent, so
large corpora spread it over worker processes, which send back only the
small `Facts` of each record (and the data itself only when a build needs
it). The checks across files and the model run in this process.
"""

from __future__ import annotations

import ctypes
import gc
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

import msgspec

from generator import cache, kinds, workers
from generator.cache import Cache
from generator.model import Hub, build_hub
from generator.site import SiteInfo
from generator.tables import TableSummary
from generator.problems import Problem
from generator.progress import Progress
from generator.sources import SourceFile, discover
from generator.validate import Facts, check_references
from generator.validate.per_file import FileResult, known_files, process_chunk

#: Below this many files a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class CheckResult:
    """What a run learned: the problems, the records, and the hub when all is valid."""

    problems: list[Problem] = field(default_factory=list)
    facts: list[Facts] = field(default_factory=list)  # after `load_hub`, only which record each file holds
    records: list[tuple[str, bytes]] = field(default_factory=list)  # (kind, prepared record), when kept
    files: int = 0
    hub: Hub | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _process_all(sources: list[SourceFile], jobs: int, keep_data: bool,
                 cache_at: tuple[Path, str] | None) -> list[FileResult]:
    if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
        return process_chunk(sources, keep_data, cache_at)
    size = max(1, len(sources) // (jobs * 4))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    with workers.pool(jobs) as executor:
        work = partial(process_chunk, keep_data=keep_data, cache_at=cache_at)
        return [r for chunk in executor.map(work, chunks) for r in chunk]


def _results(sources: list[SourceFile], jobs: int, keep_data: bool,
             cache_at: tuple[Path, str] | None) -> list[FileResult]:
    """Every file's result in `sources` order: unchanged files from the cache, the rest read (in parallel)."""
    if not cache_at:
        return _process_all(sources, jobs, keep_data, None)
    known, others = known_files(sources, Cache(*cache_at), keep_data)
    read = _process_all([sources[i] for i in others], jobs, keep_data, cache_at)
    known.update(zip(others, read))
    return [known[i] for i in range(len(sources))]


def _remember(cache: Cache, sources: list[SourceFile], results: list[FileResult]) -> None:
    """Record which bytes each file had, and drop what no file uses any more."""
    cache.save_stamps({s.relpath: (*r.stamp, r.key) for s, r in zip(sources, results) if r.key and r.stamp})
    cache.prune({r.key for r in results if r.key})


def open_cache(root: Path) -> Cache | None:
    """The root's cache for this code, or None when it is turned off."""
    cache_at = _cache_at(root)
    return Cache(*cache_at) if cache_at else None


def _cache_at(root: Path) -> tuple[Path, str] | None:
    """Where this root's cache is, for this version of the code and schemas (None: cache off)."""
    if not cache.enabled():
        return None
    return root.resolve(), cache.code_version(tuple(k.schema_file for k in kinds.REGISTRY))


def read_all(root: Path, jobs: int | None = None, keep_data: bool = False
             ) -> tuple[list[SourceFile], list[FileResult], list[Problem]]:
    """Every file's own result (the per-file stage, cached), and the problems of files that cannot be read."""
    sources, problems = discover(root)
    cache_at = _cache_at(root)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    # Checking allocates millions of small objects that all stay alive (facts, paths) and form no
    # cycles; the cyclic collector would scan them again and again for nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        file_results = _results(sources, jobs, keep_data, cache_at)
        if cache_at:
            _remember(Cache(*cache_at), sources, file_results)
    finally:
        if gc_was_enabled:
            gc.enable()
    return sources, file_results, problems


def check(root: Path, jobs: int | None = None, keep_data: bool = False) -> CheckResult:
    """Load and validate everything under `root`; records are kept if `keep_data`."""
    sources, file_results, problems = read_all(root, jobs, keep_data)
    result = CheckResult(problems=problems, files=len(sources) + len(problems))
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(sources, file_results, result)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(sources: list[SourceFile], file_results: list[FileResult], result: CheckResult) -> CheckResult:
    for source, file_result in zip(sources, file_results):
        result.problems.extend(file_result.problems)
        if file_result.facts is not None:
            result.facts.append(file_result.facts)
        if file_result.record is not None:
            result.records.append((source.kind, file_result.record))
    result.problems.extend(check_references(result.facts))
    result.problems = sorted(set(result.problems))
    return result


def load_hub(root: Path, jobs: int | None = None) -> CheckResult:
    """`check`, then the model stage when the content is valid."""
    result = check(root, jobs, keep_data=True)
    if result.ok:
        # The checks across files are done: what the rest of a run reads of the facts is which record each file
        # holds (the history). Their ids, links and contacts (some 300 MB at 10,000 documents) go before the
        # model is built beside them.
        result.facts = [msgspec.structs.replace(f, defines=(), links=(), contacts=(), official=()) for f in result.facts]
        records, result.records = result.records, []
        records.reverse()
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            result.hub = build_hub(_consumed(records))
        finally:
            if gc_was_enabled:
                gc.enable()
        # The hub lives as long as the run and holds no cycles: keep the collector from
        # walking its millions of objects every time rendering allocates.
        gc.freeze()
    return result


def _consumed(items: list, every: int = 1000):
    """Items from the end of `items`, each dropped from the list as it is taken (their bytes are freed as the
    model turns them into structs); the freed memory is given back to the system `every` items."""
    taken = 0
    while items:
        yield items.pop()
        taken += 1
        if taken % every == 0:
            give_back_memory()
    give_back_memory()


_LIBC: list = []


def give_back_memory() -> None:
    """Return the memory freed so far to the system (glibc's `malloc_trim`; nothing elsewhere).

    A record's prepared bytes (tens of kilobytes each) come from the C heap, the structs made of them from
    Python's own arenas: without this, the heap keeps the pages of every freed record, and at 10,000
    documents the build carries some 400 MB it no longer uses beside the model.
    """
    if not _LIBC:
        try:
            _LIBC.append(ctypes.CDLL("libc.so.6").malloc_trim)
        except (OSError, AttributeError):
            _LIBC.append(None)
    if _LIBC[0] is not None:
        _LIBC[0](0)


@dataclass
class BuildResult:
    """What `build` did: problems (nothing published), or the counts of what was published."""

    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    redirects: int = 0
    data_files: int = 0
    timings: list[tuple[str, float]] = field(default_factory=list)  # work done beside the stages (the index)
    missing: tuple[str, ...] = ()  # footer settings mkdocs.yml lacks

    @property
    def ok(self) -> bool:
        return not self.problems


CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def read_site_info(config_file: Path, site_url: str | None = None, root: Path | None = None) -> SiteInfo:
    """The site's name, description, address and last update, from mkdocs.yml (plain YAML; `--site-url` wins).

    The date is the build's (SOURCE_DATE_EPOCH, else the content's last commit), never the clock.
    """
    import yaml

    from generator.publish.sitemap import build_date

    raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    url = site_url if site_url is not None else (raw.get("site_url") or "")
    if url and not url.endswith("/"):
        url += "/"
    updated = build_date(root) if root is not None else build_date()
    hub = (raw.get("extra") or {}).get("hub") or {}
    missing = [f"extra.hub.{key} ({what})" for key, what in (("publisher", "cơ quan xuất bản"), ("contact", "liên hệ"),
                                                            ("report", "địa chỉ báo lỗi nội dung")) if not hub.get(key)]
    return SiteInfo(name=raw.get("site_name", SiteInfo.name), url=url, description=raw.get("site_description", ""),
                    updated=f"{updated.day:02d}/{updated.month:02d}/{updated.year}", day=updated.isoformat(),
                    missing=tuple(missing))


def build(root: Path, out: Path | None = None, site_url: str | None = None, jobs: int | None = None,
          report: Progress | None = None, render_workers: int | None = None) -> BuildResult:
    """check -> model -> render + index + export -> publish (atomic swap into `out`, default root/site).

    `render_workers`: processes that render the pages (default: one per core for large sites, see
    generator/publish/parallel.py; `jobs` when given)."""
    from generator.index import search_files
    from generator.publish import MaterialPublisher, PublishError, jsonld_text, page_writer, publish, write_rest, \
        write_static
    from generator.publish.parallel import worker_count, write_pages
    from generator.publish.write import refusal
    from generator.render import page_jobs, redirects

    report = report or Progress(enabled=False)
    target = out or root / "site"
    reason = refusal(target.parent.resolve() / target.name, root)
    if reason:  # before any work: a build that could not publish should not make the editor wait
        raise PublishError(f"không xuất bản vào {reason}")
    report.stage("Kiểm tra nội dung")
    result = load_hub(root, jobs)
    if not result.ok or result.hub is None:
        report.close()
        return BuildResult(problems=result.problems)
    hub = result.hub
    attach_history(hub, root, result.facts)
    # The facts served the checks and the history; the rest of the build has the hub.
    del result
    config_file = config_of(root)
    site = read_site_info(config_file, site_url, root)
    # The search index is built in a second process while this one renders and writes the pages:
    # the two longest stages overlap on the machine's two cores. It reads the documents from the cache
    # one at a time (generator/workers.py), so the two processes do not each hold the hub.
    with workers.pool(1) as executor:
        index = workers.IndexJob(root, executor) if cache.enabled() else None
        moved = redirects(hub)
        publisher = MaterialPublisher(config_file, site, jsonld_text)
        counts = {}

        def build_site(staging: Path) -> None:
            report.stage("Dựng nội dung trang và dữ liệu tải về")
            written = []

            def put(relpath: str, parts: Iterable[bytes]) -> None:
                write_parts(staging, relpath, parts)
                written.append(relpath)
            # The data files are written first, as they are made: what the pages need of them is the tables'
            # summaries, and the hub alone is then in memory beside the pages' jobs.
            tables = write_data(hub, site, put)
            counts["data"] = len(written)
            give_back_memory()  # the tables' rows and the facts
            # The preview compares page keys; a build does not: dropped as each job is made.
            pages = page_jobs(hub, site, tables, keys=False)
            urls = [job.url for job in pages]
            report.stage("Xây dựng trang", total=len(pages))
            write_static(staging, publisher)
            workers = render_workers or jobs or worker_count(len(pages))
            write_pages(pages, min(workers, max(1, len(pages))), page_writer(staging, publisher), on_page=report.advance)
            write_rest(staging, publisher, urls, moved, (lambda: {}) if index else (lambda: search_files(hub)), site,
                       root)
            counts["pages"] = len(urls)
            if index:
                report.stage("Ghi chỉ mục tìm kiếm")
                index.move_into(staging)

        try:
            publish(out or root / "site", build_site, root=root)
        finally:
            publisher.close()
            if index:
                index.discard()
        report.close()
    return BuildResult(pages=counts["pages"], redirects=len(moved), data_files=counts["data"],
                       timings=index.timings if index else [], missing=site.missing)


def config_of(root: Path) -> Path:
    """The content root's mkdocs.yml, or the repository's when the root has none (a test tree)."""
    return root / "mkdocs.yml" if (root / "mkdocs.yml").is_file() else CONFIG


def attach_history(hub: Hub, root: Path, facts: list[Facts]) -> None:
    """Each record's changes from git (generator/history.py), and the content's date, onto the hub."""
    from generator.history import histories
    from generator.publish.sitemap import build_date

    by_path = histories(root, [kind.folder for kind in kinds.REGISTRY])
    hub.history = {(f.kind, f.id): by_path[f.path] for f in facts if f.path in by_path}
    hub.day = build_date(root).isoformat()


def write_data(hub: Hub, site: SiteInfo, put: Callable[[str, Iterable[bytes]], None]) -> tuple[TableSummary, ...]:
    """Every file of `data/`, `schema/`, `lich/` (calendars) and `tin/` (feeds), each handed to `put(path, parts)`
    as it is made, then let go; returns what the data page shows of the download tables.

    A table is made, written and dropped before the next, its files written in parts: at 10,000 documents
    the tables hold hundreds of thousands of rows, and their files hundreds of megabytes.
    """
    import datetime as dt

    from generator.calendars import calendar_files
    from generator.export import PARTS
    from generator.feeds import feed_files
    from generator.render.followthrough import table_change_finder, table_summary
    from generator.schemas import SCHEMA_DIR

    latest = table_change_finder(hub)
    summaries = []
    for kind in kinds.REGISTRY:
        for table in kind.tables(hub, site.url):
            for suffix, parts in PARTS.items():
                put(f"data/{table.name}.{suffix}", parts(table))
            summaries.append(table_summary(table, latest))
            del table
    day = dt.date.fromisoformat(site.day)
    for path, content in calendar_files(hub, site.url, day).items():
        put(path, (content,))
    for path, content in feed_files(hub, {ident: changes for (kind, ident), changes in hub.history.items()
                                          if kind == "document"}, site.url, day).items():
        put(path, (content,))
    # The schemas, published for editors' tools (`# yaml-language-server: $schema=...`).
    for path in [SCHEMA_DIR / "common.schema.json"] + [kind.schema_file for kind in kinds.REGISTRY]:
        put(f"schema/{path.name}", (path.read_bytes(),))
    return tuple(summaries)


def data_files(hub: Hub, site: SiteInfo) -> tuple[tuple[TableSummary, ...], dict[str, bytes]]:
    """`write_data` into memory: the download tables as the data page shows them, and every data file."""
    files: dict[str, bytes] = {}
    tables = write_data(hub, site, lambda path, parts: files.__setitem__(path, b"".join(parts)))
    return tables, files


def write_parts(folder: Path, relpath: str, parts: Iterable[bytes]) -> None:
    """One file of `write_data` under `folder`, written part by part."""
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        for part in parts:
            handle.write(part)
