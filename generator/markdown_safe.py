"""Markdown for editors' free pages, limited to constructs that cannot carry code nor unbounded work.

Allowed: paragraphs, headings, emphasis, lists, block quotes, code, tables
(Python-Markdown's core and `tables`) and links to http(s), mailto and
pages of this site. Raw HTML is shown as text, images are not rendered, and
any other link scheme (javascript:, data:, vbscript:, ...) is refused by
`check` with its position and, should one slip through, dropped here. So is
an address that leaves the site without saying so: `//evil.example/` or
`/\\evil.example/` (a browser reads `\\` as `/`) look like paths of this site
but are another site's, and would be linked without `rel`.
Document texts are not Markdown at all: they are shown exactly as written.

Python-Markdown's inline parser is quadratic in some inputs: every `[`
scans ahead to its `]` (to the end of the paragraph when there is none), and
so does every `](` to its `)`; 20,000 `[` took 44 s to build. Its block
parser recurses once per level of nesting (`- - - … x` with 1,000 levels
overflows the stack), and copies the rest of a paragraph at every heading
or rule inside it (5,000 setext headings without blank lines: 5 s). `limits` measures both before Python-Markdown sees the
text, in one linear pass: `check` refuses a page over a limit and `render`
shows such a text as plain paragraphs instead of parsing it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.treeprocessors import Treeprocessor

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# [text](target) and <target> autolinks, as Markdown reads them.
_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>"
                   r"|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$", re.M)
#: What a browser drops from an address before reading it: spaces, tabs, newlines, controls.
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]")

#: Levels of lists and quotes inside each other (each 4 columns of indentation counts as one).
MAX_NESTING = 8
#: `[` and link targets `](` open at once in a paragraph, not yet closed or never closed (each makes the
#: parser scan ahead to its closing bracket, or to the end of the paragraph).
MAX_OPEN_BRACKETS = 16
#: Headings and rules in one paragraph (each splits it, and the parser copies the rest of the paragraph again).
MAX_BREAKS = 20
#: Characters Python-Markdown lets a backslash escape (`\\[` is no bracket).
_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!>")
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)")
#: A heading (`# x`), a setext underline (`===`, `---`) or a rule (`***`, `- - -`), after any `>` of a quote.
_BREAK = re.compile(r"[ \t>]*(?:#|=+[ \t]*$|(?:[-*_][ \t]*){3,}$|-+[ \t]*$)")


@dataclass(frozen=True)
class Finding:
    """A problem at a character offset of the text, worded for editors."""

    offset: int
    message: str


def link_refusal(target: str) -> str | None:
    """Why a link target is not allowed (Vietnamese), or None when it is.

    Judged as a browser reads the address: character references decoded
    (`&#106;avascript:`) and the tabs, newlines and controls a URL parser
    drops (`java\\tscript:`) removed first, `\\` read as `/`.
    """
    readable = _IGNORED.sub("", html.unescape(target))
    match = _SCHEME.match(readable)
    if match is not None:
        if match.group(1).lower() in ALLOWED_SCHEMES:
            return None
        return "chỉ dùng http://, https://, mailto: hoặc địa chỉ trong trang"
    slashes = readable[:2].replace("\\", "/")
    if slashes == "//":
        return "địa chỉ bắt đầu bằng // hoặc \\ dẫn sang trang web khác; hãy viết đầy đủ https://..."
    if ":" in readable.split("/", 1)[0]:
        return "chỉ dùng http://, https://, mailto: hoặc địa chỉ trong trang"
    return None


def link_allowed(target: str) -> bool:
    """http(s), mailto, or a relative address within the site (see `link_refusal`)."""
    return link_refusal(target) is None


def unsafe_links(text: str) -> list[str]:
    """Link targets in `text` that would not be allowed."""
    return [finding.target for finding in link_findings(text)]


@dataclass(frozen=True)
class LinkFinding(Finding):
    target: str = ""


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def link_findings(text: str) -> list[LinkFinding]:
    """Every refused link target in `text`, with its offset and the reason.

    Judged as Markdown hands it to the page (`\\\\` is one backslash there), as `_SafeLinks` judges it.
    """
    found = []
    for match in _LINK.finditer(text):
        for group in (1, 2, 3):
            target = match.group(group)
            if target and (reason := link_refusal(_MARKDOWN_ESCAPE.sub(r"\1", target))):
                found.append(LinkFinding(match.start(group), f"liên kết '{target}' không được phép: {reason}", target))
    return found


# --- bounded work ---------------------------------------------------------------

def _nesting(line: str) -> int:
    """Levels of lists and quotes a line opens: its markers and its indentation (4 columns a level).

    The one space that follows a marker belongs to it; any further indentation counts.
    """
    levels, columns, index = 0, 0, 0
    while index < len(line):
        char = line[index]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            marker = _LIST_MARKER.match(line, index) if char != ">" else None
            if char != ">" and marker is None:
                break
            levels += 1
            index = index + 1 if marker is None else marker.end()
            if line[index:index + 1] in (" ", "\t"):
                index += 1
            continue
        index += 1
    return levels + columns // 4


def limits(text: str) -> list[Finding]:
    """What in `text` is over the bounds Python-Markdown parses in reasonable time (one finding per rule)."""
    findings: dict[str, Finding] = {}
    offset = 0
    for line in text.split("\n"):
        if "nesting" not in findings and (depth := _nesting(line)) > MAX_NESTING:
            findings["nesting"] = Finding(offset, f"Markdown lồng nhau quá sâu ({depth} cấp danh sách, trích dẫn "
                                                  f"hoặc thụt lề; tối đa {MAX_NESTING})")
        offset += len(line) + 1
    for start, paragraph in _paragraphs(text):
        if "breaks" not in findings:
            _breaks(paragraph, start, findings)
        if "brackets" not in findings:
            _brackets(paragraph, start, findings)
    return sorted(findings.values(), key=lambda f: f.offset)


def _paragraphs(text: str):
    """(offset, text) of each run of lines between blank lines."""
    start = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def _breaks(paragraph: str, start: int, findings: dict[str, Finding]) -> None:
    """Headings and rules inside one paragraph."""
    count, first, offset = 0, 0, 0
    for line in paragraph.split("\n"):
        if _BREAK.match(line):
            count += 1
            if count == MAX_BREAKS + 1:
                first = offset
        offset += len(line) + 1
    if count > MAX_BREAKS:
        findings["breaks"] = Finding(start + first, f"Markdown không hợp lệ: {count} tiêu đề hoặc đường kẻ trong một đoạn "
                                                    f"không có dòng trống (tối đa {MAX_BREAKS}); hãy để một dòng trống "
                                                    f"trước và sau mỗi tiêu đề")


def _brackets(paragraph: str, start: int, findings: dict[str, Finding]) -> None:
    """The most `[` and link `](` open at once in one paragraph (unclosed, or nested), in one pass.

    Each open one makes the parser scan ahead to its closing bracket, or to
    the end of the paragraph when there is none: the work is at most this
    number times the paragraph's length.
    """
    squares: list[int] = []                  # offsets of open `[`
    parens: list[tuple[int, bool]] = []      # open `(`: offset, whether it opens a link target
    links = 0                                # link targets open
    most, first = 0, 0
    index, end = 0, len(paragraph)
    while index < end:
        char = paragraph[index]
        if char == "\\" and index + 1 < end and paragraph[index + 1] in _ESCAPABLE:
            index += 2
            continue
        if char == "[":
            squares.append(index)
        elif char == "]":
            if squares:
                squares.pop()
            if index + 1 < end and paragraph[index + 1] == "(":
                parens.append((index + 1, True))
                links += 1
                index += 1
        elif char == "(":
            parens.append((index, False))
        elif char == ")" and parens:
            links -= parens.pop()[1]
        if len(squares) + links > most:
            most = len(squares) + links
            if most == MAX_OPEN_BRACKETS + 1:
                first = min(squares[:1] + [offset for offset, link in parens if link][:1])
        index += 1
    if most > MAX_OPEN_BRACKETS:
        findings["brackets"] = Finding(start + first, f"Markdown không hợp lệ: {most} dấu '[' hoặc '](' mở cùng lúc "
                                                      f"(chưa đóng hoặc lồng nhau; tối đa {MAX_OPEN_BRACKETS}); hãy đóng "
                                                      f"ngoặc, hoặc viết \\[ cho dấu [ thường")


# --- rendering --------------------------------------------------------------------

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


class _Tables(Treeprocessor):
    """Tables as the hub's own: cards on a phone (`xhht-stack`), each cell named by its column's heading."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":  # in a box of its own, whose width decides table or cards
                    wrap = etree.Element("div", {"class": "xhht-table-wrap"})
                    wrap.tail, child.tail = child.tail, None
                    parent.remove(child)
                    wrap.append(child)
                    parent.insert(index, wrap)
        for table in root.iter("table"):
            table.set("class", "xhht-table xhht-stack")
            heads = ["".join(th.itertext()).strip() for th in table.iter("th")]
            for row in table.iter("tr"):
                for index, cell in enumerate(c for c in row if c.tag == "td"):
                    if index == 0:
                        cell.set("class", "xhht-lead")
                    elif index < len(heads) and heads[index]:
                        cell.set("data-label", heads[index])


def _plain(text: str) -> str:
    """A text over the limits, shown without parsing: escaped paragraphs."""
    return "\n".join(f"<p>{html.escape(part.strip())}</p>" for _, part in _paragraphs(text) if part.strip())


def render(text: str) -> str:
    """Editor Markdown -> HTML safe to place in a page (plain paragraphs if the text is over the limits)."""
    if limits(text):
        return _plain(text)
    md = markdown.Markdown(extensions=["tables"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in ("image_link", "image_reference", "short_image_ref"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    md.treeprocessors.register(_SafeLinks(md), "xhht_safe_links", 0)
    md.treeprocessors.register(_Tables(md), "xhht_tables", 0)
    return md.convert(text)
