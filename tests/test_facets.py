"""Facet pages (generator/render/facets.py): what a resident filtering resources can reach, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass

from generator.kinds.base import field_facet
from generator.render.facets import FacetPage, combined_pages, group, single_pages

TOPICS = {"ngoai-ngu": "Ngoại ngữ", "tin-hoc": "Tin học", "doc-sach": "Đọc sách", "toan": "Toán", "du-lich": "Du lịch"}
COSTS = {"mien-phi": "Miễn phí", "co-phi": "Có phí"}
FORMATS = {"video": "Video", "ung-dung": "Ứng dụng"}
FACETS = (field_facet("chu-de", "Chủ đề", "topics", TOPICS), field_facet("chi-phi", "Chi phí", "cost", COSTS),
          field_facet("hinh-thuc", "Hình thức", "formats", FORMATS))


@dataclass
class R:
    id: str
    topics: tuple[str, ...]
    cost: str
    formats: tuple[str, ...]


ITEMS = [
    R("a", ("ngoai-ngu",), "mien-phi", ("video",)),
    R("b", ("ngoai-ngu", "tin-hoc"), "co-phi", ("ung-dung",)),
    R("c", ("tin-hoc",), "mien-phi", ("video", "ung-dung")),
    R("d", ("doc-sach",), "mien-phi", ("ung-dung",)),
    R("e", ("toan", "tin-hoc"), "mien-phi", ("video",)),
    R("f", ("du-lich",), "co-phi", ("video",)),
]
BASE = "hoc-lieu/"


def _combined() -> dict[str, FacetPage]:
    pages = combined_pages(BASE, len(ITEMS), group(ITEMS, FACETS, None))
    return {p.base: p for p in pages}


def _ids(page: FacetPage) -> set[str]:
    return {ITEMS[n].id for n in page.members}


def _value(page: FacetPage, segment: str, value: str):
    found = [v for g in page.groups if g.segment == segment for v in g.values if v.value == value]
    return found[0] if found else None


def test_choosing_a_second_facet_keeps_the_first():
    pages = _combined()
    language = pages["hoc-lieu/chu-de/ngoai-ngu/"]
    free = _value(language, "chi-phi", "mien-phi")
    assert free.url == "hoc-lieu/chu-de/ngoai-ngu/chi-phi/mien-phi/" and free.count == 1
    assert _ids(pages[free.url]) == {"a"}
    assert [(f.name, f.label) for f in pages[free.url].filters] == [("Chủ đề", "Ngoại ngữ"), ("Chi phí", "Miễn phí")]


def test_every_offered_value_leads_to_a_page_listing_as_many_records_as_its_count():
    pages = _combined()
    for page in pages.values():
        for g in page.groups:
            for v in g.values:
                if v.url:
                    target = pages[v.url]
                    assert len(target.members) == v.count > 0
                    assert len(target.members) != len(page.members) or _ids(target) != _ids(page)
                    assert _ids(target) == _matching(target)
        for f in page.filters:
            assert f.remove_url in pages


def _matching(page: FacetPage) -> set[str]:
    """The records that have every choice of the page, found without the module."""
    chosen = [(facet, value) for segment, value in page.selection for facet in FACETS if facet.segment == segment]
    return {r.id for r in ITEMS if all(value in [v for v, _ in facet.values(r, None)] for facet, value in chosen)}


def test_every_page_lists_exactly_the_records_with_all_its_choices():
    pages = _combined()
    assert len(pages) > 10
    for page in pages.values():
        assert _ids(page) == _matching(page), page.base


def test_counts_are_in_context_not_site_wide():
    pages = _combined()
    free = pages["hoc-lieu/chi-phi/mien-phi/"]
    # 3 resources have "Tin học" site-wide, 2 of them are free.
    assert _value(free, "chu-de", "tin-hoc").count == 2
    assert _ids(pages[_value(free, "chu-de", "tin-hoc").url]) == {"c", "e"}
    root = pages[BASE]
    assert _value(root, "chu-de", "tin-hoc").count == 3


def test_a_value_that_lists_nothing_is_not_offered():
    pages = _combined()
    reading = pages["hoc-lieu/chu-de/doc-sach/"]
    assert _value(reading, "chi-phi", "co-phi") is None
    assert _value(reading, "hinh-thuc", "video") is None


def test_a_value_every_listed_record_has_is_shown_as_such_not_linked():
    pages = _combined()
    reading = pages["hoc-lieu/chu-de/doc-sach/"]
    free = _value(reading, "chi-phi", "mien-phi")
    assert free.url is None and not free.current and free.count == 1


def test_a_choice_implied_by_the_others_is_dropped_from_the_address():
    pages = _combined()
    # Every free "Đọc sách" resource is an app: choosing "Ứng dụng" there changes nothing and is not offered;
    # choosing "Đọc sách" from the free apps leads to the plain "Đọc sách" page.
    free_apps = pages["hoc-lieu/chi-phi/mien-phi/hinh-thuc/ung-dung/"]
    reading = _value(free_apps, "chu-de", "doc-sach")
    assert reading.url == "hoc-lieu/chu-de/doc-sach/"
    assert not any(p.startswith("hoc-lieu/chu-de/doc-sach/chi-phi/") for p in pages)


def test_removing_a_filter_keeps_the_others():
    pages = _combined()
    page = pages["hoc-lieu/chu-de/tin-hoc/chi-phi/mien-phi/"]
    removals = {f.segment: f.remove_url for f in page.filters}
    assert removals == {"chu-de": "hoc-lieu/chi-phi/mien-phi/", "chi-phi": "hoc-lieu/chu-de/tin-hoc/"}


def test_past_the_limit_a_value_is_shown_with_its_count_but_not_linked():
    pages = {p.base: p for p in combined_pages(BASE, len(ITEMS), group(ITEMS, FACETS, None), limit=2)}
    assert all(len(p.selection) <= 2 for p in pages.values())
    two = pages["hoc-lieu/chu-de/tin-hoc/chi-phi/mien-phi/"]  # c and e: one has "Ứng dụng", both "Video"
    app = _value(two, "hinh-thuc", "ung-dung")
    assert app.over_limit and app.url is None and app.count == 1
    assert not _value(two, "hinh-thuc", "video").over_limit  # holds for all: nothing to choose
    unlimited = _combined()
    assert "hoc-lieu/chu-de/tin-hoc/chi-phi/mien-phi/hinh-thuc/ung-dung/" in unlimited
    assert set(pages) < set(unlimited)


def test_values_are_in_vietnamese_alphabetical_order():
    root = _combined()[BASE]
    topics = [v.label for g in root.groups if g.segment == "chu-de" for v in g.values]
    # "Đ" comes after every "D" in Vietnamese, whatever the codes' order (du-lich > doc-sach).
    assert topics == ["Du lịch", "Đọc sách", "Ngoại ngữ", "Tin học", "Toán"]


def test_one_facet_at_a_time_counts_site_wide_and_keeps_its_addresses():
    pages = {p.base: p for p in single_pages(BASE, len(ITEMS), group(ITEMS, FACETS, None))}
    assert set(pages) == {BASE} | {f"{BASE}chu-de/{t}/" for t in TOPICS} | {f"{BASE}chi-phi/{c}/" for c in COSTS} | {
        f"{BASE}hinh-thuc/{f}/" for f in FORMATS}
    free = pages["hoc-lieu/chi-phi/mien-phi/"]
    assert _value(free, "chu-de", "tin-hoc").count == 3
    assert _value(free, "chu-de", "tin-hoc").url == "hoc-lieu/chu-de/tin-hoc/"
    assert [f.remove_url for f in free.filters] == [BASE]
