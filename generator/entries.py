"""What the index stage receives: search entries, one per result a reader can get.

Each kind makes its own (`RecordKind.entries`); the index stage turns them
into terms and shards without knowing what kind they came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One search result candidate.

    `kind` is the result type as residents read it ("Văn bản", "Chỉ tiêu");
    `parent` is the position of the entry of the page this one points into
    (a section or a target inside a document page), so results group by page.
    """

    kind: str
    title: str
    url: str
    text: str = ""
    keywords: str = ""
    parent: int | None = None
