"""The model stage: valid records as typed structs, and the indexes derived from them, once.

`build_hub` turns each record into its kind's struct (`records.py`), lets the
kind complete what is derived from the record alone (anchors, a document's
targets), then derives what needs the whole hub (`hub.py`: backlinks,
duties, referrers).
"""

from __future__ import annotations

from typing import Any, Iterable

from generator import kinds
from generator.model.dates import PartialDate
from generator.model.hub import Duty, Hub, derive, document_order, iter_items
from generator.model.records import (Actual, Body, Document, Example, FreePage, Indicator, Item, LegalBasis, Locality,
                                     Resource, Signer, Target, convert)

__all__ = ["Actual", "Body", "Document", "Duty", "Example", "FreePage", "Hub", "Indicator", "Item", "LegalBasis",
           "Locality", "PartialDate", "Resource", "Signer", "Target", "build_hub", "document_order", "iter_items",
           "to_struct"]


def to_struct(kind_name: str, data: dict[str, Any]) -> Any:
    """One valid record's dict as its kind's struct, derived fields filled."""
    kind = kinds.get(kind_name)
    record = convert(kind.prepare(data), kind.struct)
    kind.finish(record)
    return record


def build_hub(records: Iterable[tuple[str, dict[str, Any]]]) -> Hub:
    """The whole hub from valid (kind, data) pairs, with derived indexes in a stable order."""
    hub = Hub(records={kind.name: {} for kind in kinds.REGISTRY})
    for kind_name, data in records:
        hub.records[kind_name][data["id"]] = to_struct(kind_name, data)
    for kind_name in hub.records:
        hub.records[kind_name] = dict(sorted(hub.records[kind_name].items()))
    derive(hub, {k.name: k.indexed for k in kinds.REGISTRY if k.indexed}, {k.name: k.order for k in kinds.REGISTRY})
    return hub
