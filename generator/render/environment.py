"""The Jinja2 environment of the page templates (theme/pages/), and pages made from it.

Every value from YAML reaches HTML only through Jinja2's autoescaping;
`StrictUndefined` makes a template that names a field its context lacks fail
the build instead of printing nothing. Templates receive one typed context
(`generator/render/contexts.py`, listed in docs/templates.md) spread into
variables, plus the helpers below.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from generator import kinds, labels, markdown_safe
from generator.links import relative, target_url, url_for
from generator.model.hub import iter_items
from generator.render import followthrough, formatting, outline
from generator.render.contexts import Context
from generator.site import Page, TocEntry

TEMPLATE_DIR = Path(__file__).resolve().parent.parent.parent / "theme" / "pages"

#: A document number or date: a token holding a digit and a slash ("1315/QĐ-TTg", "11-CT/TW", "04/7/2022").
#: Two numbers ("Trang 3/3", "1/2"): short, and no document's number.
FRACTION = re.compile(r"\d+/\d+")
CODE = re.compile(r"(?<![\w/.-])[\w.-]*\d[\w.-]*(?:/[\w.-]*\w)+")


def keep_codes(text: Any) -> markupsafe.Markup:
    """`text` escaped, each document number or date in it kept on one line (`.xhht-docno`): what the press copies
    is never split between two lines."""
    return markupsafe.Markup(_kept_whole(str(markupsafe.escape(text or ""))))


def _kept_whole(escaped: str) -> str:
    """`keep_codes` of text already escaped (a code holds a slash: text without one is left as it is, unsearched)."""
    return CODE.sub(_docno, escaped) if "/" in escaped else escaped


def _docno(match: re.Match[str]) -> str:
    code = match.group(0)
    return code if FRACTION.fullmatch(code) else f'<span class="xhht-docno">{code}</span>'


#: A long token of code ("sections[0].items[0].targets[0].year:"), and where it may break: after its punctuation.
LONG_CODE = re.compile(r"[^\s<>]{25,}")
CODE_BREAK = re.compile(r"([./\]_:,])(?=[^\s])")


#: Elements whose text is left as it is: not HTML text (SVG, scripts), or a number already kept whole.
_AS_IS = re.compile(r"<(svg|script|style|textarea|option|title)\b")
#: The first letters of those elements' names (most tags need no closer look).
_AS_IS_FIRST = frozenset("sto")
#: A tag, kept by `split` between the texts around it.
_TAG = re.compile(r"(<[^>]*>)")


def keep_codes_html(html: str) -> markupsafe.Markup:
    """Safe HTML (a page's body, rendered Markdown) with the document numbers and dates of its text kept on one
    line, and long code (a field's path in an error message) breaking after its dots and brackets, never inside a
    word. Text inside SVG, scripts and form options, and numbers already marked, are left as they are."""
    out, in_code, as_is, last = [], False, "", ""
    for part in _TAG.split(html):
        if not part:  # between two tags
            continue
        if part[0] == "<":
            if in_code:
                in_code = not part.startswith("</code")
            elif part[1:2] == "c":
                in_code = part.startswith("<code")
            if as_is:
                if part.startswith(f"</{as_is}"):
                    as_is = ""
            elif part[1:2] in _AS_IS_FIRST and (match := _AS_IS.match(part)) and not part.endswith("/>"):
                as_is = match.group(1)
            last = part
            out.append(part)
        elif not in_code and "/" not in part:  # no code to keep whole or to break: most of a page's text
            out.append(part)
        elif as_is or last == '<span class="xhht-docno">':
            out.append(part)
        elif in_code and LONG_CODE.search(part):
            out.append(LONG_CODE.sub(lambda m: CODE_BREAK.sub(r"\1<wbr>", m.group(0)), part))
        else:
            out.append(_kept_whole(part))  # already safe HTML: nothing to escape
    return markupsafe.Markup("".join(out))


#: Per version of a document, the names of its items that have bodies (the ones bodies' pages link to).
_REFS: dict[tuple[str, str], dict[str, str]] = {}


def item_ref(doc: Any, anchor: str) -> str:
    """How a link names an item of `doc` ("mục III.2.a)"), as the document's own page names it.

    A name depends on the whole document (numbering, "(lần 2)"), so the document's names are computed at once;
    only those of items with bodies are kept, for every document: the bodies' pages ask for them in an order
    unrelated to the documents', and at 10,000 documents a cache of whole documents that evicted was
    recomputing one for nearly every duty listed (half the time of those pages). ~15 MB at 10,000 documents."""
    key = (doc.id, doc.version)
    refs = _REFS.get(key)
    if refs is not None and anchor in refs:
        return refs[anchor]
    every = outline.item_refs(doc.sections)
    _REFS[key] = {item.anchor: every.get(item.anchor, "") for item in iter_items(doc.sections) if item.bodies}
    return every.get(anchor, "")


#: A record id written in prose ("Khác với pcgd-thcs-muc-do-2"): lower-case words joined by hyphens.
_ID_IN_TEXT = re.compile(r"(?<![\w/.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/-])")


def linked_ids(text: Any, records: Any, kind: str, link: Any, name: Any = None) -> markupsafe.Markup:
    """`text` escaped, each id of one of `records` in it replaced by a link to that record named by its name
    (or by `name(record)`: `doc_label` for documents): a reader sees "Tỷ lệ ... mức độ 2", never
    "pcgd-thcs-muc-do-2"."""
    out, start = [], 0
    source = str(text or "")
    for match in _ID_IN_TEXT.finditer(source):
        record = records.get(match.group(0))
        if record is None:
            continue
        out.append(str(markupsafe.escape(source[start:match.start()])))
        out.append(str(markupsafe.Markup('<a href="{}">{}</a>').format(link(url_for(kind, record.id)),
                                                                      name(record) if name else record.name)))
        start = match.end()
    out.append(str(markupsafe.escape(source[start:])))
    return markupsafe.Markup("".join(out))


def doc_label(doc: Any) -> markupsafe.Markup:
    """A document's short name in lists, its number kept whole."""
    return keep_codes(formatting.doc_label(doc))


@lru_cache(maxsize=None)
def environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(vn_number=formatting.vn_number, vn_date=formatting.vn_date, paragraphs=formatting.paragraphs,
                       target_value=formatting.target_value, target_label=formatting.target_label,
                       document_date=formatting.document_date, document_number=formatting.document_number,
                       signer_text=formatting.signer_text, verbatim=formatting.is_verbatim,
                       keep_codes=keep_codes,
                       markdown=lambda text: keep_codes_html(markdown_safe.render(text)))
    env.globals.update(labels=labels, doc_label=doc_label, item_ref=item_ref, linked_ids=linked_ids, url_for=url_for, target_url=target_url)
    return env


def template_dirs() -> tuple[Path, ...]:
    """theme/pages/, then the template folders kinds bring with them."""
    extra = [k.template_dir for k in kinds.REGISTRY if k.template_dir is not None]
    return (TEMPLATE_DIR, *dict.fromkeys(extra))


def render(template: str, context: Context) -> str:
    """A template's HTML for a typed context."""
    url = context.page_url
    variables = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return environment(template_dirs()).get_template(template).render(
        link=lambda to_url: relative(url, to_url), **followthrough.helpers(context.hub), **variables)


def make_page(template: str, context: Context, description: str = "", og_type: str = "website",
              jsonld: dict[str, Any] | None = None, toc: tuple[TocEntry, ...] = (),
              feed: tuple[str, str] | None = None) -> Page:
    return Page(url=context.page_url, title=context.title, description=description or context.title,
                body=keep_codes_html(render(template, context)), og_type=og_type, jsonld=jsonld, toc=toc, feed=feed)


def page(template: str, url: str, title: str, description: str = "", **fields: Any) -> Page:
    """A page from a generic record context (the default of `RecordKind.pages`)."""
    from generator.render.contexts import RecordContext

    return make_page(template, RecordContext(title=title, page_url=url, **fields), description)
