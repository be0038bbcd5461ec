"""The JSON Schemas in `schema/`: the one source of truth for record fields.

Editors' tools read the files as they are (with relative `$ref`s to
`common.schema.json`). For validation we bundle each schema into a single
self-contained one, because that is what fastjsonschema compiles and it
spares jsonschema a registry.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import fastjsonschema

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
_COMMON = "common.schema.json"


def _rewrite_refs(node: Any) -> Any:
    """Point `common.schema.json#/definitions/x` refs at the bundled `#/definitions/common.x`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_COMMON + "#/definitions/"):
                out[key] = "#/definitions/common." + value.rsplit("/", 1)[1]
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _local_common_refs(node: Any) -> Any:
    """Inside common's own definitions, `#/definitions/x` means `common.x`."""
    if isinstance(node, dict):
        return {k: ("#/definitions/common." + v.rsplit("/", 1)[1]
                    if k == "$ref" and isinstance(v, str) and v.startswith("#/definitions/") else _local_common_refs(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_local_common_refs(v) for v in node]
    return node


def read_schema(kind: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """The schema file for a kind, as published."""
    return json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def bundled(kind: str) -> dict[str, Any]:
    """A self-contained schema for `kind` (common definitions inlined)."""
    schema = _rewrite_refs(copy.deepcopy(read_schema(kind)))
    common = read_schema("common")["definitions"]
    definitions = schema.setdefault("definitions", {})
    for name, definition in common.items():
        definitions["common." + name] = _local_common_refs(definition)
    schema.pop("$id", None)
    return schema


@lru_cache(maxsize=None)
def fast_validator(kind: str) -> Callable[[Any], Any]:
    """A compiled yes/no validator: the fast path for the common, valid case."""
    return fastjsonschema.compile(bundled(kind))


def property_names(schema: dict[str, Any]) -> list[str]:
    """Names a mapping schema allows, for "did you mean" suggestions."""
    return sorted(schema.get("properties", {}))
