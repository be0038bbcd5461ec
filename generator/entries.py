"""What the index stage receives: search entries, one per result a reader can get.

Each kind makes its own (`RecordKind.entries`); the index stage turns them
into terms, postings and stored excerpts without knowing what kind they came
from. msgspec structs: a site of 10,000 documents has hundreds of thousands.
"""

from __future__ import annotations

import msgspec


class Passage(msgspec.Struct, frozen=True):
    """A part of an entry that a result can show, say what it is, and link to.

    `anchor` is the id of the smallest element holding it on the page (an item
    of a section), so a result opens there; "" means the entry's own address.
    `label` names what the text is ("Người ký", "Số hiệu"): a result that
    matched there says so, "Người ký: Đặng Xuân Trường".
    """

    text: str
    anchor: str = ""
    label: str = ""


class Entry(msgspec.Struct, frozen=True):
    """One search result candidate.

    `kind` is the result type as residents read it ("Văn bản", "Chỉ tiêu");
    `parent` is the position of the entry of the page this one points into
    (a section or a target inside a document page), so results group by page.
    What is searched: `title`; `keywords` and the values of `fields` (names,
    numbers, places: weighted like keywords); `text` and `passages` (running
    text). `context` is shown before the title (the sections above a sub-item)
    but not searched. `url` is relative to the site's root, with `#anchor` for
    a place inside a page.
    """

    kind: str
    title: str
    url: str
    text: str = ""
    keywords: str = ""
    parent: int | None = None
    fields: tuple[Passage, ...] = ()
    passages: tuple[Passage, ...] = ()
    context: str = ""

    def body(self) -> tuple[Passage, ...]:
        """The running text as passages: `text` (at the entry's own address) then `passages`."""
        return ((Passage(self.text),) if self.text.strip() else ()) + self.passages
