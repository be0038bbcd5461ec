"""Pages of the site as a whole, not of one record: home, about, open data."""

from __future__ import annotations

from typing import Sequence

from generator.model.hub import Hub
from generator.render.contexts import AboutContext, DataContext, HomeContext
from generator.render.environment import make_page
from generator.site import Page, SiteInfo
from generator.tables import TableSummary

#: The national decision whose targets the home page shows beside local ones.
NATIONAL_PLAN = "qd-1373-ttg-2021"


def home_page(hub: Hub, site: SiteInfo) -> Page:
    latest = []
    for ident in hub.ordered.get("document", []):  # newest first
        if len(latest) == 6:
            break
        if hub.documents[ident].transcription == "full":
            latest.append(hub.documents[ident])
    national = hub.documents.get(NATIONAL_PLAN)
    context = HomeContext(
        title=site.name, page_url="", hub=hub, site=site, latest=latest, national=national,
        key_targets=list(national.targets) if national else [],
        counts={"documents": len(hub.documents), "targets": len(hub.targets), "resources": len(hub.resources),
                "examples": len(hub.examples)})
    return make_page("home.html", context, "Kế hoạch, chỉ tiêu, học liệu mở và gương điển hình về xây dựng xã hội học tập")


def about_page(hub: Hub, site: SiteInfo) -> Page:
    pages = sorted(hub.pages.values(), key=lambda p: (p.order, p.id))
    return make_page("about.html", AboutContext(title="Giới thiệu", page_url="gioi-thieu/", hub=hub, site=site,
                                                pages=pages),
                     "Về trang thông tin xây dựng xã hội học tập")


def data_page(hub: Hub, site: SiteInfo, tables: Sequence[TableSummary]) -> Page:
    """The open-data page, from what the export wrote of each table (`generator.pipeline.write_data`)."""
    return make_page("data.html", DataContext(title="Dữ liệu mở", page_url="du-lieu/", hub=hub, site=site,
                                              tables=tables, changed={t.name: t.changed for t in tables
                                                                      if t.changed is not None}),
                     "Tải dữ liệu văn bản, chỉ tiêu, học liệu, gương điển hình (JSON, CSV)")
