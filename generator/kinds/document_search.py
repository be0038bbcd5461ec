"""Search entries of documents: the document, its legal bases, its sections in parts, its targets.

A long section is not one entry: a result should open at the item that
matched, and show it, not the first lines of a section of ten thousand
characters. A section is one entry when its text is short; otherwise its
items are packed, in order, into entries of at most `ENTRY_TEXT` characters,
and an item too long for that is split at word boundaries. Every passage of
an entry keeps the anchor of its own item, so the browser links to the item
whose words matched best.
"""

from __future__ import annotations

from typing import Iterator

from generator import labels
from generator.entries import Entry, Passage
from generator.links import target_url, url_for
from generator.model.hub import Hub
from generator.model.records import Document, Item, Target
from generator.render import formatting

#: Most characters of running text in one entry (a section's part, or one piece of a long item).
ENTRY_TEXT = 1200

#: Item labels that are only bullets, not worth repeating in an excerpt.
BULLETS = frozenset({"-", "+", "•", "*", "–"})


def _name(item: Item) -> str:
    """`III. NHIỆM VỤ VÀ GIẢI PHÁP`, `2.1.`: an item's label and heading."""
    label = item.label if item.label and item.label not in BULLETS else ""
    heading = item.heading
    return f"{label} {heading}" if label and heading else label or heading or ""


def own_passage(item: Item) -> Passage | None:
    """An item's own words (label, heading, text) at its anchor; None for an item with none."""
    name, text = _name(item), item.text
    joined = f"{name}\n{text}" if name and text else name or text or ""
    return Passage(joined, item.anchor) if joined.strip() else None


class Walk:
    """Every item's own passage, the passages of it and its sub-items, and the size of their text, computed in
    one visit of a document (entries are made for every document of the site: this is on the index stage's
    path); `order`: the items at every depth, in document order."""

    def __init__(self, items: tuple[Item, ...]) -> None:
        self.own: dict[int, Passage | None] = {}
        self.size: dict[int, int] = {}
        self.inner: dict[int, list[Passage]] = {}
        self.order: list[Item] = []
        self._visit(items)

    def _visit(self, items: tuple[Item, ...]) -> list[Passage]:
        out: list[Passage] = []
        for item in items:
            self.order.append(item)
            key = id(item)
            own = self.own[key] = own_passage(item)
            inner = [own] if own else []
            size = len(own.text) if own else 0
            if item.items:
                inner += self._visit(item.items)
                size += sum(self.size[id(child)] for child in item.items)
            self.size[key] = size
            self.inner[key] = inner
            out += inner
        return out

    def passages(self, item: Item) -> list[Passage]:
        """The item's passage and its sub-items', in document order."""
        return self.inner[id(item)]


def split_text(text: str, limit: int = ENTRY_TEXT) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at white space where there is some."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit + 1)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return pieces + ([text] if text else [])


def item_parts(item: Item, context: str, walk: Walk) -> Iterator[tuple[str, str, str, tuple[Passage, ...]]]:
    """(title, context, anchor, passages) of the entries an item (and its sub-items) makes, in document order."""
    title = _name(item) or (item.text or "")[:60]
    if walk.size[id(item)] <= ENTRY_TEXT:
        yield title, context, item.anchor, tuple(walk.passages(item))
        return
    inner = f"{context} › {title}" if context else title
    group: list[Passage] = []
    filled = 0
    own = walk.own[id(item)]
    if own and len(own.text) > ENTRY_TEXT:
        for piece in split_text(own.text):
            yield title, context, item.anchor, (Passage(piece, item.anchor),)
    elif own:
        group, filled = [own], len(own.text)
    for child in item.items:
        child_size = walk.size[id(child)]
        if group and (child_size > ENTRY_TEXT or filled + child_size > ENTRY_TEXT):
            yield title, context, item.anchor, tuple(group)
            group, filled = [], 0
        if child_size > ENTRY_TEXT:
            yield from item_parts(child, inner, walk)
        else:
            group.extend(walk.passages(child))
            filled += child_size
    if group:
        yield title, context, item.anchor, tuple(group)


def _own_targets(walk: Walk) -> Iterator[tuple[Target, bool]]:
    """Every target, and whether its text is its own (not the words of the item holding it)."""
    for item in walk.order:
        for target in item.targets:
            yield target, target.text != (item.text or "")


def document_entries(doc: Document, hub: Hub) -> Iterator[Entry]:
    """Search entries of one document: itself, then (parent 0: the document's entry) its legal bases,
    the parts of its sections and its targets."""
    url = url_for("document", doc.id)
    locality = hub.localities.get(doc.locality or "")
    place = locality.name if locality else ""
    label = formatting.doc_label(doc)
    short = formatting.issuer_short(doc, hub)
    fields = tuple(Passage(value, "", name) for name, value in (
        ("Số hiệu", doc.number or ""), ("Loại văn bản", labels.label(labels.DOCUMENT_TYPES, doc.type)),
        ("Cơ quan ban hành", doc.issuer.name), ("Người ký", doc.signer.name if doc.signer and doc.signer.name else ""),
        ("Địa bàn", place), ("Nơi ban hành", doc.place or "")) if value)
    yield Entry("Văn bản", f"{label} — {doc.title or ''}".rstrip(" —"), url,
                keywords=short if short != doc.issuer.name else "", fields=fields,
                passages=(Passage(formatting.citation(doc, hub), "trich-dan"),
                          *(Passage(piece) for piece in split_text(doc.preamble or ""))))
    bases = [Passage(piece, "can-cu", labels.LEGAL_BASIS_KINDS.get(b.kind, ""))
             for b in doc.legal_bases for piece in split_text(b.text)]
    while bases:
        size, count = 0, 0
        while count < len(bases) and (count == 0 or size + len(bases[count].text) <= ENTRY_TEXT):
            size += len(bases[count].text)
            count += 1
        yield Entry("Mục văn bản", "Căn cứ", f"{url}#can-cu", parent=0, passages=tuple(bases[:count]))
        bases = bases[count:]
    walk = Walk(doc.sections)
    for section in doc.sections:
        for title, context, anchor, passages in item_parts(section, "", walk):
            yield Entry("Mục văn bản", title or label, f"{url}#{anchor}", parent=0, passages=passages,
                        context=context)
    for target, own_text in _own_targets(walk):
        indicator = hub.indicators[target.indicator].name
        scope = (Passage(target.scope, "", "Phạm vi"),) if target.scope else ()
        # The indicator's name is the indicator page's title; here it is a keyword, so that page comes first.
        yield Entry("Chỉ tiêu", formatting.target_label(target), target_url(doc.id, target.id),
                    target.text if own_text else "", keywords=indicator, parent=0, context=indicator,
                    fields=((Passage(place, "", "Địa bàn"),) if place else ()) + scope)
