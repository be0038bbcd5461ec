"""The index stage: every record as search entries, their lunr weights, and the files the browser reads.

Files (under the site's `search/`):
- `meta.json`: the only file with a fixed name: the build's version, counts,
  kinds, the first word of each lexicon page, the store's arithmetic;
- `<version>/l/<n>.json` lexicon pages, `<version>/p/<n>.json` postings pages
  (generator/search/layout.py), `<version>/s/<n>.json` store blocks
  (generator/search/store.py).
The version is a hash of every file's content: a portal serves everything
under it as immutable (README, "Search"), and a new build never reuses a
name for other content.

Scores are lunr's (generator/search/weights.py); lunr's pipeline (English
stemmer, stop words) is replaced by the Vietnamese one (generator/search_text.py,
theme/overrides/assets/search/vn.js), and the browser engine
(theme/overrides/assets/search/engine.js) ranks with them.
"""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec
import numpy as np

from generator import kinds
from generator.entries import Entry
from generator.model.hub import Hub
from generator.search.analysis import FIELDS, Analyzer
from generator.search.layout import LEXICON_BYTES, PAGE_BYTES, family_key, lay_out
from generator.search.store import ENTRIES_PER_BLOCK, PAGES_PER_BLOCK, bounded, build_store
from generator.search.spelling import spellings
from generator.search.weights import champions, weigh

#: Most postings kept for one term ("champion list"; generator/search/weights.py).
CHAMPIONS = 500

#: Format of the files, for the engine to refuse what it does not understand.
FORMAT = 2

_encode = msgspec.json.Encoder().encode


def hub_entries(hub: Hub) -> list[Entry]:
    """Every search entry of the hub, kind by kind in the registry's order, each bounded in size.

    A kind yields an entry pointing inside a page (a section, a target) right
    after that page's own entry, with any `parent`; here `parent` becomes the
    position of that page's entry.
    """
    entries: list[Entry] = []
    top = 0
    for kind in kinds.REGISTRY:
        for entry in kind.entries(hub):
            if entry.parent is None:
                top = len(entries)
            for number, part in enumerate(bounded(entry)):
                parent = top if entry.parent is not None or number > 0 else None
                entries.append(part if part.parent == parent else msgspec.structs.replace(part, parent=parent))
    return entries


def result_kinds(entries: list[Entry]) -> list[str]:
    """The result types, in order of first appearance (records store an index into this list)."""
    return list(dict.fromkeys(e.kind for e in entries))


def _json(value: Any) -> bytes:
    return _encode(value) + b"\n"


def search_files(hub: Hub) -> dict[str, bytes]:
    """The search files of the site: deterministic bytes, whatever the process or hash seed."""
    entries = hub_entries(hub)
    kind_names = result_kinds(entries)
    analyzer = Analyzer()
    postings = champions(weigh(entries, analyzer), CHAMPIONS)
    spelled = spellings(entries, analyzer)
    store = build_store(entries, kind_names, _encode)
    names = analyzer.terms()
    del analyzer
    order = sorted(range(len(names)), key=lambda t: family_key(names[t]))
    page_of = np.array(store.pages, dtype=np.int64)[postings.entries]
    differences = np.diff(page_of, prepend=0)
    differences[postings.starts[:-1][np.diff(postings.starts) > 0]] = page_of[postings.starts[:-1][np.diff(postings.starts) > 0]]
    columns = (differences.tolist(), np.array(store.positions, dtype=np.int64)[postings.entries].tolist(),
               postings.weights.tolist())
    starts = postings.starts.tolist()
    records = []
    for term in order:
        a, b = starts[term], starts[term + 1]
        row = [names[term], columns[0][a:b], columns[1][a:b], columns[2][a:b]]
        extra = spelled.columns(term, postings.entries[a:b])
        records.append(_encode(row + extra if extra else row))
    df = {names[t]: int(n) for t, n in enumerate(postings.df.tolist())}
    layout = lay_out([names[t] for t in order], records, df, _encode)
    files: dict[str, bytes] = {}
    for number, data in enumerate(layout.postings):
        files[f"p/{number}.json"] = data + b"\n"
    for number, data in enumerate(layout.lexicon):
        files[f"l/{number}.json"] = data + b"\n"
    for number in sorted(store.blocks):
        files[f"s/{number}.json"] = store.block_json(number)
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    version = digest.hexdigest()[:12]
    meta = {"format": FORMAT, "version": version, "entries": len(entries), "kinds": kind_names,
            "fields": [name for name, _ in FIELDS], "lexicon": layout.lexicon_starts, "champions": CHAMPIONS,
            "pagesPerBlock": PAGES_PER_BLOCK, "entriesPerBlock": ENTRIES_PER_BLOCK,
            "limits": {"postings": PAGE_BYTES, "lexicon": LEXICON_BYTES}}
    out = {f"search/{version}/{name}": data for name, data in sorted(files.items())}
    out["search/meta.json"] = _json(meta)
    return out
