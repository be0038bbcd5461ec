"""Search as residents use it: typing into Material's header search box of the built site, in Chromium."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from tests.browser import browser, open_page, serve


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def page(chromium, built_site: Path):
    with serve(built_site, prefix="/xhht/") as base, closing(open_page(chromium, base + "van-ban/")) as page:
        yield page
        assert page.console_errors == [] and page.page_errors == []
        assert page.failed_requests == []


def _search(page, query: str) -> list[dict]:
    """Type `query` in the header box; return the results as shown: [{title, text, href, tags}]."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_function(
        """q => { const meta = document.querySelector('.md-search-result__meta');
                  return document.querySelector('input.md-search__input').value === q && meta
                         && !/Nhập|Type/.test(meta.textContent) && meta.textContent.trim() !== ''; }""",
        arg=query)
    page.wait_for_timeout(150)  # the worker answers each keystroke; let the last answer render
    results = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item > a, .md-search-result__item details a')]
        .map(a => ({href: a.href, title: (a.querySelector('h1, h2') || {}).innerText || '',
                    html: a.innerHTML, tags: [...a.querySelectorAll('.md-tag')].map(t => t.innerText)}))""")
    page.keyboard.press("Escape")
    return results


def test_unaccented_query_finds_accented_words(page):
    results = _search(page, "hoc tap")
    assert results, "no result for 'hoc tap'"
    assert "<mark>học</mark> <mark>tập</mark>" in results[0]["html"]


def test_xoa_mu_chu_finds_literacy_targets_not_prefix_noise(page):
    results = _search(page, "xoa mu chu")
    top = " ".join(r["title"] for r in results[:4]).lower()
    assert "xóa mù chữ" in top
    assert "chuyển" not in results[0]["html"] and "chuyên" not in results[0]["html"]


def test_signer_name_without_accents(page):
    results = _search(page, "Dang Xuan Truong")
    assert results[0]["href"].endswith("/xhht/van-ban/kh-104-ubnd-thai-nguyen-2022/")
    assert "Văn bản" in results[0]["tags"]


def test_old_and_new_tone_placement_give_the_same_results(page):
    old = _search(page, "hoà nhập")
    new = _search(page, "hòa nhập")
    assert old and [r["href"] for r in old] == [r["href"] for r in new]


def test_document_number(page):
    results = _search(page, "104/KH-UBND")
    assert results[0]["href"].endswith("/xhht/van-ban/kh-104-ubnd-thai-nguyen-2022/")
    assert "<mark>104</mark>" in results[0]["html"]


def test_target_result_links_to_its_anchor(page):
    results = _search(page, "nang luc thong tin Thai Nguyen")
    hrefs = [r["href"] for r in results]
    assert any(h.endswith("#thai-nguyen-2022-nang-luc-thong-tin-2025") or h.endswith("#thai-nguyen-2022-nang-luc-thong-tin-2030")
               for h in hrefs), hrefs
    assert any("Chỉ tiêu" in r["tags"] for r in results)
