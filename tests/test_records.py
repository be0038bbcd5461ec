"""Typed records follow the schemas field for field.

A field renamed or added in a schema and not in its struct (or the reverse)
would fail late (a KeyError while rendering) or silently (a value never
shown); here it fails at once, naming the field.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from generator import kinds
from generator.model import records as r
from generator.schemas import bundled, deref

#: Fields the model derives; no editor writes them.
DERIVED = {r.Document: {"version", "targets", "results"}, r.Target: {"document_id", "transcription", "parts"},
           r.Item: {"roles"}, r.Result: {"document_id", "anchor"}}

#: struct -> (kind, path of the object in that kind's schema)
NESTED = [
    (r.Issuer, "document", "issuer"), (r.Signer, "document", "signer"), (r.Period, "document", "period"),
    (r.LegalBasis, "document", "legal_bases[]"), (r.Citation, "document", "legal_bases[].citation"),
    (r.Deadline, "document", "deadlines[]"), (r.Recipient, "document", "recipients[]"),
    (r.Recipient, "document", "addressees[]"), (r.Source, "document", "source"), (r.Source, "document", "source[]"),
    (r.Relation, "document", "relations[]"), (r.Citation, "document", "relations[].citation"),
    (r.Effective, "document", "effective"), (r.IndicatorGroup, "indicator", "groups[]"),
    (r.Item, "document", "sections[]"), (r.Target, "document", "sections[].targets[]"),
    (r.Actual, "document", "sections[].targets[].actuals[]"), (r.Contact, "body", "contacts[]"),
    (r.Result, "document", "sections[].results[]"), (r.Status, "document", "status"),
    (r.Consent, "example", "consent"), (r.Decision, "example", "decision"),
]


def _object(kind: str, path: str) -> dict[str, Any]:
    root = bundled(kind)
    node, _ = deref(root, root)
    for step in [s for s in path.split(".") if s]:
        node, _ = deref(node["properties"][step.removesuffix("[]")], root)
        if step.endswith("[]"):
            lists = [node] + [deref(a, root)[0] for a in node.get("anyOf", [])]  # `x` or a list of `x`
            node, _ = deref(next(n for n in lists if "items" in n)["items"], root)
        for alternative in node.get("anyOf", []):
            alternative, _ = deref(alternative, root)
            if alternative.get("type") == "object" or "properties" in alternative:
                node = alternative
    return node


def _fields(struct: type) -> set[str]:
    derived = DERIVED.get(struct, set()) | ({"version"} if issubclass(struct, r.Record) else set())
    return {f.encode_name for f in msgspec.structs.fields(struct)} - derived


@pytest.mark.parametrize("kind", [k.name for k in kinds.REGISTRY])
def test_each_kind_struct_has_exactly_the_schema_fields(kind: str):
    assert _fields(kinds.get(kind).struct) == set(_object(kind, "")["properties"])


@pytest.mark.parametrize("struct,kind,path", NESTED, ids=[f"{s.__name__}:{p}" for s, _, p in NESTED])
def test_each_nested_struct_has_exactly_the_schema_fields(struct: type, kind: str, path: str):
    assert _fields(struct) == set(_object(kind, path)["properties"])


def test_required_schema_fields_have_no_default_in_the_struct():
    """A required field with a default would hide a record that lacks it; the schema refuses it first,
    and the struct should agree."""
    for kind in kinds.REGISTRY:
        required = set(_object(kind.name, "").get("required", []))
        defaults = {f.encode_name for f in msgspec.structs.fields(kind.struct)
                    if f.default is not msgspec.NODEFAULT or f.default_factory is not msgspec.NODEFAULT}
        assert not required & defaults - {"id"}, kind.name
