"""Search as residents use it: typing into Material's header search box of the built site, in Chromium."""

from __future__ import annotations

import re
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.browser import browser, open_page, serve


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def site(built_site: Path):
    with serve(built_site, prefix="/xhht/") as base:
        yield base


@pytest.fixture(scope="module")
def page(chromium, site: str):
    with closing(open_page(chromium, site + "van-ban/")) as page:
        yield page
        assert page.console_errors == [] and page.page_errors == []
        assert page.failed_requests == []


def _answered(page) -> dict:
    """What the search worker answered last (worker.js keeps it for tests)."""
    for worker in page.workers:
        if worker.url.endswith("/assets/search/worker.js"):
            return worker.evaluate("() => self.xhhtAnswered")
    return {"query": None, "count": 0}


def _search(page, query: str) -> list[dict]:
    """Type `query` in the header box as a person does; once the worker has answered that very query and
    Material has drawn it, return the results as shown: [{href, title, html, text, tags}]."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    deadline = time.monotonic() + 10
    while _answered(page).get("query") != query:
        assert time.monotonic() < deadline, f"no answer to {query!r}"
        page.wait_for_timeout(20)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    results = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item > a, .md-search-result__item details a')]
        .map(a => ({href: a.href, title: (a.querySelector('h1, h2') || {}).innerText || '', html: a.innerHTML,
                    text: a.innerText, tags: [...a.querySelectorAll('.md-tag')].map(t => t.innerText)}))""")
    page.keyboard.press("Escape")
    return results


def _marked(html: str) -> list[str]:
    return [m.lower() for m in re.findall(r"<mark>(.*?)</mark>", html)]


def test_unaccented_query_finds_accented_words(page):
    results = _search(page, "hoc tap")
    assert results, "no result for 'hoc tap'"
    assert "<mark>học</mark> <mark>tập</mark>" in results[0]["html"]


def test_xoa_mu_chu_finds_literacy_targets_not_prefix_noise(page):
    results = _search(page, "xoa mu chu")
    top = " ".join(r["title"] for r in results[:4]).lower()
    assert "xóa mù chữ" in top
    assert "chuyển" not in results[0]["html"] and "chuyên" not in results[0]["html"]


def test_signer_name_without_accents_says_where_it_matched(page):
    results = _search(page, "Dang Xuan Truong")
    assert results[0]["href"].endswith("/xhht/van-ban/kh-104-ubnd-thai-nguyen-2022/")
    assert "Văn bản" in results[0]["tags"]
    assert "Người ký: Đặng Xuân Trường" in results[0]["text"]


def test_old_and_new_tone_placement_give_the_same_results(page):
    old = _search(page, "hoà nhập")
    new = _search(page, "hòa nhập")
    assert old and [r["href"] for r in old] == [r["href"] for r in new]


def test_document_number(page):
    results = _search(page, "104/KH-UBND")
    assert results[0]["href"].endswith("/xhht/van-ban/kh-104-ubnd-thai-nguyen-2022/")
    assert "<mark>104</mark>" in results[0]["html"] and "Số hiệu" in results[0]["text"]


def test_target_result_links_to_its_anchor(page):
    results = _search(page, "nang luc thong tin Thai Nguyen")
    hrefs = [r["href"] for r in results]
    assert any(h.endswith("#thai-nguyen-2022-nang-luc-thong-tin-2025") or h.endswith("#thai-nguyen-2022-nang-luc-thong-tin-2030")
               for h in hrefs), hrefs
    assert any("Chỉ tiêu" in r["tags"] for r in results)


@pytest.mark.parametrize("query,expected", [
    ("phan mem doc man hinh cho nguoi mu", "hoc-lieu/nvda-trinh-doc-man-hinh/"),      # the page has no "phần mềm"
    ("hoc tieng anh mien phi cho tre em", "hoc-lieu/learnenglish-kids-british-council/"),
])
def test_natural_language_query_finds_the_page_lacking_some_words(page, query, expected):
    results = _search(page, query)
    hrefs = [r["href"] for r in results[:3]]
    assert any(h.endswith("/xhht/" + expected) for h in hrefs), hrefs
    shown = _marked(next(r["html"] for r in results if r["href"].endswith(expected)))
    assert len(shown) >= 3, shown


def test_match_deep_in_a_long_section_opens_its_item_and_shows_it(page):
    """"phòng, chống dịch COVID-19" is in an item of section I of Phú Tân's plan: the result links to that item
    and shows those words, not the section's first lines nor "mục đích"."""
    results = _search(page, "phong chong dich covid")
    item = next(r for r in results if "#muc-" in r["href"])
    assert re.search(r"#muc-\d+-\d+", item["href"]), item["href"]
    assert {"phòng", "chống", "dịch", "covid"} <= set(_marked(item["html"]))
    assert "đích" not in _marked(item["html"])


def test_a_failed_index_request_does_not_break_the_next_query(chromium, site: str):
    """One postings page fails to load: that query still answers, and the next query fetches it again."""
    with closing(open_page(chromium, site + "van-ban/")) as page:
        blocked = {"count": 0}

        def fail_once(route):
            if blocked["count"] == 0:
                blocked["count"] += 1
                route.abort()
            else:
                route.continue_()

        page.route(re.compile(r".*/search/[0-9a-f]+/p/\d+\.json$"), fail_once)
        _search(page, "xoa mu chu")
        assert blocked["count"] == 1
        results = _search(page, "hoc tap")
        assert results and "<mark>học</mark>" in results[0]["html"]
        again = _search(page, "xoa mu chu")
        assert "xóa mù chữ" in " ".join(r["title"] for r in again[:4]).lower()


def test_worker_answers_even_when_meta_json_fails(chromium, site: str):
    failing = {"on": True}
    meta = (re.compile(r".*/search/meta\.json.*"), lambda route: route.abort() if failing["on"] else route.continue_())
    with closing(open_page(chromium, site + "van-ban/", routes=(meta,))) as page:
        assert _search(page, "hoc tap") == []
        failing["on"] = False
        assert _search(page, "hoc tap hanh")  # the next query opens the index
