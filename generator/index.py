"""The index stage: every record as search entries, and a lunr index of them.

lunr.py builds the index that lunr.js 2.3.9 loads in the browser. lunr's own
pipeline (English stemmer, stop words) is switched off: terms come from our
Vietnamese pipeline (`search_text`), identical in the browser (vn.js).

The serialized lunr index is published in shards, so a phone downloads only
what a query needs (search/ of the site):
- `meta.json`: lunr version, fields, entry count, which shards exist, kind labels;
- `t/<key>.json`: every term whose folded form starts with `key` (two
  characters), with its lunr term index and postings (field, entry, score
  x 1000). A shard holds all postings of its terms, so the browser rebuilds
  lunr's own serialized index from the shards it has, and lunr.js loads it;
  lunr scores a document from the query's terms only, so the scores equal
  those of the whole index;
- `s/<n>.json`: titles, addresses and snippet text of entries n*STORE_CHUNK..,
  fetched only for the results shown.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Iterable

from collections import defaultdict

from lunr.builder import Builder
from lunr import __TARGET_JS_VERSION__
from lunr.idf import idf
from lunr.index import Index

from generator import kinds
from generator.entries import Entry
from generator.model.hub import Hub
from generator.search_text import exact_term, fold, terms

#: Field boosts: a word in a title or a number/name field counts more than one in running text.
FIELDS = (("t", 4), ("k", 3), ("b", 1))

#: The lunr.js version the index is built for (lunr.py's target).
LUNR_JS = __TARGET_JS_VERSION__

#: Longest text kept per entry for snippets (characters).
SNIPPET_SOURCE = 600


def hub_entries(hub: Hub) -> list[Entry]:
    """Every search entry of the hub, kind by kind in the registry's order.

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
                entries.append(entry)
            else:
                entries.append(replace(entry, parent=top))
    return entries


def result_kinds(entries: list[Entry]) -> list[str]:
    """The result types, in order of first appearance (entries store an index into this list)."""
    return list(dict.fromkeys(e.kind for e in entries))


def entry_ref(position: int, entry: Entry) -> str:
    """lunr ref: the entry's position, and `>parent` for entries inside a page, so results group without the store."""
    return f"{position}>{entry.parent}" if entry.parent is not None else str(position)


class TermBuilder(Builder):
    """lunr.py's Builder, fed terms that are already tokens.

    `Builder.add` runs lunr's tokenizer, which deep-copies metadata for every
    token; with our own pipeline the terms are final, so `add_terms` does the
    same bookkeeping as `add` without it (tests/test_index.py checks the output
    is identical to `add`'s). Index construction (BM25 field vectors) is lunr.py's.
    """

    def add_terms(self, ref: str, fields: dict[str, list[str]]) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            field_terms: dict[str, int] = defaultdict(int)
            terms_ = fields[field_name]
            field_ref = f"{field_name}/{ref}"
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms_)
            for term in terms_:
                field_terms[term] += 1
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                if ref not in posting[field_name]:
                    posting[field_name][ref] = defaultdict(list)

    def postings(self) -> dict[str, tuple[int, list[tuple[int, int, str]]]]:
        """{term: (term index, [(score x 1000, field number, ref)])}: the scores lunr.py's field
        vectors hold (same BM25 formula, idf and rounding as `_create_field_vectors`), computed
        without building lunr.Vector objects, which only the browser needs."""
        self._calculate_average_field_lengths()
        k1, b = self._k1, self._b
        field_numbers = {name: number for number, name in enumerate(self._fields)}
        idf_cache: dict[str, float] = {}
        out: dict[str, tuple[int, list[tuple[int, int, str]]]] = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            field_name, ref = field_ref.split("/", 1)
            norm = k1 * (1 - b + b * (self.field_lengths[field_ref] / self.average_field_length[field_name]))
            boost = self._fields[field_name].boost
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                weight = idf_cache.get(term)
                if weight is None:
                    weight = idf_cache[term] = idf(posting, self.document_count)
                score = round(weight * ((k1 + 1) * tf) / (norm + tf) * boost, 3)
                out.setdefault(term, (posting["_index"], []))[1].append(
                    (round(round(score, 3) * 1000), field_numbers[field_name], ref))
        return out

    def serialized(self) -> dict[str, Any]:
        """What `build().serialize()` gives, without the token set only the browser needs."""
        self._calculate_average_field_lengths()
        self._create_field_vectors()
        return Index(inverted_index=self.inverted_index, field_vectors=self.field_vectors, token_set=None,
                     fields=list(self._fields), pipeline=self.search_pipeline).serialize()


def new_builder(builder_class: type[Builder] = TermBuilder) -> Builder:
    builder = builder_class()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    return builder


def entry_terms(entry: Entry) -> dict[str, list[str]]:
    return {"t": terms(entry.title), "k": terms(entry.keywords) + [exact_term(entry.title)], "b": terms(entry.text)}


def build_index(entries: Iterable[Entry]) -> dict[str, Any]:
    """The lunr index (as lunr.js 2.3.9 loads it) over our own terms."""
    builder = new_builder()
    for position, entry in enumerate(entries):
        builder.add_terms(entry_ref(position, entry), entry_terms(entry))
    return builder.serialized()


#: Entries per store chunk.
STORE_CHUNK = 50

#: Most postings kept for one term ("champion list"): a word found in thousands of entries keeps
#: the entries where it weighs most. Scores are lunr's own, computed on the whole index, so the
#: kept entries rank exactly as before; only entries far down a very common word's list drop out.
CHAMPIONS = 800


def shard_key(term: str) -> str:
    """Which shard holds `term`: the first two characters of its folded form (markers _ # = dropped).

    vn.js computes the same key for query terms.
    """
    return fold(term.lstrip("_#="))[:2] or "_"


def shard_file(key: str) -> str:
    """A file name for any key (keys may hold non-Latin letters)."""
    return key.encode("utf-8").hex()


def postings_of(index: dict[str, Any]) -> dict[str, tuple[int, list[tuple[int, int, str]]]]:
    """The postings with scores, read from lunr's serialized index (what `TermBuilder.postings` computes)."""
    fields = index["fields"]
    vectors = {ref: dict(zip(values[::2], values[1::2])) for ref, values in index["fieldVectors"]}
    return {term: (posting["_index"], [(round(vectors[f"{field}/{ref}"][posting["_index"]] * 1000), number, ref)
                                       for number, field in enumerate(fields) for ref in posting[field]])
            for term, posting in index["invertedIndex"]}


def shards(postings: dict[str, tuple[int, list[tuple[int, int, str]]]]) -> dict[str, list[list[Any]]]:
    """Postings regrouped by shard key: [term, term index, [field, ref, score x 1000, ...]], terms sorted."""
    out: dict[str, list[list[Any]]] = {}
    for term in sorted(postings):
        term_index, found = postings[term]
        if len(found) > CHAMPIONS:
            found = sorted(found, key=lambda p: (-p[0], p[1], int(p[2].split(">")[0])))[:CHAMPIONS]
        flat: list[Any] = []
        for score, field_number, ref in sorted(found, key=lambda p: (p[1], int(p[2].split(">")[0]))):
            flat.extend((field_number, ref, score))
        out.setdefault(shard_key(term), []).append([term, term_index, flat])
    return out


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def search_files(hub: Hub) -> dict[str, bytes]:
    """The search files of the site, deterministic bytes."""
    entries = hub_entries(hub)
    kind_names = result_kinds(entries)
    builder = new_builder()
    for position, entry in enumerate(entries):
        builder.add_terms(entry_ref(position, entry), entry_terms(entry))
    by_key = shards(builder.postings())
    files = {f"search/t/{shard_file(key)}.json": _dump(terms_) for key, terms_ in sorted(by_key.items())}
    for start in range(0, len(entries), STORE_CHUNK):
        chunk = entries[start:start + STORE_CHUNK]
        files[f"search/s/{start // STORE_CHUNK}.json"] = _dump(
            [[kind_names.index(e.kind), e.title, e.url, e.parent, e.text[:SNIPPET_SOURCE]] for e in chunk])
    files["search/meta.json"] = _dump({"lunr": LUNR_JS, "fields": [name for name, _ in FIELDS], "count": len(entries),
                                       "shards": sorted(shard_file(k) for k in by_key), "chunk": STORE_CHUNK,
                                       "kinds": kind_names})
    return files
