"""Untrusted text stays text: markup typed into any field of any record never runs in a browser."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest

from generator.pipeline import build
from tests.browser import browser, csp_violations, open_page, serve
from tests.conftest import FIXTURES

ATTACK = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><b onmouseover=alert(1)>x</b>'


def _poison(root: Path) -> None:
    """Put the attack into every text value of every record (ids, codes and enums excepted)."""
    import re
    for path in sorted((root / "plans").glob("*.yml")) + sorted((root / "content").rglob("*.yml")):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^(\s*(?:- )?(title|name|text|heading|what|note|summary|description|provider|scope|position): )(.+)$", line)
            if m:
                value = m.group(3).strip().strip('"')
                line = m.group(1) + '"' + (value + " " + ATTACK).replace('"', '\\"') + '"'
            lines.append(line)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    resources = root / "content" / "resources"
    resources.mkdir(parents=True, exist_ok=True)
    (resources / "hoc-lieu-thu.yml").write_text(
        f"id: hoc-lieu-thu\nname: 'Học liệu {ATTACK}'\nprovider: 'Nhà cung cấp {ATTACK}'\n"
        f"url: https://example.org/\ndescription: 'Mô tả {ATTACK}'\ntopics: [ky-nang-so]\naudiences: [nguoi-lon]\n"
        "formats: [video]\ncost: mien-phi\nlanguages: [vi]\n", encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("poisoned") / "repo"
    shutil.copytree(FIXTURES / "base", root)
    _poison(root)
    result = build(root)
    assert result.ok, [p.format() for p in result.problems]
    return root / "site"


PAGES = ["", "van-ban/", "van-ban/kh-2-ubnd-mau-2022/", "van-ban/qd-1-ttg-2021/", "co-quan/so-gddt-tinh-mau/",
         "dia-ban/tinh-mau/", "chi-so/gia-dinh-hoc-tap/", "hoc-lieu/", "hoc-lieu/hoc-lieu-thu/"]


def test_markup_in_every_text_field_is_shown_as_text_and_never_runs(poisoned_site: Path):
    html = (poisoned_site / "van-ban/kh-2-ubnd-mau-2022/index.html").read_text(encoding="utf-8")
    assert html.count("&lt;script&gt;window.__xss=1&lt;/script&gt;") >= 5
    with browser() as chromium, serve(poisoned_site, prefix="/xhht/") as base:
        for path in PAGES:
            with closing(open_page(chromium, base + path)) as page:
                dialogs: list[str] = []
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.hover("body")
                assert page.evaluate("() => window.__xss") is None, path
                assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], b[onmouseover]').length") == 0
                assert "<script>window.__xss=1</script>" in page.inner_text("body") or path == "hoc-lieu/"
                assert dialogs == [] and page.page_errors == [] and csp_violations(page) == []
