"""Shared fixtures: the repository root and small content trees built in tmp."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def base_tree(tmp_path: Path) -> Path:
    """A copy of the minimal valid content tree, to be broken by a test."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    return root


#: The address the test build pretends to be published at: a sub-path, as on a portal.
TEST_SITE_URL = "https://cong-thong-tin.example/xhht/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled content built once per test run into a real site (a copy of the repository's content)."""
    from generator.pipeline import build

    root = tmp_path_factory.mktemp("content")
    for name in ("plans", "content", "theme", "mkdocs.yml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    result = build(root, site_url=TEST_SITE_URL)
    assert result.ok, [p.format() for p in result.problems]
    return root / "site"
