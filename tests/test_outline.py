"""A plan's outline (generator/render/outline.py) and what a reader gets of it on the built page: its parts and
numbered items as headings at their level, Material's table of contents filled, a "Nội dung" that also lists the
hub's own sections, whole words in every entry, and a unique name for every copy-link control."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model.records import Item
from generator.render import outline

TN = "van-ban/kh-104-ubnd-thai-nguyen-2022/index.html"


def test_titles_are_cut_after_a_whole_word():
    text = "Đẩy mạnh thực hiện chuyển đổi số và ứng dụng công nghệ thông tin trong xây dựng xã hội học tập"
    cut = outline.cut_words(text, 70)
    assert cut.endswith("…") and len(cut) <= 71
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "  # the cut falls between two words
    assert outline.cut_words("Ngắn gọn", 70) == "Ngắn gọn"


def test_links_name_items_by_their_numbers_uniquely():
    items = (
        Item(anchor="a", label="III.", heading="NHIỆM VỤ", items=(
            Item(anchor="b", label="2.", heading="Tuyên truyền", items=(
                Item(anchor="c", label="a)", text="x"), Item(anchor="d", label="-", text="y"),
                Item(anchor="e", label="-", text="z"))),
            Item(anchor="f", label="2.1.", text="w"))),
        Item(anchor="g", text="Đoạn kết"), Item(anchor="h", text="Đoạn kết nữa"),
    )
    refs = outline.item_refs(items)
    assert refs["a"] == "mục III" and refs["b"] == "mục III.2" and refs["c"] == "mục III.2.a)"
    assert refs["d"] == "mục III.2 (đoạn 2)" and refs["e"] == "mục III.2 (đoạn 3)"
    assert refs["f"] == "mục III.2.1"
    assert refs["g"] == "đoạn 2" and refs["h"] == "đoạn 3"
    assert len(set(refs.values())) == len(refs)
    assert outline.unique({"x": "mục 1", "y": "mục 1"}) == {"x": "mục 1", "y": "mục 1 (lần 2)"}


def test_headings_follow_the_depth_of_items():
    items = (Item(anchor="p", label="I.", heading="MỤC ĐÍCH", items=(
        Item(anchor="q", label="1.", heading="Mục đích", items=(Item(anchor="r", label="-", text="t"),)),)),)
    steps = [(s.item.anchor, s.depth, s.level) for s in outline.outline(items) if s.item]
    assert steps == [("p", 1, 3), ("q", 2, 4), ("r", 3, 0)]
    toc = outline.item_contents(items)
    assert [(e.title, e.anchor) for e in toc] == [("I. MỤC ĐÍCH", "p")]
    assert [(e.title, e.anchor) for e in toc[0].children] == [("1. Mục đích", "q")]


class _Page(HTMLParser):
    """Headings, the two tables of contents and the copy-link controls of a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []
        self.material_toc: list[str] = []
        self.contents: list[tuple[str, str]] = []
        self.anchor_names: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._stack: list[tuple[str, dict]] = []
        self._text: list[list[str]] = []
        self._navs: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("h2", "h3", "h4", "h5", "h6", "a"):
            self._stack.append((tag, values))
            self._text.append([])
        if tag == "nav":
            self._navs.append(values.get("class") or "")
        if tag == "a" and "xhht-anchor" in (values.get("class") or ""):
            self.anchor_names.append(values.get("aria-label") or "")

    def handle_endtag(self, tag):
        if tag == "nav" and self._navs:
            self._navs.pop()
        if self._stack and self._stack[-1][0] == tag:
            _, values = self._stack.pop()
            text = " ".join("".join(self._text.pop()).split())
            for rest in self._text:
                rest.append(text)
            if tag == "a":
                self.links.append((values.get("href") or "", values.get("aria-label") or text))
                if any("md-nav--secondary" in nav for nav in self._navs):
                    self.material_toc.append(values.get("href") or "")
                if self._navs and self._navs[-1] == "xhht-contents":
                    self.contents.append((values.get("href") or "", text))
            else:
                self.headings.append((tag, text.rstrip(" #")))

    def handle_data(self, data):
        if self._text:
            self._text[-1].append(data)


def _page(site: Path, path: str) -> _Page:
    page = _Page()
    page.feed((site / path).read_text(encoding="utf-8"))
    return page


def test_the_plan_has_its_structure_as_headings(built_site: Path):
    page = _page(built_site, TN)
    levels = Counter(tag for tag, _ in page.headings)
    h3 = [text for tag, text in page.headings if tag == "h3"]
    for part in ("I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NHIỆM VỤ VÀ GIẢI PHÁP", "IV. KINH PHÍ THỰC HIỆN",
                 "V. TỔ CHỨC THỰC HIỆN"):
        assert part in h3
    assert ("h4", "2. Tuyên truyền, phổ biến, nâng cao nhận thức về xây dựng xã hội học tập") in page.headings
    assert levels["h4"] + levels["h5"] + levels["h6"] >= 40  # the 48 section heads were <p><strong>


def test_materials_table_of_contents_is_filled(built_site: Path):
    page = _page(built_site, TN)
    toc = page.material_toc
    for section in ("#can-cu", "#noi-dung", "#chi-tieu", "#trach-nhiem", "#thoi-han", "#nguon"):
        assert section in toc
    assert len(toc) > 30  # the parts, their items and the items of those
    assert all(href.startswith("#") for href in toc)


def test_contents_list_the_parts_and_the_hubs_own_sections_in_whole_words(built_site: Path):
    page = _page(built_site, TN)
    titles = [text for _, text in page.contents]
    assert titles[:2] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU"]
    for section in ("Chỉ tiêu", "Trách nhiệm của các cơ quan", "Thời hạn", "Nguồn"):
        assert section in titles
    html = (built_site / TN).read_text(encoding="utf-8")
    words = set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html)))
    for title in titles:
        assert all(word in words for word in re.findall(r"\w+", title)), title  # no word cut short


@pytest.mark.parametrize("path", [TN, "van-ban/kh-bcd-xhht-phu-tan-2022/index.html", "van-ban/qd-1373-ttg-2021/index.html",
                                  "co-quan/bcd-xhht-cac-cap-phu-tan/index.html"])
def test_every_link_has_a_name_and_copy_links_are_unique(built_site: Path, path: str):
    page = _page(built_site, path)
    names = Counter(page.anchor_names)
    assert [name for name, count in names.items() if count > 1] == []
    assert not any(re.search(r"mục\s*-?\s*$", name) for name in names)
    assert [href for href, text in page.links if not text.strip(" -;")] == []


def test_the_plan_names_its_items_in_copy_links(built_site: Path):
    page = _page(built_site, TN)
    assert "Liên kết tới mục III.2" in page.anchor_names
    assert any(name.startswith("Liên kết tới mục II.2.2.1") or name.startswith("Liên kết tới mục II.2.1")
               for name in page.anchor_names)


def test_the_citation_box_gives_the_full_citation_to_copy(built_site: Path):
    html = (built_site / TN).read_text(encoding="utf-8")
    box = html[html.index('<section class="xhht-citation"'):]
    box = box[:box.index("</section>")]
    text = " ".join(re.sub(r"<[^>]+>", "", box).split())
    assert ("Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên thực hiện Đề án “Xây dựng xã hội học "
            "tập giai đoạn 2022 - 2030” trên địa bàn tỉnh Thái Nguyên") in text
    assert "Sao chép trích dẫn" in box and '<span class="xhht-docno">104/KH-UBND</span>' in box
