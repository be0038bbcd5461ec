"""Editors' Markdown on free pages: the safe constructs work, nothing else gets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.markdown_safe import MAX_BREAKS, MAX_NESTING, MAX_OPEN_BRACKETS, limits, render, unsafe_links
from generator.pipeline import check
from tests.conftest import REPO


def test_common_constructs_render():
    html = render("## Cách làm\n\n**Đậm**, *nghiêng*, [Bộ GDĐT](https://moet.gov.vn) và [dữ liệu](../du-lieu/).\n\n- một\n- hai\n")
    assert "<h2>Cách làm</h2>" in html and "<strong>Đậm</strong>" in html and "<li>một</li>" in html
    assert '<a href="https://moet.gov.vn" rel="noopener noreferrer">Bộ GDĐT</a>' in html
    assert '<a href="../du-lieu/">dữ liệu</a>' in html


@pytest.mark.parametrize("source,absent", [
    ("<script>alert(1)</script>", "<script>"),
    ('<img src=x onerror="alert(1)">', "<img"),
    ("![ảnh](https://example.org/a.png)", "<img"),
    ("[bấm](javascript:alert(1))", "javascript:"),
    ("[bấm](JaVaScRiPt:alert(1))", "JaVaScRiPt:"),
    ("[bấm](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ("[bấm](vbscript:msgbox)", "vbscript:"),
    ("<a href='javascript:alert(1)'>x</a>", "<a href"),
])
def test_unsafe_markup_never_reaches_the_page(source: str, absent: str):
    assert absent not in render(source)


def test_unsafe_links_are_found_for_check():
    assert unsafe_links("[a](https://x.vn) [b](javascript:alert(1)) <data:text/html,x>\n\n[c]: vbscript:y") == [
        "javascript:alert(1)", "data:text/html,x", "vbscript:y"]


def test_check_refuses_a_page_with_an_unsafe_link(base_tree: Path):
    pages = base_tree / "content" / "pages"
    pages.mkdir()
    (pages / "gioi-thieu-them.yml").write_text(
        "id: gioi-thieu-them\ntitle: Giới thiệu\nbody: |\n  Xem [trang này](javascript:alert(1)).\n", encoding="utf-8")
    problems = [p.format() for p in check(base_tree, jobs=1).problems]
    assert problems == ["content/pages/gioi-thieu-them.yml:4:19: body: liên kết 'javascript:alert(1)' không được phép: "
                        "chỉ dùng http://, https://, mailto: hoặc địa chỉ trong trang"]


@pytest.mark.parametrize("target", ["&#106;avascript:alert(1)", "java\tscript:alert(1)", "javascript&colon;alert(1)",
                                    " JAVASCRIPT:alert(1)", "&#x6A;avascript:alert(1)", "vbscript&#58;x"])
def test_disguised_schemes_are_refused_and_dropped(target: str):
    source = f"[bấm]({target})"
    assert "href" not in render(source)
    if "\t" not in target:  # with a tab inside, Markdown does not read it as a link at all
        assert unsafe_links(source) != []


# --- links that leave the site while looking like paths of it -------------------------

@pytest.mark.parametrize("target", [
    "//evil.example/path", r"/\evil.example/", r"\\\\evil.example", r"\/evil.example", r"\/\/evil.example",
    " //evil.example", "/\t/evil.example", "&#47;/evil.example", "/&#92;evil.example", r"/\\evil.example",
])
def test_protocol_relative_and_backslash_links_are_refused_and_dropped(target: str):
    r"""A browser reads `//host` and `/\host` (Markdown source `/\\host` too) as another site: no link, no `rel` either."""
    source = f"[x]({target})"
    assert "href" not in render(source)
    if "\t" not in target:  # with a tab inside, Markdown does not read it as a link at all
        assert unsafe_links(source) == [target.strip()]


def test_a_single_backslash_after_markdown_escapes_is_a_path_of_the_site():
    r"""`[x](\\a)` is the path `\a` once Markdown has read its escape, which a browser reads as `/a`: this site."""
    assert unsafe_links(r"[x](\\a)") == []
    assert 'href="\\a"' in render(r"[x](\\a)")


@pytest.mark.parametrize("target", ["/van-ban/", "../du-lieu/", "van-ban/kh-1/#muc-1", "#muc-1", "?q=1", "./a/b"])
def test_paths_of_the_site_are_still_links(target: str):
    assert unsafe_links(f"[x]({target})") == []
    assert f'<a href="{target}">x</a>' in render(f"[x]({target})")


def test_check_places_a_protocol_relative_link_at_its_line(base_tree: Path):
    pages = base_tree / "content" / "pages"
    pages.mkdir()
    (pages / "lien-ket.yml").write_text(
        "id: lien-ket\ntitle: Liên kết\nbody: |\n  Mở đầu.\n\n  Xem [đây](//evil.example/path) và [kia](/\\evil.example/).\n",
        encoding="utf-8")
    problems = [p.format() for p in check(base_tree, jobs=1).problems]
    reason = "dẫn sang trang web khác; hãy viết đầy đủ https://..."
    assert problems == [
        f"content/pages/lien-ket.yml:6:13: body: liên kết '//evil.example/path' không được phép: địa chỉ bắt đầu bằng // hoặc \\ {reason}",
        f"content/pages/lien-ket.yml:6:43: body: liên kết '/\\evil.example/' không được phép: địa chỉ bắt đầu bằng // hoặc \\ {reason}",
    ]


# --- bounded work -------------------------------------------------------------------

QUADRATIC = {
    "open-brackets": "[" * 20_000,
    "nested-brackets": "[" * 10_000 + "]" * 10_000,
    "open-link-targets": "[a](" * 5_000,
    "brackets-in-text": "[a " * 6_666,
    "brackets-and-code": "[`" * 10_000,
    "nested-lists-one-line": "- " * 5_000 + "x",
    "nested-numbered-lists": "1. " * 5_000 + "x",
    "nested-quotes": "> " * 5_000 + "x",
    "indented-lists": "\n".join("\t" * i + "- x" for i in range(150)),
    "setext-headings": "x\n=\n" * 5_000,
    "headings-without-blank-lines": "# x\ny\n" * 3_333,
    "rules-in-quote": ">***\n" * 4_000,
}


@pytest.mark.parametrize("text", QUADRATIC.values(), ids=QUADRATIC.keys())
def test_text_over_the_limits_is_found_before_markdown_sees_it(text: str):
    assert len(text) <= 20_000  # the longest text the schema allows
    assert limits(text) != []


@pytest.mark.parametrize("text", QUADRATIC.values(), ids=QUADRATIC.keys())
def test_text_over_the_limits_renders_as_plain_paragraphs(text: str):
    """Should one reach rendering, it is shown as text, not parsed (1,000 nested `- ` overflowed the stack)."""
    html = render(text)
    assert "<li>" not in html and "<blockquote>" not in html and "<h1>" not in html
    assert html.startswith("<p>")


def test_what_editors_write_is_within_the_limits():
    """The guide (the longest real page), and ordinary nesting and links, stay Markdown."""
    import yaml

    guide = yaml.safe_load((REPO / "content/pages/huong-dan-bien-tap.yml").read_text(encoding="utf-8"))["body"]
    assert limits(guide) == []
    nested = "\n".join("    " * i + "- mục" for i in range(MAX_NESTING))
    links = " ".join(f"[[{i}]](https://x.vn/{i}) (ghi chú (phụ))" for i in range(500))
    headings = "\n".join(f"## Phần {i}\nNội dung." for i in range(MAX_BREAKS))
    typos = "[" * MAX_OPEN_BRACKETS + " chưa đóng.\n\n" + "[" * MAX_OPEN_BRACKETS + "x" + "]" * MAX_OPEN_BRACKETS
    for text in (nested, links, headings, typos):
        assert limits(text) == [], text[:80]
    assert render(nested).count("<li>") == MAX_NESTING


@pytest.mark.parametrize("text, line, column, message", [
    ("Mở đầu.\n\n" + "[" * 20_000, 6, 3,
     "Markdown không hợp lệ: 20000 dấu '[' hoặc '](' mở cùng lúc (chưa đóng hoặc lồng nhau; tối đa 16); "
     "hãy đóng ngoặc, hoặc viết \\[ cho dấu [ thường"),
    ("Mở đầu.\n" + "- " * 5_000 + "x", 5, 3,
     "Markdown lồng nhau quá sâu (5000 cấp danh sách, trích dẫn hoặc thụt lề; tối đa 8)"),
    ("Mở đầu.\n" + "x\n=\n" * 30, 46, 3,
     "Markdown không hợp lệ: 30 tiêu đề hoặc đường kẻ trong một đoạn không có dòng trống (tối đa 20); "
     "hãy để một dòng trống trước và sau mỗi tiêu đề"),
], ids=["brackets", "nesting", "headings"])
def test_check_refuses_a_page_over_the_limits_at_its_line(base_tree: Path, text: str, line: int, column: int, message: str):
    pages = base_tree / "content" / "pages"
    pages.mkdir()
    indented = "\n".join("  " + row if row else "" for row in text.split("\n"))
    (pages / "gioi-han.yml").write_text(f"id: gioi-han\ntitle: Giới hạn\nbody: |\n{indented}\n", encoding="utf-8")
    problems = [p.format() for p in check(base_tree, jobs=1).problems]
    assert f"content/pages/gioi-han.yml:{line}:{column}: body: {message}" in problems
