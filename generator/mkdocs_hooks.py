"""MkDocs hooks: pass each page's pre-rendered HTML body straight through.

Our page bodies are HTML already (rendered and escaped by `render`). Left to
Python-Markdown, the raw-HTML block parser would re-parse every tag of every
page, which took most of a build's time; here the body is set aside before
Markdown and put back after it, unchanged.
"""

from __future__ import annotations

_PLACEHOLDER = "<!-- xhht-body -->"
_bodies: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):  # noqa: D103 - MkDocs hook signature
    _bodies[page.file.src_uri] = markdown
    return _PLACEHOLDER


def on_page_content(html, page, config, files):  # noqa: D103 - MkDocs hook signature
    return _bodies.pop(page.file.src_uri, html)
