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
