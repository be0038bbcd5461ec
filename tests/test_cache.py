"""The per-file cache: a second run reads what the first learned, and is never wrong for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check, load_hub
from generator.validate import per_file


def _forbid_parsing(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("a file was parsed although its bytes were cached")
    monkeypatch.setattr(per_file, "_process", fail)


def test_a_second_run_reads_every_file_from_the_cache(base_tree: Path, monkeypatch):
    first = load_hub(base_tree, jobs=1)
    assert first.ok and (base_tree / "build" / "cache").is_dir()
    _forbid_parsing(monkeypatch)
    second = load_hub(base_tree, jobs=1)
    assert second.ok and second.hub == first.hub


def test_unchanged_files_are_not_even_read(base_tree: Path, monkeypatch):
    """Like git's index: same size and modification time, same bytes."""
    first = load_hub(base_tree, jobs=1).hub
    monkeypatch.setattr(per_file, "read_source", lambda source: (_ for _ in ()).throw(AssertionError(source.relpath)))
    assert load_hub(base_tree, jobs=1).hub == first


def test_problems_come_back_from_the_cache_as_they_were_found(base_tree: Path, monkeypatch):
    plan = base_tree / "plans" / "kh-2-ubnd-mau-2022.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 90", "value: 190"), encoding="utf-8")
    first = [p.format() for p in check(base_tree, jobs=1).problems]
    assert len(first) == 1 and "190%" in first[0]
    _forbid_parsing(monkeypatch)
    assert [p.format() for p in check(base_tree, jobs=1).problems] == first


def test_a_changed_file_is_read_again_and_only_it(base_tree: Path, monkeypatch):
    check(base_tree, jobs=1)
    plan = base_tree / "plans" / "kh-2-ubnd-mau-2022.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Nguyễn Văn Mẫu", "Trần Thị Mẫu"), encoding="utf-8")
    parsed: list[str] = []
    original = per_file._process
    monkeypatch.setattr(per_file, "_process", lambda source, *a: parsed.append(source.relpath) or original(source, *a))
    hub = load_hub(base_tree, jobs=1).hub
    assert parsed == ["plans/kh-2-ubnd-mau-2022.yml"]
    assert hub.documents["kh-2-ubnd-mau-2022"].signer.name == "Trần Thị Mẫu"


def test_a_damaged_entry_is_a_miss_not_a_wrong_answer(base_tree: Path):
    expected = load_hub(base_tree, jobs=1).hub
    entries = [p for p in (base_tree / "build" / "cache").rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x93garbage")
    again = load_hub(base_tree, jobs=1)
    assert again.ok and again.hub == expected


def test_entries_of_deleted_files_and_old_versions_are_dropped(base_tree: Path):
    check(base_tree, jobs=1)
    cache = base_tree / "build" / "cache"
    (cache / "0ld-version" / "ab").mkdir(parents=True)
    keys = lambda: {p.name.split(".")[0] for p in cache.rglob("*.f")}  # noqa: E731
    before = keys()
    (base_tree / "content" / "indicators" / "gia-dinh-hoc-tap.yml").unlink()
    check(base_tree, jobs=1)
    assert not (cache / "0ld-version").exists()
    assert len(keys()) == len(before) - 1 and keys() < before


def test_the_cache_can_be_turned_off(base_tree: Path, monkeypatch):
    monkeypatch.setenv("XHHT_CACHE", "0")
    assert check(base_tree, jobs=1).ok
    assert not (base_tree / "build").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cached_hub_equals_an_uncached_one(base_tree: Path, monkeypatch, jobs: int):
    cached = load_hub(base_tree, jobs=jobs).hub
    monkeypatch.setenv("XHHT_CACHE", "0")
    assert load_hub(base_tree, jobs=jobs).hub == cached
