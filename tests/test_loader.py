"""The loader as editors meet it: what a YAML file reads as, and where problems are placed.

Every case here is something an editor would see on the site or in the
checker's output: text that compares equal however it was typed, positions
that point at the right character, and hostile or broken files that become a
one-line problem instead of a crash, a hang or an executed command.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.loader import MAX_BYTES, MAX_DEPTH, LoadedFile, Mark, load_bytes, load_text
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
