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
