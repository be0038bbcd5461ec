"""The Material publisher: our pages in Material's layout, exactly as Material renders them.

The publisher renders Material's layout once per page shape and fills each
page in (generator/publish/material.py); these tests hold it to Material's
own rendering of the same page, on every page of the bundled site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import CONFIG, load_hub, read_site_info
from generator.publish import MaterialPublisher, PublishError, jsonld_text, publish, write_site
from generator.render import page_jobs
from generator.site import Page, TocEntry
from tests.conftest import REPO, TEST_SITE_URL


@pytest.fixture(scope="module")
def bundled():
    hub = load_hub(REPO).hub
    assert hub is not None
    site = read_site_info(CONFIG, TEST_SITE_URL)
    publisher = MaterialPublisher(CONFIG, site, jsonld_text)
    yield hub, site, publisher
    publisher.close()


def test_every_bundled_page_equals_materials_own_rendering(bundled):
    hub, site, publisher = bundled
    pages = [job() for job in page_jobs(hub, site)]
    assert len(pages) > 300
    different = [p.url for p in pages if publisher.page_html(p) != publisher.page_html_reference(p)]
    assert different == []


def test_a_page_with_a_table_of_contents_equals_materials_own_rendering(bundled):
    _, _, publisher = bundled
    toc = (TocEntry("Phần <I>", "phan-1", (TocEntry("1. Mục tiêu & chỉ tiêu", "muc-1-1"),)), TocEntry("Phần II", "phan-2"))
    page = Page(url="van-ban/x/", title="Kế hoạch <số 1>", body="<h1>Kế hoạch</h1><h2 id='phan-1'>I</h2>", toc=toc)
    html = publisher.page_html(page)
    assert html == publisher.page_html_reference(page)
    assert 'href="#phan-1" class="md-skip"' in html
    assert "Phần &lt;I&gt;" in html and "1. Mục tiêu &amp; chỉ tiêu" in html and "Phần <I>" not in html
    assert 'data-md-type="toc" hidden' not in html


def test_values_are_escaped_wherever_the_layout_shows_them(bundled):
    _, site, publisher = bundled
    page = Page(url="van-ban/y/", title='"><script>alert(1)</script>', description="<b>mô tả</b>",
                body="<h1>x</h1>", jsonld={"name": "</script><script>alert(2)</script>"})
    html = publisher.page_html(page)
    assert "<script>alert" not in html
    assert "&lt;b&gt;mô tả&lt;/b&gt;" in html
    assert html == publisher.page_html_reference(page)


def test_a_page_without_a_head_fails_the_build_and_the_last_site_stays(bundled, tmp_path: Path, monkeypatch):
    """The output rules secure every HTML file the publisher writes; one they cannot secure stops the build."""
    hub, site, publisher = bundled
    out = tmp_path / "site"
    publish(out, lambda staging: (staging / "index.html").write_text("last good site", encoding="utf-8"))
    jobs = page_jobs(hub, site)[:3]
    monkeypatch.setattr(publisher, "page_html", lambda page: "<html><body>no head, no policy</body></html>")
    with pytest.raises(PublishError, match="CSP"):
        publish(out, lambda staging: write_site(staging, publisher, (j() for j in jobs), [], dict, site))
    assert (out / "index.html").read_text(encoding="utf-8") == "last good site"
    assert len(list((tmp_path / ".site.builds").iterdir())) == 1  # nothing half-written left beside it
