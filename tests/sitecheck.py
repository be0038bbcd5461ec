"""Reading a built site back: its links, anchors and text, for tests and benchmarks."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])  # type: ignore[arg-type]
        for attr in ("href", "src"):
            if values.get(attr) and not (tag == "link" and values.get("rel") in ("canonical",)):
                self.links.append(values[attr])  # type: ignore[arg-type]


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link or anchor in `site` that leads nowhere, as `page -> link`.

    Links must be relative, so the site works under any sub-path; the one
    exception is 404.html, which the server shows at any address and which
    therefore links from the site's base path (`base_path`, from site_url).
    """
    pages = sorted(site.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    broken = []
    for page, collector in parsed.items():
        for link in collector.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if page.name != "404.html" or page.parent != site or not path.startswith(base_path):
                    broken.append(f"{page.relative_to(site)} -> {link} (absolute path breaks under a sub-path)")
                    continue
                target = (site / path[len(base_path):]).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    return broken
