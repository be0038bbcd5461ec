"""YAML text before and around parsing: bytes to text, positions, and scans that need no parser.

Kept apart from the loader (generator/loader.py) because each of these reads
the raw text: decoding (UTF-8 only, BOM and CRLF handled), tabs, whether a
file might hold an anchor or nest deeper than libyaml's recursive composer
survives (both decided without parsing), and positions as editors count them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import yaml

from generator.problems import FILE_FIELD, Problem

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


#: Larger files are refused: no real record comes near it, and a huge file
#: is either a mistake or an attack on the build.
MAX_BYTES = 2 * 1024 * 1024


#: Deeper nesting than this is refused (documents use at most ~6 levels).
MAX_DEPTH = 40


#: Files whose nesting might exceed this (by `nesting_bound`) have it measured on the event
#: stream before libyaml composes them. libyaml's composer is recursive C and overflows the stack
#: somewhere past 20,000 levels (8 MB stack); this keeps a margin of ten. Real records stay far
#: below it (the largest plan, 59 KB, bounds at 1,487 by indicator count), so they are parsed once.
DEPTH_SCAN_LIMIT = 2_000


@dataclass(frozen=True)
class Mark:
    """1-based line and column, as editors' text editors count them."""

    line: int
    column: int


class Lines:
    """Line and column of a character offset, counting only "\n" as a line break.

    YAML also breaks lines at U+2028, U+2029 and U+0085, so libyaml's own line
    numbers drift from what editors, git and grep show when such a character
    sits in a text; positions are therefore computed from the offset.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def at(self, yaml_mark: yaml.Mark | None) -> Mark:
        if yaml_mark is None:
            return Mark(1, 1)
        line = bisect.bisect_right(self.starts, yaml_mark.index) - 1
        return Mark(line + 1, yaml_mark.index - self.starts[line] + 1)


# Common libyaml/PyYAML problems, said in the editors' language.
_SYNTAX_MESSAGES = {
    "mapping values are not allowed": "dấu ':' không đúng chỗ (giá trị có dấu ':' cần đặt trong ngoặc kép)",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "did not find expected key": "thụt lề không đúng hoặc thiếu dấu ':'",
    "did not find expected '-' indicator": "thụt lề của danh sách không đúng",
    "found unexpected end of stream": "tệp kết thúc khi chưa đóng ngoặc kép hoặc ngoặc",
    "found undefined alias": "dùng bí danh YAML (*) không được hỗ trợ",
    "found character that cannot start any token": "ký tự không được phép ở đầu giá trị (hãy đặt giá trị trong ngoặc kép)",
    "found unknown escape character": "ký tự thoát (\\) không hợp lệ trong chuỗi ngoặc kép",
    "expected a single document in the stream": "tệp chỉ được chứa một bản ghi (bỏ dòng '---' thứ hai)",
    "but found another document": "tệp chỉ được chứa một bản ghi (bỏ dòng '---' thứ hai)",
    "found unexpected ':'": "dấu ':' không đúng chỗ",
    "did not find expected ',' or ']'": "thiếu dấu ',' hoặc ']' trong danh sách",
    "did not find expected ',' or '}'": "thiếu dấu ',' hoặc '}'",
    "did not find expected node content": "thiếu giá trị",
    "block sequence entries are not allowed in this context": "không được bắt đầu danh sách '-' ở đây (kiểm tra thụt lề)",
    "while scanning a quoted scalar": "chuỗi trong ngoặc kép chưa được đóng",
}


_BLOCK_INDICATOR = re.compile(r"(?:^|:\s|-\s)\s*([>|][^\s#]*)")


def _syntax_message(err: yaml.MarkedYAMLError, line: str = "") -> str:
    """The parser's complaint in the editors' words; `line` is the text of the line it points at."""
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    if problem.startswith("did not find expected comment or line break"):
        block = _BLOCK_INDICATOR.search(line)
        if block:  # `comparator: >=`: '>' starts a folded text block and '=' cannot follow it
            value = block.group(1)
            return (f"lỗi cú pháp YAML: viết '{value}' trong ngoặc kép: \"{value}\" (trong YAML, '{value[0]}' ở đầu "
                    "giá trị bắt đầu một đoạn văn nhiều dòng)")
        return "lỗi cú pháp YAML: thừa ký tự sau giá trị (giá trị có dấu đặc biệt cần đặt trong ngoặc kép)"
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        closing = "]" if "sequence" in context else "}"
        return (f"lỗi cú pháp YAML: ngoặc '{'[' if closing == ']' else '{'}' mở ở đây chưa được đóng bằng '{closing}' "
                "hoặc thiếu dấu ',' giữa các phần tử")
    for key, message in _SYNTAX_MESSAGES.items():
        if problem.startswith(key) or context.startswith(key):
            return f"lỗi cú pháp YAML: {message}"
    return f"lỗi cú pháp YAML: {problem or context}"


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes -> text. UTF-8 only (a byte-order mark is dropped); CRLF becomes LF."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, 1, 1, FILE_FIELD,
                              f"tệp quá lớn ({len(raw) // 1024} KB; tối đa {MAX_BYTES // 1024} KB)")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return None, [Problem(path, line, col, FILE_FIELD,
                              f"tệp không phải mã UTF-8 (byte 0x{raw[err.start]:02x}); hãy lưu tệp với bảng mã UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def _tab_problems(path: str, text: str) -> list[Problem]:
    problems = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        col = line.find("\t")
        if col >= 0:
            problems.append(Problem(path, lineno, col + 1, FILE_FIELD,
                                    "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề"))
    return problems


#: What may stand (spaces aside) right before a node, and so before its properties (an anchor
#: `&a`, a tag `!t`) or an alias (`*a`): a line break (libyaml also breaks lines at CR, NEL,
#: U+2028 and U+2029, and skips a BOM at the start of a line) or an indicator that a node
#: follows -- `-`, `?` and `:` in block context (also `---`), `[`, `{`, `,`, `?` and `:` in flow
#: context (`:` even unspaced, after a JSON-like key). Comments end at a line break.
_BEFORE_NODE = frozenset("[{,:?-\n\r\x85\u2028\u2029\ufeff")


#: A line break followed by the part of a line that block nesting can use: indentation and the
#: compact indicators `- `, `? ` and `: ` (see `nesting_bound`). Lines break where libyaml breaks them.
_LINE_LEAD = re.compile(r"[\n\r\x85\u2028\u2029][ ?:\-\ufeff]*")


def may_hold_anchor(text: str) -> bool:
    """Whether an `&`, `*` or `!` in `text` stands where a node could start (see `_BEFORE_NODE`).

    Properties and aliases can only begin a node, so "Sở GD&ĐT", "TT & TT" or "W*" inside prose
    are never one; "- *Chuẩn*" could be (a false positive only costs an event scan). A tag counts
    because an anchor may follow it (`!t &a`); the tag itself is judged on the node by both paths.
    Linear: each look back stops at the first character that is not a space, at the latest the
    previous sign of the same kind.
    """
    for sign in "&*!":
        at = text.find(sign)
        while at >= 0:
            before = at - 1
            while before >= 0 and text[before] in " \t\ufeff":
                before -= 1
            if before < 0 or text[before] in _BEFORE_NODE:
                return True
            at = text.find(sign, at + 1)
    return False


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply `text` can nest collections, without parsing it.

    First the count of indicator characters (`:`, `-`, `?`, `[`, `{`): each collection begins
    with its own indicator token (`-` a block sequence, `?` or a key's `:` a block mapping, `[` or
    `{` a flow collection, and a single-pair mapping inside `[...]` its `:` or `?`), so no chain
    of nested collections is longer. That costs microseconds and is enough for every real file.

    A long file can have more indicators than that limit, so past it a tighter bound is taken:
    * flow: a flow collection starts at a `[` or `{`, and a single-pair mapping (`[a: b]`) sits
      directly in a `[`, so flow nesting is at most 2*count("[") + count("{");
    * block: libyaml opens a block collection only at a column greater than the current indent
      (the indents on its stack strictly increase), except an indentless sequence (`key:` then
      `- x` at the key's column), which cannot directly hold another. A block collection starts
      at a `-`, a `?`, a complex-key `:` or a simple key, and all of these need "simple key
      allowed", which holds only at the start of a line or after `-`, `?` or a complex `:` on
      it. So a block collection starts at a column c no greater than the line's leading run of
      spaces, `-`, `?` and `:`, at most c + 1 indents are stacked, and block nesting is at most
      2 * (longest leading run + 1).
    Block collections may hold flow ones, never the reverse, so the two add up.
    """
    cheap = text.count(":") + text.count("-") + text.count("?") + text.count("[") + text.count("{")
    if cheap <= DEPTH_SCAN_LIMIT:
        return cheap
    lead = max(len(run) for run in _LINE_LEAD.findall("\n" + text)) - 1  # less the line break
    return min(cheap, 2 * (lead + 1) + 2 * text.count("[") + text.count("{"))


def _event_problems(path: str, text: str, depth: bool, anchors: bool) -> list[Problem]:
    """Nesting too deep and anchors or aliases, found on the (flat) event stream.

    Nothing is built or expanded: tens of thousands of `[` crash libyaml's recursive composer
    (stack overflow), and aliases are how the billion-laughs bomb multiplies a few lines into
    gigabytes. Records never need anchors. Depth is reported before an anchor, as it always was.
    Raises yaml.YAMLError on a syntax error met before either problem.
    """
    level = 0
    anchor_problem = None
    lines = None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                level += 1
                if depth and level > MAX_DEPTH + 1:
                    mark = Lines(text).at(event.start_mark)
                    return [Problem(path, mark.line, mark.column, FILE_FIELD,
                                    f"lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)")]
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                level -= 1
            if anchors and anchor_problem is None and getattr(event, "anchor", None) is not None:
                sign = "*" if kind is yaml.AliasEvent else "&"
                lines = lines or Lines(text)
                mark = lines.at(event.start_mark)
                anchor_problem = Problem(path, mark.line, mark.column, FILE_FIELD,
                                         f"không dùng neo và bí danh YAML ({sign}{event.anchor}); hãy viết đầy đủ giá trị")
                if not depth:
                    break
    except yaml.YAMLError:
        if anchor_problem is None:
            raise
    return [anchor_problem] if anchor_problem else []
