"""The model stage: valid records as typed structs, and the indexes derived from them, once.

`build_hub` turns each record into its kind's struct (`records.py`), lets the
kind complete what is derived from the record alone (anchors, a document's
targets), then derives what needs the whole hub (`hub.py`: backlinks,
duties, referrers).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Iterable

import msgspec
from msgspec.structs import force_setattr

from generator.model.dates import PartialDate
from generator.model.hub import Duty, Hub, derive, document_order, iter_items
from generator.model.records import (Actual, Body, Document, Example, FreePage, Indicator, Item, LegalBasis, Locality,
                                     Resource, Signer, Target, decode_hook)

__all__ = ["Actual", "Body", "Document", "Duty", "Example", "FreePage", "Hub", "Indicator", "Item", "LegalBasis",
           "Locality", "PartialDate", "Resource", "Signer", "Target", "build_hub", "document_order", "iter_items",
           "to_struct"]


def _registry():
    """The kinds, imported on first use (kind modules import the model)."""
    from generator import kinds

    return kinds


def prepared(kind_name: str, data: dict[str, Any]) -> bytes:
    """A valid record's dict, completed by its kind, as compact bytes (what workers and the cache pass on)."""
    return msgspec.msgpack.encode(_registry().get(kind_name).prepare(data))


@lru_cache(maxsize=None)
def _decoder(struct: type) -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(type=struct, dec_hook=decode_hook)


def to_struct(kind_name: str, data: dict[str, Any] | bytes) -> Any:
    """One valid record (its dict, or `prepared` bytes) as its kind's struct, derived fields filled."""
    kind = _registry().get(kind_name)
    if not isinstance(data, bytes):
        data = prepared(kind_name, data)
    record = _decoder(kind.struct).decode(data)
    force_setattr(record, "version", hashlib.blake2b(data, digest_size=8).hexdigest())
    kind.finish(record)
    return record


def build_hub(records: Iterable[tuple[str, dict[str, Any] | bytes]]) -> Hub:
    """The whole hub from valid (kind, data or prepared bytes) pairs, with derived indexes in a stable order."""
    kinds = _registry()
    hub = Hub(records={kind.name: {} for kind in kinds.REGISTRY})
    for kind_name, data in records:
        record = to_struct(kind_name, data)
        hub.records[kind_name][record.id] = record
    for kind_name in hub.records:
        hub.records[kind_name] = dict(sorted(hub.records[kind_name].items()))
    derive(hub, {k.name: k.indexed for k in kinds.REGISTRY if k.indexed}, {k.name: k.order for k in kinds.REGISTRY})
    return hub
