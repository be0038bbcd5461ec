"""The render stage's page list: every page once, at the address it says."""

from __future__ import annotations

from generator.pipeline import CONFIG, load_hub, read_site_info
from generator.render import page_jobs, redirects
from tests.conftest import REPO


def test_every_job_renders_the_page_at_its_address_and_each_address_once():
    hub = load_hub(REPO).hub
    jobs = page_jobs(hub, read_site_info(CONFIG, ""))
    urls = [job.url for job in jobs]
    assert len(urls) == len(set(urls)) > 300
    assert all(job().url == job.url for job in jobs)
    assert not {r.url for r in redirects(hub)} & set(urls)


def test_a_build_lists_the_same_pages_without_their_keys():
    """A build asks for its jobs without keys (only the preview compares them): same pages, same order, no key."""
    hub = load_hub(REPO).hub
    site = read_site_info(CONFIG, "")
    with_keys, without = page_jobs(hub, site), page_jobs(hub, site, keys=False)
    assert [job.url for job in without] == [job.url for job in with_keys]
    assert any(job.key is not None for job in with_keys)
    assert all(job.key is None for job in without)
    assert [job().body for job in without[:40]] == [job().body for job in with_keys[:40]]


def test_numbers_are_kept_whole_in_a_pages_text_only():
    """keep_codes_html: a document number or date in the text is kept on one line; a plain fraction, text in SVG or
    in a form option, a number already kept, and tags' attributes are left alone; long code breaks after its dots."""
    from generator.render.environment import keep_codes_html

    docno = '<span class="xhht-docno">{}</span>'.format
    html = ('<p>Theo <a href="../van-ban/qd-1/">Quyết định 1373/QĐ-TTg</a> ngày 30/7/2021, trang 3/3.</p>'
            '<svg><text>2021/2025 1373/QĐ-TTg</text></svg><option>11-CT/TW</option>'
            '<span class="xhht-docno">04/7/2022</span><p>Không có mã nào ở đây</p><p></p>'
            '<code>sections[0].items[0].targets[0].year</code><code>ngắn</code><svg/>ngày 1/2/2020<code>a/b</code>')
    assert str(keep_codes_html(html)) == (
        f'<p>Theo <a href="../van-ban/qd-1/">Quyết định {docno("1373/QĐ-TTg")}</a> ngày {docno("30/7/2021")}, '
        'trang 3/3.</p><svg><text>2021/2025 1373/QĐ-TTg</text></svg><option>11-CT/TW</option>'
        '<span class="xhht-docno">04/7/2022</span><p>Không có mã nào ở đây</p><p></p>'
        '<code>sections[0]<wbr>.<wbr>items[0]<wbr>.<wbr>targets[0]<wbr>.<wbr>year</code><code>ngắn</code>'
        f'<svg/>ngày {docno("1/2/2020")}<code>a/b</code>')


def test_an_items_name_on_a_bodys_page_is_the_one_its_documents_page_gives_it():
    """item_ref keeps the names of items with bodies for every document; any other item is still named right."""
    from generator.model.hub import iter_items
    from generator.render import environment, outline

    hub = load_hub(REPO).hub
    environment._REFS.clear()
    asked = 0
    for doc in hub.documents.values():
        names = outline.item_refs(doc.sections)
        for item in iter_items(doc.sections):
            assert environment.item_ref(doc, item.anchor) == names[item.anchor]
            asked += 1
        kept = environment._REFS.get((doc.id, doc.version), {})
        assert set(kept) == {item.anchor for item in iter_items(doc.sections) if item.bodies}
    assert asked > 400 and any(environment._REFS.values())
