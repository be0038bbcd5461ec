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


# --- plans: where in a kind's schema the fields a question is about lie -----------------

@dataclass
class Plan:
    """The parts of a kind's schema that lead to the fields a question picks, and what it said of each field
    (`mark`); cyclic for recursive definitions (an item holding items)."""

    mark: Any = None
    properties: dict[str, Plan] = field(default_factory=dict)
    items: Plan | None = None


def compile_plan(root: dict[str, Any], mark: Callable[[dict[str, Any], str | None], Any]) -> Plan:
    """The plan of the fields for which `mark(node, definition name)` is truthy, in the bundled schema `root`.

    One walk serves every question the validator asks of the schemas (which fields are ids and references,
    which are dates), so all read `$ref`, `anyOf`/`oneOf`/`allOf`, `properties` and `items` alike; the data is
    then walked along the plan only, not along the whole schema, for every record.
    """
    memo: dict[tuple[str, Any], Plan] = {}

    def walk(node: dict[str, Any]) -> Plan:
        node, name = deref(node, root)
        said = mark(node, name)
        if name is not None:
            if (name, said) in memo:  # the referring node's own keys can change the mark: both are the key
                return memo[name, said]
            plan = memo[name, said] = Plan(said)
        else:
            plan = Plan(said)
        for alternative in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            if isinstance(alternative, dict):
                sub = walk(alternative)
                plan.mark = plan.mark or sub.mark
                plan.properties.update(sub.properties)
                plan.items = plan.items or sub.items
        for key, child in node.get("properties", {}).items():
            if isinstance(child, dict):
                plan.properties[key] = walk(child)
        if isinstance(node.get("items"), dict):
            plan.items = walk(node["items"])
        return plan

    return _prune(walk(root))


def _prune(root: Plan) -> Plan:
    """Drop the branches that lead to no marked field (a recursive part is kept only if one lies below it)."""
    plans: list[Plan] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        plan = stack.pop()
        if id(plan) in seen:
            continue
        seen.add(id(plan))
        plans.append(plan)
        stack.extend(plan.properties.values())
        if plan.items is not None:
            stack.append(plan.items)
    useful = {id(p) for p in plans if p.mark}
    changed = True
    while changed:
        changed = False
        for plan in plans:
            if id(plan) not in useful and (any(id(s) in useful for s in plan.properties.values())
                                           or (plan.items is not None and id(plan.items) in useful)):
                useful.add(id(plan))
                changed = True
    for plan in plans:
        plan.properties = {k: v for k, v in plan.properties.items() if id(v) in useful}
        if plan.items is not None and id(plan.items) not in useful:
            plan.items = None
    return root


_PLANS: dict[tuple[str, str], tuple[dict[str, Any], Plan]] = {}


def kind_plan(kind: str, question: str, mark: Callable[[dict[str, Any], str | None], Any]) -> Plan:
    """`compile_plan` of a kind's bundled schema, kept per (kind, question) until the schema is bundled anew
    (a kind registered again)."""
    root = bundled(kind)
    known = _PLANS.get((kind, question))
    if known is None or known[0] is not root:
        known = _PLANS[kind, question] = (root, compile_plan(root, mark))
    return known[1]


# --- ids and references, read from the annotations ----------------------------------

def _id_mark(node: dict[str, Any], name: str | None) -> tuple[str | None, str | None] | None:
    """A field referring to a kind's record (`x-ref`), or an object defining records of a kind (`x-record`)."""
    ref, record = node.get("x-ref"), node.get("x-record")
    return (ref, record) if ref or record else None


def walk_ids(kind: str, data: Any) -> Iterator[tuple[str, str, Path_, str]]:
    """Every id a record defines and every id it refers to: (role, kind, path, id).

    `role` is "defines" (the record's id and aliases, a target's id and
    aliases) or "refers" (a field annotated `x-ref`). Values of the wrong type
    are skipped, so this also serves records that failed their schema.
    """
    if not isinstance(data, dict):
        return
    yield from _defined(kind, data, ())
    yield from _walk(kind_plan(kind, "ids", _id_mark), data, ())


def _defined(kind: str, data: dict[str, Any], path: Path_) -> Iterator[tuple[str, str, Path_, str]]:
    if isinstance(data.get("id"), str):
        yield "defines", kind, path + ("id",), data["id"]
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            if isinstance(alias, str):
                yield "defines", kind, path + ("aliases", index), alias


def _walk(plan: Plan, data: Any, path: Path_) -> Iterator[tuple[str, str, Path_, str]]:
    ref, record = plan.mark or (None, None)
    if ref and isinstance(data, str):
        yield "refers", ref, path, data
    if isinstance(data, dict):
        if record:
            yield from _defined(record, data, path)
        for key, sub in plan.properties.items():
            if key in data:
                yield from _walk(sub, data[key], path + (key,))
    elif isinstance(data, list) and plan.items is not None:
        for index, value in enumerate(data):
            yield from _walk(plan.items, value, path + (index,))
