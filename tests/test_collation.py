"""Vietnamese alphabetical order (generator/collation.py) on sequences as dictionaries give them."""

from __future__ import annotations

import random

import pytest

from generator.collation import vietnamese_key

SEQUENCES = [
    # letters of their own, in the alphabet's order
    ["an", "ăn", "ân", "bàn", "căn", "da", "đa", "em", "êm", "ga", "hạ", "in", "kê", "la", "ma", "nơ", "ong", "ông",
     "ơn", "pa", "qua", "ra", "sa", "ta", "ung", "ưng", "va", "xa", "y"],
    # tones: ngang, huyền, hỏi, ngã, sắc, nặng
    ["ma", "mà", "mả", "mã", "má", "mạ"],
    # what code point order gets wrong on the hub's own lists
    ["Các phòng, ban", "Chính phủ", "Cơ quan", "Đài Phát thanh", "Đoàn Thanh niên", "Hội Khuyến học", "Sở Giáo dục",
     "Tỉnh ủy", "Ủy ban nhân dân huyện", "Ủy ban nhân dân tỉnh"],
    # a word before a longer one, whatever follows
    ["Ban", "Ban chỉ đạo", "Bang"],
    ["Hà Giang", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Huế", "Hưng Yên"],
]


@pytest.mark.parametrize("expected", SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_dictionary_order(expected: list[str]):
    shuffled = expected[:]
    random.Random(len(expected)).shuffle(shuffled)
    assert sorted(shuffled, key=vietnamese_key) == expected


def test_composed_and_decomposed_spellings_sort_together():
    assert vietnamese_key("Hoà") == vietnamese_key("Hoa\u0300")
    assert vietnamese_key("đ") < vietnamese_key("e") and vietnamese_key("d") < vietnamese_key("đ")


def test_case_only_breaks_ties():
    assert sorted(["ủy ban", "Ủy ban", "Ủy bao"], key=vietnamese_key) == ["ủy ban", "Ủy ban", "Ủy bao"]
