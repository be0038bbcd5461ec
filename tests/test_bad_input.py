"""The bad-input corpus: each case breaks the minimal tree in one way.

A case is a folder `fixtures/bad/<name>/` with
- `invalid/`: files laid over `fixtures/base/` that contain the mistake,
- `valid/`: the same files corrected (the run must then pass),
- `expected.txt`: the exact lines `check` must print, without the count line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import FIXTURES, REPO

CASES = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def _overlay(root: Path, layer: Path) -> None:
    for source in sorted(layer.rglob("*")):
        if source.is_file():
            dest = root / source.relative_to(layer)
            dest.parent.mkdir(parents=True, exist_ok=True)
            if source.name.endswith(".delete"):
                dest.with_name(source.name.removesuffix(".delete")).unlink()
            else:
                shutil.copyfile(source, dest)


def _run(root: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--root", str(root), "--jobs", "1"])
    return code, capsys.readouterr().out.splitlines()


def test_corpus_is_large_enough():
    """Issue 13's figure: at least 130 cases, each with its fixed twin."""
    assert len(CASES) >= 130
    assert all((c / "invalid").is_dir() and (c / "valid").is_dir() and (c / "expected.txt").is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case_reports_exact_lines(case: Path, base_tree: Path, capsys):
    _overlay(base_tree, case / "invalid")
    code, lines = _run(base_tree, capsys)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1].startswith(f"Có {len(expected)} lỗi trong ")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corrected_case_passes(case: Path, base_tree: Path, capsys):
    _overlay(base_tree, case / "valid")
    code, lines = _run(base_tree, capsys)
    assert code == 0, lines
    assert lines[-1].startswith("Hợp lệ:")


def test_command_line_exit_code_and_no_traceback(base_tree: Path):
    """The real command, as an editor runs it: exit 1, errors on stdout, nothing on stderr."""
    (base_tree / "plans" / "kh-2-ubnd-mau-2022.yml").write_text("id: [unclosed\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(base_tree)],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr == ""
    assert run.stdout.splitlines()[0].startswith("plans/kh-2-ubnd-mau-2022.yml:1:5: (tệp): lỗi cú pháp YAML: ngoặc '[' mở ở đây")
