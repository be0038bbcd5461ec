"""The registry of record kinds: every stage reads what a kind is from here.

Order matters where output order does: kinds are discovered, checked,
rendered, indexed and exported in this order. A kind added elsewhere (a
portal's own, or a test's) joins with `register`.
"""

from __future__ import annotations

from generator.kinds.base import Facet, RecordKind, field_facet, locality_facet
from generator.kinds.body import BodyKind
from generator.kinds.document import DocumentKind
from generator.kinds.example import ExampleKind
from generator.kinds.indicator import IndicatorKind
from generator.kinds.locality import LocalityKind
from generator.kinds.page import PageKind
from generator.kinds.resource import ResourceKind

__all__ = ["Facet", "RecordKind", "REGISTRY", "field_facet", "get", "locality_facet", "register", "unregister",
           "by_cli_name"]

REGISTRY: list[RecordKind] = [DocumentKind(), BodyKind(), LocalityKind(), IndicatorKind(), ResourceKind(),
                              ExampleKind(), PageKind()]
_CORE = len(REGISTRY)

#: Kinds of ids that live inside records of another kind (a target's id is unique like a record's).
INNER_KINDS = {"target": "chỉ tiêu"}
#: The kind of record each inner kind lives in.
OUTER_KIND = {"target": "document"}


_BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in REGISTRY}


def get(name: str) -> RecordKind:
    """The kind named `name` (KeyError for none)."""
    return _BY_NAME[name]


def label(name: str) -> str:
    """The Vietnamese name of a kind, including inner kinds (targets)."""
    return INNER_KINDS.get(name) or get(name).label


def register(kind: RecordKind) -> None:
    """Add a kind (after the core ones); its schema, folder and section must be its own."""
    taken = {(k.name, k.folder, k.section) for k in REGISTRY}
    for attribute in ("name", "folder", "section"):
        if any(getattr(kind, attribute) == getattr(k, attribute) for k in REGISTRY):
            raise ValueError(f"kind {kind.name}: {attribute} already taken ({taken})")
    REGISTRY.append(kind)
    _BY_NAME[kind.name] = kind
    _clear_caches()


def added() -> list[RecordKind]:
    """Kinds registered after the core ones (a worker process must register them too)."""
    return REGISTRY[_CORE:]


def install(extra: list[RecordKind]) -> None:
    """In a worker process: register the kinds its parent had added (they pickle by class)."""
    for kind in extra:
        if kind.name not in {k.name for k in REGISTRY}:
            register(kind)


def unregister(name: str) -> None:
    REGISTRY[:] = [k for k in REGISTRY if k.name != name]
    _BY_NAME.pop(name, None)
    _clear_caches()


def _clear_caches() -> None:
    from generator import schemas
    from generator.render import environment

    for cached in (schemas.bundled, schemas.fast_validator, environment.environment):  # kind_plan follows bundled
        cached.cache_clear()


def by_cli_name(name: str) -> RecordKind | None:
    """The kind `python -m generator new <name>` means (its name or a Vietnamese alias)."""
    for kind in REGISTRY:
        if kind.scaffold_names and name in (kind.name, *kind.scaffold_names):
            return kind
    return None
