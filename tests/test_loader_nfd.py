"""Text typed with combining accents (NFD) is read as the precomposed (NFC) text.

The bad-input case `nfd-text-accepted` writes the plan's title in NFD; the
checker accepts it, and here we check that the loader normalised it.
"""

from __future__ import annotations

import unicodedata

from generator.loader import load_bytes
from tests.conftest import FIXTURES

TITLE = "Thực hiện Đề án mẫu trên địa bàn tỉnh Mẫu"
NFD_PLAN = FIXTURES / "bad" / "nfd-text-accepted" / "valid" / "plans" / "kh-2-ubnd-mau-2022.yml"


def test_fixture_really_is_nfd():
    raw = NFD_PLAN.read_bytes()
    assert unicodedata.normalize("NFD", TITLE).encode("utf-8") in raw
    assert TITLE.encode("utf-8") not in raw


def test_nfd_title_is_normalised_to_nfc():
    loaded, problems = load_bytes("plans/kh-2-ubnd-mau-2022.yml", NFD_PLAN.read_bytes())
    assert problems == []
    assert loaded is not None
    assert loaded.data["title"] == TITLE
    assert unicodedata.is_normalized("NFC", loaded.data["title"])


def test_nfd_key_and_value_are_normalised():
    text = unicodedata.normalize("NFD", "verb: phấn đấu\nghi_chú: Mẫu\n")
    loaded, problems = load_bytes("x.yml", text.encode("utf-8"))
    assert problems == []
    assert loaded is not None
    assert loaded.data == {"verb": "phấn đấu", "ghi_chú": "Mẫu"}
