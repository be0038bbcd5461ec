"""A record kind is one declaration plus its templates.

The toy kind below lives only in this test (its schema and templates in
tests/fixtures/toy_kind/): declared and registered, it is discovered,
checked (schema, references, reserved addresses), modelled, rendered with a
faceted listing, redirected from its aliases, searchable, published with its
schema, and `new` makes skeletons of it, without a line changed elsewhere.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import kinds
from generator.kinds import RecordKind, field_facet
from generator.model.records import Record
from generator.pipeline import build, check, load_hub
from generator.scaffold import new_record
from tests.conftest import REPO

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "toy_kind"


class Toy(Record, frozen=True, kw_only=True):
    name: str
    color: str
    locality: str | None = None
    description: str | None = None


class ToyKind(RecordKind):
    name = "toy"
    label = "đồ chơi"
    folder = "content/toys"
    section = "do-choi"
    struct = Toy
    listing = ("Đồ chơi", "Đồ chơi học tập")
    facets = (field_facet("mau", "Màu", "color", {"do": "Đỏ", "xanh": "Xanh"}),)
    indexed = ("locality",)
    scaffold_names = ("do-choi",)
    schema_dir = FIXTURE / "schema"
    template_dir = FIXTURE / "templates"


@pytest.fixture
def toy_tree(base_tree: Path):
    kinds.register(ToyKind())
    shutil.copytree(FIXTURE / "content" / "toys", base_tree / "content" / "toys")
    try:
        yield base_tree
    finally:
        kinds.unregister("toy")


def test_the_toy_kind_is_checked_and_modelled(toy_tree: Path):
    result = load_hub(toy_tree, jobs=1)
    assert [p.format() for p in result.problems] == []
    toys = result.hub.records["toy"]
    assert list(toys) == ["bo-xep-hinh", "dan-tranh-nho"]
    assert toys["bo-xep-hinh"].color == "do" and toys["dan-tranh-nho"].locality is None
    assert result.hub.referring("toy", "locality", "tinh-mau") == ["bo-xep-hinh"]


def test_a_toy_gets_the_same_checks_as_every_kind(toy_tree: Path):
    toy = toy_tree / "content" / "toys" / "dan-tranh-nho.yml"
    toy.write_text(toy.read_text(encoding="utf-8") + "locality: tinh-khong-co\nsize: 3\n", encoding="utf-8")
    (toy_tree / "content" / "toys" / "mau.yml").write_text("id: mau\nname: Một màu\ncolor: do\n", encoding="utf-8")
    lines = [p.format() for p in check(toy_tree, jobs=1).problems]
    assert "content/toys/dan-tranh-nho.yml:5:11: locality: không tìm thấy địa bàn có mã 'tinh-khong-co'" in lines[0]
    assert any(line.startswith("content/toys/dan-tranh-nho.yml:6:1: size: trường 'size' không có") for line in lines)
    assert any(line.startswith("content/toys/mau.yml:1:5: id: mã 'mau' trùng với đường dẫn của trang lọc do-choi/mau/")
               for line in lines)


def test_the_toy_kind_is_published(toy_tree: Path, tmp_path: Path):
    result = build(toy_tree, tmp_path / "site", jobs=1)
    assert result.ok, [p.format() for p in result.problems]
    site = tmp_path / "site"
    listing = (site / "do-choi" / "index.html").read_text(encoding="utf-8")
    assert "2 đồ chơi" in listing and 'href="../do-choi/mau/do/"' in listing
    assert "1 đồ chơi" in (site / "do-choi" / "mau" / "do" / "index.html").read_text(encoding="utf-8")
    page = (site / "do-choi" / "bo-xep-hinh" / "index.html").read_text(encoding="utf-8")
    assert "Bộ xếp hình chữ cái" in page and '<p class="toy-color">Đỏ</p>' in page
    assert 'href="../../dia-ban/tinh-mau/"' in page and 'http-equiv="Content-Security-Policy"' in page
    assert "../../do-choi/bo-xep-hinh/" in (site / "do-choi" / "xep-hinh-cu" / "index.html").read_text(encoding="utf-8")
    assert json.loads((site / "schema" / "toy.schema.json").read_text(encoding="utf-8"))["title"] == "Đồ chơi học tập"


def test_toys_are_searchable(toy_tree: Path):
    from generator.index import hub_entries

    entries = [e for e in hub_entries(load_hub(toy_tree, jobs=1).hub) if e.url.startswith("do-choi/")]
    assert [(e.kind, e.title, e.url) for e in entries] == [
        ("Đồ chơi", "Bộ xếp hình chữ cái", "do-choi/bo-xep-hinh/"), ("Đồ chơi", "Đàn tranh nhỏ", "do-choi/dan-tranh-nho/")]


def test_new_makes_a_toy_skeleton(toy_tree: Path):
    path = new_record(toy_tree, "do-choi", title="Bộ cờ vua")
    assert path == toy_tree / "content" / "toys" / "bo-co-vua.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/toy.schema.json\n")
    assert "name: Bộ cờ vua" in text
    lines = [p.format() for p in check(toy_tree, jobs=1).problems]
    assert lines and all(line.startswith("content/toys/bo-co-vua.yml:") and "color" in line for line in lines)


def test_a_kind_cannot_take_another_kinds_address():
    class Clash(ToyKind):
        name = "clash"
        section = "van-ban"
    with pytest.raises(ValueError, match="section"):
        kinds.register(Clash())
    assert "clash" not in {k.name for k in kinds.REGISTRY}


def test_the_core_kinds_need_no_registration():
    """A plain run of the command line knows the core kinds and nothing else."""
    run = subprocess.run([sys.executable, "-c", "from generator import kinds; print([k.name for k in kinds.REGISTRY])"],
                         cwd=REPO, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "['document', 'body', 'locality', 'indicator', 'resource', 'example', 'page']"
