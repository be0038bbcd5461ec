"""Open learning resources (content/resources/), filterable by topic, audience, format, cost, language."""

from __future__ import annotations

from typing import Iterator

from generator import labels
from generator.entries import Entry, Passage
from generator.kinds.base import RecordKind, field_facet
from generator.model.hub import Hub
from generator.model.records import Resource
from generator.tables import Row, Table, columns, joined, make_table, page_url

RESOURCE_COLUMNS = columns(
    ("id", "Mã định danh cố định của học liệu (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của trang giới thiệu học liệu trên cổng thông tin."),
    ("name", "Tên học liệu."),
    ("provider", "Đơn vị cung cấp học liệu."),
    ("link", "Địa chỉ của học liệu trên trang của đơn vị cung cấp (bên ngoài cổng)."),
    ("topics", "Mã các chủ đề, cách nhau bằng dấu chấm phẩy (;), ví dụ ky-nang-so;ngoai-ngu."),
    ("audiences", "Mã các đối tượng người học, cách nhau bằng dấu chấm phẩy (;), ví dụ hoc-sinh;nguoi-lon."),
    ("formats", "Mã các hình thức học liệu, cách nhau bằng dấu chấm phẩy (;), ví dụ video;khoa-hoc-truc-tuyen."),
    ("languages", "Mã ngôn ngữ hai chữ cái (vi: tiếng Việt, en: tiếng Anh, ...), cách nhau bằng dấu chấm phẩy (;)."),
    ("cost", "Chi phí: mien-phi (miễn phí), mot-phan-mien-phi (một phần miễn phí), co-phi (có phí)."),
    ("localities", "Mã các địa bàn liên quan, cách nhau bằng dấu chấm phẩy (;); để trống nếu học liệu dùng chung."),
    ("description", "Mô tả ngắn về học liệu."),
)


def resource_row(resource: Resource, site_url: str) -> Row:
    return {
        "id": resource.id,
        "url": page_url(site_url, "resource", resource.id),
        "name": resource.name,
        "provider": resource.provider,
        "link": resource.url,
        "topics": joined(resource.topics),
        "audiences": joined(resource.audiences),
        "formats": joined(resource.formats),
        "languages": joined(resource.languages),
        "cost": resource.cost,
        "localities": joined(resource.localities),
        "description": resource.description,
    }


class ResourceKind(RecordKind):
    name = "resource"
    label = "học liệu"
    folder = "content/resources"
    section = "hoc-lieu"
    struct = Resource
    listing = ("Học liệu mở", "Học liệu mở cho người dân học tập suốt đời")
    facets = (
        field_facet("chu-de", "Chủ đề", "topics", labels.TOPICS),
        field_facet("doi-tuong", "Đối tượng", "audiences", labels.AUDIENCES),
        field_facet("hinh-thuc", "Hình thức", "formats", labels.FORMATS),
        field_facet("chi-phi", "Chi phí", "cost", labels.COSTS),
        field_facet("ngon-ngu", "Ngôn ngữ", "languages", labels.LANGUAGES),
    )
    #: topic × audience × format × cost × language, up to four at once: 591 pages for the 41 bundled resources
    #: (all five: 592); at 200 resources 3,277, at 1,000 7,832 (benchmarks/facet_pages.py)
    combine_facets = 4
    scaffold_names = ("hoc-lieu",)
    search_label = "Học liệu"

    def entries(self, hub: Hub) -> Iterator[Entry]:
        for ident, resource in hub.resources.items():
            fields = (Passage(resource.provider, "", "Đơn vị cung cấp"),) + tuple(
                Passage(label, "", facet.name) for facet in self.facets for _, label in facet.values(resource, hub))
            yield Entry("Học liệu", resource.name, self.url(ident), resource.description, fields=fields)

    def tables(self, hub: Hub, site_url: str) -> tuple[Table, ...]:
        return (make_table("resources", "Học liệu mở", RESOURCE_COLUMNS,
                           (resource_row(r, site_url) for r in hub.resources.values())),)
