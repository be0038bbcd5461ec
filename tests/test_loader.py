"""The loader as editors meet it: what a YAML file reads as, and where problems are placed.

Every case here is something an editor would see on the site or in the
checker's output: text that compares equal however it was typed, positions
that point at the right character, and hostile or broken files that become a
one-line problem instead of a crash, a hang or an executed command.
"""

from __future__ import annotations

import signal
import unicodedata
from pathlib import Path

import pytest
import yaml

import generator.loader as loader
from generator.loader import (
    DEPTH_SCAN_LIMIT,
    MAX_BYTES,
    MAX_DEPTH,
    LoadedFile,
    Mark,
    load_bytes,
    load_text,
    may_hold_anchor,
    nesting_bound,
)
from tests.conftest import REPO

REAL_FILES = sorted([*(REPO / "plans").glob("*.yml"), *(REPO / "content").rglob("*.yml")])


def _load(text: str, fast: bool = True) -> LoadedFile:
    """A file that must load without problems."""
    loaded, problems = load_text("x.yml", text, fast=fast)
    assert problems == []
    assert loaded is not None
    return loaded


def _refused(text: str, fast: bool = True) -> list:
    """A file that must be refused: no data, at least one problem."""
    loaded, problems = load_text("x.yml", text, fast=fast)
    assert loaded is None
    assert problems
    return problems


# --- Unicode normalisation ---------------------------------------------------

NFC_SAMPLE = "ghi_chú: Phấn đấu 90% hộ gia đình đạt danh hiệu\ntên: Mẫu\n"


def test_nfd_sample_really_differs_from_nfc():
    """Guards the tests below: they would prove nothing if the sample had no accents to decompose."""
    assert unicodedata.normalize("NFD", NFC_SAMPLE) != NFC_SAMPLE


def test_nfd_key_and_value_come_back_nfc_by_default():
    """An editor's NFD file reads as NFC whichever path the loader chooses."""
    loaded = _load(unicodedata.normalize("NFD", NFC_SAMPLE))
    assert loaded.data == {"ghi_chú": "Phấn đấu 90% hộ gia đình đạt danh hiệu", "tên": "Mẫu"}


def test_nfc_and_nfd_spellings_of_one_key_are_a_duplicate():
    """Two keys equal once normalised must not silently keep the last one."""
    text = "tên: a\n" + unicodedata.normalize("NFD", "tên") + ": b\n"
    problems = _refused(text)
    assert "bị lặp" in problems[0].message and problems[0].line == 2


def test_fast_path_takes_plain_nfc_prose():
    """Ordinary files take the fast path: positions are not computed until asked for."""
    assert _load(NFC_SAMPLE)._marks is None


def test_infinity_written_as_a_big_number_is_refused():
    assert "không hợp lệ" in _refused("a: 1.0e+999\n")[0].message


def test_unquoted_equals_sign_says_to_quote_it():
    assert "ngoặc kép" in _refused("comparator: =\n")[0].message


def test_control_character_is_placed():
    problem = _refused("id: x\ntitle: a\x01b\n")[0]
    assert (problem.line, problem.column) == (2, 9)


def test_tens_of_thousands_of_brackets_are_refused_not_a_crash():
    problem = _refused("id: " + "[" * 40000 + "]" * 40000 + "\n")[0]
    assert "quá sâu" in problem.message


def test_nfd_key_and_value_come_back_nfc_on_the_slow_path():
    loaded = _load(unicodedata.normalize("NFD", NFC_SAMPLE), fast=False)
    assert loaded.data == {"ghi_chú": "Phấn đấu 90% hộ gia đình đạt danh hiệu", "tên": "Mẫu"}


@pytest.mark.parametrize("path", REAL_FILES, ids=[p.relative_to(REPO).as_posix() for p in REAL_FILES])
def test_fast_and_slow_paths_read_real_files_identically(path: Path):
    """The fast path is an optimisation only: every real record must read the same either way."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    fast, fast_problems = load_text(path.name, text, fast=True)
    slow, slow_problems = load_text(path.name, text, fast=False)
    assert fast_problems == slow_problems == []
    assert fast is not None and slow is not None
    assert fast.data == slow.data


def test_real_files_were_found():
    """The parametrised test above would pass vacuously on an empty list."""
    assert len(REAL_FILES) > 50


# --- positions -------------------------------------------------------------

POSITIONS = """\
id: kh-1
issuer:
  name: UBND tỉnh Mẫu
  level: tinh
sections:
  - label: I.
    items:
      - label: "1."
        text: Mục tiêu chung
"""


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
def test_mark_gives_line_and_column_of_a_nested_value(fast: bool):
    """Positions are 1-based, as editors count; the fast path computes them on demand."""
    loaded = _load(POSITIONS, fast=fast)
    assert loaded.mark(("sections", 0, "items", 0, "text")) == Mark(9, 15)
    assert loaded.mark(("issuer", "level")) == Mark(4, 10)


def test_mark_with_key_gives_the_key_position():
    """An unknown field is reported at its name, not at its value."""
    loaded = _load(POSITIONS)
    assert loaded.mark(("sections", 0, "items", 0, "text"), key=True) == Mark(9, 9)
    assert loaded.mark(("issuer",), key=True) == Mark(2, 1)


def test_mark_of_a_missing_field_falls_back_to_its_parent():
    """A missing required field is reported where its parent group starts."""
    loaded = _load(POSITIONS)
    assert loaded.mark(("issuer", "body")) == Mark(3, 3)
    assert loaded.mark(("issuer", "body"), key=True) == Mark(2, 1)
    assert loaded.mark(("sections", 5, "items")) == Mark(6, 3)


def test_marks_survive_dropping_the_text(tmp_path: Path):
    """Cross-file checks re-read the file for positions after the text was dropped."""
    file = tmp_path / "x.yml"
    file.write_text(POSITIONS, encoding="utf-8")
    loaded, _ = load_bytes("x.yml", file.read_bytes())
    assert loaded is not None
    loaded.abspath = str(file)
    loaded.drop_text()
    assert loaded.mark(("issuer", "level")) == Mark(4, 10)


# --- bytes: BOM, line endings, size, encoding --------------------------------

def test_byte_order_mark_is_accepted():
    """Windows Notepad saves UTF-8 with a BOM; the file must read as without one."""
    raw = POSITIONS.encode("utf-8")
    with_bom, problems = load_bytes("x.yml", b"\xef\xbb\xbf" + raw)
    assert problems == []
    assert with_bom is not None
    assert with_bom.data == _load(POSITIONS).data
    assert with_bom.mark(("issuer", "level")) == Mark(4, 10)


def test_crlf_line_endings_are_accepted():
    """Files saved on Windows read the same, and positions still count lines correctly."""
    crlf, problems = load_bytes("x.yml", POSITIONS.replace("\n", "\r\n").encode("utf-8"))
    assert problems == []
    assert crlf is not None
    assert crlf.data == _load(POSITIONS).data
    assert crlf.mark(("sections", 0, "items", 0, "text")) == Mark(9, 15)


def test_file_over_the_size_limit_is_refused_with_one_line():
    raw = b"id: x\nnote: " + b"a" * MAX_BYTES + b"\n"
    loaded, problems = load_bytes("big.yml", raw)
    assert loaded is None
    assert len(problems) == 1
    assert "tệp quá lớn" in problems[0].message
    assert "\n" not in problems[0].format()


def test_file_at_the_size_limit_is_read():
    """The limit refuses only what is over it."""
    head = b"id: x\nnote: "
    raw = head + b"a" * (MAX_BYTES - len(head) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    loaded, problems = load_bytes("big.yml", raw)
    assert problems == []
    assert loaded is not None


def test_non_utf8_byte_is_placed_at_its_line_and_column():
    """A file saved in a legacy code page: the editor is shown the first bad byte.

    The column counts characters, so the accented letters before it count once each.
    """
    raw = "id: x\ntitle: Mẫu ".encode("utf-8") + b"\xff" + b"\n"
    loaded, problems = load_bytes("x.yml", raw)
    assert loaded is None
    assert [(p.line, p.column) for p in problems] == [(2, 12)]
    assert "UTF-8" in problems[0].message
    assert "0xff" in problems[0].message


# --- what scalars read as ----------------------------------------------------

@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("date", ["2022-07-04", "2022-02-30", "2022-13-01"])
def test_dates_stay_text(date: str, fast: bool):
    """The validator, not the YAML reader, says a date does not exist; loading must not fail."""
    assert _load(f"date: {date}\n", fast=fast).data == {"date": date}


# What the loader reads is what PyYAML's SafeLoader (YAML 1.1) reads, dates aside.
# Asserted explicitly so a change of YAML version would show up here:
# yes/no/on/off are booleans, a leading 0 is octal, `1:30` is base 60, and a
# float needs a dot (`1e3` is text; `3.0e+3` is a number).
YAML11 = {
    "yes": True, "Yes": True, "no": False, "NO": False, "on": True, "off": False,
    "true": True, "False": False,
    "null": None, "~": None, "": None,
    "42": 42, "-5": -5, "1_000": 1000, "012": 10, "0x1F": 31, "1:30": 90,
    "1.5": 1.5, "3.0e+3": 3000.0, "1e3": "1e3", "0o17": "0o17",
    "'no'": "no", '"42"': "42",
}


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("written, value", list(YAML11.items()), ids=list(YAML11))
def test_scalars_read_as_yaml_1_1_safe_loader(written: str, value, fast: bool):
    data = _load(f"v: {written}\n", fast=fast).data
    assert data == {"v": value}
    assert type(data["v"]) is type(value)
    assert data == yaml.safe_load(f"v: {written}\n")


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_nan_and_infinity_are_refused(written: str, fast: bool):
    """NaN and infinity are no target value; they would print as 'nan' on the site."""
    problems = _refused(f"id: x\nvalue: {written}\n", fast=fast)
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 8, "value")]
    assert "không hợp lệ" in problems[0].message


def test_written_gives_the_scalar_as_typed():
    """Messages quote `no` as the editor typed it, not Python's False."""
    loaded = _load("language: no\ncount: 1_000  # nghìn\nflags: [yes, off]\n")
    assert loaded.data == {"language": False, "count": 1000, "flags": [True, False]}
    assert loaded.written(("language",)) == "no"
    assert loaded.written(("count",)) == "1_000"
    assert loaded.written(("flags", 1)) == "off"
    assert loaded.written(("missing",)) is None


# --- hostile and broken files --------------------------------------------------

def test_anchor_is_refused_at_its_position():
    problems = _refused("id: x\nbase: &b\n  a: 1\ncopy: *b\n")
    assert [(p.line, p.column) for p in problems] == [(2, 7)]
    assert "&b" in problems[0].message


def test_billion_laughs_is_refused():
    """Nine levels of nine aliases would expand to 9**9 strings if anything expanded them."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    problems = _refused("\n".join(lines) + "\n")
    assert [(p.line, p.column) for p in problems] == [(1, 4)]
    assert "bí danh" in problems[0].message


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 2, 200, 5000])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_a_problem_not_a_crash(depth: int, style: str, fast: bool):
    """Nesting beyond any real record gives one problem (a RecursionError would end the run)."""
    text = "[" * depth + "]" * depth if style == "flow" else "- " * depth + "x\n"
    problems = _refused(text, fast=fast)
    assert len(problems) == 1
    assert "lồng nhau quá sâu" in problems[0].message


def test_nesting_within_the_limit_is_read():
    """The depth limit refuses only what is over it: MAX_DEPTH nested lists are read."""
    data = _load("[" * MAX_DEPTH + "]" * MAX_DEPTH).data
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == []


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!binary aGk=",
    "!custom {marker}",
])
def test_unsupported_tags_are_refused_and_nothing_runs(tagged: str, fast: bool, tmp_path: Path):
    marker = tmp_path / "executed"
    problems = _refused(f"id: x\nvalue: {tagged.format(marker=marker)}\n", fast=fast)
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 8, "value")]
    assert "không được hỗ trợ" in problems[0].message
    assert not marker.exists()



# --- which path a file takes, and how often it is parsed --------------------------


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Counts the extra event-stream passes (anchor or depth scans) the loader makes."""
    calls: list[str] = []
    real = yaml.parse

    def counting(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(loader.yaml, "parse", counting)
    return calls


REAL_PLANS = sorted((REPO / "plans").glob("*.yml"))


@pytest.mark.parametrize("path", REAL_PLANS, ids=[p.name for p in REAL_PLANS])
def test_real_plans_take_the_fast_path_and_are_parsed_once(path: Path, parses: list[str]):
    """Prose such as "Phòng GD&ĐT", "“**”" or an escaped quote must not cost a second parse
    or the slow path; nor must a file's length (the largest plans are near 60 KB)."""
    loaded, problems = load_bytes(path.name, path.read_bytes())
    assert problems == []
    assert loaded is not None and loaded.fast
    assert loaded._marks is None
    assert parses == []


PROSE = """\
id: kh-1
title: Phối hợp với Phòng GD&ĐT và Sở GD&ĐT
issuer: Trung tâm VH, TT & TT
notes:
  - Bỏ các dấu lạ “*Chuẩn*” và “- W*” cuối Nơi nhận; các dấu “**” quanh khối chữ ký
  - "Sửa lỗi OCR: \\"Noi nhận\\" -> \\"Nơi nhận\\"; Chú ý!"
  - xem tệp a.nanh, b.inf.txt, .information
"""


def test_ampersands_asterisks_and_escapes_in_prose_take_the_fast_path(parses: list[str]):
    loaded = _load(PROSE)
    assert loaded.fast and loaded._marks is None
    assert parses == []
    assert loaded.data["title"] == "Phối hợp với Phòng GD&ĐT và Sở GD&ĐT"
    assert loaded.data["issuer"] == "Trung tâm VH, TT & TT"
    assert loaded.data["notes"][1] == 'Sửa lỗi OCR: "Noi nhận" -> "Nơi nhận"; Chú ý!'
    assert loaded.data == _load(PROSE, fast=False).data


@pytest.mark.parametrize("text", [
    "id: x\nnote: Lưu VT, *GD*\n",    # ", *" could start an alias in a flow list
    "id: x\nnote: a - &b\n",          # "- &" could start an anchored sequence entry
], ids=["comma-star", "dash-ampersand"])
def test_a_prose_look_alike_costs_one_scan_then_takes_the_fast_path(text: str, parses: list[str]):
    loaded = _load(text)
    assert loaded.fast
    assert len(parses) == 1
    assert loaded.data == yaml.safe_load(text)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("text, line, column", [
    ("id: x\nkey: &a value\n", 2, 6),
    ("id: x\nlist:\n  - &a value\n", 3, 5),
    ("id: x\nlist: [1, &a 2]\n", 2, 11),
    ('id: x\nmap: {"k":&a v}\n', 2, 11),
    ("id: x\nkey: !!str &a value\n", 2, 6),  # the node (its tag) starts at column 6
    ("id: x\nkey:\n  &a\n  value\n", 3, 3),
    ("id: x\nkey:\u2028  &a value\n", 2, 8),
    ("&a id: x\n", 1, 1),
], ids=["value", "list-entry", "flow-list", "json-key", "after-tag", "own-line", "after-u2028", "first"])
def test_anchor_where_a_node_starts_is_refused_at_its_position(text: str, line: int, column: int, fast: bool):
    problems = _refused(text, fast=fast)
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert "&a" in problems[0].message


@pytest.mark.parametrize("text, expected", [
    ("title: Sở GD&ĐT\n", False),
    ("title: TT & TT, “W*”, “**”\n", False),
    ("title: 5 * 3 = 15!\n", False),
    ("key: &a v\n", True),
    ("- *a\n", True),
    ("[x,*a]\n", True),
    ("? &a k\n", True),
    ("--- !t &a x\n", True),
    ("k:\u2028&a v\n", True),
    ("k:\n\ufeff&a v\n", True),
    ("&a v\n", True),
])
def test_may_hold_anchor_looks_only_where_a_node_can_start(text: str, expected: bool):
    assert may_hold_anchor(text) is expected


def test_alias_bomb_declines_the_fast_conversion_at_the_first_repeat():
    """Were an alias ever to reach the fast path, it would be met as the same node twice and
    declined there, before anything is expanded (nine levels of nine would be 9**9 strings)."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    previous_handler = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("alias bomb expanded"))
    signal.alarm(10)
    try:
        with pytest.raises(loader._NeedSlowPath):
            loader._fast_load("\n".join(lines) + "\n")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous_handler)


# --- escapes ------------------------------------------------------------------

@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
def test_escapes_that_spell_nfd_text_come_back_nfc(fast: bool):
    """"\u0323" after "e" and before "\u0302" is "ệ" decomposed; the value must be NFC."""
    text = 'id: x\ntitle: "Vi\\u0065\\u0323\\u0302t Nam"\njoined: "Vie\\\n  \u0323\u0302t"\n'
    assert unicodedata.is_normalized("NFC", text)
    data = _load(text, fast=fast).data
    assert data == {"id": "x", "title": "Việt Nam", "joined": "Việt"}
    assert all(unicodedata.is_normalized("NFC", value) for value in data.values())


def test_escaped_nfd_key_equal_to_a_written_key_is_a_duplicate():
    problems = _refused('tên: a\n"te\\u0302n": b\n')
    assert "bị lặp" in problems[0].message and problems[0].line == 2


def test_escapes_that_give_nfc_text_keep_the_fast_path():
    loaded = _load('id: x\ntitle: "Tr\\u01b0\\u1eddng \\"mẫu\\""\n')
    assert loaded.fast
    assert loaded.data["title"] == 'Trường "mẫu"'


# --- tags and odd scalars -------------------------------------------------------------

@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("written", ["!!bool abc", "!!bool ''", "!!int _", "!!float abc"])
def test_explicitly_tagged_scalar_that_cannot_be_read_is_a_problem_not_a_crash(written: str, fast: bool):
    problems = _refused(f"id: x\nvalue: {written}\n", fast=fast)
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 8, "value")]
    assert "không đọc được" in problems[0].message


def test_nan_and_inf_inside_words_keep_the_fast_path():
    loaded = _load("id: x\nfile: báo-cáo.nan.inf\nnote: ghi .NaN và .INF trong văn bản\n")
    assert loaded.fast
    assert loaded.data["file"] == "báo-cáo.nan.inf"


# --- nesting ---------------------------------------------------------------------------

def _event_depth(text: str) -> int:
    """The deepest nesting on the event stream (up to a syntax error, if any)."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


NESTED = {
    "compact-lists": "- " * 300 + "x\n",
    "explicit-keys": "? " * 300 + "x\n",
    "lists-and-keys": "- ? " * 150 + "x\n",
    "indented-maps": "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "x\n",
    "indentless-lists": "k0:\n" + "".join(" " * (2 * i) + f"- k{i + 1}:\n" for i in range(150)) + " " * 300 + "- x\n",
    "u2028-lines": "".join(" " * i + f"k{i}:\u2028" for i in range(300)) + " " * 300 + "x\n",
    "single-pair-flow": "[a: " * 300 + "x" + "]" * 300 + "\n",
    "explicit-flow": "[? " * 300 + "x" + "]" * 300 + "\n",
    "flow-maps": "{a: " * 300 + "x" + "}" * 300 + "\n",
    "block-then-flow": "- - - - k: [[{a: [x]}]]\n",
    "dumped": yaml.safe_dump({"a": [[{"b": [{"c": [[["d"]]]}]}]]}, default_flow_style=False, indent=4),
}


@pytest.mark.parametrize("text", list(NESTED.values()), ids=list(NESTED))
def test_nesting_bound_is_never_below_the_real_nesting(text: str):
    """Both bounds: the indicator count, and (padded past the limit with a comment of dashes) the
    bound from leading runs and brackets."""
    depth = _event_depth(text)
    assert depth >= 7
    assert nesting_bound(text) >= depth
    padded = text + "# " + "-" * (DEPTH_SCAN_LIMIT + 1) + "\n"
    assert _event_depth(padded) == depth
    assert depth <= nesting_bound(padded) < DEPTH_SCAN_LIMIT


def test_long_prose_file_bounds_low_without_a_scan(parses: list[str]):
    """A file with thousands of ':' and '-' in prose (here ~12,000) is still parsed once."""
    text = "id: x\nnotes:\n" + "  - 'Mục 1: a - b - c: d'\n" * 3000
    assert text.count(":") + text.count("-") > DEPTH_SCAN_LIMIT
    assert nesting_bound(text) < DEPTH_SCAN_LIMIT
    assert _load(text).fast
    assert parses == []


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "slow"])
@pytest.mark.parametrize("text", [
    "? " * 30_000 + "x\n",
    "- ? " * 15_000 + "x\n",
    "k:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1_000)) + " " * 1_001 + "x\n",
    "id: " + "{a: [" * 25_000 + "\n",
], ids=["explicit-keys", "lists-and-keys", "indented", "flow-mixed"])
def test_other_deep_shapes_are_refused_not_a_crash(text: str, fast: bool):
    problems = _refused(text, fast=fast)
    assert len(problems) == 1
    assert "lồng nhau quá sâu" in problems[0].message
