"""Public pages speak to the public (issue 10): no editors' notes or working file names on a document's page, an
indicator naming another by its name (linked), never by its id, and no link to an indicator page with nothing on
it."""

from __future__ import annotations

import re
from pathlib import Path

from generator.render.environment import linked_ids


def test_document_pages_carry_no_editors_notes_or_file_names(built_site: Path):
    for page in sorted((built_site / "van-ban").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        assert "Ghi chú biên tập" not in html, page
        assert not re.search(r"\b\d{3}_[0-9a-f]{16}\.txt\b", html), page


def test_the_plan_says_where_its_words_come_from_in_plain_words(built_site: Path):
    html = (built_site / "van-ban/kh-104-ubnd-thai-nguyen-2022/index.html").read_text(encoding="utf-8")
    sources = html[html.index('id="nguon"'):]
    assert "bản chép toàn văn do biên tập viên lưu trong kho dữ liệu của trang" in sources


def test_indicators_name_each_other_by_name(built_site: Path):
    html = (built_site / "chi-so/pcgd-thcs/index.html").read_text(encoding="utf-8")
    description = html[html.index("Khác với"):]
    description = description[:description.index("</p>")]
    assert "pcgd-thcs-muc-do-2" not in re.sub(r'href="[^"]*"', "", description)
    assert ">Tỷ lệ đơn vị hành chính đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2</a>" in description


def test_linked_ids_escape_everything_else():
    class Record:
        id, name = "a-b", "Tên <b>"

    out = linked_ids("x <i> a-b, a-bc, za-b", {"a-b": Record()}, "indicator", lambda url: "../" + url)
    assert out == 'x &lt;i&gt; <a href="../chi-so/a-b/">Tên &lt;b&gt;</a>, a-bc, za-b'


def test_no_link_to_an_indicator_without_targets(built_site: Path):
    html = (built_site / "chi-so/index.html").read_text(encoding="utf-8")
    empty = re.findall(r"<li>([^<]+) \(chưa có chỉ tiêu nào\)", html)
    assert empty  # the bundled content has indicators no document uses yet
    for name in empty:
        assert f">{name}</a>" not in html
