"""The search text pipeline: the same terms in Python (build) and JavaScript (query), on chosen and generated text."""

from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from generator.pipeline import load_hub
from generator.search_text import accent_key, exact_term, fold, head, sort_key, term_hash, terms, words
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
    "𝐇𝐨𝐜 𠀀𠀁 học\U0001F600tập a\u0301\u0302b x\u0300y İstanbul ΣΑΣ",
    "\ufeffhọc\u2028tập\x85sống\u00a0đời\x1cmãi",
]

#: What the JavaScript side computes for each input, the Python side below.
JS_OPS = """
const vn = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.map(s => {
  const t = vn.terms(s);
  return {terms: t, exact: vn.exactTerm(s), heads: t.map(vn.head), sorted: [...new Set(t)].sort(),
          accents: vn.words(s).map(vn.accentKey), folded: vn.words(s).map(vn.fold),
          hashes: [s, vn.exactTerm(s), ...t].map(vn.termHash)};
});
process.stdout.write(JSON.stringify(out));
"""


def _python(s: str) -> dict:
    t = terms(s)
    return {"terms": t, "exact": exact_term(s), "heads": [head(x) for x in t], "sorted": sorted(set(t), key=sort_key),
            "hashes": [term_hash(x) for x in [s, exact_term(s), *t]],
            "accents": [accent_key(w) for w in words(s)], "folded": [fold(w) for w in words(s)]}


def _js(inputs: list[str]) -> list[dict]:
    run = subprocess.run(["node", "-e", JS_OPS, str(VN_JS)], input=json.dumps(inputs), capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout)


def _all_texts() -> list[str]:
    """Every text of the bundled content that goes into the index."""
    from generator.search import hub_entries
    return [t for e in hub_entries(load_hub(REPO).hub)
            for t in (e.title, e.keywords, *(f.text for f in e.fields), *(p.text for p in e.body()))]


def test_python_and_javascript_agree_on_samples():
    assert _js(SAMPLES) == [_python(s) for s in SAMPLES]


def test_python_and_javascript_agree_on_all_bundled_content():
    texts = _all_texts()
    assert len(texts) > 1000
    assert _js(texts) == [_python(t) for t in texts]


#: Characters that matter: Vietnamese letters and their combining marks, joiners of codes, white space the
#: two languages define differently, letters and digits outside the Basic Multilingual Plane.
INTERESTING = list("aăâeêioôơuưyđAĂÂĐƯƠ0123456789/-.,;:!?()“”…_+#= \t\n") + [
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b", "\u0307",
    "\xa0", "\u2028", "\ufeff", "\x85", "\x1c", "\u3000", "\u200b",
    "𝐀", "𝟙", "𠀀", "\U0001F600", "\U00010400", "İ", "ẞ", "Σ", "ǅ", "Ⅻ", "½", "²", "٣"]
TEXT = st.text(alphabet=st.one_of(st.sampled_from(INTERESTING),
                                  st.characters(exclude_categories=("Cs", "Cn", "Co"))), max_size=30)


@settings(max_examples=30, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=40))
def test_python_and_javascript_agree_on_generated_text(texts: list[str]):
    """Terms, exact-name terms, families (head), accent keys, folding and term order: equal in both languages,
    with combining marks and characters outside the BMP (JavaScript counts those in UTF-16 code units)."""
    assert _js(texts) == [_python(s) for s in texts]


@pytest.mark.parametrize("a,b", [("hoà", "hòa"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("khoẻ", "khỏe"),
                                 (unicodedata.normalize("NFD", "học tập"), "học tập")])
def test_old_and_new_tone_placement_and_nfd_are_the_same_term(a: str, b: str):
    assert terms(a) == terms(b) and [accent_key(w) for w in words(a)] == [accent_key(w) for w in words(b)]


def test_folding_and_accents():
    assert fold("Đường") == "duong" and fold("XÓA MÙ CHỮ") == "xoa mu chu"
    assert accent_key("đường") != accent_key("đương") != accent_key("duong")
    assert accent_key("Thai") is None and accent_key("Thái") == "thais"


def test_document_numbers_give_the_code_and_its_parts():
    found = terms("Kế hoạch 104/KH-UBND")
    assert "#104/kh-ubnd" in found and {"104", "kh", "ubnd"} <= set(found)
    assert "#1373/qd-ttg" in terms("1373/QĐ-TTg")


def test_phrases_do_not_cross_punctuation():
    assert "hoc+tap" in terms("học tập") and "hoc+tap" not in terms("học; tập")


def test_terms_belong_to_the_family_of_their_first_word():
    assert [head(t) for t in ("hoc", "hoc+tap", "#104/kh-ubnd", "=huyen+kbang")] == ["hoc", "hoc", "104", "huyen"]
