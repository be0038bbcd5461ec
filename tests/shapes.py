"""The tree of document shapes (tests/fixtures/shapes/), copied and built where a test can break or read it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, REPO, TEST_SITE_URL

SHAPES = FIXTURES / "shapes"


def copy_shapes(root: Path) -> Path:
    """The shapes tree under `root`, with the repository's theme and mkdocs.yml so it builds as a site."""
    shutil.copytree(SHAPES, root, ignore=shutil.ignore_patterns("README.md", "build"))
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build_shapes(root: Path) -> Path:
    """The shapes tree built into `root/site` (fails the test if it does not build)."""
    from generator.pipeline import build

    copy_shapes(root)
    result = build(root, site_url=TEST_SITE_URL)
    assert result.ok, [p.format() for p in result.problems]
    return root / "site"
