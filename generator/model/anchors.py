"""Anchors on a document page: one rule, used by the checks and the model alike.

An item's anchor is the editor's (`anchor:`), else `muc-1-2-3` from its
position (1-based, sections first): stable while the document's structure
is. Targets are anchored by their ids. The page's own parts use the anchors
below, which items and targets may not take (tests/test_anchors.py checks
them against theme/pages/document.html).
"""

from __future__ import annotations

from typing import Any

#: Anchors the document page itself uses (theme/pages/document.html).
PAGE_ANCHORS = frozenset({"trich-dan", "can-cu", "quan-he", "duoc-can-cu", "kinh-gui", "noi-dung", "chi-tieu", "trach-nhiem",
                          "thoi-han", "noi-nhan", "nguon"})


def item_anchor(item: dict[str, Any], positions: tuple[int, ...]) -> str:
    """The anchor of the item at `positions` (0-based indices: section, item, sub-item ...)."""
    explicit = item.get("anchor")
    return explicit if isinstance(explicit, str) else "muc-" + "-".join(str(p + 1) for p in positions)
