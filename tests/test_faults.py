"""Faults an editor's machine or a portal's CI can produce: the published site is always a complete one.

Each test makes a fault happen for real: two builds at once, a build killed
at a random moment, a full disk (a small tmpfs), read-only leftovers, an
output folder that is not ours. `benchmarks/fault_trials.py` runs the
concurrent and killed cases a hundred times each.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from generator.publish.write import MARKER, builds_of, trash_of
from benchmarks.measure import descendants
from tests.conftest import REPO

CLI = [sys.executable, "-m", "generator"]


def _build(root: Path, out: Path, *extra: str, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    args = [*CLI, "build", "--root", str(root), "--out", str(out), "--quiet", *extra]
    if wait:
        return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=300)
    # Output to a file, not a pipe: a killed build's pipe could be held open by a worker (that test
    # checks there is none, and must not hang if there is).
    log = tempfile.NamedTemporaryFile("w+", prefix="xhht-build-", suffix=".log", delete=False)
    process = subprocess.Popen(args, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True)
    process.log = log  # type: ignore[attr-defined]
    return process


def _output(process: subprocess.Popen) -> str:
    process.log.seek(0)  # type: ignore[attr-defined]
    text = process.log.read()  # type: ignore[attr-defined]
    process.log.close()  # type: ignore[attr-defined]
    os.unlink(process.log.name)  # type: ignore[attr-defined]
    return text


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, set[str]]:
    """The base tree and the files of its complete site."""
    root = tmp_path_factory.mktemp("faults") / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", root)
    run = _build(root, root / "reference")
    assert run.returncode == 0, run.stdout + run.stderr
    return root, _files(root / "reference")


def _complete(site: Path, expected: set[str]) -> bool:
    return site.is_symlink() and (site / MARKER).is_file() and _files(site) == expected


def test_two_builds_at_once_both_finish_and_publish_a_complete_site(reference, tmp_path: Path):
    root, expected = reference
    out = tmp_path / "site"
    for _ in range(2):
        pair = [_build(root, out, wait=False) for _ in range(2)]
        results = [(p.wait(timeout=300), _output(p)) for p in pair]
        assert [code for code, _ in results] == [0, 0], results
        assert _complete(out, expected)
        assert [p.name for p in builds_of(out).iterdir()] == [out.resolve().name]  # nothing else left behind
    assert any("chờ" in text for _, text in results)  # the second one said it waited


def kill_build(root: Path, out: Path, after: float, expected: set[str]) -> tuple[bool, list[int]]:
    """Start a build, SIGKILL it `after` seconds later: is the published site complete, and which of its
    workers are still alive 10 s later?"""
    process = _build(root, out, wait=False)
    time.sleep(after)
    children = descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _output(process)
    complete = _complete(out, expected)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    return complete, [pid for pid in children if _alive(pid)]


def test_a_killed_build_leaves_the_last_complete_site_and_no_worker(reference, tmp_path: Path):
    root, expected = reference
    out = tmp_path / "site"
    assert _build(root, out).returncode == 0
    rng = random.Random(7)
    for _ in range(2):
        complete, survivors = kill_build(root, out, rng.uniform(0.2, 2.5), expected)
        assert complete
        assert not survivors, "a worker outlived the killed build"
    again = _build(root, out)
    assert again.returncode == 0 and _complete(out, expected)
    assert [p.name for p in builds_of(out).iterdir()] == [out.resolve().name]


def test_the_replaced_site_is_moved_aside_at_once_and_deleted_after_the_build_returns(reference, tmp_path: Path):
    root, expected = reference
    out = tmp_path / "site"
    assert _build(root, out).returncode == 0
    first = out.resolve()
    assert _build(root, out).returncode == 0
    assert _complete(out, expected) and out.resolve() != first
    assert [p.name for p in builds_of(out).iterdir()] == [out.resolve().name]
    assert not first.exists()  # moved to the trash in the same step as the switch
    deadline = time.monotonic() + 30
    while trash_of(out).exists() and time.monotonic() < deadline:  # emptied by the detached deleter
        time.sleep(0.1)
    assert not trash_of(out).exists()


def test_read_only_leftovers_do_not_stop_the_next_build(reference, tmp_path: Path):
    root, expected = reference
    out = tmp_path / "site"
    assert _build(root, out).returncode == 0
    leftover = builds_of(out) / "build-crashed"
    (leftover / "van-ban").mkdir(parents=True)
    (leftover / "van-ban" / "index.html").write_text("half", encoding="utf-8")
    for path in (leftover / "van-ban" / "index.html", leftover / "van-ban", leftover):
        path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    run = _build(root, out)
    assert run.returncode == 0, run.stdout + run.stderr
    assert _complete(out, expected) and not leftover.exists()


def test_a_full_disk_is_one_line_and_the_site_stays(reference, tmp_path: Path):
    root, expected = reference
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], capture_output=True)
    assert mounted.returncode == 0, "this test needs root to mount a small tmpfs: " + mounted.stderr.decode()
    try:
        out = disk / "site"
        assert _build(root, out).returncode == 0
        before = {name: (out / name).read_bytes() for name in sorted(expected)}
        filler = disk / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k", "count=200"], capture_output=True)
        run = _build(root, out)
        assert run.returncode == 1
        lines = [line for line in run.stdout.splitlines() if line.strip()]
        assert len(lines) == 1 and "Hết dung lượng đĩa" in lines[0] and "Traceback" not in run.stderr
        assert {name: (out / name).read_bytes() for name in sorted(expected)} == before
        filler.unlink()
        assert _build(root, out).returncode == 0 and _complete(out, expected)
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


@pytest.mark.parametrize("target", [".", "plans", "docs", "site-file"])
def test_out_refuses_what_is_not_a_site_it_built(reference, tmp_path: Path, target: str):
    root, _ = reference
    repo = tmp_path / "repo"
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns("reference", ".reference.*", "build"))
    (repo / "docs").mkdir()
    (repo / "docs" / "notes.md").write_text("ghi chú của biên tập viên", encoding="utf-8")
    (repo / "site-file").write_text("một tệp", encoding="utf-8")
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    run = _build(repo, repo / target)
    assert run.returncode == 1
    assert run.stdout.startswith("Xây dựng trang thất bại, trang cũ được giữ nguyên: không xuất bản vào")
    assert len(run.stdout.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_a_hub_without_documents_or_text_builds(tmp_path: Path):
    for name, keep in (("empty", ()), ("places-only", ("content/localities", "content/bodies"))):
        root = tmp_path / name
        root.mkdir()
        for folder in keep:
            shutil.copytree(Path(__file__).parent / "fixtures" / "base" / folder, root / folder)
        run = _build(root, root / "site")
        assert run.returncode == 0, name + run.stdout + run.stderr
        assert (root / "site" / "index.html").is_file() and (root / "site" / "search" / "meta.json").is_file()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def test_a_file_deleted_while_the_build_runs_is_one_line_and_the_site_stays(reference, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch, capsys):
    """An editor's `git checkout` or a sync removes a file between the listing and the reading of it."""
    from generator import pipeline
    from generator.cli import main

    root, expected = reference
    repo = tmp_path / "repo"
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns("reference", ".reference.*", "build"))
    out = tmp_path / "site"
    assert main(["build", "--root", str(repo), "--out", str(out), "--quiet"]) == 0
    before = {name: (out / name).read_bytes() for name in sorted(expected)}
    victim = repo / "plans" / "kh-2-ubnd-mau-2022.yml"
    listed = pipeline.discover

    def discover_then_lose_one(where: Path):
        found = listed(where)
        victim.unlink()
        return found

    monkeypatch.setattr(pipeline, "discover", discover_then_lose_one)
    capsys.readouterr()
    assert main(["build", "--root", str(repo), "--out", str(out), "--quiet"]) == 1
    printed = capsys.readouterr()
    relpath = victim.relative_to(repo).as_posix()
    assert printed.out.splitlines()[:2] == [f"{relpath}:1:1: (tệp): không đọc được tệp: tệp không còn tồn tại",
                                            "Có 1 lỗi trong 1 tệp. Nội dung chưa được xuất bản."], printed.out
    assert "Traceback" not in printed.out + printed.err
    assert _complete(out, expected)
    assert {name: (out / name).read_bytes() for name in sorted(expected)} == before
