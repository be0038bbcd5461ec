"""The index stage: what lunr.py builds, and how it is published in shards."""

from __future__ import annotations

from generator.index import (build_index, entry_ref, entry_terms, hub_entries, new_builder, postings_of,
                             search_files, shards)
from generator.pipeline import load_hub
from tests.conftest import REPO


def test_fast_builder_gives_exactly_lunr_pys_index():
    """`add_terms` must be a faster `Builder.add`, nothing else."""
    from lunr.builder import Builder

    entries = hub_entries(load_hub(REPO).hub)
    reference = new_builder(Builder)
    for position, entry in enumerate(entries):
        reference.add({"r": entry_ref(position, entry), **entry_terms(entry)})
    assert build_index(entries) == reference.build().serialize()


def test_published_scores_are_lunr_pys_scores():
    """The shards' scores, computed without lunr.Vector, equal those in lunr.py's serialized index."""
    entries = hub_entries(load_hub(REPO).hub)
    builder = new_builder()
    for position, entry in enumerate(entries):
        builder.add_terms(entry_ref(position, entry), entry_terms(entry))
    fast = {t: (i, sorted(p)) for t, (i, p) in builder.postings().items()}
    reference = {t: (i, sorted(p)) for t, (i, p) in postings_of(build_index(entries)).items()}
    assert fast == reference


def test_shards_hold_every_posting_of_their_terms():
    entries = hub_entries(load_hub(REPO).hub)
    index = build_index(entries)
    by_key = shards(postings_of(index))
    postings = {term: sum(len(p[f]) for f in index["fields"]) for term, p in index["invertedIndex"]}
    found = {term: len(flat) // 3 for group in by_key.values() for term, _, flat in group}
    assert found == postings


def test_search_files_are_deterministic():
    hub = load_hub(REPO).hub
    assert search_files(hub) == search_files(hub)
