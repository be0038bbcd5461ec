"""Bad input that a static overlay of `fixtures/bad/` cannot express.

Huge files, symbolic links, alias bombs, pathological nesting and one very
long word are built here at run time. Each runs the real command in a
subprocess, as an editor or the pre-commit hook runs it, so that a crash in
C code (libyaml) or an endless expansion fails one test instead of killing
the test run. The timeout is a safety net, not a timing assertion, except
for the very long word, where finishing at all is the point. Every test asserts exit code 1, the exact problem line(s) (or, where the
wording is still open, their position and what they must say), nothing on
stderr and no traceback.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.loader import MAX_BYTES, MAX_DEPTH
from tests.conftest import REPO

PLAN = "plans/kh-2-ubnd-mau-2022.yml"
#: Safety net against a hang or an expanding bomb (seconds); far above what any run here needs.
TIMEOUT = 30
TOO_DEEP = f"lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)"
OUTSIDE = "liên kết tượng trưng trỏ ra ngoài kho nội dung; không được dùng"


def run_check(root: Path) -> tuple[int, list[str], str]:
    """`python -m generator check --root root`: exit code, stdout lines, stderr."""
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)],
                         cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT)
    return run.returncode, run.stdout.splitlines(), run.stderr


def problems_of(root: Path) -> list[str]:
    """The problem lines of a failed run, after asserting it failed cleanly (exit 1, count line, no traceback)."""
    code, lines, stderr = run_check(root)
    assert stderr == "", stderr[-2000:]
    assert code == 1, (code, lines[-5:])
    assert not any("Traceback" in line for line in lines)
    assert lines and lines[-1].startswith(f"Có {len(lines) - 1} lỗi trong "), lines[-1:]
    return lines[:-1]


def symlink(link: Path, target: Path | str) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as err:  # pragma: no cover - Windows without the privilege
        pytest.skip(f"symbolic links unavailable: {err}")


# --- a 10 MB file ------------------------------------------------------------

def test_ten_megabyte_file_is_refused_at_its_first_line(base_tree: Path):
    size = 10 * 1024 * 1024
    plan = (base_tree / PLAN).read_bytes()
    notes = b"notes:\n" + b"  - " + b"x" * 94 + b"\n"  # a real YAML list, 100 bytes an item
    item = b"  - " + b"y" * 95 + b"\n"
    content = plan + notes + item * ((size - len(plan) - len(notes)) // len(item))
    content += b"#" * (size - len(content) - 1) + b"\n"
    assert len(content) == size
    (base_tree / PLAN).write_bytes(content)

    assert problems_of(base_tree) == [
        f"{PLAN}:1:1: (tệp): tệp quá lớn ({size // 1024} KB; tối đa {MAX_BYTES // 1024} KB)",
    ]


# --- symbolic links ----------------------------------------------------------

SECRET = "BI-MAT-7f3c9e"
SECRET_YAML = f'id: "{SECRET} mật khẩu"\nname: "{SECRET}"\nkind: "{SECRET}"\n'


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_symlink_to_yaml_outside_the_repository_is_refused_unread(base_tree: Path, how: str):
    """The link gets its own line; what it points at is never read, so never echoed."""
    outside = base_tree.parent / "ngoai-kho"
    outside.mkdir()
    (outside / "bi-mat.yml").write_text(SECRET_YAML, encoding="utf-8")
    target = outside / "bi-mat.yml" if how == "absolute" else Path("../../../ngoai-kho/bi-mat.yml")
    symlink(base_tree / "content" / "bodies" / "bi-mat.yml", target)

    lines = problems_of(base_tree)  # stderr is empty, asserted there
    assert SECRET not in "\n".join(lines)
    assert lines == [f"content/bodies/bi-mat.yml:1:1: (tệp): {OUTSIDE}"]


def test_symlinked_folder_outside_the_repository_is_refused_unread(base_tree: Path):
    outside = base_tree.parent / "ngoai-kho"
    outside.mkdir()
    (outside / "bi-mat.yml").write_text(SECRET_YAML, encoding="utf-8")
    symlink(base_tree / "content" / "bodies" / "ngoai", outside)

    lines = problems_of(base_tree)
    assert SECRET not in "\n".join(lines)
    assert lines == [f"content/bodies/ngoai:1:1: (tệp): {OUTSIDE}"]


@pytest.mark.parametrize("link, target", [("content/localities/self", "."),
                                          ("content/bodies/vong", "../bodies")],
                         ids=["to-itself", "to-its-parent"])
def test_symlink_loop_inside_the_repository_is_reported_not_a_traceback(base_tree: Path, link: str, target: str):
    """A folder link back to itself stays inside the repository, but following it never ends.

    Expected: the link refused on a line of its own, like a link out of the
    repository (the exact wording is left to the fix). Today `discover`
    follows it until the OS says ELOOP and the command dies with a traceback.
    """
    symlink(base_tree / link, target)
    lines = problems_of(base_tree)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{link}:1:1: (tệp): "), lines
    assert "liên kết tượng trưng" in lines[0], lines


def test_dangling_symlink_is_reported_in_vietnamese(base_tree: Path):
    """A link to a file that does not exist: one line, said in the editors' language.

    Today the reason in parentheses is the operating system's English text
    ("No such file or directory").
    """
    symlink(base_tree / "content" / "localities" / "huyen-mau.yml", "../bodies/khong-co.yml")
    lines = problems_of(base_tree)
    assert len(lines) == 1, lines
    assert lines[0].startswith("content/localities/huyen-mau.yml:1:1: (tệp): không đọc được tệp"), lines
    assert os.strerror(errno.ENOENT) not in lines[0], lines


# --- the billion-laughs alias bomb ---------------------------------------------

def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    """`a: &a ["lol", ...]`, then each level a list of `width` aliases of the one before: width**levels strings."""
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * width) + "]"]
    for previous, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_the_first_anchor_without_expanding(base_tree: Path):
    (base_tree / PLAN).write_text(_alias_bomb(), encoding="utf-8")
    assert problems_of(base_tree) == [
        f"{PLAN}:1:4: (tệp): không dùng neo và bí danh YAML (&a); hãy viết đầy đủ giá trị",
    ]


def test_alias_bomb_after_real_fields_is_refused_at_its_anchor(base_tree: Path):
    plan = (base_tree / PLAN).read_text(encoding="utf-8")
    lines_before = plan.count("\n")
    bomb = _alias_bomb().replace("a: &a", "notes: &a", 1)
    (base_tree / PLAN).write_text(plan + bomb, encoding="utf-8")
    assert problems_of(base_tree) == [
        f"{PLAN}:{lines_before + 1}:8: (tệp): không dùng neo và bí danh YAML (&a); hãy viết đầy đủ giá trị",
    ]


# --- pathological nesting ------------------------------------------------------

@pytest.mark.parametrize("text, column", [
    ("[" * 50_000 + "\n", MAX_DEPTH + 2),                      # never closed
    ("[" * 50_000 + "]" * 50_000 + "\n", MAX_DEPTH + 2),       # closed
    ("id: " + "{a: " * 50_000 + "\n", 4 + 4 * MAX_DEPTH + 1),  # mappings, inside the top-level one
], ids=["unclosed-lists", "closed-lists", "mappings"])
def test_deeply_nested_flow_structure_is_refused_not_a_crash(base_tree: Path, text: str, column: int):
    """Tens of thousands of brackets: refused at the first level too deep, nothing built."""
    (base_tree / PLAN).write_text(text, encoding="utf-8")
    assert problems_of(base_tree) == [f"{PLAN}:1:{column}: (tệp): {TOO_DEEP}"]


@pytest.mark.parametrize("levels", [10_000, 50_000])
def test_deeply_nested_block_structure_is_refused_not_a_crash(base_tree: Path, levels: int):
    """`- - - - … x`: the same nesting without a single bracket (50,000 levels is a 100 KB file).

    Expected: one line at the first level too deep (the 42nd `- `, column
    83), saying the nesting is too deep, as for brackets. Today the bracket
    count that guards libyaml's recursive composer does not see block
    nesting, and from about 25,000 levels the process dies of a segmentation
    fault with no output at all.
    """
    (base_tree / PLAN).write_text("- " * levels + "x\n", encoding="utf-8")
    lines = problems_of(base_tree)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{PLAN}:1:{2 * (MAX_DEPTH + 1) + 1}: "), lines
    assert lines[0].endswith(f": {TOO_DEEP}"), lines


# --- one very long word ---------------------------------------------------------

def test_long_unbroken_word_is_reported_without_quadratic_time(base_tree: Path):
    """A 1 MB run of letters (a pasted blob; the file is under the size limit): one line, "too long".

    The timeout is the assertion here, and a generous one: a linear scan of
    1 MB takes well under a second. Today the privacy check's e-mail pattern
    (`[\\w.+-]+@...`) backtracks quadratically over the run: 20,000 letters
    (the longest valid text) take ~2 s per field, 100,000 take ~50 s, and
    this file would take over an hour, so `check` appears to hang.
    """
    plan = (base_tree / PLAN).read_text(encoding="utf-8")
    lines_before = plan.count("\n")
    (base_tree / PLAN).write_text(plan + "notes:\n  - " + "a" * 1_000_000 + "\n", encoding="utf-8")
    assert problems_of(base_tree) == [
        f"{PLAN}:{lines_before + 2}:5: notes[0]: quá dài (1000000 ký tự; tối đa 20000)",
    ]
