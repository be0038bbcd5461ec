"""The two schema validators read every schema alike: patterns end at the end, integers are integers.

Python's `$` also matches before a final newline, so `"2022-07-04\\n"` once
passed jsonschema's pattern checks while fastjsonschema refused it: the
record was taken as valid (no reasons found), a date `"2022-02-30\\n"` then
crashed the build and an alias `"qd-cu\\n"` published a folder named with a
newline. `schemas.bundled` anchors every pattern for Python; these tests hold
both validators to it on every pattern of every schema and on every case of
the bad-input corpus.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import fastjsonschema
import pytest
import re
from functools import lru_cache
from re import _constants as C, _parser  # the parser of `re` itself: the examples follow Python's reading

from generator import kinds
from generator.loader import load_bytes
from generator.schemas import SCHEMA_DIR, StrictDraft7Validator, anchored, bundled, compile_fast, fast_validator, full_validator
from tests.conftest import FIXTURES

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def _patterns(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, pattern) for every `pattern` keyword in a schema (property names are not keywords)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value
            elif key in ("properties", "definitions") and isinstance(value, dict):
                for name, child in value.items():
                    yield from _patterns(child, f"{where}/{key}/{name}")
            elif key not in ("enum", "const", "default", "examples"):
                yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _patterns(value, f"{where}/{index}")


PUBLISHED = sorted({pattern for path in SCHEMA_DIR.glob("*.schema.json")
                    for _, pattern in _patterns(json.loads(path.read_text(encoding="utf-8")))})
KINDS = [kind.name for kind in kinds.REGISTRY]


_CATEGORY = {C.CATEGORY_DIGIT: "0", C.CATEGORY_WORD: "a", C.CATEGORY_NOT_SPACE: "a", C.CATEGORY_NOT_DIGIT: "a",
             C.CATEGORY_NOT_WORD: "-", C.CATEGORY_SPACE: " "}


def _shortest(parsed, full: bool = False) -> str:
    """A text a parsed pattern matches: the first branch, the first of a set, the fewest repeats (`full`: at least one)."""
    out = []
    for op, arg in parsed:
        if op is C.LITERAL:
            out.append(chr(arg))
        elif op is C.IN:
            out.append(_first_of_set(arg))
        elif op is C.ANY:
            out.append("a")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _, item = arg
            out.append(_shortest(item, full) * (max(low, 1) if full else low))
        elif op is C.SUBPATTERN:
            out.append(_shortest(arg[-1], full))
        elif op is C.BRANCH:
            out.append(_shortest(arg[1][0], full))
        elif op is not C.AT:
            raise AssertionError(f"no example for {op}")
    return "".join(out)


def _first_of_set(items) -> str:
    if items and items[0][0] is C.NEGATE:
        excluded = items[1:]
        return next(c for c in "axZ0-" if not re.fullmatch(f"[{_parser_text(excluded)}]", c))
    op, arg = items[0]
    if op is C.LITERAL:
        return chr(arg)
    if op is C.RANGE:
        return chr(arg[0])
    return _CATEGORY[arg]


def _parser_text(items) -> str:
    parts = []
    for op, arg in items:
        parts.append(re.escape(chr(arg)) if op is C.LITERAL else
                     f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}" if op is C.RANGE else
                     {C.CATEGORY_SPACE: "\\s", C.CATEGORY_DIGIT: "\\d", C.CATEGORY_WORD: "\\w"}[arg])
    return "".join(parts)


@lru_cache(maxsize=None)
def _examples(pattern: str) -> tuple[str, ...]:
    """Texts the published pattern matches in full: its shortest, and one with every optional part present."""
    examples = tuple(dict.fromkeys(_shortest(_parser.parse(pattern), full) for full in (False, True)))
    for example in examples:
        assert re.fullmatch(pattern, example), (pattern, example)
    return examples


def _both(schema: dict[str, Any], value: Any) -> tuple[bool, bool]:
    """(fastjsonschema accepts, jsonschema finds no error), with the validators `check` builds."""
    schema = {"$schema": DRAFT7, **schema}
    try:
        compile_fast(schema)(value)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    return fast, not list(StrictDraft7Validator(schema).iter_errors(value))


def test_the_schemas_have_patterns():
    """The parametrised tests below would pass vacuously on an empty list."""
    assert len(PUBLISHED) >= 5


@pytest.mark.parametrize("pattern", PUBLISHED)
def test_every_pattern_refuses_a_trailing_newline_in_both_validators(pattern: str):
    schema = {"type": "string", "pattern": anchored(pattern)}
    for example in _examples(pattern):
        assert _both(schema, example) == (True, True), example
        for tail in ("\n", "\r\n", " ", "\n\n"):
            assert _both(schema, example + tail) == (False, False), repr(example + tail)


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_schemas_hold_only_anchored_patterns(kind: str):
    """What both validators compile: no `$` left that Python would read as "before a final newline"."""
    found = list(_patterns(bundled(kind)))
    for where, pattern in found:
        assert anchored(pattern) == pattern, f"{kind}{where}: {pattern}"
        assert pattern.endswith("\\Z") or "$" not in pattern, f"{kind}{where}: {pattern}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_pattern_field_of_every_kind_refuses_a_trailing_newline(kind: str):
    """Through the kind's own compiled validators, at the place each pattern sits in its schema."""
    schema = bundled(kind)
    for where, pattern in _patterns(schema):
        node = {"definitions": schema.get("definitions", {}), "type": "string", "pattern": pattern}
        for example in _examples(pattern.replace("\\Z", "$")):
            assert _both(node, example) == (True, True), f"{kind}{where}: {example!r}"
            assert _both(node, example + "\n") == (False, False), f"{kind}{where}: {example!r} + newline"


@pytest.mark.parametrize("value", [2025.0, 2025.5, True, "2025"])
def test_integral_float_is_not_an_integer_for_either_validator(value):
    """`year: 2025.0` rendered "năm 2025.0": since draft 6 both validators took it for an integer."""
    assert _both({"type": "integer"}, value) == (False, False)
    assert _both({"type": "integer"}, 2025) == (True, True)
    assert _both({"type": "number"}, 2025.0) == (True, True)


def _url_fields(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """(where, schema) of every property whose name says it holds an address (`url`, `website`, `..._url`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, child in value.items():
                    if name in ("url", "website", "href", "link") or name.endswith("_url"):
                        yield f"{where}/{name}", child
            if key not in ("enum", "const", "default", "examples"):
                yield from _url_fields(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _url_fields(value, f"{where}/{index}")


@pytest.mark.parametrize("kind", KINDS)
def test_every_address_field_takes_only_http_https_or_mailto(kind: str):
    """`website`, `url`, `source.url`, ...: the common definition, so `//host`, `\\\\host` and `javascript:` are refused."""
    schema = bundled(kind)
    for where, node in _url_fields(schema):
        assert node.get("$ref") == "#/definitions/common.url", f"{kind}{where}"
        for refused in ("//evil.example/", "\\\\evil.example", "/\\evil.example", "javascript:alert(1)",
                        "https://x.vn/\n", " https://x.vn/", "data:text/html,x"):
            assert _both({**node, "definitions": schema["definitions"]}, refused) == (False, False), (where, refused)
        for allowed in ("https://x.vn/", "http://x.vn/a?b=1#c", "mailto:so@x.gov.vn"):
            assert _both({**node, "definitions": schema["definitions"]}, allowed) == (True, True), (where, allowed)


# --- the bad-input corpus ---------------------------------------------------------

def _corpus_files() -> Iterator[tuple[str, str, Path]]:
    for case in sorted((FIXTURES / "bad").iterdir()):
        for side in ("invalid", "valid"):
            for path in sorted((case / side).rglob("*.yml")):
                relpath = path.relative_to(case / side).as_posix()
                kind = next((k.name for k in kinds.REGISTRY if relpath.startswith(k.folder + "/")), None)
                if kind is not None:
                    yield f"{case.name}/{side}/{relpath}", kind, path
    for path in sorted((FIXTURES / "base").rglob("*.yml")):
        relpath = path.relative_to(FIXTURES / "base").as_posix()
        kind = next((k.name for k in kinds.REGISTRY if relpath.startswith(k.folder + "/")), None)
        if kind is not None:
            yield f"base/{relpath}", kind, path


def _is_record(name: str, path: Path) -> bool:
    """Files refused before validation (bad YAML, not a mapping) are the loader's tests', not the validators'."""
    loaded, _ = load_bytes(name, path.read_bytes())
    return loaded is not None and isinstance(loaded.data, dict)


CORPUS = [entry for entry in _corpus_files() if _is_record(entry[0], entry[2])]


def test_the_corpus_files_were_found():
    assert len(CORPUS) >= 150


@pytest.mark.parametrize("name,kind,path", CORPUS, ids=[name for name, _, _ in CORPUS])
def test_both_validators_agree_on_every_corpus_file(name: str, kind: str, path: Path):
    """fastjsonschema says "valid?", jsonschema says why not: a record one finds valid, the other must too."""
    loaded, _ = load_bytes(name, path.read_bytes())
    assert loaded is not None
    try:
        fast_validator(kind)(loaded.data)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    errors = [error.message for error in full_validator(kind).iter_errors(loaded.data)]
    assert fast == (not errors), errors
