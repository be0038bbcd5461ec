"""The Material for MkDocs publisher: our pages inside Material's layout.

This is the only module that knows MkDocs and Material. It does not run
`mkdocs build`: that would write every page to disk as Markdown, build a
Markdown parser per page and read it all back, for bodies that are HTML
already (most of a build's time). It uses MkDocs as a library instead, the
way `mkdocs build` itself renders a page: the configuration from
mkdocs.yml, Material's theme environment and navigation, and Material's
`main.html` (with our overrides in theme/overrides/).

Material's layout around a page depends on the page only through a few
values (title, description, canonical address, structured data, table of
contents, body) and on its depth (relative links) and menu entry. So the
layout is rendered once per shape with placeholders (`Shell`) and each page
is the layout with its values put in: the same bytes as rendering the
template for every page (tests/test_publish_material.py compares them on
every page of the bundled site), at a fraction of the cost.

Replacing Material means writing another module with `MaterialPublisher`'s
three methods: `page_html`, `not_found_html`, `static_files`.
"""

from __future__ import annotations

import html
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from generator.publish.csp import BASE_POLICY
from generator.publish.rules import PublishError
from generator.links import relative
from generator.site import Page, Redirect, SiteInfo, TocEntry

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

#: Placeholders: plain ASCII that no filter of Material's templates changes.
_MARK = "@@xhht:{}@@"
_TITLE, _DESCRIPTION, _OG_TYPE, _JSONLD, _CANONICAL, _SKIP, _FEED_HREF, _FEED_TITLE = (_MARK.format(n) for n in (
    "title", "description", "og-type", "jsonld", "canonical", "skip", "feed-href", "feed-title"))
#: The body placeholder of a page whose body has its own <h1> (Material adds one otherwise).
_BODY_WITH_H1 = "<!--" + _MARK.format("body") + "--><h1"
_BODY = _MARK.format("body")
#: Material's table of contents on its own, as base.html includes it.
_TOC_TEMPLATE = '{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}'
_PLACEHOLDER = re.compile("(" + "|".join(re.escape(m) for m in (
    _BODY_WITH_H1, _BODY, _TITLE, _DESCRIPTION, _OG_TYPE, _JSONLD, _CANONICAL, _SKIP, _FEED_HREF, _FEED_TITLE,
    _MARK.format("toc"))) + ")")


@dataclass(frozen=True)
class Shape:
    """What Material's layout depends on: a page's depth, menu entry and optional parts."""

    depth: int
    section: str  # first segment of the address: relative links to the menu depend on it
    menu: str | None  # the URL of the menu entry this page is, if it is one
    has_h1: bool
    has_toc: bool
    has_jsonld: bool
    has_description: bool
    has_feed: bool = False  # the page links a feed of its own (a place's, a body's) besides the hub's


def shape_of(page: Page, menu_urls: frozenset[str]) -> Shape:
    return Shape(page.url.count("/"), page.url.split("/", 1)[0], page.url if page.url in menu_urls else None, "<h1" in page.body,
                 bool(page.toc), page.jsonld is not None, bool(page.description), page.feed is not None)


def _feed_values(page: Page) -> tuple[str, str]:
    """The page's own feed as its head links it: (relative address, title), escaped."""
    if page.feed is None:
        return "", ""
    return html.escape(relative(page.url, page.feed[0])), html.escape(page.feed[1])


class MaterialPublisher:
    """Material's layout, configured from mkdocs.yml, around the core's pages."""

    def __init__(self, config_file: Path, site: SiteInfo, jsonld_text: Any) -> None:
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files
        from mkdocs.structure.nav import get_navigation

        self.site = site
        self._jsonld_text = jsonld_text
        self._stub = tempfile.TemporaryDirectory(prefix="xhht-material-")
        overrides: dict[str, Any] = {"docs_dir": os.path.join(self._stub.name, "docs"),
                                     "site_dir": os.path.join(self._stub.name, "site")}
        if site.url:
            overrides["site_url"] = site.url
        os.mkdir(overrides["docs_dir"])
        with _mkdocs_warnings() as warnings:
            try:
                config = load_config(str(config_file), **overrides)
                for src_uri in _menu_files(config.nav):
                    path = Path(self._stub.name) / "docs" / src_uri
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text("", encoding="utf-8")
                self.config = config.plugins.on_config(config)
                files = get_files(self.config)
                self.env = self.config.theme.get_env()
                files.add_files_from_theme(self.env, self.config)
                self.files = self.config.plugins.on_files(files, config=self.config)
                self.nav = self.config.plugins.on_nav(get_navigation(self.files, self.config), config=self.config,
                                                      files=self.files)
                self.env = self.config.plugins.on_env(self.env, config=self.config, files=self.files)
                self.config.extra["xhht_updated"] = site.updated
                self.template = self.env.get_template("main.html")
                self._toc_template = self.env.from_string(_TOC_TEMPLATE)
            except Exception as err:  # noqa: BLE001 - MkDocs reports configuration and theme errors this way
                self.close()
                raise PublishError(f"{config_file.name}: {' '.join(str(err).split())}") from err
        if warnings:
            self.close()
            raise PublishError(f"{config_file.name}: " + "; ".join(warnings))
        self.menu = {file.page.url: file.page for file in self.files.documentation_pages() if file.page is not None}
        self.menu_urls = frozenset(self.menu)
        self._shells: dict[Shape, list[str]] = {}

    # --- pages ------------------------------------------------------------------------------
    def page_html(self, page: Page) -> str:
        """A page inside Material's layout."""
        shape = shape_of(page, self.menu_urls)
        parts = self._shells.get(shape)
        if parts is None:
            parts = self._shells[shape] = _PLACEHOLDER.split(self._render(shape, None))
        values = {
            _TITLE: html.escape(page.title), _DESCRIPTION: html.escape(page.description),
            _OG_TYPE: html.escape(page.og_type), _JSONLD: self._jsonld_text(page.jsonld) if page.jsonld else "",
            _CANONICAL: html.escape(self.site.url + page.url) if self.site.url else "",
            _BODY_WITH_H1: page.body.strip() + "\n", _BODY: page.body.strip() + "\n",
            _SKIP: page.toc[0].anchor if page.toc else "", _MARK.format("toc"): self._toc_html(page),
            _FEED_HREF: _feed_values(page)[0], _FEED_TITLE: _feed_values(page)[1],
        }
        return "".join(values.get(part, part) if n % 2 else part for n, part in enumerate(parts))

    def page_html_reference(self, page: Page) -> str:
        """The same page rendered by Material's template directly (slow): what `page_html` must equal."""
        return self._render(shape_of(page, self.menu_urls), page)

    def _render(self, shape: Shape, page: Page | None) -> str:
        """Material's main.html for a page of this shape, with `page`'s values or the placeholders."""
        from mkdocs.commands.build import get_context
        from mkdocs.structure.files import File
        from mkdocs.structure.pages import Page as MkPage
        from mkdocs.structure.toc import TableOfContents

        url = page.url if page else _url_like(shape)
        if shape.menu is not None:
            mk = self.menu[shape.menu]
        else:
            mk = MkPage(None, File.generated(self.config, _source_uri(url), content=""), self.config)
        meta: dict[str, Any] = {"og_type": html.escape(page.og_type) if page else _OG_TYPE, "search": {"exclude": True}}
        if shape.menu != "":  # the home page's title is the site's name alone, not "name - name"
            meta["title"] = html.escape(page.title) if page else _TITLE
        if shape.has_description:
            meta["description"] = html.escape(page.description) if page else _DESCRIPTION
        if not shape.has_toc:
            meta["hide"] = ["toc"]
        if shape.has_jsonld:
            meta["jsonld"] = self._jsonld_text(page.jsonld) if page else _JSONLD
        if shape.has_feed:
            href, title = _feed_values(page) if page else (_FEED_HREF, _FEED_TITLE)
            meta["xhht_feed"] = {"href": href, "title": title}
        mk.markdown, mk.meta = "", meta
        if page:
            mk.content = page.body.strip() + "\n"
        else:
            mk.content = (_BODY_WITH_H1 if shape.has_h1 else _BODY)
        mk.toc = TableOfContents(_anchor_links(page.toc) if page else [_placeholder_link()] if shape.has_toc else [])
        context = get_context(self.nav, self.files.documentation_pages(), self.config, mk)
        if self.site.url:
            mk.canonical_url = html.escape(self.site.url + page.url) if page else _CANONICAL
        mk.active = True
        try:
            output = self.template.render(context)
            if page is None and shape.has_toc:
                placeholder_toc = self.env.from_string(_TOC_TEMPLATE).render(context)
                # The sidebar's, and the phone drawer's (theme/overrides/partials/nav.html; a theme without that
                # override has the sidebar's only).
                assert output.count(placeholder_toc) in (1, 2), "Material's table of contents is not where expected"
                output = output.replace(placeholder_toc, _MARK.format("toc"))
        finally:
            mk.active = False
        return output

    def _toc_html(self, page: Page) -> str:
        """Material's table of contents for one page (its sidebar, and the drawer on phones)."""
        from mkdocs.structure.toc import TableOfContents

        if not page.toc:
            return ""
        return self._toc_template.render(page=_TocPage(TableOfContents(_anchor_links(page.toc))), config=self.config)

    # --- the rest of a site -------------------------------------------------------------
    def not_found_html(self) -> str:
        """404.html (theme/overrides/404.html), served at any missing address: its links start from the
        site's address when the build knows it, else from a <base> the page works out in the browser."""
        from urllib.parse import urlsplit

        from mkdocs.commands.build import get_context

        base = urlsplit(self.site.url).path if self.site.url else "."
        context = get_context(self.nav, self.files, self.config, base_url=base)
        return self.env.get_template("404.html").render(context)

    def static_files(self) -> Iterator[tuple[str, Path]]:
        """The theme's files to copy (Material's assets, then theme/overrides/ which wins), by destination."""
        for file in self.files:
            if not file.is_documentation_page() and file.abs_src_path and not file.dest_uri.endswith(".map"):
                yield file.dest_uri, Path(file.abs_src_path)

    def extra_files(self) -> dict[str, bytes]:
        """Files Material's plugins write after a build: the search plugin's (empty) index, which Material's
        script reads for its settings; the hub's own index lives in search/meta.json and shards."""
        out: dict[str, bytes] = {}
        for name, plugin in self.config.plugins.items():
            if name == "material/search" and plugin.config.enabled:
                data = plugin.search_index.generate_search_index(plugin.search_index_prev)
                out["search/search_index.json"] = data.encode("utf-8")
        return out

    def close(self) -> None:
        self._stub.cleanup()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(" ".join(record.getMessage().split()))


class _mkdocs_warnings:
    """MkDocs' warnings while it reads the configuration: any of them fails the build (strict)."""

    def __enter__(self) -> list[str]:
        self.handler = _Collect()
        self.logger = logging.getLogger("mkdocs")
        self.level = self.logger.level
        self.logger.setLevel(logging.WARNING)
        self.logger.addHandler(self.handler)
        self.propagate, self.logger.propagate = self.logger.propagate, False
        return self.handler.lines

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.level)
        self.logger.propagate = self.propagate


def menu_problems(publisher: MaterialPublisher, urls: set[str]) -> list[str]:
    """Menu entries (mkdocs.yml `nav`) that name a page the site does not have."""
    return [f"menu '{page.title}' trỏ tới {page.file.src_uri}, nhưng trang này không có"
            for url, page in sorted(publisher.menu.items()) if url not in urls]


def redirect_html(redirect: Redirect) -> str:
    """A standalone page forwarding an old address (alias) to the record's current one."""
    to = html.escape(relative(redirect.url, redirect.target), quote=True)
    return ("<!doctype html>\n<html lang=\"vi\"><head>\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{BASE_POLICY}; script-src 'none'\">\n"
            "<meta charset=\"utf-8\">\n"
            f"<title>Trang đã chuyển</title>\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n"
            f"<link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n"
            f"<body><p>Trang này đã chuyển tới <a href=\"{to}\">địa chỉ mới</a>.</p></body></html>\n")


def _menu_files(nav: Any) -> Iterator[str]:
    """The Markdown sources mkdocs.yml's `nav` names (stubs stand in for them)."""
    for entry in nav or ():
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _menu_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            yield value


def _source_uri(url: str) -> str:
    return url + "index.md" if url.endswith("/") or not url else url


def _url_like(shape: Shape) -> str:
    """An address of the same shape: same first segment and depth (relative links are the same)."""
    if shape.depth == 0:
        return ""
    return shape.section + "/" + "".join(f"xhht-{n}/" for n in range(1, shape.depth))


def _anchor_links(toc: tuple[TocEntry, ...], level: int = 2) -> list[Any]:
    from mkdocs.structure.toc import AnchorLink

    links = []
    for entry in toc:
        link = AnchorLink(html.escape(entry.title), entry.anchor, level)
        link.children = _anchor_links(entry.children, level + 1)
        links.append(link)
    return links


@dataclass
class _TocPage:
    """What Material's toc.html reads of a page."""

    toc: Any
    meta: Any = None


def _placeholder_link() -> Any:
    from mkdocs.structure.toc import AnchorLink

    return AnchorLink(_MARK.format("toc-title"), _SKIP, 2)
