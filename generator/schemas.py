"""The JSON Schemas in `schema/`: the one source of truth for record fields.

Editors' tools read the files as they are (with relative `$ref`s to
`common.schema.json`). For validation we bundle each schema into a single
self-contained one, because that is what fastjsonschema compiles and it
spares jsonschema a registry. Everything else that reads a schema (the
reference walker below, `new`'s skeletons) reads the bundled form, so there
is one `$ref` resolver.

Bundling also makes the schemas mean for Python what they mean in JSON
Schema, where Python's own reading differs (`python_semantics`): an end
anchor `$` becomes `\\Z` (Python's `$` also matches before a final newline, so
`"2022-07-04\n"` would pass), and `integer` means an integer as written, not
a float with no fraction (`2025.0`, which both validators take for an integer
since draft 6). Both validators are built here from the one bundled schema so
they cannot disagree.

Two annotations of our own (JSON Schema ignores unknown keywords) say what
the schema alone cannot: `"x-ref": "<kind>"` marks a field holding the id of
another record, `"x-record": "<kind>"` an object that defines an id of its own
(a target inside a document). Cross-file checks, `new`'s list of ids in use
and the model's links all read them through `walk_ids`.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

import fastjsonschema
from fastjsonschema.draft04 import CodeGeneratorDraft04
from fastjsonschema.draft07 import CodeGeneratorDraft07
from fastjsonschema.ref_resolver import RefResolver
from jsonschema import Draft7Validator, validators

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
_COMMON = "common.schema.json"
_LOCAL = "#/definitions/"

Path_ = tuple[str | int, ...]


def _rewrite_refs(node: Any, local_prefix: str | None = None) -> Any:
    """Point refs at the bundled `#/definitions/common.x` (`local_prefix`: inside common itself)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_COMMON + _LOCAL):
                out[key] = _LOCAL + "common." + value.rsplit("/", 1)[1]
            elif key == "$ref" and local_prefix and isinstance(value, str) and value.startswith(_LOCAL):
                out[key] = _LOCAL + local_prefix + value.rsplit("/", 1)[1]
            else:
                out[key] = _rewrite_refs(value, local_prefix)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v, local_prefix) for v in node]
    return node


def schema_path(kind: str) -> Path:
    """Where a kind's schema lives (the registry may place a kind's schema elsewhere)."""
    if kind == "common":
        return SCHEMA_DIR / f"{_COMMON}"
    from generator import kinds

    return kinds.get(kind).schema_file


def read_schema(kind: str) -> dict[str, Any]:
    """The schema file for a kind, as published."""
    return json.loads(schema_path(kind).read_text(encoding="utf-8"))


def anchored(pattern: str) -> str:
    """`pattern` with every end anchor `$` (outside a character class) made `\\Z`.

    In JSON Schema (ECMA-262) `$` matches only at the end of the text; in
    Python it also matches before a final newline. `\\Z` is Python's "end of
    text" and both validators pass it to `re` unchanged.
    """
    out = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":  # as Python reads a class: `[^]...]` and `[]...]` hold a literal `]`
            start = index + 1 + pattern.startswith("^", index + 1)
            start += pattern.startswith("]", start)
            out.append(pattern[index:start])
            index, in_class = start, True
            continue
        elif char == "$":
            char = "\\Z"
        out.append(char)
        index += 1
    return "".join(out)


def python_semantics(node: Any) -> Any:
    """The schema with its patterns anchored for Python's `re` (see `anchored`); other keys unchanged."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                out[key] = anchored(value)
            elif key == "patternProperties" and isinstance(value, dict):
                out[key] = {anchored(k): python_semantics(v) for k, v in value.items()}
            elif key in ("properties", "definitions") and isinstance(value, dict):  # names, not keywords
                out[key] = {k: python_semantics(v) for k, v in value.items()}
            elif key in ("enum", "const", "default", "examples"):  # values, not schemas
                out[key] = value
            else:
                out[key] = python_semantics(value)
        return out
    if isinstance(node, list):
        return [python_semantics(v) for v in node]
    return node


@lru_cache(maxsize=None)
def bundled(kind: str) -> dict[str, Any]:
    """A self-contained schema for `kind` (common definitions inlined), patterns anchored for Python."""
    schema = _rewrite_refs(copy.deepcopy(read_schema(kind)))
    common = read_schema("common")["definitions"]
    definitions = schema.setdefault("definitions", {})
    for name, definition in common.items():
        definitions["common." + name] = _rewrite_refs(definition, local_prefix="common.")
    schema.pop("$id", None)
    return python_semantics(schema)


def _strict_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


#: Draft 7 as jsonschema reads it, except that `2025.0` is not an integer (a year, an order: written as integers).
StrictDraft7Validator = validators.extend(
    Draft7Validator, type_checker=Draft7Validator.TYPE_CHECKER.redefine("integer", _strict_integer))


class _StrictDraft07(CodeGeneratorDraft07):
    """fastjsonschema's draft 7, except that `2025.0` is not an integer (draft 4's type check, unchanged otherwise)."""

    generate_type = CodeGeneratorDraft04.generate_type


def compile_fast(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's `compile` with the strict integer type (`fastjsonschema.compile` takes no generator)."""
    resolver = RefResolver.from_schema(schema, handlers={}, store={})
    generator = _StrictDraft07(schema, resolver=resolver)
    state = generator.global_state
    exec(generator.func_code, state)  # noqa: S102 - fastjsonschema's own generated code, as compile() runs it
    return state[resolver.get_scope_name()]


@lru_cache(maxsize=None)
def fast_validator(kind: str) -> Callable[[Any], Any]:
    """A compiled yes/no validator: the fast path for the common, valid case."""
    return compile_fast(bundled(kind))


def full_validator(kind: str) -> Draft7Validator:
    """The validator that lists every error (run only for an invalid record), on the same bundled schema."""
    return StrictDraft7Validator(bundled(kind))


def deref(node: dict[str, Any], root: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Follow local `$ref`s of a bundled schema; the referring node's own keys (its description) win.

    Returns the resolved node and the name of the last definition followed
    (to let a walker stop at recursion), or None.
    """
    name = None
    while "$ref" in node:
        name = node["$ref"][len(_LOCAL):]
        outer = {k: v for k, v in node.items() if k != "$ref"}
        node = {**root["definitions"][name], **outer}
    return node, name


def property_names(schema: dict[str, Any]) -> list[str]:
    """Names a mapping schema allows, for "did you mean" suggestions."""
    return sorted(schema.get("properties", {}))


def id_pattern() -> dict[str, Any]:
    """The id rule (pattern, lengths) every record id and alias follows."""
    return read_schema("common")["definitions"]["id"]


# --- ids and references, read from the annotations ----------------------------------

@dataclass
class _Plan:
    """The parts of a schema that can hold references or define ids; cyclic for recursive definitions."""

    ref: str | None = None
    record: str | None = None
    properties: dict[str, _Plan] = field(default_factory=dict)
    items: _Plan | None = None

    def empty(self) -> bool:
        return not (self.ref or self.record or self.properties or self.items)


def _compile(node: dict[str, Any], root: dict[str, Any], memo: dict[str, _Plan]) -> _Plan | None:
    node, name = deref(node, root)
    if name is not None and "x-ref" not in node:
        if name in memo:
            return memo[name]
        plan = memo[name] = _Plan()
    else:
        plan = _Plan()
    plan.ref = node.get("x-ref")
    plan.record = node.get("x-record")
    for alternative in node.get("anyOf", []) + node.get("oneOf", []):
        sub = _compile(alternative, root, memo)
        if sub is not None:
            plan.ref = plan.ref or sub.ref
            plan.record = plan.record or sub.record
            plan.properties.update(sub.properties)
            plan.items = plan.items or sub.items
    for key, child in node.get("properties", {}).items():
        sub = _compile(child, root, memo)
        if sub is not None:
            plan.properties[key] = sub
    if isinstance(node.get("items"), dict):
        plan.items = _compile(node["items"], root, memo)
    return None if plan.empty() else plan


@lru_cache(maxsize=None)
def _plan(kind: str) -> _Plan:
    root = bundled(kind)
    return _compile(root, root, {}) or _Plan()


def walk_ids(kind: str, data: Any) -> Iterator[tuple[str, str, Path_, str]]:
    """Every id a record defines and every id it refers to: (role, kind, path, id).

    `role` is "defines" (the record's id and aliases, a target's id and
    aliases) or "refers" (a field annotated `x-ref`). Values of the wrong type
    are skipped, so this also serves records that failed their schema.
    """
    if not isinstance(data, dict):
        return
    yield from _defined(kind, data, ())
    yield from _walk(_plan(kind), data, ())


def _defined(kind: str, data: dict[str, Any], path: Path_) -> Iterator[tuple[str, str, Path_, str]]:
    if isinstance(data.get("id"), str):
        yield "defines", kind, path + ("id",), data["id"]
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            if isinstance(alias, str):
                yield "defines", kind, path + ("aliases", index), alias


def _walk(plan: _Plan, data: Any, path: Path_) -> Iterator[tuple[str, str, Path_, str]]:
    if plan.ref and isinstance(data, str):
        yield "refers", plan.ref, path, data
    if isinstance(data, dict):
        if plan.record:
            yield from _defined(plan.record, data, path)
        for key, sub in plan.properties.items():
            if key in data:
                yield from _walk(sub, data[key], path + (key,))
    elif isinstance(data, list) and plan.items is not None:
        for index, value in enumerate(data):
            yield from _walk(plan.items, value, path + (index,))
