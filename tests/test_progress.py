"""Build progress: a bar on a terminal, a few plain lines in a log."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from generator.progress import Progress
from tests.conftest import REPO


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_log_gets_a_line_per_stage_and_per_tenth():
    log = io.StringIO()
    report = Progress(stream=log)
    report.stage("Xây dựng trang", total=200)
    for _ in range(200):
        report.advance()
    report.close()
    lines = log.getvalue().splitlines()
    assert lines[0] == "• Xây dựng trang (200)"
    assert lines[1:] == [f"  {p}% ({p * 2}/200)" for p in range(10, 101, 10)]
    assert "\r" not in log.getvalue()


def test_terminal_gets_a_bar():
    screen = _Terminal()
    report = Progress(stream=screen)
    report.stage("Xây dựng trang", total=50)
    for _ in range(50):
        report.advance()
    report.close()
    assert "\r" in screen.getvalue() and "50/50" in screen.getvalue() and "100%" in screen.getvalue()


def test_build_command_reports_progress_unless_quiet(base_tree: Path):
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(base_tree)],
                         cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0
    assert "• Kiểm tra nội dung" in run.stderr and "100% (" in run.stderr
    quiet = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet", "--root", str(base_tree)],
                           cwd=REPO, capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""
