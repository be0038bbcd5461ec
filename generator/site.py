"""The edge of the pipeline: rendered pages -> a static site, with MkDocs + Material.

This is the only module that knows MkDocs. It writes each `Page` as a
Markdown file with front matter (the HTML body passes through Markdown
untouched, as a raw block), then asks MkDocs to build. Replacing MkDocs
means replacing this module.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.csp import BASE_POLICY
from generator.links import relative, source_path
from generator.render import Page, Redirect, Rendered, SiteInfo, jsonld_text

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "mkdocs.yml"


@dataclass(frozen=True)
class SiteConfig:
    """What the generator reads from mkdocs.yml (plain YAML, no MkDocs needed)."""

    info: SiteInfo
    config_file: Path


def read_config(config_file: Path = CONFIG, site_url: str | None = None) -> SiteConfig:
    raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    url = site_url if site_url is not None else (raw.get("site_url") or "")
    if url and not url.endswith("/"):
        url += "/"
    return SiteConfig(SiteInfo(name=raw.get("site_name", SiteInfo.name), url=url), config_file)


def page_source(page: Page) -> str:
    """A page as MkDocs reads it: YAML front matter, then the HTML body as one raw block.

    Material writes front-matter values into the page unescaped (MkDocs trusts
    its authors; we do not trust YAML), so they are HTML-escaped here, once.
    """
    meta: dict[str, object] = {"title": html.escape(page.title), "description": html.escape(page.description),
                               "og_type": page.og_type}
    if page.hide_toc:
        meta["hide"] = ["toc"]
    # Material's own search index stays empty: the hub's worker has its own (generator/index.py).
    meta["search"] = {"exclude": True}
    if page.jsonld:
        meta["jsonld"] = jsonld_text(page.jsonld)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000)
    return f"---\n{front}---\n\n{page.body.strip()}\n"


def redirect_source(redirect: Redirect) -> str:
    """A standalone page forwarding an old address (alias) to the record's current one."""
    to = html.escape(relative(redirect.url, redirect.target), quote=True)
    return ("<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{BASE_POLICY}; script-src 'none'\">\n"
            f"<title>Trang đã chuyển</title>\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n"
            f"<link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n"
            f"<body><p>Trang này đã chuyển tới <a href=\"{to}\">địa chỉ mới</a>.</p></body></html>\n")


def docs_files(rendered: Rendered, extra: dict[str, bytes]) -> dict[str, bytes | str]:
    """Every file of the MkDocs docs folder: pages, redirects, downloads."""
    files: dict[str, bytes | str] = {}
    for page in rendered.pages:
        files[source_path(page.url) if page.url else "index.md"] = page_source(page)
    for redirect in rendered.redirects:
        files[redirect.url + "index.html"] = redirect_source(redirect)
    files.update(extra)
    return files


def _source_date_epoch() -> str:
    """Dates MkDocs writes (sitemap) come from the last commit, so equal input gives equal output."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


class BuildWarnings(Exception):
    """MkDocs reported warnings; a site with warnings is not published."""


def mkdocs_build(config: SiteConfig, docs_dir: Path, site_dir: Path) -> None:
    """Run MkDocs in this process, strict: any warning aborts the build."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    overrides: dict[str, object] = {"docs_dir": str(docs_dir), "site_dir": str(site_dir), "strict": True,
                                    "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))]}
    if config.info.url:
        overrides["site_url"] = config.info.url
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cfg = load_config(str(config.config_file), **overrides)
    try:
        build(cfg)
    except Abort as err:
        raise BuildWarnings(str(err)) from err


def write_docs(docs_dir: Path, files: dict[str, bytes | str]) -> None:
    """Lay the docs folder out afresh (stale pages of deleted records must not survive)."""
    from generator.write import write_files

    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    write_files(docs_dir, files)
