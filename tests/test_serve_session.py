"""The preview's incremental builds: a change re-renders only what it reaches, and the result is the
site a whole build of the same content gives, byte for byte."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from generator.pipeline import build
from generator.serve.session import Session

PLAN = "plans/kh-2-ubnd-mau-2022.yml"


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _same_as_a_whole_build(root: Path, preview: Path, tmp_path: Path) -> None:
    whole = tmp_path / f"whole-{len(list(tmp_path.glob('whole-*')))}"
    assert build(root, whole, jobs=1).ok
    mine, theirs = _files(preview), _files(whole)
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if not filecmp.cmp(mine[name], theirs[name], shallow=False)] == []


@pytest.fixture
def session(base_tree: Path, tmp_path: Path):
    session = Session(base_tree, tmp_path / "preview")
    assert session.build(None).ok
    yield session
    session.close()


def _settle(session: Session) -> None:
    session.settle()
    if session.search is not None:
        assert session.search.exitcode == 0


def _edit(root: Path, relpath: str, old: str, new: str) -> str:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_a_title_change_rewrites_the_pages_that_show_it_and_no_other(session: Session, base_tree: Path, tmp_path):
    preview = tmp_path / "preview"
    untouched = preview / "chi-so" / "gia-dinh-hoc-tap" / "index.html"  # shows the plan's number, not its title
    before = untouched.stat().st_mtime_ns
    outcome = session.build({_edit(base_tree, PLAN, "Thực hiện Đề án mẫu", "Triển khai Đề án mẫu")})
    assert outcome.ok, outcome.lines
    for page in ("van-ban/kh-2-ubnd-mau-2022/", "van-ban/", "co-quan/so-gddt-tinh-mau/", "dia-ban/tinh-mau/", ""):
        assert "Triển khai Đề án mẫu" in (preview / page / "index.html").read_text(encoding="utf-8"), page
    assert untouched.stat().st_mtime_ns == before
    assert 5 <= int(re.search(r"(\d+) trang thay đổi", outcome.summary).group(1)) < 20
    _settle(session)
    _same_as_a_whole_build(base_tree, preview, tmp_path)


def test_targets_citations_and_new_and_deleted_plans_match_a_whole_build(session: Session, base_tree: Path,
                                                                          tmp_path: Path):
    changes = {_edit(base_tree, PLAN, "value: 90", "value: 95")}
    second = base_tree / "plans" / "kh-5-ubnd-mau-2023.yml"
    second.write_text((base_tree / PLAN).read_text(encoding="utf-8").replace("kh-2-ubnd-mau-2022", "kh-5-ubnd-mau-2023")
                      .replace("2/KH-UBND", "5/KH-UBND").replace("mau-2022-gdht-2025", "mau-5-gdht-2025")
                      .replace('date: "2022-07-04"', 'date: "2023-03-01"'), encoding="utf-8")
    changes.add(str(second))
    assert session.build(changes).ok
    _settle(session)
    _same_as_a_whole_build(base_tree, tmp_path / "preview", tmp_path)
    second.unlink()
    assert session.build({str(second)}).ok
    assert not (tmp_path / "preview" / "van-ban" / "kh-5-ubnd-mau-2023").exists()
    _settle(session)
    _same_as_a_whole_build(base_tree, tmp_path / "preview", tmp_path)


def test_a_mistake_keeps_the_last_good_preview_and_the_fix_updates_it(session: Session, base_tree: Path,
                                                                       tmp_path: Path):
    page = tmp_path / "preview" / "van-ban" / "kh-2-ubnd-mau-2022" / "index.html"
    good = page.read_bytes()
    broken = session.build({_edit(base_tree, PLAN, "value: 90", "value: 190")})
    assert not broken.ok and any("190%" in line for line in broken.lines)
    assert page.read_bytes() == good
    assert session.build({_edit(base_tree, PLAN, "value: 190", "value: 91")}).ok
    assert "91%" in page.read_text(encoding="utf-8")
    _settle(session)
    _same_as_a_whole_build(base_tree, tmp_path / "preview", tmp_path)


def test_a_body_change_rebuilds_the_whole_preview(session: Session, base_tree: Path, tmp_path: Path):
    body = "content/bodies/so-gddt-tinh-mau.yml"
    text = (base_tree / body).read_text(encoding="utf-8")
    name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("name:"))
    outcome = session.build({_edit(base_tree, body, name, name + " (mới)")})
    assert outcome.ok and "trang." in outcome.summary and "thay đổi" not in outcome.summary
    assert f"{name} (mới)" in (tmp_path / "preview" / "van-ban" / "kh-2-ubnd-mau-2022" / "index.html").read_text(
        encoding="utf-8")
    _same_as_a_whole_build(base_tree, tmp_path / "preview", tmp_path)
