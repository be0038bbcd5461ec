"""Free pages (content/pages/): Markdown text such as the editors' guide."""

from __future__ import annotations

from typing import Any, Iterator

from generator.entries import Entry
from generator.kinds.base import RecordKind
from generator.model.hub import Hub
from generator.model.records import FreePage
from generator.validate.record import check_page_links


class PageKind(RecordKind):
    name = "page"
    label = "trang"
    folder = "content/pages"
    section = "trang"
    struct = FreePage
    title_field = "title"
    text_field = "summary"
    checks = (check_page_links,)

    def order(self, record: FreePage) -> Any:
        return (record.order, record.id)

    def entries(self, hub: Hub) -> Iterator[Entry]:
        return iter(())
