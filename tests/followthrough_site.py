"""The follow-through fixture as an editor's repository with history, built into a site (not a test file).

The base tree plus tests/fixtures/followthrough (a plan with three targets, a report judging them), committed
in two steps with fixed dates, as editors would: the records, then an edit of the plan. The content's date
is the last commit's (16/01/2026), so the plan of 2023-2025 has run its course.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = "kh-7-ubnd-mau-2023"
REPORT = "bc-8-ubnd-mau-2025"
FIRST = ("2025-12-22T09:00:00+00:00", "Nhập kế hoạch 7/KH-UBND và báo cáo 8/BC-UBND")
EDIT = ("2026-01-16T10:30:00+00:00", "Sửa trích yếu kế hoạch 7/KH-UBND theo bản gốc")


def git(root: Path, *args: str, when: str = FIRST[0]) -> None:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Biên tập",
           "GIT_AUTHOR_EMAIL": "bien-tap@example.invalid", "GIT_COMMITTER_NAME": "Biên tập",
           "GIT_COMMITTER_EMAIL": "bien-tap@example.invalid", "PATH": os.environ["PATH"], "HOME": str(root)}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def make_tree(root: Path, history: bool = True) -> Path:
    """The fixture's content at `root`, committed in two steps when `history`."""
    shutil.copytree(FIXTURES / "base", root)
    for layer in ("plans", "content"):
        shutil.copytree(FIXTURES / "followthrough" / layer, root / layer, dirs_exist_ok=True)
    if history:
        git(root, "init", "-q")
        git(root, "add", "plans", "content")
        git(root, "commit", "-q", "-m", f"Import plan 7 and report 8\n\nCong-khai: {FIRST[1]}")
        plan = root / "plans" / f"{PLAN}.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            "title: Xây dựng xã hội học tập tỉnh Mẫu giai đoạn 2023 - 2025",
            "title: Xây dựng xã hội học tập trên địa bàn tỉnh Mẫu giai đoạn 2023 - 2025"), encoding="utf-8")
        git(root, "commit", "-q", "-am", f"Plan 7: title as in the original\n\nCong-khai: {EDIT[1]}", when=EDIT[0])
    return root


def build_site(root: Path, out: Path, site_url: str | None = None) -> Path:
    from generator.pipeline import build

    env = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        result = build(root, out, jobs=1, site_url=site_url)
    finally:
        if env is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env
    assert result.ok, [p.format() for p in result.problems]
    return out
