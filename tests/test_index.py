"""The index stage: lunr's weights, files of bounded size, deterministic and versioned output."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import defaultdict

import msgspec
import pytest

from generator.kinds.document_search import ENTRY_TEXT
from generator.pipeline import load_hub
from generator.search import CHAMPIONS, Builder, hub_entries, pages, search_files
from generator.search.analysis import FIELDS
from generator.search.layout import LEXICON_BYTES, PAGE_BYTES, lay_out
from generator.search_text import sort_key, term_hash
from generator.search.store import BLOCK_BYTES, SHOWN
from tests.conftest import REPO


@pytest.fixture(scope="module")
def hub():
    return load_hub(REPO).hub


@pytest.fixture(scope="module")
def files(hub):
    return search_files(hub)


def test_weights_are_lunr_pys_weights(hub):
    """Every (term, entry) weight equals the sum over fields of what lunr.py's Builder serializes."""
    from lunr.builder import Builder as LunrBuilder

    builder = Builder()
    entries = []
    for page in pages(hub):
        builder.add(page)
        entries.extend(page)
    fields = [builder.collector.fields(entry) for entry in entries]
    names = builder.analyzer.terms()
    ours = {}
    try:
        for post, _ in builder.weighed(None):
            for index, term in enumerate(post.terms.tolist()):
                a, b = post.starts[index], post.starts[index + 1]
                for entry, weight in zip(post.entries[a:b].tolist(), post.weights[a:b].tolist()):
                    ours[names[term], entry] = [weight >> 1, weight & 1]
    finally:
        builder.close()
    lunr = LunrBuilder()
    lunr.pipeline.reset()
    lunr.search_pipeline.reset()
    lunr.ref("r")
    for name, boost in FIELDS:
        lunr.field(name, boost=boost)
    for number, analysed in enumerate(fields):
        terms = [[names[t] for text in field for t, n in zip(text.terms.tolist(), text.tf.tolist()) for _ in range(n)]
                 for field in analysed]
        lunr.add({"r": str(number), **{name: field for (name, _), field in zip(FIELDS, terms)}})
    index = lunr.build().serialize()
    vectors = {ref: dict(zip(values[::2], values[1::2])) for ref, values in index["fieldVectors"]}
    expected: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for term, posting in index["invertedIndex"]:
        for number, (field, _) in enumerate(FIELDS):
            for ref in posting[field]:
                found = expected[term, int(ref)]
                found[0] += round(vectors[f"{field}/{ref}"][posting["_index"]] * 1000)
                found[1] |= number == 0
    assert len(ours) == len(expected) > 5000
    assert ours == {key: [w, int(title)] for key, (w, title) in expected.items()}


def test_every_index_file_has_a_bounded_size(files):
    """However crowded a prefix or large a family, no file grows with it: postings pages by bytes (plus at
    most one record, itself bounded by the champion limit), lexicon pages by bytes, store blocks by bytes
    (or one entry of bounded size)."""
    largest_record = 2 * ENTRY_TEXT * 4 + 8 * SHOWN * 4  # UTF-8 text, passages and shown strings, generously
    for name, data in files.items():
        if "/p/" in name:
            records = [len(msgspec.json.encode(r)) for r in json.loads(data)]
            assert len(data) <= PAGE_BYTES + 2 + max(records, default=0), name
        elif "/l/" in name:
            assert len(data) <= LEXICON_BYTES + 1, name
        elif "/s/" in name:
            assert len(data) <= max(BLOCK_BYTES, largest_record), name


def test_a_large_familys_terms_are_on_the_page_their_hash_names():
    """A common word's thousands of phrases: n pages, each term on page first + hash % n, each page within
    bounds; the lexicon entry stays four values, however many pages."""
    terms = ["hoc"] + sorted((f"hoc+{n:05d}" for n in range(3000)), key=sort_key)
    records = [msgspec.json.encode([t, [1], [0], [7]]) for t in terms]
    records[0] = msgspec.json.encode(["hoc", list(range(500)), [0] * 500, [9] * 500])
    layout = lay_out(terms, list(records), {"hoc": 3001}, msgspec.json.encode)
    (entry,) = json.loads(layout.lexicon[0])
    word, count, first, n = entry
    assert (word, count) == ("hoc", 3001) and n == len(layout.postings) > 2
    for term in terms:
        page = json.loads(layout.postings[first + term_hash(term) % n])
        assert term in [r[0] for r in page]
    for data in layout.postings:
        sizes = [len(msgspec.json.encode(r)) for r in json.loads(data)]
        assert len(data) - max(sizes, default=0) <= PAGE_BYTES + 2


def test_a_single_term_fits_a_page_whatever_the_corpus(files):
    for name, data in files.items():
        if "/p/" in name:
            for record in json.loads(data):
                assert len(record[1]) <= CHAMPIONS


def test_files_live_under_the_builds_version(files):
    meta = json.loads(files["search/meta.json"])
    version = meta["version"]
    assert set(files) - {"search/meta.json"} and all(n.startswith(f"search/{version}/") for n in files if n != "search/meta.json")
    digest = hashlib.sha256()
    for name in sorted(n for n in files if n != "search/meta.json"):
        digest.update(name.removeprefix(f"search/{version}/").encode() + b"\0" + files[name])
    assert digest.hexdigest()[:12] == version


SCRIPT = """
import hashlib, sys
from pathlib import Path
from generator.pipeline import load_hub
from generator.search import search_files
files = search_files(load_hub(Path(sys.argv[1])).hub)
print(hashlib.sha256(b"".join(k.encode() + b"\\0" + files[k] for k in sorted(files))).hexdigest())
"""


def test_search_files_are_byte_identical_across_processes_and_hash_seeds():
    digests = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        run = subprocess.run([sys.executable, "-c", SCRIPT, str(REPO)], env=env, capture_output=True, text=True,
                             check=True)
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_long_sections_become_entries_of_bounded_text_linked_to_their_items(hub):
    entries = hub_entries(hub)
    sections = [e for e in entries if e.kind == "Mục văn bản"]
    assert all(sum(len(p.text) for p in e.body()) <= ENTRY_TEXT for e in entries)
    deep = [p.anchor for e in sections for p in e.passages if p.anchor.count("-") >= 3]
    assert deep, "items below a section keep their own anchors (muc-3-4-1-2)"


def test_signer_number_and_issuer_are_labelled_fields(hub):
    doc = next(e for e in hub_entries(hub) if e.url == "van-ban/kh-104-ubnd-thai-nguyen-2022/")
    labels = {f.label: f.text for f in doc.fields}
    assert labels["Người ký"] == "Đặng Xuân Trường" and labels["Số hiệu"] == "104/KH-UBND"
    assert "Cơ quan ban hành" in labels
