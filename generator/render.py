"""The render stage: the model as pages, through the Jinja2 templates in `theme/pages/`.

A page is data (`Page`): its address, title, description, structured data
and an HTML body. Turning pages into a site (MkDocs today) is the `site`
stage's business, so nothing here knows about MkDocs. Every value from YAML
reaches HTML only through Jinja2's autoescaping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import jinja2
import markupsafe

from generator import labels, markdown_safe
from generator.charts import Series, line_chart
from generator.links import SECTIONS, relative, target_url, url_for
from generator.model import Document, Hub, PartialDate, Target, iter_items

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "theme" / "pages"

#: Listing pages are split so that no page grows with the content.
PER_PAGE = 50


@dataclass(frozen=True)
class SiteInfo:
    """What pages need to know of the site as a whole."""

    name: str = "Xây dựng xã hội học tập"
    url: str = ""  # absolute base URL ("https://portal.gov.vn/xhht/"), or "" when unknown


@dataclass
class Page:
    """One page of the site, independent of the tool that will publish it."""

    url: str
    title: str
    body: str
    description: str = ""
    og_type: str = "website"
    jsonld: dict[str, Any] | None = None
    hide_toc: bool = True


@dataclass(frozen=True)
class Redirect:
    """An old address (an alias) that forwards to a record's current page."""

    url: str
    target: str


@dataclass
class Rendered:
    pages: list[Page] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)


# --- formatting ------------------------------------------------------------

def vn_number(value: float | int | None) -> str:
    """55.55 -> "55,55"; 96.0 -> "96" (Vietnamese decimal comma)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def target_value(target: Target) -> str:
    """"trên 85%", "96%", or "chưa nêu con số" when the document gives none."""
    if target.value is None:
        return "chưa nêu con số"
    return f"{labels.COMPARATORS.get(target.comparator, '')}{vn_number(target.value)}{labels.UNITS[target.unit]}"


def vn_date(date: PartialDate | None) -> str:
    return date.vietnamese() if date else "chưa rõ"


def issuer_short(doc: Document, hub: Hub) -> str:
    """The issuer as a citation names it: the body's usual name, else as printed."""
    body = hub.bodies.get(doc.issuer_body or "")
    if body:
        return body.get("short_name") or body["name"]
    return doc.issuer_name


def citation(doc: Document, hub: Hub) -> str:
    """`Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên`, as the press quotes it."""
    parts = [labels.label(labels.DOCUMENT_TYPES, doc.type)]
    if doc.number:
        parts.append(f"số {doc.number}")
    if doc.date:
        parts.append(f"ngày {doc.date.vietnamese()}" if doc.date.is_full else doc.date.vietnamese())
    parts.append(f"của {issuer_short(doc, hub)}")
    return " ".join(parts)


def doc_label(doc: Document) -> str:
    """Short name of a document in lists: its number, or its type and date when it has none."""
    if doc.number:
        return f"{labels.label(labels.DOCUMENT_TYPES, doc.type)} {doc.number}"
    return f"{labels.label(labels.DOCUMENT_TYPES, doc.type)} {vn_date(doc.date)}"


def paragraphs(text: str | None) -> list[str]:
    """Text as its paragraphs (editors separate them with a blank line)."""
    if not text:
        return []
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _jsonld(data: dict[str, Any]) -> dict[str, Any]:
    return {"@context": "https://schema.org", **data}


def jsonld_text(data: dict[str, Any]) -> str:
    """JSON-LD safe to place inside <script>: no `</script>` can be formed from content."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- templates -------------------------------------------------------------

@lru_cache(maxsize=None)
def environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(vn_number=vn_number, vn_date=vn_date, paragraphs=paragraphs, target_value=target_value,
                       markdown=lambda text: markupsafe.Markup(markdown_safe.render(text)))
    env.globals.update(labels=labels, doc_label=doc_label)
    return env


def _render(template: str, url: str, **context: Any) -> str:
    def link(to_url: str) -> str:
        return relative(url, to_url)
    return environment().get_template(template).render(link=link, url_for=url_for, target_url=target_url,
                                                       page_url=url, **context)


def _page(template: str, url: str, title: str, description: str = "", **context: Any) -> Page:
    return Page(url=url, title=title, description=description or title,
                body=_render(template, url, title=title, **context))


def paginate(base: str, items: Sequence[Any], per_page: int = PER_PAGE) -> list[tuple[str, Sequence[Any], dict[str, Any]]]:
    """(url, items on that page, pager info) for `base`, `base/2/`, `base/3/`, ..."""
    count = max(1, -(-len(items) // per_page))
    urls = [base if n == 1 else f"{base}{n}/" for n in range(1, count + 1)]
    return [(urls[n], items[n * per_page:(n + 1) * per_page],
             {"number": n + 1, "count": count, "urls": urls}) for n in range(count)]


def _paged(template: str, base: str, items: Sequence[Any], title: str, description: str = "",
           per_page: int = PER_PAGE, **context: Any) -> list[Page]:
    """One page per slice of `items`: records with many links stay small pages."""
    pages = []
    for url, chunk, paging in paginate(base, items, per_page):
        page_title = title if paging["number"] == 1 else f"{title} (trang {paging['number']})"
        pages.append(_page(template, url, page_title, description, items=chunk, paging=paging, **context))
    return pages


# --- pages -----------------------------------------------------------------

def _doc_sort_key(doc: Document) -> tuple:
    """Newest first; undated last; then by id for a stable order."""
    date = doc.date
    return (-(date.year if date else 0), -(date.month or 0) if date else 0, -(date.day or 0) if date else 0, doc.id)


def document_page(doc: Document, hub: Hub, site: SiteInfo) -> Page:
    url = url_for("document", doc.id)
    duties: dict[str, list] = {}
    for item in iter_items(doc.sections):
        for body in item.bodies:
            duties.setdefault(body, []).append(item)
    title = doc.title or doc_label(doc)
    cite = citation(doc, hub)
    locality = hub.localities.get(doc.locality or "")
    jsonld = {
        "@type": "Legislation", "name": title, "inLanguage": "vi",
        "legislationType": labels.label(labels.DOCUMENT_TYPES, doc.type),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": doc.issuer_name},
    }
    if doc.number:
        jsonld["legislationIdentifier"] = doc.number
    if doc.date:
        jsonld["legislationDate"] = doc.date.iso()
    if locality:
        jsonld["legislationJurisdiction"] = locality["name"]
    if site.url:
        jsonld["url"] = site.url + url
    bases = [hub.documents[b.document] for b in doc.legal_bases if b.document in hub.documents]
    if bases and site.url:
        jsonld["isBasedOn"] = [site.url + url_for("document", b.id) for b in bases]
    citing = sorted((hub.documents[i] for i in hub.cited_by.get(doc.id, [])), key=_doc_sort_key)
    page = _page("document.html", url, title, f"{cite}: {title}", doc=doc, hub=hub, citation=cite,
                 duties=sorted(duties.items()), cited_by=citing[:PER_PAGE], cited_total=len(citing),
                 locality=locality)
    page.og_type = "article"
    page.jsonld = _jsonld(jsonld)
    return page


Facet = tuple[str, str, Callable[[Any], Iterable[tuple[str, str]]]]  # (URL segment, name, item -> [(value, label)])


def facet_groups(items: Sequence[Any], facets: Sequence[Facet], newest_first: frozenset[str] = frozenset()
                 ) -> list[tuple[str, str, list[tuple[str, str, list[Any]]]]]:
    """[(segment, name, [(value, label, items with that value)])], items keeping their order."""
    out = []
    for segment, name, values in facets:
        groups: dict[str, tuple[str, list[Any]]] = {}
        for item in items:
            for value, text in values(item):
                groups.setdefault(value, (text, []))[1].append(item)
        order = sorted(groups, reverse=segment in newest_first)
        out.append((segment, name, [(v, groups[v][0], groups[v][1]) for v in order]))
    return out


def faceted_listing(template: str, base: str, items: Sequence[Any], title: str, description: str,
                    facets: Sequence[Facet], newest_first: frozenset[str] = frozenset(), **context: Any) -> list[Page]:
    """A paginated listing plus one paginated static page per facet value: filtering without JavaScript."""
    groups = facet_groups(items, facets, newest_first)
    pages = []
    for url, chunk, paging in paginate(base, items):
        pages.append(_page(template, url, title, description, items=chunk, paging=paging, facets=groups,
                           active=None, total=len(items), base=base, **context))
    for segment, name, values in groups:
        for value, text, group in values:
            for url, chunk, paging in paginate(f"{base}{segment}/{value}/", group):
                pages.append(_page(template, url, f"{title} — {name}: {text}", description, items=chunk, paging=paging,
                                   facets=groups, active=(segment, value), total=len(group), base=base, **context))
    return pages


def document_listing_pages(hub: Hub) -> list[Page]:
    """`van-ban/` filterable by type, level, year and place."""
    docs = sorted(hub.documents.values(), key=_doc_sort_key)
    facets: list[Facet] = [
        ("loai", "Loại văn bản", lambda d: [(d.type, labels.label(labels.DOCUMENT_TYPES, d.type))]),
        ("cap", "Cấp ban hành", lambda d: [(d.issuer_level, labels.label(labels.LEVELS, d.issuer_level))]),
        ("nam", "Năm ban hành", lambda d: [(str(d.date.year), str(d.date.year))] if d.date else []),
        ("dia-ban", "Địa bàn", lambda d: [(d.locality, hub.localities[d.locality]["name"])]
         if d.locality in hub.localities else []),
    ]
    return faceted_listing("documents.html", SECTIONS["document"] + "/", docs, "Văn bản",
                           "Danh sách kế hoạch, công văn, quyết định về xây dựng xã hội học tập", facets,
                           newest_first=frozenset({"nam"}), hub=hub)


def _latest_per_year(hub: Hub, points: list[tuple[int, float, str]]) -> tuple[tuple[int, float], ...]:
    """One value per year: where several documents of a place set one, the newest document's.

    Keeps the chart to places x years, however many documents there are.
    """
    best: dict[int, tuple[tuple, float]] = {}
    for year, value, doc_id in points:
        rank = _doc_sort_key(hub.documents[doc_id])  # smaller is newer
        if year not in best or rank < best[year][0]:
            best[year] = (rank, value)
    return tuple((year, best[year][1]) for year in sorted(best))


def indicator_pages(ident: str, hub: Hub) -> list[Page]:
    url = url_for("indicator", ident)
    indicator = hub.indicators[ident]
    targets = hub.targets_by_indicator.get(ident, [])
    rows = []
    by_place: dict[str, list[Target]] = {}
    for target in targets:
        doc = hub.documents[target.document_id]
        place = hub.localities[doc.locality]["name"] if doc.locality in hub.localities else doc.issuer_name
        by_place.setdefault(place, []).append(target)
        rows.append((target, doc, place))
    series = []
    for place, place_targets in sorted(by_place.items()):
        points = _latest_per_year(hub, [(t.year, t.value, t.document_id) for t in place_targets if t.value is not None])
        if points:
            series.append(Series(label=f"{place} — chỉ tiêu", points=points, kind="target"))
        actual = _latest_per_year(hub, [(a.year, a.value, t.document_id) for t in place_targets for a in t.actuals])
        if actual:
            series.append(Series(label=f"{place} — thực hiện", points=actual, kind="actual"))
    chart = line_chart(series, title=indicator["name"],
                       desc=f"Chỉ tiêu theo năm của các địa bàn và cả nước cho chỉ số: {indicator['name']}",
                       unit=indicator["unit"], chart_id=f"chart-{ident}")
    return _paged("indicator.html", url, rows, indicator["name"], f"Chỉ tiêu theo năm: {indicator['name']}",
                  per_page=100, indicator=indicator, chart=chart, hub=hub)


def body_pages(ident: str, hub: Hub) -> list[Page]:
    url = url_for("body", ident)
    body = hub.bodies[ident]
    by_doc: dict[str, list] = {}
    for duty in hub.duties.get(ident, []):
        by_doc.setdefault(duty.document_id, []).append(duty)
    issued = sorted((d for d in hub.documents.values() if d.issuer_body == ident), key=_doc_sort_key)
    duties = sorted(by_doc.items(), key=lambda kv: _doc_sort_key(hub.documents[kv[0]]))
    return _paged("body.html", url, duties, body["name"],
                  f"Nhiệm vụ của {body['name']} trong các văn bản về xây dựng xã hội học tập", per_page=20,
                  body=body, issued=issued[:PER_PAGE], issued_total=len(issued), hub=hub,
                  children=sorted(i for i, b in hub.bodies.items() if b.get("parent") == ident)[:PER_PAGE])


def locality_pages(ident: str, hub: Hub) -> list[Page]:
    url = url_for("locality", ident)
    locality = hub.localities[ident]
    docs = sorted((hub.documents[i] for i in hub.documents_by_locality.get(ident, [])), key=_doc_sort_key)
    examples = sorted((e for e in hub.examples.values() if e.get("locality") == ident), key=lambda e: e["id"])
    return _paged("locality.html", url, docs, locality["name"], f"Văn bản, chỉ tiêu và gương điển hình của {locality['name']}",
                  per_page=20, locality=locality, examples=examples[:PER_PAGE], examples_total=len(examples), hub=hub,
                  children=sorted((l for l in hub.localities.values() if l.get("parent") == ident), key=lambda l: l["name"]))


def _codes(field_name: str, table: dict[str, str]) -> Callable[[dict[str, Any]], list[tuple[str, str]]]:
    def values(record: dict[str, Any]) -> list[tuple[str, str]]:
        raw = record[field_name]
        return [(code, labels.label(table, code)) for code in (raw if isinstance(raw, list) else [raw])]
    return values


def resource_pages(hub: Hub) -> list[Page]:
    """The catalogue, its facet pages (topic, audience, format, cost, language) and a page per resource."""
    resources = sorted(hub.resources.values(), key=lambda r: (r["name"].casefold(), r["id"]))
    facets = [(segment, name, _codes(field_name, table)) for field_name, segment, name, table in labels.RESOURCE_FACETS]
    pages = faceted_listing("resources.html", SECTIONS["resource"] + "/", resources, "Học liệu mở",
                            "Học liệu mở cho người dân học tập suốt đời", facets)
    for resource in resources:
        pages.append(_page("resource.html", url_for("resource", resource["id"]), resource["name"],
                           resource["description"], resource=resource, hub=hub))
    return pages


def example_pages(hub: Hub) -> list[Page]:
    """Honoured examples by title, year and place, and a page per example."""
    examples = sorted(hub.examples.values(), key=lambda e: (e["model"], -(e.get("year") or 0), e["id"]))
    facets: list[Facet] = [
        ("danh-hieu", "Danh hiệu", _codes("model", labels.MODELS)),
        ("nam", "Năm", lambda e: [(str(e["year"]), str(e["year"]))] if "year" in e else []),
        ("dia-ban", "Địa bàn", lambda e: [(e["locality"], hub.localities[e["locality"]]["name"])]
         if e.get("locality") in hub.localities else []),
    ]
    pages = faceted_listing("examples.html", SECTIONS["example"] + "/", examples, "Gương điển hình",
                            "Gia đình, dòng họ, cộng đồng, đơn vị và công dân học tập", facets,
                            newest_first=frozenset({"nam"}), hub=hub)
    for example in examples:
        pages.append(_page("example.html", url_for("example", example["id"]), example["name"], example["summary"],
                           example=example, hub=hub))
    return pages


def home_page(hub: Hub, site: SiteInfo) -> Page:
    docs = sorted(hub.documents.values(), key=_doc_sort_key)
    local_full = [d for d in docs if d.transcription == "full"][:6]
    national = hub.documents.get("qd-1373-ttg-2021")
    key_targets = list(national.targets) if national else []
    return _page("home.html", "", site.name,
                 "Kế hoạch, chỉ tiêu, học liệu mở và gương điển hình về xây dựng xã hội học tập",
                 latest=local_full, key_targets=key_targets, national=national, hub=hub,
                 counts={"documents": len(hub.documents), "targets": len(hub.targets),
                         "resources": len(hub.resources), "examples": len(hub.examples)})


def render_site(hub: Hub, site: SiteInfo, data_tables: Sequence[Any] = ()) -> Rendered:
    """Every page and redirect of the site, in a stable order."""
    out = Rendered()
    out.pages.append(home_page(hub, site))
    out.pages.extend(document_listing_pages(hub))
    for doc in hub.documents.values():
        out.pages.append(document_page(doc, hub, site))
        citing = sorted((hub.documents[i] for i in hub.cited_by.get(doc.id, [])), key=_doc_sort_key)
        if len(citing) > PER_PAGE:
            out.pages.extend(_paged("citing.html", url_for("document", doc.id) + "duoc-can-cu/", citing,
                                    f"Văn bản căn cứ vào {doc_label(doc)}", hub=hub, doc=doc))
    out.pages.extend(_paged("indicators.html", SECTIONS["indicator"] + "/",
                            sorted(hub.indicators.values(), key=lambda i: (i.get("group", "z"), i["name"])),
                            "Chỉ số và chỉ tiêu", "Các chỉ số dùng để so sánh chỉ tiêu giữa các văn bản", per_page=100, hub=hub))
    for ident in sorted(hub.indicators):
        out.pages.extend(indicator_pages(ident, hub))
    out.pages.extend(_paged("bodies.html", SECTIONS["body"] + "/", sorted(hub.bodies.values(), key=lambda b: b["name"].casefold()),
                            "Cơ quan, đơn vị", "Cơ quan ban hành và cơ quan được giao nhiệm vụ", per_page=100, hub=hub))
    for ident in sorted(hub.bodies):
        out.pages.extend(body_pages(ident, hub))
    out.pages.extend(_paged("localities.html", SECTIONS["locality"] + "/",
                            sorted(hub.localities.values(), key=lambda l: l["name"].casefold()),
                            "Địa bàn", "Tỉnh, thành phố, huyện, xã có văn bản trên trang", per_page=100, hub=hub))
    for ident in sorted(hub.localities):
        out.pages.extend(locality_pages(ident, hub))
    out.pages.extend(resource_pages(hub))
    out.pages.extend(example_pages(hub))
    out.pages.extend(_page("page.html", url_for("page", p["id"]), p["title"], p.get("summary", ""), record=p)
                     for p in sorted(hub.pages.values(), key=lambda p: (p.get("order", 0), p["id"])))
    out.pages.append(_page("about.html", "gioi-thieu/", "Giới thiệu", "Về trang thông tin xây dựng xã hội học tập", hub=hub))
    out.pages.append(_page("data.html", "du-lieu/", "Dữ liệu mở", "Tải dữ liệu văn bản, chỉ tiêu, học liệu, gương điển hình (JSON, CSV)",
                           tables=data_tables))
    for kind, records in (("document", {d.id: d.aliases for d in hub.documents.values()}),
                          ("indicator", {i: r.get("aliases", []) for i, r in hub.indicators.items()}),
                          ("body", {i: r.get("aliases", []) for i, r in hub.bodies.items()}),
                          ("locality", {i: r.get("aliases", []) for i, r in hub.localities.items()}),
                          ("resource", {i: r.get("aliases", []) for i, r in hub.resources.items()}),
                          ("example", {i: r.get("aliases", []) for i, r in hub.examples.items()}),
                          ("page", {i: r.get("aliases", []) for i, r in hub.pages.items()})):
        for ident in sorted(records):
            for alias in records[ident]:
                out.redirects.append(Redirect(url_for(kind, alias), url_for(kind, ident)))
    return out
