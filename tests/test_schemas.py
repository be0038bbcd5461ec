"""The JSON Schemas, and the link from every content file to its schema.

Editors' tools (VS Code with the YAML extension) read `schema/` directly to
underline mistakes while typing, and the checker validates with the bundled
form; a schema that is not valid Draft 7, or a file pointing at the wrong
schema, would make the editor's underlines disagree with the checker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from generator.schemas import SCHEMA_DIR, bundled
from generator import kinds
from generator.sources import YAML_SUFFIXES
from tests.conftest import REPO

SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
CONTENT_FILES = sorted(p for top in ("plans", "content") for p in (REPO / top).rglob("*")
                       if p.is_file() and p.name.endswith(YAML_SUFFIXES))
HEADER = "# yaml-language-server: $schema="


def _kind(path: Path) -> str:
    return path.name.removesuffix(".schema.json")


def _refs(node):
    """Every `$ref` value anywhere in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_kind_has_a_schema_file():
    assert {_kind(p) for p in SCHEMA_FILES} >= {k.name for k in kinds.REGISTRY} | {"common"}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_is_valid_draft7(path: Path):
    """Both the file as published (what editors' tools read) and its bundled form (what we validate with)."""
    published = json.loads(path.read_text(encoding="utf-8"))
    assert published["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(published)
    Draft7Validator.check_schema(bundled(_kind(path)))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_every_ref_in_the_bundled_schema_resolves(path: Path):
    """A misspelt definition name only fails when a record reaches it; catch it here instead."""
    schema = bundled(_kind(path))
    refs = set(_refs(schema))
    for ref in refs:
        assert ref.startswith("#/"), f"{path.name}: $ref {ref!r} was not bundled"
        node = schema
        for part in ref[2:].split("/"):
            assert isinstance(node, dict) and part in node, f"{path.name}: $ref {ref!r} does not resolve"
            node = node[part]


def test_content_files_were_found():
    """The parametrised test below would pass vacuously on an empty list."""
    assert len(CONTENT_FILES) > 50


def _expected_kind(path: Path) -> str | None:
    rel = path.relative_to(REPO).as_posix()
    for kind in kinds.REGISTRY:
        if rel.startswith(kind.folder + "/"):
            return kind.name
    return None


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.relative_to(REPO).as_posix() for p in CONTENT_FILES])
def test_content_file_declares_the_schema_of_its_folder(path: Path):
    """The first line tells the editor's tool which schema to check against; it must be the folder's kind."""
    kind = _expected_kind(path)
    assert kind is not None, "file is in no folder the checker reads"
    first_line = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].rstrip("\r")
    assert first_line.startswith(HEADER)
    declared = (path.parent / first_line.removeprefix(HEADER).strip()).resolve()
    assert declared == (SCHEMA_DIR / f"{kind}.schema.json").resolve()


def _undescribed(node, where: str, common: dict, local: dict | None = None) -> list[str]:
    """Properties with neither a description nor a $ref to a described definition (common, or the schema's own)."""
    missing = []
    if isinstance(node, dict):
        local = node.get("definitions", {}) if local is None else local
        for name, prop in node.get("properties", {}).items():
            ref = prop.get("$ref", "")
            definitions = common if ref.startswith("common.schema.json#") else local
            described = "description" in prop or (ref and "description" in definitions.get(ref.rsplit("/", 1)[1], {}))
            if not described:
                missing.append(f"{where}.{name}")
        for key, child in node.items():
            missing += _undescribed(child, f"{where}.{key}" if key != "properties" else where, common, local)
    elif isinstance(node, list):
        for child in node:
            missing += _undescribed(child, where, common, local)
    return missing


def test_every_property_is_described_for_editors_autocompletion():
    """Editors see these descriptions as tooltips; a bare field leaves them guessing."""
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))["definitions"]
    missing = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        missing += _undescribed(json.loads(path.read_text(encoding="utf-8")), path.name, common)
    assert missing == []
