"""The index stage: every record as search entries, their lunr weights, and the files the browser reads.

Files (under the site's `search/`):
- `meta.json`: the only file with a fixed name: the build's version, counts,
  kinds, the fields' boosts and average lengths (lunr's, for the engine to
  weigh a word it finds in a stored text: see engine.js `verify`), the first
  word of each lexicon page, the store's arithmetic;
- `<version>/l/<n>.json` lexicon pages, `<version>/p/<n>.json` postings pages
  (generator/search/layout.py), `<version>/s/<n>.json` store blocks
  (generator/search/store.py).
The version is a hash of every file's content: a portal serves everything
under it as immutable (README, "Search"), and a new build never reuses a
name for other content.

How, in bounded memory: one pass over the entries, page by page, writes each
page's store blocks and spills its (entry, field, term) rows to disk in
buckets of terms (generator/search/collect.py, spill.py); then each bucket
is weighed (generator/search/weights.py) and its postings records encoded,
one bucket in memory at a time. The documents are read once.

Scores are lunr's (generator/search/weights.py); lunr's pipeline (English
stemmer, stop words) is replaced by the Vietnamese one (generator/search_text.py,
theme/overrides/assets/search/vn.js), and the browser engine
(theme/overrides/assets/search/engine.js) ranks with them.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterator

import msgspec
import numpy as np

from generator import kinds
from generator.entries import Entry
from generator.model.hub import Hub
from generator.search import spelling
from generator.search.analysis import FIELDS, Analyzer
from generator.search.collect import POSTING, SPELLING, Collector
from generator.search.layout import LEXICON_BYTES, PAGE_BYTES, family_key, lay_out
from generator.search.spill import Spill
from generator.search.store import ENTRIES_PER_BLOCK, PAGES_PER_BLOCK, POSITIONS, StoreWriter, bounded
from generator.search.weights import Postings, averages, norms, weigh

#: Most postings kept for one term ("champion list"; generator/search/weights.py).
CHAMPIONS = 500

#: Format of the files, for the engine to refuse what it does not understand.
FORMAT = 4

_encode = msgspec.json.Encoder().encode


def pages(hub: Hub) -> Iterator[list[Entry]]:
    """Every page's search entries, its own first, kind by kind in the registry's order, each bounded in size.

    A kind yields an entry pointing inside a page (a section, a target) right
    after that page's own entry, with a `parent`; an entry without one starts
    the next page.
    """
    page: list[Entry] = []
    for kind in kinds.REGISTRY:
        for entry in kind.entries(hub):
            if entry.parent is None and page:
                yield page
                page = []
            page.extend(bounded(entry))
    if page:
        yield page


def hub_entries(hub: Hub) -> list[Entry]:
    """Every search entry of the hub, in order, `parent` being the position of its page's own entry."""
    entries: list[Entry] = []
    for page in pages(hub):
        top = len(entries)
        for number, entry in enumerate(page):
            parent = top if number else None
            entries.append(entry if entry.parent == parent else msgspec.structs.replace(entry, parent=parent))
    return entries


def result_kinds(entries: list[Entry]) -> list[str]:
    """The result types, in order of first appearance (records store an index into this list)."""
    return list(dict.fromkeys(e.kind for e in entries))


def _json(value: Any) -> bytes:
    return _encode(value) + b"\n"


class Builder:
    """The index of pages added one at a time (`add`), weighed bucket by bucket (`weighed`)."""

    def __init__(self, documents: int = 0) -> None:
        self.analyzer = Analyzer()
        self.store = StoreWriter(_encode)
        # about 50 documents' rows a bucket: a few hundred thousand rows in memory at a time
        buckets = min(1024, max(8, documents // 50))
        self.spilled = Spill(POSTING, buckets)
        self.spelled = Spill(SPELLING, buckets)
        self.collector = Collector(self.analyzer, self.spilled, self.spelled)

    def add(self, page: list[Entry]) -> None:
        """A page's entries, its own first."""
        self.store.add_page(page)
        for entry in page:
            self.collector.add(entry)

    def weighed(self, limit: int | None) -> Iterator[tuple[Postings, spelling.Masks]]:
        """Every bucket's postings (at most `limit` per term) and spelling masks; `self.ranks` holds the bucket's
        words' spellings when it comes, `self.field_counts` every term's (entry, field) count at the end."""
        collector = self.collector
        collector.flush()
        count, vocabulary = collector.entries, len(self.analyzer.term_ids)
        norm_of = norms(collector.lengths, count)
        pair_word = np.array(self.analyzer.pair_word, dtype=np.int64)
        self.ranks = spelling.Ranks.empty(vocabulary, len(pair_word))
        self.field_counts = np.zeros(vocabulary, dtype=np.int64)
        for bucket in range(self.spilled.buckets):
            post = weigh(self.spilled.read(bucket), count, norm_of, limit)
            self.field_counts[post.terms] = post.fields
            yield post, spelling.masks(self.spelled.read(bucket), pair_word, self.analyzer.pair_key, self.ranks)

    def close(self) -> None:
        self.spilled.close()
        self.spelled.close()


def _records(post: Postings, names: list[str], page_ids: np.ndarray, positions: np.ndarray,
             ranks: spelling.Ranks, masks: spelling.Masks) -> Iterator[tuple[int, bytes]]:
    """(term, encoded postings record) of every term of one bucket: `[term, page differences, positions,
    weights]`, plus `[spellings, exceptions]` for a word."""
    if not len(post.terms):
        return
    starts = post.starts
    page_of = page_ids[post.entries]
    differences = np.diff(page_of, prepend=0)
    differences[starts[:-1]] = page_of[starts[:-1]]
    mask = masks.of(np.repeat(post.terms, np.diff(starts)), post.entries)
    columns = differences.tolist(), positions[post.entries].tolist(), post.weights.tolist()
    for index, term in enumerate(post.terms.tolist()):
        a, b = int(starts[index]), int(starts[index + 1])
        row = [names[term], columns[0][a:b], columns[1][a:b], columns[2][a:b]]
        extra = spelling.columns(term, ranks, mask[a:b])
        yield term, _encode(row + extra if extra else row)


def search_files(hub: Hub) -> dict[str, bytes]:
    """The search files of the site: deterministic bytes, whatever the process or hash seed."""
    builder = Builder(len(hub.documents))
    try:
        for page in pages(hub):
            builder.add(page)
        store, collector = builder.store, builder.collector
        names = builder.analyzer.terms()
        page_ids = np.frombuffer(store.pages, dtype=np.int64)
        positions = np.frombuffer(store.positions, dtype=np.int64)
        records: list[bytes] = [b""] * len(names)
        for post, masks in builder.weighed(CHAMPIONS):
            for term, data in _records(post, names, page_ids, positions, builder.ranks, masks):
                records[term] = data
    finally:
        builder.close()
    order = sorted(range(len(names)), key=lambda t: family_key(names[t]))
    counts = builder.field_counts.tolist()  # the lexicon's rarity: lunr's document count
    layout = lay_out([names[t] for t in order], [records[t] for t in order], {names[t]: counts[t] for t in order},
                     _encode)
    del records
    files: dict[str, bytes] = {}
    for number, data in enumerate(layout.postings):
        files[f"p/{number}.json"] = data
    for number, data in enumerate(layout.lexicon):
        files[f"l/{number}.json"] = data
    blocks = store.finish()
    for number in sorted(blocks):
        files[f"s/{number}.json"] = blocks.pop(number)
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    version = digest.hexdigest()[:12]
    meta = {"format": FORMAT, "version": version, "entries": collector.entries, "kinds": list(store.kinds),
            "fields": [name for name, _ in FIELDS], "boosts": [boost for _, boost in FIELDS],
            "lengths": averages(collector.lengths, collector.entries), "lexicon": layout.lexicon_starts,
            "champions": CHAMPIONS,
            "pagesPerBlock": PAGES_PER_BLOCK, "entriesPerBlock": ENTRIES_PER_BLOCK, "positions": POSITIONS,
            "pageKinds": store.page_kinds, "limits": {"postings": PAGE_BYTES, "lexicon": LEXICON_BYTES}}
    out = {f"search/{version}/{name}": data for name, data in sorted(files.items())}
    out["search/meta.json"] = _json(meta)
    return out
