"""The search text pipeline: the same terms in Python (build) and JavaScript (query)."""

from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest

from generator.index import shard_key, shard_file
from generator.pipeline import load_hub
from generator.search_text import accent_key, exact_term, fold, terms
from tests.conftest import REPO

VN_JS = REPO / "theme" / "overrides" / "assets" / "search" / "vn.js"

SAMPLES = [
    "Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên",
    "xóa mù chữ; XOA MU CHU; Xóa Mù Chữ",
    "hoà nhập, hòa nhập — thuỷ lợi / thủy lợi, uỷ ban / ủy ban",
    "Đặng Xuân Trường, ĐƯỜNG, đường, đương",
    "1373/QĐ-TTg 43/2019/QH14 49-KL/TW 55,55% 2022-2030",
    unicodedata.normalize("NFD", "Trung tâm học tập cộng đồng"),
    "e-learning, COVID-19, TTHTCĐ, Hội Khuyến học",
    "", "   ", "!!!", "a", "Ω≈ç 漢字 ½ ²",
]


def _js(function: str, inputs: list[str]) -> list:
    script = (f"const vn = require({json.dumps(str(VN_JS))});"
              "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              f"process.stdout.write(JSON.stringify(input.map(x => vn.{function}(x))));")
    run = subprocess.run(["node", "-e", script], input=json.dumps(inputs), capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _all_texts() -> list[str]:
    """Every text of the bundled content that goes into the index."""
    from generator.index import hub_entries
    hub = load_hub(REPO).hub
    return [t for e in hub_entries(hub) for t in (e.title, e.text, e.keywords)]


def test_python_and_javascript_give_the_same_terms_on_samples():
    assert _js("terms", SAMPLES) == [terms(s) for s in SAMPLES]


def test_python_and_javascript_give_the_same_terms_on_all_bundled_content():
    texts = _all_texts()
    assert len(texts) > 300
    assert _js("terms", texts) == [terms(t) for t in texts]


def test_same_exact_terms_and_shard_files():
    assert _js("exactTerm", SAMPLES) == [exact_term(s) for s in SAMPLES]
    keys = sorted({shard_key(t) for s in SAMPLES for t in terms(s)})
    assert _js("shardFile", keys) == [shard_file(k) for k in keys]
    assert _js("shardKey", [t for s in SAMPLES for t in terms(s)]) == [shard_key(t) for s in SAMPLES for t in terms(s)]


@pytest.mark.parametrize("a,b", [("hoà", "hòa"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("khoẻ", "khỏe"),
                                 (unicodedata.normalize("NFD", "học tập"), "học tập")])
def test_old_and_new_tone_placement_and_nfd_are_the_same_term(a: str, b: str):
    assert terms(a) == terms(b)


def test_folding_and_accents():
    assert fold("Đường") == "duong" and fold("XÓA MÙ CHỮ") == "xoa mu chu"
    assert accent_key("đường") != accent_key("đương") != accent_key("duong")
    assert accent_key("Thai") is None and accent_key("Thái") == "_thais"


def test_document_numbers_give_the_code_and_its_parts():
    found = terms("Kế hoạch 104/KH-UBND")
    assert "#104/kh-ubnd" in found and {"104", "kh", "ubnd"} <= set(found)
    assert "#1373/qd-ttg" in terms("1373/QĐ-TTg")


def test_phrases_do_not_cross_punctuation():
    assert "hoc+tap" in terms("học tập") and "hoc+tap" not in terms("học; tập")
