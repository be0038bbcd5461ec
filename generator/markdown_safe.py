"""Markdown for editors' free pages, limited to constructs that cannot carry code.

Allowed: paragraphs, headings, emphasis, lists, block quotes, code, tables
(Python-Markdown's core and `tables`) and links to http(s), mailto and
pages of this site. Raw HTML is shown as text, images are not rendered, and
any other link scheme (javascript:, data:, vbscript:, ...) is refused by
`check` with its position and, should one slip through, dropped here.
Document texts are not Markdown at all: they are shown exactly as written.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# [text](target) and <target> autolinks, as Markdown reads them.
_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>"
                   r"|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$", re.M)


def link_allowed(target: str) -> bool:
    """http(s), mailto, or a relative address within the site.

    Judged as a browser reads the address: character references decoded
    (`&#106;avascript:`) and the tabs, newlines and controls a URL parser
    drops (`java\tscript:`) removed first.
    """
    readable = re.sub(r"[\x00-\x20\x7f-\x9f]", "", html.unescape(target))
    match = _SCHEME.match(readable)
    if match is None:
        return ":" not in readable.split("/", 1)[0]
    return match.group(1).lower() in ALLOWED_SCHEMES


def unsafe_links(text: str) -> list[str]:
    """Link targets in `text` that would not be allowed."""
    targets = [t for groups in _LINK.findall(text) for t in groups if t]
    return [t for t in targets if not link_allowed(t)]


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a":
                    href = child.get("href", "")
                    if not link_allowed(href):
                        del child.attrib["href"]
                    elif _SCHEME.match(href):
                        child.set("rel", "noopener noreferrer")
                elif child.tag == "img":
                    parent.remove(child)


def render(text: str) -> str:
    """Editor Markdown -> HTML safe to place in a page."""
    md = markdown.Markdown(extensions=["tables"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in ("image_link", "image_reference", "short_image_ref"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    md.treeprocessors.register(_SafeLinks(md), "xhht_safe_links", 0)
    return md.convert(text)
