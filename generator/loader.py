"""YAML -> Python values, keeping the line and column of every key and value.

Built on PyYAML's composer (libyaml when available) rather than its
constructor, because the constructor forgets positions, silently keeps the
last of two duplicate keys, expands aliases (the "billion laughs" bomb) and
turns `2022-02-30` into an exception. Here each of those becomes a Problem
with its position. All text is normalised to Unicode NFC so that a title
typed with combining accents (NFD) equals the same title typed precomposed.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import FILE_FIELD, Problem, format_field
from generator.yaml_text import (DEPTH_SCAN_LIMIT, MAX_BYTES, MAX_DEPTH, Lines, Mark, _event_problems,  # noqa: F401
                                 _syntax_message, _tab_problems, decode, may_hold_anchor, nesting_bound)

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


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
        # An unclosed quote or bracket is found at the end of the file (or at the next key); the editor
        # needs to see where it was opened.
        context = err.context or ""
        opened = context.startswith(("while scanning a quoted scalar", "while parsing a flow sequence",
                                     "while parsing a flow mapping"))
        at = Lines(text).at((err.context_mark if opened else None) or err.problem_mark or err.context_mark)
        line, col = at.line, at.column
        written = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
        return None, [Problem(path, line, col, FILE_FIELD, _syntax_message(err, written))]
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
