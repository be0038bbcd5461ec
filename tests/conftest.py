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
