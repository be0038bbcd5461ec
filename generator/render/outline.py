"""A document page's outline: which items are headings, its table of contents, and names for its links.

A plan of 17,000 px needs a way around it: its sections and numbered items with a heading become headings at
the level of their depth (the page's own sections are `<h2>`, the document's parts `<h3>`, their items `<h4>`,
...), and the same tree fills Material's table of contents (`Page.toc`) and the page's own "Mục lục", so the
two never disagree. Every copy-link control and every link to an item gets a name that says which item it is
("Liên kết tới mục III.2.a)"), unique on the page: a screen reader's list of links is not 198 times
"Liên kết tới mục -".
"""

from __future__ import annotations

from typing import Iterable, Sequence

from generator import labels
from generator.model.records import Item
from generator.render.contexts import OutlineStep
from generator.site import TocEntry

#: Labels that are only bullets: they do not name an item.
BULLETS = frozenset({"-", "+", "•", "*", "–", "—"})

#: Item depths shown in the table of contents (parts, their items, and the items of those).
TOC_DEPTH = 3

#: Longest title of a contents entry made from an item's text (cut at a word, never inside one).
TITLE_CHARS = 70


def cut_words(text: str, limit: int = TITLE_CHARS) -> str:
    """`text` on one line, cut after a whole word with "…" when longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > 0 else text[:limit]).rstrip(" ,;:.-") + "…"


def is_heading(item: Item, depth: int) -> bool:
    """Whether an item is a heading: it has a heading of its own, or it is a numbered part of the document."""
    return bool(item.heading) or (depth == 1 and bool(item.label) and item.label not in BULLETS)


def heading_level(depth: int) -> int:
    """`<h3>` for the document's parts (under the page's "Nội dung" `<h2>`), one deeper per level, at most 6."""
    return min(depth + 2, 6)


def outline(items: Sequence[Item], depth: int = 1) -> list[OutlineStep]:
    """The items at every depth in page order, each followed by its children and then its close."""
    steps = []
    for item in items:
        steps.append(OutlineStep(item, depth, heading_level(depth) if is_heading(item, depth) else 0))
        steps.extend(outline(item.items, depth + 1))
        steps.append(OutlineStep(None, depth))
    return steps


def item_title(item: Item) -> str:
    """An item as a contents entry names it: label and heading, else label and its role's words or first words."""
    label = item.label if item.label and item.label not in BULLETS else ""
    words = item.heading or (labels.ITEM_ROLES.get(item.role or "") if not label else "") or ""
    if not words and item.text and not label:
        words = item.text
    title = f"{label} {words}".strip()
    return " ".join(title.split()) if item.heading else cut_words(title)


def item_contents(items: Sequence[Item], depth: int = 1) -> tuple[TocEntry, ...]:
    """The heading items down to `TOC_DEPTH`, as contents entries."""
    if depth > TOC_DEPTH:
        return ()
    out = []
    for item in items:
        children = item_contents(item.items, depth + 1)
        if is_heading(item, depth):
            out.append(TocEntry(item_title(item), item.anchor, children))
        else:
            out.extend(children)
    return tuple(out)


def _path(labels_: Iterable[str]) -> str:
    """"III.2.a)" from the labels "III.", "2.", "a)"; a label that repeats its parent's ("2.1." under "2.")
    replaces it: "II.2.1"."""
    parts: list[str] = []
    for label in labels_:
        part = label.rstrip(".")
        if parts and part.startswith(parts[-1] + "."):
            parts[-1] = part
        else:
            parts.append(part)
    return ".".join(parts)


def item_refs(items: Sequence[Item]) -> dict[str, str]:
    """Anchor -> how a link names the item: "mục III.2.a)", "mục III.2 (đoạn 3)", "đoạn 2"; unique on the page."""
    refs: dict[str, str] = {}

    def visit(children: Sequence[Item], numbered: tuple[str, ...], within: str) -> None:
        for index, item in enumerate(children, start=1):
            if item.label and item.label not in BULLETS:
                path = numbered + (item.label,)
                refs[item.anchor] = f"mục {_path(path)}"
                visit(item.items, path, "")
            else:
                paragraph = f"{within}đoạn {index}"
                refs[item.anchor] = f"mục {_path(numbered)} ({paragraph})" if numbered else paragraph
                visit(item.items, numbered, paragraph + ", ")

    visit(items, (), "")
    return unique(refs)


def unique(names: dict[str, str]) -> dict[str, str]:
    """Names made unique on the page in order: a repeated one gets "(lần 2)", "(lần 3)"."""
    seen: dict[str, int] = {}
    out = {}
    for key, name in names.items():
        seen[name] = seen.get(name, 0) + 1
        out[key] = name if seen[name] == 1 else f"{name} (lần {seen[name]})"
    return out
