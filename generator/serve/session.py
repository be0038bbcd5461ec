"""The preview's build, kept in memory between saves: a change re-renders only the pages it reaches.

The first build is a whole build, published atomically into the preview
folder. After it, a saved plan goes through the same stages for itself
alone: it is read and checked again (every other file's result is still in
memory), the cross-file checks run over everyone's facts, the model is
updated, and only the pages that show something of the changed documents
are rendered again and written in place, one file at a time:

- the changed documents' own pages, and those of every record they name
  (issuer, locality, bodies, indicators, documents they cite) or that names
  them (documents citing them), before and after the change;
- the listings of those kinds, and the site's own pages (home, about, data);
- redirects and downloads, whose bytes are compared before writing.

A change to any other kind of record (a body renamed shows on thousands of
pages), to the theme or to mkdocs.yml is a whole build again. The search
index is rebuilt in a background process after the pages, so the browser
reloads as soon as the pages are written; search results follow seconds later.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import kinds
from generator.model import build_hub, to_struct
from generator.model.hub import Hub, with_documents_changed
from generator.pipeline import attach_history, config_of, data_files, open_cache, read_all, read_site_info
from generator.problems import summary_line
from generator.schemas import fast_validator
from generator.publish import MaterialPublisher, PublishError, jsonld_text, publish, write_site
from generator.publish.material import redirect_html
from generator.publish.rules import secure_html
from generator.publish.sitemap import build_date, sitemap_xml
from generator.render import redirects, site_jobs
from generator.serve.state import Outcome
from generator.site import PageJob, Redirect, output_path
from generator.sources import SourceFile, discover
from generator.validate import check_references
from generator.validate.per_file import FileResult, process_file
from generator.workers import die_with_parent

RecordKey = tuple[str, str]  # (kind, id)

#: The open-data page: it lists the download tables, which the background process rebuilds.
DATA_PAGE = "du-lieu/"

#: Background work waits for the editor to pause this long (seconds) after a save.
BACKGROUND_DELAY_S = 2.0


@dataclass
class Good:
    """What the last good build published, to tell what a change reaches."""

    hub: Hub
    records: dict[RecordKey, bytes]
    links: dict[RecordKey, set[RecordKey]]  # a record -> the records it names
    urls: set[str]
    keys: dict[str, Any]  # url -> the key of the page written there (listings)
    redirects: dict[str, str]


@dataclass
class Session:
    root: Path
    out: Path
    results: dict[str, tuple[SourceFile, FileResult]] = field(default_factory=dict)
    good: Good | None = None
    publisher: MaterialPublisher | None = None
    search: Any = None
    timer: Any = None

    # --- entry point -------------------------------------------------------------------
    def build(self, paths: set[str] | None = None) -> Outcome:
        """A build for the files in `paths` (None: everything); whatever goes wrong comes back as lines.

        An unexpected exception is a bug of the generator, not of the content: its
        traceback goes to the terminal for whoever fixes it, and the preview lives on.
        """
        try:
            if self.good is None or paths is None or not self._content_only(paths):
                return self._whole()
            return self._update(paths)
        except PublishError as err:
            self.good = None
            lines = [f"Xây dựng trang thất bại, trang cũ được giữ nguyên: {err}"]
            return Outcome(False, lines, f"Có {len(lines)} lỗi khi xây dựng trang. Trang chưa được cập nhật.")
        except Exception as err:  # noqa: BLE001 - the preview must outlive a generator bug
            traceback.print_exc()
            self.good = None
            line = f"Lỗi của trình tạo trang (không phải của nội dung): {type(err).__name__}: {err}"
            return Outcome(False, [line], "Trang chưa được cập nhật.")

    def _content_only(self, paths: set[str]) -> bool:
        folders = tuple(str(self.root / kind.folder) + os.sep for kind in kinds.REGISTRY)
        return all(path.startswith(folders) for path in paths)

    # --- reading and checking -------------------------------------------------------------
    def _read(self, paths: set[str] | None = None) -> list:
        """Every file's result and all problems: the files in `paths` (or all) read again, the others as
        the session last saw them (unchanged files come from the cache)."""
        if paths is None:
            sources, results, problems = read_all(self.root, keep_data=True)
            self.results = {s.relpath: (s, r) for s, r in zip(sources, results)}
        else:
            sources, problems = discover(self.root)
            cache = open_cache(self.root)
            known = self.results
            self.results = {}
            for source in sources:
                if source.relpath in known and str(source.abspath) not in paths:
                    self.results[source.relpath] = known[source.relpath]
                else:
                    self.results[source.relpath] = (source, process_file(source, True, cache))
        problems = list(problems) + [p for _, r in self.results.values() for p in r.problems]
        problems += check_references([r.facts for _, r in self.results.values() if r.facts is not None])
        return sorted(set(problems))

    def _current(self) -> tuple[dict[RecordKey, bytes], dict[RecordKey, set[RecordKey]]]:
        """Every valid record's bytes, and the records each names (a target named stands for its document)."""
        records, links = {}, {}
        owners = {ident: r.facts.id for _, r in self.results.values() if r.facts is not None
                  for ident, kind, _ in r.facts.defines if kind not in (r.facts.kind,)}
        inner = {name for name in kinds.INNER_KINDS}
        for source, result in self.results.values():
            if result.record is not None and result.facts is not None:
                key = (source.kind, result.facts.id)
                records[key] = result.record
                links[key] = {("document", owners[ident]) if kind in inner and ident in owners else (kind, ident)
                              for _, kind, ident in result.facts.links if kind not in inner or ident in owners}
        return records, links

    # --- a whole build ---------------------------------------------------------------------
    def _whole(self) -> Outcome:
        from generator.index import search_files
        from generator.render import page_jobs

        self.good = None
        self._stop_search()
        problems = self._read()
        if problems:
            return Outcome(False, [p.format() for p in problems], summary_line(problems))
        records, links = self._current()
        hub = build_hub(((kind, blob) for (kind, _), blob in records.items()))
        attach_history(hub, self.root, [r.facts for _, r in self.results.values() if r.facts is not None])
        config = config_of(self.root)
        site = read_site_info(config, None, self.root)
        if self.publisher is not None:
            self.publisher.close()
        self.publisher = MaterialPublisher(config, site, jsonld_text)
        tables, data = data_files(hub, site)
        jobs = page_jobs(hub, site, tables)
        moved = redirects(hub)
        publish(self.out, lambda staging: write_site(staging, self.publisher, (job() for job in jobs), moved,
                                                     lambda: {**data, **search_files(hub)}, site, root=self.root),
                root=self.root)
        self.good = Good(hub, records, links, {job.url for job in jobs}, {job.url: job.key for job in jobs},
                         {r.url: r.target for r in moved})
        for kind in kinds.REGISTRY:  # compiled now, so the first edit does not wait for it
            fast_validator(kind.name)
        gc.freeze()
        return Outcome(True, [], f"Đã cập nhật trang xem trước: {len(jobs)} trang.")

    # --- a change to some documents ---------------------------------------------------------
    def _update(self, paths: set[str]) -> Outcome:
        assert self.good is not None and self.publisher is not None
        problems = self._read(paths)
        if problems:
            return Outcome(False, [p.format() for p in problems], summary_line(problems))
        records, links = self._current()
        good = self.good
        changed = {key for key in records.keys() | good.records.keys() if records.get(key) != good.records.get(key)}
        if not changed:
            return Outcome(True, [], "Đã cập nhật trang xem trước: không có trang nào thay đổi.")
        if any(kind != "document" for kind, _ in changed):
            return self._whole()
        hub = _updated_hub(good.hub, records, changed)
        reached = set(changed)
        for key in changed:
            reached |= good.links.get(key, set()) | links.get(key, set())
        reached |= {key for key, named in links.items() if named & changed}
        site = self.publisher.site
        jobs, stale = _jobs_for(hub, good, reached, site)
        rewritten = 0
        keys = dict(good.keys)
        for job in jobs:
            keys[job.url] = job.key
            if job.key is not None and good.keys.get(job.url) == job.key:
                continue  # a listing page showing the same records, counts and facets as before
            page = job()
            relpath = output_path(page.url)
            rewritten += _write(self.out, relpath, secure_html(relpath, self.publisher.page_html(page)).encode("utf-8"))
        for url in stale:
            _remove(self.out, output_path(url))
        moved = {r.url: r.target for r in redirects(hub)}
        for url, target in moved.items():
            if good.redirects.get(url) != target:
                relpath = output_path(url)
                _write(self.out, relpath, secure_html(relpath, redirect_html(Redirect(url, target))).encode("utf-8"))
        for url in good.redirects.keys() - moved.keys():
            _remove(self.out, output_path(url))
        urls = (good.urls - stale) | {job.url for job in jobs}
        if urls != good.urls:
            _write(self.out, "sitemap.xml", sitemap_xml(sorted(urls), site.url, build_date(self.root)))
        for url in stale:
            keys.pop(url, None)
        self.good = Good(hub, records, links, urls, keys, moved)
        gc.freeze()  # what lives on joins the hub, out of the collector's way (see pipeline.load_hub)
        self._refresh_search()
        return Outcome(True, [], f"Đã cập nhật trang xem trước: {rewritten} trang thay đổi.")

    def _stop_search(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.search is not None and self.search.is_alive():
            self.search.terminate()
            self.search.join()
        self.search = None

    def _refresh_search(self, delay: float = BACKGROUND_DELAY_S) -> None:
        """Downloads, the data page and the search index again, in a background process: they take
        seconds, and the pages do not wait for them. It starts once the editor pauses (`delay`), at the
        lowest priority, so it never slows the next save's pages."""
        self._stop_search()
        if delay <= 0:
            self._start_search()
            return
        self.timer = threading.Timer(delay, self._start_search)
        self.timer.daemon = True
        self.timer.start()

    def _start_search(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.search = context.Process(target=rebuild_search, args=(self.root, self.out, kinds.added(), os.getpid()),
                                      daemon=True)
        self.search.start()

    def settle(self, timeout: float = 120) -> None:
        """Wait for the background work of the last update (tests and benchmarks compare whole sites)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
            self._start_search()
        if self.search is not None:
            self.search.join(timeout)

    def close(self) -> None:
        self._stop_search()
        if self.publisher is not None:
            self.publisher.close()


def _updated_hub(old: Hub, records: dict[RecordKey, bytes], changed: set[RecordKey]) -> Hub:
    """The last good hub with the changed documents replaced, added or removed, and its indexes derived again."""
    by_kind = {kind: dict(items) for kind, items in old.records.items()}
    for kind, ident in changed:
        if (kind, ident) in records:
            by_kind[kind][ident] = to_struct(kind, records[(kind, ident)])
        else:
            by_kind[kind].pop(ident, None)
    documents = kinds.get("document")
    return with_documents_changed(old, {kind: dict(sorted(items.items())) for kind, items in by_kind.items()},
                                  {ident for _, ident in changed}, documents.indexed, documents.order)


def _jobs_for(hub: Hub, good: Good, reached: set[RecordKey], site: Any) -> tuple[list[PageJob], set[str]]:
    """The pages to render again (the data page is the background's), and the addresses that no longer have one."""
    jobs: list[PageJob] = [job for job in site_jobs(hub, site) if job.url != DATA_PAGE]
    old_urls: set[str] = set()
    by_record: dict[str, set[str]] = {}
    for url in good.urls:
        parts = url.split("/", 2)
        by_record.setdefault("/".join(parts[:2]) + "/", set()).add(url)
    for kind_name in sorted({kind for kind, _ in reached}):
        kind = kinds.get(kind_name)
        records = hub.records.get(kind_name, {})
        ids = {ident for k, ident in reached if k == kind_name}
        for ident in sorted(ids):
            old_urls |= by_record.get(kind.url(ident), set())
            if ident in records:
                jobs.extend(kind.record_pages(records[ident], hub, site))
        if kind.listing:
            section = kind.section + "/"
            known = set(records) | set(good.hub.records.get(kind_name, {}))
            old_urls |= {url for url in good.urls if url.startswith(section) and url.split("/")[1] not in known}
            jobs.extend(kind.listing_pages([records[i] for i in hub.ordered[kind_name]], hub, site))
    return jobs, old_urls - {job.url for job in jobs} - {DATA_PAGE}


def _write(out: Path, relpath: str, data: bytes) -> bool:
    """One file of the preview, replaced whole (a page being read is never half-written) if its bytes differ."""
    path = out / relpath
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as temporary:
        temporary.write(data)
    os.replace(temporary.name, path)
    return True


def _remove(out: Path, relpath: str) -> None:
    path = out / relpath
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def rebuild_search(root: Path, out: Path, extra: list, parent: int | None = None) -> None:
    """In a background process: downloads, the data page and the search index of the current content."""
    from generator.index import search_files
    from generator.pipeline import load_hub

    os.nice(19)
    die_with_parent(parent)
    kinds.install(extra)
    result = load_hub(root, jobs=1)
    if not result.ok or result.hub is None:
        return
    attach_history(result.hub, root, result.facts)
    config = config_of(root)
    site = read_site_info(config, None, root)
    tables, data = data_files(result.hub, site)
    for relpath, content in sorted(data.items()):
        _write(out, relpath, content)
    publisher = MaterialPublisher(config, site, jsonld_text)
    try:
        page = next(job for job in site_jobs(result.hub, site, tables) if job.url == DATA_PAGE)()
        relpath = output_path(DATA_PAGE)
        _write(out, relpath, secure_html(relpath, publisher.page_html(page)).encode("utf-8"))
    finally:
        publisher.close()
    files = search_files(result.hub)
    for relpath, content in sorted(files.items()):
        _write(out, relpath, content)
    search = out / "search"
    for path in sorted(search.rglob("*")) if search.is_dir() else ():
        if path.is_file() and path.relative_to(out).as_posix() not in files and path.name != "search_index.json":
            path.unlink(missing_ok=True)
    for folder in sorted((p for p in search.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
