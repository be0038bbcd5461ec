"""Template contexts are documented field by field (docs/templates.md), so template authors need not read Python."""

from __future__ import annotations

import dataclasses
import re

from generator.render import contexts
from tests.conftest import REPO

DOC = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")


def _documented() -> dict[str, list[str]]:
    sections = re.split(r"^### `(\w+)`\n", DOC, flags=re.M)
    return {name: re.findall(r"^- `(\w+)`:", body, flags=re.M) for name, body in zip(sections[1::2], sections[2::2])}


def _own_fields(cls: type) -> list[str]:
    inherited = {f.name for base in cls.__mro__[1:] if dataclasses.is_dataclass(base) for f in dataclasses.fields(base)}
    return [f.name for f in dataclasses.fields(cls) if f.name not in inherited]


CLASSES = {name: cls for name, cls in vars(contexts).items()
           if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == contexts.__name__}


def test_every_context_and_field_is_documented_and_nothing_else():
    documented = _documented()
    assert set(documented) == set(CLASSES)
    assert {name: _own_fields(cls) for name, cls in CLASSES.items()} == documented


def test_every_page_template_names_a_context_that_exists():
    for template in sorted((REPO / "theme" / "pages").glob("*.html")):
        if template.name.startswith("_"):
            continue
        assert f"`{template.name}`" in DOC, template.name
