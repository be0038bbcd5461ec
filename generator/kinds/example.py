"""Honoured examples (content/examples/): learning families, clans, communities, units, citizens."""

from __future__ import annotations

from typing import Any, Iterator

from generator import labels
from generator.entries import Entry, Passage
from generator.kinds.base import Facet, RecordKind, field_facet, locality_facet
from generator.model.hub import Hub
from generator.model.records import Example
from generator.validate.record import check_example
from generator.tables import Row, Table, columns, flag, make_table, page_url

EXAMPLE_COLUMNS = columns(
    ("id", "Mã định danh cố định của gương điển hình (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của trang gương điển hình trên cổng thông tin."),
    ("model", "Danh hiệu: gia-dinh-hoc-tap (gia đình học tập), dong-ho-hoc-tap (dòng họ học tập), "
              "cong-dong-hoc-tap (cộng đồng học tập), don-vi-hoc-tap (đơn vị học tập), "
              "cong-dan-hoc-tap (công dân học tập)."),
    ("name", "Tên gia đình, dòng họ, cộng đồng, đơn vị hoặc công dân."),
    ("locality", "Mã địa bàn; để trống nếu không nêu."),
    ("year", "Năm được công nhận; để trống nếu không nêu."),
    ("illustrative", "true nếu là ví dụ minh họa, không phải hồ sơ công nhận thật; false nếu là hồ sơ thật."),
    ("summary", "Tóm tắt."),
)


def example_row(example: Example, site_url: str) -> Row:
    """Only the public summary fields: no story, consent or decision details."""
    return {
        "id": example.id,
        "url": page_url(site_url, "example", example.id),
        "model": example.model,
        "name": example.name,
        "locality": example.locality,
        "year": example.year,
        "illustrative": flag(example.illustrative),
        "summary": example.summary,
    }


class ExampleKind(RecordKind):
    name = "example"
    label = "gương điển hình"
    folder = "content/examples"
    section = "guong-dien-hinh"
    struct = Example
    listing = ("Gương điển hình", "Gia đình, dòng họ, cộng đồng, đơn vị và công dân học tập")
    facets = (
        field_facet("danh-hieu", "Danh hiệu", "model", labels.MODELS),
        Facet("nam", "Năm", lambda e, hub: [(str(e.year), str(e.year))] if e.year else [], newest_first=True),
        locality_facet(),
    )
    indexed = ("locality",)
    text_field = "summary"
    scaffold_names = ("guong-dien-hinh",)
    search_label = "Gương điển hình"
    checks = (check_example,)

    def order(self, record: Example) -> Any:
        return (record.model, -(record.year or 0), record.id)

    def listing_key(self, records: Any, hub: Hub) -> tuple:
        """The listing shows each record's locality by name."""
        return tuple(hub.localities[r.locality].name if r.locality in hub.localities else None for r in records)

    def entries(self, hub: Hub) -> Iterator[Entry]:
        for ident, example in hub.examples.items():
            locality = hub.localities.get(example.locality or "")
            fields = tuple(Passage(value, "", name) for name, value in (
                ("Danh hiệu", labels.label(labels.MODELS, example.model)), ("Địa bàn", locality.name if locality else ""),
                ("Năm", str(example.year or ""))) if value)
            yield Entry("Gương điển hình", example.name, self.url(ident), example.summary, fields=fields)

    def tables(self, hub: Hub, site_url: str) -> tuple[Table, ...]:
        return (make_table("examples", "Gương điển hình", EXAMPLE_COLUMNS,
                           (example_row(e, site_url) for e in hub.examples.values())),)
