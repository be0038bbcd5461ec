"""The render stage: the model as pages, through the Jinja2 templates in `theme/pages/`.

A page is data (`generator.site.Page`): its address, title, description,
structured data and an HTML body. Each kind renders its own pages
(`RecordKind.pages`); this module adds the site's own pages and the
redirects of old addresses. Pages are produced one at a time, so a
publisher can write each and let it go: memory does not grow with the site.
Publishing them is a publisher's business (`generator/publish/`).
"""

from __future__ import annotations

from functools import partial
from typing import Iterator, Sequence

from generator import kinds
from generator.model.hub import Hub
from generator.render.followthrough import DEADLINES_URL, deadlines_page
from generator.render.site_pages import about_page, data_page, home_page
from generator.site import Page, PageJob, Redirect, SiteInfo
from generator.tables import TableSummary


def page_jobs(hub: Hub, site: SiteInfo, tables: Sequence[TableSummary] = (), keys: bool = True) -> list[PageJob]:
    """Every page of the site, not yet rendered, in a stable order.

    `keys=False` drops each job's key as the job is made: only the preview compares them, and a build of
    10,000 documents would hold some 200 MB of them until its last page.
    """
    jobs = (job for kind in kinds.REGISTRY for job in kind.pages(hub, site))
    if not keys:
        jobs = (PageJob(job.url, job.render) if job.key is not None else job for job in jobs)
    return [*site_jobs(hub, site, tables)[:1], *jobs, *site_jobs(hub, site, tables)[1:]]


def site_jobs(hub: Hub, site: SiteInfo, tables: Sequence[TableSummary] = ()) -> list[PageJob]:
    """The pages of the site as a whole: home, about, open data, deadlines."""
    return [PageJob("", partial(home_page, hub, site)), PageJob("gioi-thieu/", partial(about_page, hub, site)),
            PageJob("du-lieu/", partial(data_page, hub, site, tables)),
            PageJob(DEADLINES_URL, partial(deadlines_page, hub, site))]


def render_pages(hub: Hub, site: SiteInfo, tables: Sequence[TableSummary] = ()) -> Iterator[Page]:
    """Every page of the site, rendered one at a time."""
    return (job() for job in page_jobs(hub, site, tables))


def redirects(hub: Hub) -> list[Redirect]:
    """One redirect per alias of every record: an old address keeps working."""
    out = []
    for kind in kinds.REGISTRY:
        for ident, record in hub.records.get(kind.name, {}).items():
            for alias in record.aliases:
                out.append(Redirect(kind.url(alias), kind.url(ident)))
    return out
