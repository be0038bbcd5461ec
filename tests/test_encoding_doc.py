"""docs/encoding.md names only fields the schemas have, and its examples are records the schemas accept.

Issue 9: the old page told editors to write `signer.authority`, `on_behalf_of`
and `position`, which the schema refuses. Here every field the page names (in
a YAML example, a dotted path such as `signer.lines`, or a field list entry
"- `field`: ...") is looked up in the schemas, every coded value in an example
is one the schema allows, and every example that is a whole record passes the
schema and the document checks.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
import yaml

from generator.schemas import bundled, deref
from tests.conftest import REPO

DOC = (REPO / "docs" / "encoding.md").read_text(encoding="utf-8")
KINDS = ("document", "indicator", "body", "locality")

#: Where an example starts: `# <root>` on its first line (a record of a kind, or a part of a document).
ROOTS = {"document": ("document", ""), "indicator": ("indicator", ""), "body": ("body", ""),
         "locality": ("locality", ""), "item": ("document", "sections[]"), "target": ("document", "sections[].targets[]")}


def _node(kind: str, path: str) -> dict[str, Any]:
    root = bundled(kind)
    node, _ = deref(root, root)
    for step in [s for s in path.split(".") if s]:
        node = _child(node, step.removesuffix("[]"), root)
        if step.endswith("[]"):
            node = _items(node, root)
    return node


def _alternatives(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    node, _ = deref(node, root)
    return [node] + [deref(a, root)[0] for a in node.get("anyOf", [])]


def _child(node: dict[str, Any], name: str, root: dict[str, Any]) -> dict[str, Any]:
    for alternative in _alternatives(node, root):
        if name in alternative.get("properties", {}):
            return deref(alternative["properties"][name], root)[0]
    raise KeyError(name)


def _items(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    for alternative in _alternatives(node, root):
        if "items" in alternative:
            return deref(alternative["items"], root)[0]
    raise KeyError("[]")


def _problems(value: Any, node: dict[str, Any], root: dict[str, Any], where: str) -> Iterator[str]:
    """Fields the schema does not have, and coded values it does not allow, in an example."""
    if isinstance(value, dict):
        for key, sub in value.items():
            try:
                child = _child(node, key, root)
            except KeyError:
                yield f"{where}.{key}: no such field"
                continue
            yield from _problems(sub, child, root, f"{where}.{key}")
    elif isinstance(value, list):
        try:
            item = _items(node, root)
        except KeyError:
            yield f"{where}: not a list"
            return
        for index, sub in enumerate(value):
            yield from _problems(sub, item, root, f"{where}[{index}]")
    else:
        allowed = [v for a in _alternatives(node, root) for v in a.get("enum", [])]
        objects = [a for a in _alternatives(node, root) if a.get("properties")]
        if allowed and value not in allowed and not (isinstance(value, str) and objects):
            yield f"{where}: {value!r} is not one of {allowed}"


def examples() -> list[tuple[str, str, Any]]:
    """(root, source, data) of every ```yaml block."""
    found = []
    for block in re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S):
        first = block.split("\n", 1)[0]
        match = re.fullmatch(r"# (\w+)\b.*", first)
        assert match and match.group(1) in ROOTS, f"an example must start with '# <{'|'.join(ROOTS)}>': {first}"
        found.append((match.group(1), block, yaml.safe_load(block)))
    return found


EXAMPLES = examples()


def test_there_is_a_worked_example_for_each_shape():
    headings = re.findall(r"^### (.+)$", DOC, flags=re.M)
    for shape in ("quyết định ban hành kế hoạch", "chép một phần", "diễn đạt lại", "số chưa rõ", "chỉ ghi tháng",
                  "có/không", "chỉ tiêu con", "chủ trì", "nhiều văn bản", "không đánh số"):
        assert any(shape in h.lower() for h in headings), shape
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("root, source, data", EXAMPLES, ids=[f"{i}-{e[0]}" for i, e in enumerate(EXAMPLES)])
def test_every_field_and_code_in_an_example_exists(root: str, source: str, data: Any):
    kind, path = ROOTS[root]
    schema = bundled(kind)
    entries = data if isinstance(data, list) else [data]
    node = _node(kind, path)
    problems = [p for entry in entries for p in _problems(entry, node, schema, root)]
    assert problems == []


def test_whole_records_in_the_examples_pass_check(tmp_path):
    """An example with an id and every required field is a record: it must pass `check` as written."""
    from generator import kinds
    from generator.pipeline import check
    from tests.shapes import copy_shapes

    repo = copy_shapes(tmp_path / "repo")
    written = 0
    for root, source, data in EXAMPLES:
        if root not in KINDS or not isinstance(data, dict) or "id" not in data:
            continue
        required = bundled(root).get("required", [])
        if not set(required) <= set(data):
            continue
        folder = repo / kinds.get(root).folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{data['id']}.yml").write_text(source, encoding="utf-8")
        written += 1
    assert written >= 3
    assert [p.format() for p in check(repo, jobs=1).problems] == []


def _fields(node: Any, root: dict[str, Any], seen: set[int]) -> Iterator[str]:
    """Every property name anywhere in a schema."""
    if id(node) in seen or not isinstance(node, (dict, list)):
        return
    seen.add(id(node))
    if isinstance(node, list):
        for sub in node:
            yield from _fields(sub, root, seen)
        return
    for name, sub in node.get("properties", {}).items():  # `$ref`s lead to `definitions`, walked below
        yield name
        yield from _fields(sub, root, seen)
    for key in ("items", "anyOf", "oneOf", "definitions"):
        if key in node:
            yield from _fields(node[key] if key != "definitions" else list(node[key].values()), root, seen)


def test_every_field_the_prose_names_exists():
    """`signer.lines`, `sections[].targets[].part_of` and "- `field`: ..." entries are real fields."""
    every = {name for kind in KINDS for name in _fields(bundled(kind), bundled(kind), set())}
    prose = re.sub(r"```.*?```", "", DOC, flags=re.S)
    listed = re.findall(r"^\s*- `([a-z_]+)`:", prose, flags=re.M)
    assert listed and sorted(set(listed) - every) == []
    for dotted in re.findall(r"`([a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)+)`", prose):
        kind = next((k for k in KINDS if dotted.split(".")[0].removesuffix("[]") in bundled(k)["properties"]), None)
        assert kind is not None, dotted
        _node(kind, dotted)  # KeyError names the missing field
    for wrong in ("on_behalf_of", "signer.authority", "signer.position"):
        assert wrong not in DOC
