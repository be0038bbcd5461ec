"""YAML -> Python values, keeping the line and column of every key and value.

Built on PyYAML's composer (libyaml when available) rather than its
constructor, because the constructor forgets positions, silently keeps the
last of two duplicate keys, expands aliases (the "billion laughs" bomb) and
turns `2022-02-30` into an exception. Here each of those becomes a Problem
with its position. All text is normalised to Unicode NFC so that a title
typed with combining accents (NFD) equals the same title typed precomposed.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import FILE_FIELD, Problem, format_field

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

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_KNOWN_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_constructor = yaml.constructor.SafeConstructor()


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    """A non-text scalar (int, float, bool, null) by YAML 1.1 rules, without caching it."""
    try:
        return _constructor.construct_object(node)
    finally:
        _constructor.constructed_objects.clear()


@dataclass(frozen=True)
class Mark:
    """1-based line and column, as editors' text editors count them."""

    line: int
    column: int


@dataclass
class LoadedFile:
    """A file's values plus, on demand, where each of them was written.

    Positions are only needed to report a problem, which is rare, so the fast
    path does not record them; `mark()` re-reads the file the first time a
    position is asked for. `text` is kept until then, or `abspath` re-read.
    """

    path: str
    data: Any
    text: str | None = None
    abspath: str | None = None
    _marks: dict[Path_, Mark] | None = field(default=None, repr=False)
    _key_marks: dict[Path_, Mark] | None = field(default=None, repr=False)
    #: True when the values came from the fast path (no positions recorded while loading).
    fast: bool = field(default=False, compare=False)

    def source_text(self) -> str:
        """The file's text, re-read (once) if it was dropped after loading."""
        if self.text is None and self.abspath is not None:
            with open(self.abspath, "rb") as handle:
                self.text, _ = decode(self.path, handle.read())
        return self.text or ""

    def _ensure_marks(self) -> None:
        if self._marks is not None:
            return
        marked, _ = load_text(self.path, self.source_text(), fast=False)
        self._marks = marked._marks if marked else {}
        self._key_marks = marked._key_marks if marked else {}

    @property
    def marks(self) -> dict[Path_, Mark]:
        self._ensure_marks()
        return self._marks  # type: ignore[return-value]

    @property
    def key_marks(self) -> dict[Path_, Mark]:
        self._ensure_marks()
        return self._key_marks  # type: ignore[return-value]

    def written(self, path: Path_) -> str | None:
        """The scalar at `path` exactly as typed (YAML reads `no` as false; editors typed `no`)."""
        mark = self.marks.get(path)
        if mark is None:
            return None
        lines = self.source_text().split("\n")
        if mark.line > len(lines):
            return None
        token = lines[mark.line - 1][mark.column - 1:]
        for stop in (" #", ",", "]", "}"):
            token = token.split(stop, 1)[0]
        return token.strip() or None

    def drop_text(self) -> LoadedFile:
        """Forget the text (cheaper to send between processes); marks re-read the file."""
        self.text = None
        return self

    def mark(self, path: Path_, key: bool = False) -> Mark:
        """Position of `path`, or of its nearest ancestor that has one."""
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))


class _Fail(Exception):
    """Internal: stops conversion of one file after a fatal problem."""


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


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


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


def _syntax_message(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
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


class _NeedSlowPath(Exception):
    """Internal: the fast loader met something only the slow path can report."""


class _FastLoader(_Loader):  # type: ignore[misc,valid-type]
    """libyaml composer with a shortcut for the commonest scalar: plain prose.

    PyYAML asks its resolver about every unquoted scalar; text that cannot
    start a number, bool, null or date is a string without asking.
    """

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook
        if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in _MAYBE_SPECIAL:
            return _STR
        return super().resolve(kind, value, implicit)


_MAYBE_SPECIAL = frozenset("-+.0123456789~nNtTfFyYoO<=")

#: What constructing a scalar with an explicit tag (`!!bool abc`, `!!int _`) can raise.
_CONSTRUCT_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, yaml.YAMLError)


def _plain(node: yaml.Node, seen: set[int], depth: int = 0) -> Any:
    """Node -> value without positions; declines (raises) on anything unusual.

    Every node's tag is checked here, so a tag needs no look at the text beforehand. Anchors are
    excluded before (`may_hold_anchor`, then the event stream); should an alias ever get here all
    the same, the collection it names is met a second time and the file declined at once, which
    keeps an alias bomb from being expanded. (`seen` holds ids of collections met so far; all
    nodes live in the composed tree meanwhile, so an id is never reused.)
    """
    kind = type(node)
    if depth > MAX_DEPTH:
        raise _NeedSlowPath
    if kind is yaml.ScalarNode:
        tag = node.tag
        if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if tag not in _KNOWN_SCALAR_TAGS:
            raise _NeedSlowPath
        value = _construct_scalar(node)
        if isinstance(value, float) and not math.isfinite(value):
            raise _NeedSlowPath
        return value
    if kind is yaml.MappingNode:
        if node.tag != _MAP or id(node) in seen:
            raise _NeedSlowPath
        seen.add(id(node))
        out = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR or key in out:
                raise _NeedSlowPath
            out[key] = _plain(value_node, seen, depth + 1)
        return out
    if node.tag != _SEQ or id(node) in seen:
        raise _NeedSlowPath
    seen.add(id(node))
    return [_plain(child, seen, depth + 1) for child in node.value]


def _all_nfc(value: Any) -> bool:
    """Whether every text in `value` (keys included) is NFC."""
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            if not unicodedata.is_normalized("NFC", item):
                return False
        elif type(item) is dict:
            for key, child in item.items():
                if not unicodedata.is_normalized("NFC", key):
                    return False
                stack.append(child)
        elif type(item) is list:
            stack.extend(item)
    return True


def _fast_load(text: str) -> Any:
    """Values without positions, or _NeedSlowPath if anything is unusual.

    The caller has excluded anchors and nesting deep enough to crash libyaml. Values are used as
    libyaml gives them, which is NFC when the text is: plain and single-quoted scalars are pieces
    of the text joined by spaces or line breaks. Only an escape in a double-quoted scalar
    ("\\u0323", or an escaped line break joining two lines) can make new text, so when the file
    has a backslash every text is checked, and anything not NFC is left to the slow path.
    """
    if not unicodedata.is_normalized("NFC", text):
        # NFD text (whose keys may collide once normalised) takes the slow path, which
        # normalises every value.
        raise _NeedSlowPath
    try:
        node = yaml.compose(text, Loader=_FastLoader)
        if node is None:
            raise _NeedSlowPath
        data = _plain(node, set())
    except (RecursionError, *_CONSTRUCT_ERRORS) as err:
        raise _NeedSlowPath from err
    if "\\" in text and not _all_nfc(data):
        raise _NeedSlowPath
    return data


def load_text(path: str, text: str, fast: bool = True) -> tuple[LoadedFile | None, list[Problem]]:
    """Parse one file's text. Returns the values, or None with the problems.

    The fast path (libyaml, no positions) serves every ordinary file; the
    slow path (compose, positions for every value) runs when the fast one
    declines, and is what finds and places syntax and structure problems.
    """
    problems = _tab_problems(path, text)
    if problems:
        return None, problems
    # libyaml composes recursively and crashes (stack overflow) past ~20,000 levels, so a file that
    # might nest that deep is measured first; so is one that might hold an anchor or alias, whose
    # position is reported. Ordinary files need neither and are parsed once.
    deep = nesting_bound(text) > DEPTH_SCAN_LIMIT
    anchors = may_hold_anchor(text)
    if deep or anchors:
        try:
            problems = _event_problems(path, text, depth=deep, anchors=anchors)
        except yaml.YAMLError:
            problems = []  # the syntax error is reported below, with its position
            fast = False
        if problems:
            return None, problems
    if fast:
        try:
            return LoadedFile(path, _fast_load(text), text=text, fast=True), []
        except _NeedSlowPath:
            pass
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        # An unclosed quote is found at the end of the file; the editor needs
        # to see where it was opened.
        unclosed = (err.context or "").startswith("while scanning a quoted scalar")
        at = Lines(text).at((err.context_mark if unclosed else None) or err.problem_mark or err.context_mark)
        line, col = at.line, at.column
        return None, [Problem(path, line, col, FILE_FIELD, _syntax_message(err))]
    except yaml.reader.ReaderError as err:  # a control character
        before = text[: err.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        return None, [Problem(path, line, col, FILE_FIELD,
                              f"có ký tự điều khiển không được phép (mã {ord(err.character) if isinstance(err.character, str) else err.character:#04x})")]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1, 1, FILE_FIELD, f"lỗi cú pháp YAML: {err}")]
    except RecursionError:
        return None, [Problem(path, 1, 1, FILE_FIELD, f"lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)")]
    if node is None:
        return None, [Problem(path, 1, 1, FILE_FIELD, "tệp rỗng; cần có ít nhất trường id")]
    loaded = LoadedFile(path, None, text=text, _marks={}, _key_marks={})
    converter = _Converter(loaded, problems, text)
    try:
        loaded.data = converter.convert(node, (), 0)
    except _Fail:
        return None, problems
    return (None if problems else loaded), problems


def load_bytes(path: str, raw: bytes) -> tuple[LoadedFile | None, list[Problem]]:
    """Decode then parse; the whole of what the loader stage does to one file."""
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    return load_text(path, text)


class _Converter:
    """Nodes -> values, recording marks and refusing what YAML allows but we don't."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem], text: str) -> None:
        self.loaded = loaded
        self.problems = problems
        self.seen: set[int] = set()
        self.lines = Lines(text)

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        mark = self.lines.at(node.start_mark)
        self.problems.append(Problem(self.loaded.path, mark.line, mark.column, format_field(path), message))
        raise _Fail

    def convert(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if id(node) in self.seen:
            self.fail(node, path, "không dùng neo và bí danh YAML (& và *); hãy viết đầy đủ giá trị")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.fail(node, path, f"lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)")
        self.loaded._marks[path] = self.lines.at(node.start_mark)  # type: ignore[index]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.fail(node, path, f"thẻ YAML '{node.tag}' không được hỗ trợ")
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, path, f"thẻ YAML '{node.tag}' không được hỗ trợ")
            return [self.convert(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.fail(key_node, path, "tên trường phải là chữ (ví dụ: title)")
            key = _nfc(key_node.value)
            key_mark = self.lines.at(key_node.start_mark)
            if key in out:
                self.fail(key_node, path + (key,),
                          f"trường '{key}' bị lặp (đã có ở dòng {first_line[key]}); mỗi trường chỉ viết một lần")
            first_line[key] = key_mark.line
            self.loaded._key_marks[path + (key,)] = key_mark  # type: ignore[index]
            out[key] = self.convert(value_node, path + (key,), depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:value":
            self.fail(node, path, f"giá trị '{node.value}' cần đặt trong ngoặc kép (ví dụ: \"{node.value}\")")
        if tag not in _KNOWN_SCALAR_TAGS:
            self.fail(node, path, f"thẻ YAML '{tag}' không được hỗ trợ")
        if tag in (_STR, "tag:yaml.org,2002:timestamp"):
            # Dates stay text: the validator checks them and says what is wrong.
            return _nfc(node.value)
        try:
            value = _construct_scalar(node)
        except _CONSTRUCT_ERRORS:
            self.fail(node, path, f"giá trị '{node.value}' không đọc được")
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(node, path, f"số '{node.value}' không hợp lệ")
        return value
