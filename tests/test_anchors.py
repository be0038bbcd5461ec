"""The anchors a document page uses for its own parts are the ones items and targets may not take."""

from __future__ import annotations

import re

from generator.model.anchors import PAGE_ANCHORS
from tests.conftest import REPO


def test_page_anchors_are_exactly_the_ids_document_html_writes():
    template = (REPO / "theme" / "pages" / "document.html").read_text(encoding="utf-8")
    literal_ids = set(re.findall(r'\bid="([a-z][a-z0-9-]*)"', template))
    assert literal_ids == PAGE_ANCHORS


def test_a_page_anchor_is_refused_as_an_item_anchor(base_tree):
    from generator.pipeline import check

    plan = base_tree / "plans" / "kh-2-ubnd-mau-2022.yml"
    text = plan.read_text(encoding="utf-8")
    assert "  - label:" in text
    plan.write_text(text.replace("  - label:", "  - anchor: nguon\n    label:", 1), encoding="utf-8")
    lines = [p.format() for p in check(base_tree, jobs=1).problems]
    assert len(lines) == 1 and "neo 'nguon' trùng với phần cố định của trang văn bản" in lines[0]
