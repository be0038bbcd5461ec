"""Every code a schema allows reads as Vietnamese on the site, and no label outlives its code.

A new enum value in a schema without a label would show as a raw code
(`ke-hoach`) on public pages; a label whose code left the schema is dead text.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator import labels
from generator.schemas import bundled, deref
from generator.pipeline import load_hub
from tests.conftest import REPO

#: (kind, path in the schema, label table)
LABELLED = [
    ("document", "type", labels.DOCUMENT_TYPES),
    ("document", "issuer.level", labels.LEVELS),
    ("document", "legal_bases[].kind", labels.LEGAL_BASIS_KINDS),
    ("document", "sections[].responsibility", labels.RESPONSIBILITY),
    ("document", "sections[].targets[].comparator", labels.COMPARATORS),
    ("document", "sections[].targets[].unit", labels.UNITS),
    ("document", "transcription", labels.TRANSCRIPTION),
    ("document", "sections[].transcription", labels.ITEM_TRANSCRIPTION),
    ("document", "sections[].role", labels.ITEM_ROLES),
    ("document", "not_printed[]", labels.NOT_PRINTED),
    ("document", "sections[].bodies[].role", labels.DUTY_ROLES),
    ("indicator", "theme", labels.THEMES),
    ("body", "kind", labels.BODY_KINDS),
    ("body", "level", labels.LEVELS),
    ("locality", "kind", labels.LOCALITY_KINDS),
    ("resource", "topics[]", labels.TOPICS),
    ("resource", "audiences[]", labels.AUDIENCES),
    ("resource", "formats[]", labels.FORMATS),
    ("resource", "cost", labels.COSTS),
    ("example", "model", labels.MODELS),
]


def enum_at(kind: str, path: str) -> list[Any]:
    root = bundled(kind)
    node, _ = deref(root, root)
    for step in path.split("."):
        name, many = step.removesuffix("[]"), step.endswith("[]")
        node, _ = deref(node["properties"][name], root)
        if many:
            node, _ = deref(node["items"], root)
        # a value that may be written two ways (`bodies`: an id, or {body, role}): the one with fields
        node = next((deref(a, root)[0] for a in node.get("anyOf", []) if "properties" in deref(a, root)[0]), node)
    return node["enum"]


def test_relations_have_a_heading_both_ways():
    """Each relation a document states is named on both pages: as stated, and its inverse."""
    from generator.model.hub import INVERSE, RELATION_ORDER

    stated = enum_at("document", "relations[].kind")
    assert set(INVERSE) == set(stated) and set(RELATION_ORDER) == set(INVERSE) | set(INVERSE.values())
    assert set(labels.RELATIONS) == set(RELATION_ORDER)


def test_duty_groups_are_the_roles_and_no_role():
    assert set(labels.DUTY_GROUPS) == set(labels.DUTY_ROLES) | {""}


@pytest.mark.parametrize("kind,path,table", LABELLED, ids=[f"{k}.{p}" for k, p, _ in LABELLED])
def test_every_code_has_a_label_and_every_label_a_code(kind: str, path: str, table: dict[str, str]):
    assert set(enum_at(kind, path)) == set(table)


def test_every_language_used_has_a_label():
    hub = load_hub(REPO).hub
    used = {code for resource in hub.resources.values() for code in resource.languages}
    assert used and used <= set(labels.LANGUAGES)
