"""MkDocs hooks: pre-rendered bodies pass straight through; every page gets its CSP.

Our page bodies are HTML already (rendered and escaped by `render`). Left to
Python-Markdown, the raw-HTML block parser would re-parse every tag of every
page, which took most of a build's time; here the body is set aside before
Markdown and put back after it, unchanged.
"""

from __future__ import annotations

from generator import progress
from generator.csp import with_csp

_PLACEHOLDER = "<!-- xhht-body -->"
_bodies: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):  # noqa: D103 - MkDocs hook signature
    _bodies[page.file.src_uri] = markdown
    return _PLACEHOLDER


def on_page_content(html, page, config, files):  # noqa: D103 - MkDocs hook signature
    return _bodies.pop(page.file.src_uri, html)


def on_post_page(output, page, config):  # noqa: D103 - MkDocs hook signature
    progress.current.advance()
    return with_csp(output)


def on_post_template(output_content, template_name, config):  # noqa: D103 - MkDocs hook signature (404.html)
    return with_csp(output_content) if template_name.endswith(".html") else output_content
