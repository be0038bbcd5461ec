"""Material's interface speaks Vietnamese, the footer says who publishes the hub, and the
not-found page works wherever the portal serves it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.browser import browser, open_page, serve
from tests.conftest import REPO

MATERIAL = REPO / ".venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages" / "material"
OURS = REPO / "theme" / "overrides" / "partials" / "languages" / "vi.html"


def _table(path: Path) -> dict[str, str]:
    return dict(re.findall(r'"([a-z.]+)": "([^"]*)"', path.read_text(encoding="utf-8")))


def test_every_interface_string_is_vietnamese():
    english = _table(MATERIAL / "templates" / "partials" / "languages" / "en.html")
    ours = _table(OURS)
    assert set(ours) >= {key for key in english if not key.startswith("search.config.")} - {"direction"}
    same = [key for key, text in ours.items() if text == english.get(key) and re.search(r"[a-z]{3}", text)
            and key not in ("language", "search.config.lang", "search.config.pipeline", "search.config.separator")]
    assert same == [], "left in English"


def test_built_pages_show_no_english_string_of_material(built_site: Path):
    """Material's English phrases, and its English single words where it puts them (labels, titles)."""
    table = _table(MATERIAL / "templates" / "partials" / "languages" / "en.html")
    phrases = {text for text in table.values() if re.fullmatch(r"[A-Z][a-z]+( [a-z]+)+", text)}
    words = {text for text in table.values() if re.fullmatch(r"[A-Z][a-z]{3,}", text)}
    assert "Initializing search" in phrases and "Tabs" in words
    found = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        found |= {text for text in phrases if text in html}
        found |= {text for text in words if re.search(rf'(>\s*{text}\s*<|"{text}")', html)}
    assert found == set()


def test_the_home_page_title_is_the_site_name_once(built_site: Path):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Xây dựng xã hội học tập</title>" in html


def test_the_footer_names_the_publisher_the_licence_and_the_date(built_site: Path):
    html = (built_site / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert "Cơ quan xuất bản: Nhóm biên tập" in html and "CC BY 4.0" in html
    assert re.search(r"Cập nhật lần cuối: \d\d/\d\d/\d{4}", html)


def test_missing_footer_settings_are_told_to_the_editor(base_tree: Path, tmp_path: Path):
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(base_tree), "--out",
                          str(tmp_path / "site")], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0
    assert "Lưu ý: mkdocs.yml chưa có extra.hub.report (địa chỉ báo lỗi nội dung)" in run.stderr


@pytest.fixture(scope="module")
def unaddressed_site(tmp_path_factory) -> Path:
    """The base tree built without --site-url: the 404 page must find the site's root by itself."""
    root = tmp_path_factory.mktemp("no-url") / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", root)
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--out",
                          str(root / "site"), "--quiet"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "site"


@pytest.mark.parametrize("which", ["with site url", "without site url"])
def test_the_not_found_page_is_styled_and_leads_back_under_a_sub_path(which: str, built_site: Path,
                                                                        unaddressed_site: Path):
    site = built_site if which == "with site url" else unaddressed_site
    with browser() as chromium, serve(site, not_found=site / "404.html") as base:
        for missing in ("van-ban/khong-co/", "van-ban/khong-co/sau/hon/", "khong-co.html"):
            with closing(open_page(chromium, base + missing)) as page:
                assert page.response.status == 404
                assert page.inner_text("h1") == "Không tìm thấy trang"
                header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).position")
                assert header in ("sticky", "fixed"), f"{missing}: Material's stylesheet did not load"
                assert page.page_errors == []
                page.click("text=Văn bản: kế hoạch, công văn, quyết định")
                page.wait_for_load_state()
                assert page.url == base + "van-ban/" and page.inner_text("h1").startswith("Văn bản")
