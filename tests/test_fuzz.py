"""Random input never makes the checker crash: every outcome is problems or success.

Hypothesis builds YAML-ish text (random structure, then random mutations of
real files), writes it as a plan, and runs the same function `check` runs.
The last test builds plan-shaped documents from the schema instead, and
checks the verdict too: a valid document passes, a wrong one is reported.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator.kinds.document_checks import TYPE_CODES
from generator.pipeline import check
from tests.conftest import FIXTURES

BASE_PLAN = (FIXTURES / "base" / "plans" / "kh-2-ubnd-mau-2022.yml").read_text(encoding="utf-8")

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["2022-02-30", "2022-07-04", "2024", "javascript:x", "104/KH-UBND"]))
keys = st.one_of(st.sampled_from(["id", "type", "number", "title", "issuer", "date", "sections", "targets", "items",
                                  "value", "unit", "year", "label", "text", "name", "level", "period", "from", "to"]),
                 st.text(max_size=10))
values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(keys, children, max_size=5)), max_leaves=25)


def _run(root: Path, text: str) -> None:
    (root / "plans" / "kh-2-ubnd-mau-2022.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = check(root, jobs=1)
    for problem in result.problems:
        line = problem.format()
        assert "\n" not in line and problem.line >= 1 and problem.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=values)
def test_random_structures_never_crash(base_tree: Path, data):
    _run(base_tree, yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(BASE_PLAN)), junk=st.text(max_size=8), cut=st.integers(0, 20))
def test_mutated_real_plan_never_crashes(base_tree: Path, position: int, junk: str, cut: int):
    _run(base_tree, BASE_PLAN[:position] + junk + BASE_PLAN[position + cut:])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@`,? \n\tabcđ1ẹ")), max_size=80))
def test_yaml_punctuation_soup_never_crashes(base_tree: Path, text: str):
    _run(base_tree, text)


# --- schema-aware documents ------------------------------------------------------
#
# Plausible plans, each field sometimes valid and sometimes wrong, with a
# record of what was made wrong. A fully valid document must pass `check`
# (no problem at all: the rest of the base tree is valid); a document with a
# wrong field must be reported. "Valid" follows the schema, the single-record
# checks (real dates, period, percentages) and the cross-file ones (ids
# unique, links resolve, file name = id, no personal data), against the
# records of fixtures/base.

DOC_ID = "kh-2-ubnd-mau-2022"
BODIES = ["ubnd-tinh-mau", "so-gddt-tinh-mau"]
TAKEN = {DOC_ID, "qd-1-ttg-2021", "tinh-mau", "gia-dinh-hoc-tap", *BODIES}
DOC_TYPES = ["ke-hoach", "cong-van", "quyet-dinh", "chi-thi", "nghi-quyet", "nghi-dinh", "thong-tu", "luat", "ket-luan",
             "huong-dan", "to-trinh", "bao-cao", "thong-bao", "chuong-trinh", "de-an"]
LEVELS = ["trung-uong", "tinh", "thanh-pho", "huyen", "quan", "xa", "ban-chi-dao", "hoi", "dang"]
ROLES = ["purposes", "requirements", "viewpoints", "goals", "general-goal", "specific-targets", "tasks", "funding",
         "implementation", "reporting", "other"]
VERBS = ["đạt", "duy trì", "phấn đấu", "hoàn thành", "bảo đảm", "giảm", "hạn chế", "nâng cao"]
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DIGIT = re.compile(r"\d")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def no_personal_data(text: str) -> bool:
    """Cannot look like a phone number (10+ digits), an ID number (9 or 12) or an e-mail (@)."""
    return "@" not in text and len(DIGIT.findall(text)) < 9


def one_of_values(*values: Any):
    return st.sampled_from(list(values))


#: Any character but surrogates: controls, combining marks, line separators, emoji...
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
#: Vietnamese-looking prose or YAML-looking words, sometimes decomposed (NFD): the loader composes it again.
prose = st.one_of(
    st.text(st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
                                 "ùúủũụừứửữựỳýỷỹỵ ĐẠỆ.,;:%()/-0123456789\"'!?#&*[]{}|>")), min_size=1, max_size=60),
    one_of_values("Phấn đấu 90% hộ gia đình đạt danh hiệu Gia đình học tập.", "Sở Giáo dục và Đào tạo", "KT. CHỦ TỊCH",
                  "yes", "no", "null", "~", "2022-07-04", "1e3", "- a", "a: b", "#x", "&a", "*a", "!x"),
    any_text.filter(bool),
).flatmap(lambda t: one_of_values(t, nfd(t)))
#: A value of each JSON type ("number" never integral; NaN and infinity included: the loader refuses them).
BY_TYPE = {"null": st.none(), "boolean": st.booleans(), "integer": st.integers(-10**12, 10**12),
           "number": st.integers(-10**6, 10**6).map(lambda i: i + 0.5)
           | one_of_values(1e-9, -2.75, float("nan"), float("inf"), float("-inf")),
           "string": any_text, "array": st.lists(st.integers(0, 9), max_size=2),
           "object": st.dictionaries(st.text(max_size=4), st.integers(), max_size=2)}
any_value = st.one_of(*BY_TYPE.values())


def wrong_type(*allowed: str):
    """A value of none of the `allowed` JSON types (a field taking numbers takes integers too)."""
    excluded = set(allowed) | ({"integer"} if "number" in allowed else set())
    return st.one_of(*(strategy for name, strategy in BY_TYPE.items() if name not in excluded))


NOT_STRING = wrong_type("string")
NOT_STRING_OR_NULL = wrong_type("string", "null")
NOT_ARRAY = wrong_type("array")
NOT_OBJECT = wrong_type("object")
NOTHING = st.nothing()
COIN = st.booleans()
PERCENT = st.integers(0, 99)
ONE_OR_TWO = st.integers(1, 2)
UP_TO_TWO = st.integers(0, 2)

text_ok = prose.filter(no_personal_data)
#: Too long, but in words: one 20,001-letter token would take seconds per field (the privacy check's e-mail
#: pattern is quadratic on a long run of letters; see test_bad_input_special.py).
too_long = st.builds(lambda word: (word + " ") * (20001 // (len(word) + 1) + 1), one_of_values("ab", "mẫu", "x"))
personal = one_of_values("Gọi ông Tâm 0912 345 678", "gửi tam.nguyen@gmail.com", "CCCD 001203004567", "+84 912345678")
text_bad = st.one_of(st.just(""), NOT_STRING, too_long, personal)
text_bad_not_null = st.one_of(st.just(""), NOT_STRING_OR_NULL, too_long, personal)
optional_text_ok = st.none() | text_ok
#: An ill-formed id or reference: wrong form or wrong type (never a well-formed id).
id_bad = st.one_of(any_text.filter(lambda t: len(t) < 2 or not ID_RE.fullmatch(nfc(t))),
                   one_of_values("Kh-2", "kh_2", "kh--2", "-kh", "kh-2-", "kh 2", "khđ-2", "a", "0", ""), NOT_STRING)
fresh_suffix = st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True)

year_ok = st.integers(1945, 2100)
year_bad = st.one_of(st.integers(-10**6, 1944), st.integers(2101, 10**6), one_of_values("2025", "hai nghìn", 2025.5),
                     wrong_type("integer", "number"))
days = st.dates(dt.date(1000, 1, 1), dt.date(2999, 12, 31))
#: A day as text or as a date object (dumped unquoted; the loader keeps it as text), or a year alone.
date_ok = days.flatmap(lambda d: one_of_values(d.isoformat(), d, f"{d.year:04d}"))
optional_date_ok = st.none() | date_ok
date_bad = st.one_of(one_of_values("2022-02-30", "2023-02-29", "2022-13-01", "2022-00-10", "2022-04-31", "04/07/2022",
                                   "2022-7-4", "22-07-04", "2022/07/04", "0000-01-01", "năm 2022"), NOT_STRING_OR_NULL)
url_ok = st.builds("{}://{}.vn/{}".format, one_of_values("http", "https"), st.from_regex(r"[a-z]{1,10}", fullmatch=True),
                   st.from_regex(r"[a-z0-9/_.-]{0,20}", fullmatch=True)).filter(no_personal_data)
url_bad = one_of_values("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
                        "ftp://mau.vn/a", "https://mau.vn/a b", "mau.vn", "HTTPS://mau.vn", "") | NOT_STRING
body_ok = one_of_values(*BODIES)
#: A body reference to nothing, or to a record of another kind.
body_bad = one_of_values("tinh-mau", "ubnd-tinh-mua", "so-gd-tinh-mau", "qd-1-ttg-2021") | id_bad
bodies_bad_unique = st.one_of(st.just([]), st.just([BODIES[0], BODIES[0]]), NOT_ARRAY,
                              st.lists(body_bad, min_size=1, max_size=2).map(lambda xs: BODIES[:1] + xs))
bodies_bad_any = st.one_of(NOT_ARRAY, st.lists(body_bad, min_size=1, max_size=2))
VALUES = {"percent": (st.floats(0, 100) | st.integers(0, 100),
                      st.floats(100.5, 10**6) | st.integers(-10**6, -1)),
          "count": (st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**15, 10**15), NOTHING)}
value_bad_extra = one_of_values(float("inf"), float("-inf"), float("nan"), "90%", True) | wrong_type("number", "null")
UNKNOWN_KEYS = one_of_values("titel", "valeu", "nam", "ghi_chu", "Title", "id ", "") | any_text


class Doc:
    """Draws field values and remembers which ones were made wrong."""

    def __init__(self, draw, wrong_rate: int) -> None:
        self.draw = draw
        self.rate = wrong_rate  # percent of decisions that go wrong
        self.wrong: list[str] = []
        self.ids: set[str] = set(TAKEN)
        self.anchors: set[str] = set()
        self.serial = 0

    def fails(self, what: str) -> bool:
        """Whether this decision goes wrong (and notes it)."""
        if self.rate and self.draw(PERCENT) < self.rate:
            self.wrong.append(what)
            return True
        return False

    def value(self, what: str, ok, bad) -> Any:
        return self.draw(bad) if self.fails(what) else self.draw(ok)

    def maybe(self, out: dict[str, Any], key: str, ok, bad) -> None:
        """An optional field: absent, valid or wrong."""
        if self.draw(COIN):
            out[key] = self.value(key, ok, bad)

    def required(self, out: dict[str, Any], key: str, ok, bad) -> None:
        if not self.fails(f"{key} missing"):
            out[key] = self.value(key, ok, bad)

    def extra_key(self, out: dict[str, Any], allowed: frozenset[str]) -> None:
        if self.fails("unknown key"):
            key = self.draw(UNKNOWN_KEYS.filter(lambda k: nfc(k) not in allowed and k not in out))
            out[key] = self.draw(any_value)

    def new_anchor(self) -> str:
        """A fresh item anchor, or (when wrong) one the page already uses or an ill-formed one."""
        if self.fails("item anchor"):
            taken = sorted(self.ids | self.anchors | {"chi-tieu", "can-cu", "muc-1"})
            return self.draw(st.sampled_from(taken) | id_bad)
        self.serial += 1
        anchor = f"neo-{self.serial}-{self.draw(fresh_suffix)}"
        self.anchors.add(anchor)
        return anchor

    def new_id(self, what: str) -> str:
        """A fresh id, or (when wrong) a taken or ill-formed one."""
        if self.fails(what):
            return self.draw(st.sampled_from(sorted(self.ids)) | id_bad)
        self.serial += 1
        ident = f"mau-t{self.serial}-{self.draw(fresh_suffix)}"
        self.ids.add(ident)
        return ident


TARGET_KEYS = frozenset({"id", "aliases", "text", "indicator", "value", "comparator", "unit", "verb", "year", "scope",
                         "group", "level", "actuals"})
ITEM_KEYS = frozenset({"anchor", "label", "heading", "role", "text", "bodies", "responsibility", "targets", "items"})
PERSON_KEYS = frozenset({"name", "body", "note"})
DOCUMENT_KEYS = frozenset({"id", "aliases", "type", "transcription", "number", "title", "issuer", "place", "locality",
                           "date", "signer", "period", "legal_bases", "preamble", "sections", "deadlines", "addressees",
                           "recipients", "source", "notes"})


def _target(doc: Doc, period: tuple[int, int] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": doc.new_id("target id")}
    if doc.draw(COIN):
        aliases = [doc.new_id("target alias") for _ in range(doc.draw(ONE_OR_TWO))]
        out["aliases"] = aliases + ([aliases[0]] if doc.fails("repeated alias") else [])
    doc.maybe(out, "text", text_ok, text_bad)
    doc.required(out, "indicator", st.just("gia-dinh-hoc-tap"), one_of_values("gia-dinh-hoc-tap-x", "tinh-mau") | id_bad)
    unit = doc.value("unit", one_of_values("percent", "count"), one_of_values("%", "phan-tram", "Percent") | NOT_STRING)
    if not doc.fails("unit missing"):
        out["unit"] = unit
    in_range, out_of_range = VALUES["percent" if unit == "percent" else "count"]
    doc.required(out, "value", in_range | st.none(), out_of_range | value_bad_extra)
    doc.maybe(out, "comparator", one_of_values("=", ">", ">=", "<", "<="), one_of_values("≥", "=>", "~", "tren", ""))
    doc.maybe(out, "verb", st.sampled_from(VERBS).flatmap(lambda v: one_of_values(v, nfd(v))),
              one_of_values("dat", "Đạt", "phấn  đấu", "tăng"))
    low, high = period or (1945, 2100)
    doc.required(out, "year", st.integers(low, high),
                 st.one_of(year_bad, st.integers(1945, low - 1) if low > 1945 else NOTHING,
                           st.integers(high + 1, 2100) if high < 2100 else NOTHING))
    doc.maybe(out, "scope", text_ok, text_bad)
    doc.maybe(out, "group", one_of_values(*"abcdđ"), one_of_values("A", "ab", "1", "", "đ\u0301"))
    doc.maybe(out, "level", one_of_values("mức độ 2", "mức độ 3", "2"),
              one_of_values("", "x" * 41) | NOT_STRING)
    if doc.draw(COIN):
        actuals = []
        for _ in range(doc.draw(UP_TO_TWO)):
            actual: dict[str, Any] = {}
            doc.required(actual, "year", year_ok, year_bad)
            doc.required(actual, "value", in_range, out_of_range | wrong_type("number"))
            doc.required(actual, "source", text_ok, text_bad)
            doc.maybe(actual, "url", url_ok, url_bad)
            doc.extra_key(actual, frozenset({"year", "value", "source", "url"}))
            actuals.append(actual)
        out["actuals"] = actuals
    doc.extra_key(out, TARGET_KEYS)
    return out


def _item(doc: Doc, period: tuple[int, int] | None, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if doc.draw(COIN):
        out["anchor"] = doc.new_anchor()  # unique on the page, or (when wrong) taken / ill-formed
    doc.maybe(out, "label", one_of_values("I.", "1.", "2.1.", "a)", "-", "+", "đ)"),
              one_of_values("", "I" * 21) | NOT_STRING)
    doc.maybe(out, "heading", text_ok, text_bad)
    doc.maybe(out, "role", st.sampled_from(ROLES), one_of_values("goal", "Tasks", "nhiem-vu"))
    doc.maybe(out, "text", text_ok, text_bad)
    doc.maybe(out, "bodies", st.lists(body_ok, min_size=1, max_size=2, unique=True), bodies_bad_unique)
    doc.maybe(out, "responsibility", one_of_values("assigned", "requested"), one_of_values("giao", "Assigned"))
    if doc.draw(COIN):
        out["targets"] = [_target(doc, period) for _ in range(doc.draw(UP_TO_TWO))]
    if depth < 2 and doc.draw(st.integers(0, 2 + depth)) == 0:  # sub-items, rarer deeper down
        out["items"] = [_item(doc, period, depth + 1) for _ in range(doc.draw(ONE_OR_TWO))]
    doc.extra_key(out, ITEM_KEYS)
    return out


def _people(doc: Doc) -> list[dict[str, Any]]:
    out = []
    for _ in range(doc.draw(UP_TO_TWO)):
        entry: dict[str, Any] = {}
        doc.required(entry, "name", text_ok, text_bad)
        doc.maybe(entry, "body", body_ok, body_bad)
        doc.maybe(entry, "note", text_ok, text_bad)
        doc.extra_key(entry, PERSON_KEYS)
        out.append(entry)
    return out


def _period(doc: Doc, out: dict[str, Any]) -> tuple[int, int] | None:
    """A period from-to (the years targets must fall in), reversed or out of range when wrong."""
    low, high = sorted((doc.draw(year_ok), doc.draw(year_ok)))
    if low < high and doc.fails("period reversed"):
        out["period"] = {"from": high, "to": low}
        return None
    out["period"] = {"from": low, "to": high}
    if doc.fails("period year"):
        out["period"][doc.draw(one_of_values("from", "to"))] = doc.draw(year_bad)
        return None
    return low, high


def _legal_basis(doc: Doc) -> dict[str, Any]:
    basis: dict[str, Any] = {}
    doc.required(basis, "kind", one_of_values("can-cu", "thuc-hien", "de-nghi", "khac"),
                 one_of_values("căn cứ", "can_cu", "Can-cu"))
    doc.required(basis, "text", text_ok, text_bad)
    # Not itself (a cycle), not a document that does not exist, not a record of another kind.
    doc.maybe(basis, "document", st.just("qd-1-ttg-2021"),
              one_of_values(DOC_ID, "qd-1-ttg-2012", "ubnd-tinh-mau", "tinh-mau"))
    if doc.draw(COIN):
        citation: dict[str, Any] = {}
        doc.maybe(citation, "number", optional_text_ok, NOT_STRING_OR_NULL)
        doc.maybe(citation, "date", optional_date_ok, date_bad)
        for key in ("type", "issuer", "title"):
            doc.maybe(citation, key, st.just("") | text_ok, NOT_STRING)
        doc.extra_key(citation, frozenset({"number", "type", "date", "issuer", "title"}))
        basis["citation"] = citation
    doc.extra_key(basis, frozenset({"kind", "text", "document", "citation"}))
    return basis


def _deadline(doc: Doc) -> dict[str, Any]:
    deadline: dict[str, Any] = {}
    doc.required(deadline, "date", date_ok, date_bad)
    doc.required(deadline, "what", text_ok, text_bad)
    doc.maybe(deadline, "bodies", st.lists(body_ok, max_size=2), bodies_bad_any)  # repeats allowed here
    doc.maybe(deadline, "recurring", one_of_values("yearly", "half-yearly", "quarterly"),
              one_of_values("monthly", "hang-nam"))
    doc.extra_key(deadline, frozenset({"date", "what", "bodies", "recurring"}))
    return deadline


@st.composite
def documents(draw) -> tuple[dict[str, Any], list[str]]:
    """A plan-shaped dict and what was made wrong in it (nothing: a fully valid document)."""
    doc = Doc(draw, draw(one_of_values(0, 0, 0, 3, 10, 30)))
    out: dict[str, Any] = {}
    # Wrong: a listing page's address, all digits, another record's id, not the file name, ill-formed.
    out["id"] = doc.value("id", st.just(DOC_ID), one_of_values("nam", "loai", "2022", "qd-1-ttg-2021",
                                                               "kh-3-ubnd-mau-2022", "KH-2-UBND-MAU-2022") | id_bad)
    if draw(COIN):
        out["aliases"] = [doc.new_id("alias") for _ in range(draw(UP_TO_TWO))]
    doc.required(out, "type", st.sampled_from(DOC_TYPES), one_of_values("ke_hoach", "Kế hoạch", "ke-hoach ") | NOT_STRING)
    reference = draw(COIN)  # a reference transcription may leave its title unknown (null)
    if reference:
        out["transcription"] = doc.value("transcription", st.just("reference"), one_of_values("ref", "partial"))
    elif draw(COIN):
        out["transcription"] = "full"
    code = TYPE_CODES.get(out.get("type") if isinstance(out.get("type"), str) else "", "UBND-VX")
    number_ok = st.builds(lambda n, signer: f"{n}/{code}-{signer}" if code != "QH" else f"{n}/2019/QH14",
                          st.integers(1, 99999), st.sampled_from(["UBND", "TTg", "BCĐ", "SGDĐT"]))
    doc.required(out, "number", st.none() | number_ok,
                 one_of_values("", "9" * 61) | NOT_STRING_OR_NULL)
    doc.required(out, "title", optional_text_ok if reference else text_ok,
                 text_bad_not_null if reference else text_bad_not_null | st.none())
    issuer: dict[str, Any] = {}
    doc.maybe(issuer, "body", body_ok, body_bad)
    doc.required(issuer, "name", text_ok, text_bad)
    doc.maybe(issuer, "parent_name", text_ok, text_bad)
    doc.required(issuer, "level", st.sampled_from(LEVELS), one_of_values("tỉnh", "Tinh", "cap-tinh") | NOT_STRING)
    doc.maybe(issuer, "successor_note", text_ok, text_bad)
    doc.extra_key(issuer, frozenset({"body", "name", "parent_name", "level", "successor_note"}))
    out["issuer"] = doc.value("issuer type", st.just(issuer), NOT_OBJECT)
    doc.maybe(out, "place", st.just("") | optional_text_ok, NOT_STRING_OR_NULL)
    doc.maybe(out, "locality", one_of_values("tinh-mau", None), one_of_values("tinh-mua", "ubnd-tinh-mau", "Tỉnh Mẫu"))
    doc.required(out, "date", optional_date_ok, date_bad)
    if draw(COIN):
        out["signer"] = None
    elif draw(COIN):
        signer: dict[str, Any] = {}
        doc.required(signer, "name", optional_text_ok, NOT_STRING_OR_NULL)
        doc.maybe(signer, "lines", st.lists(text_ok, min_size=1, max_size=3),
                  st.just([]) | st.lists(text_bad, min_size=1, max_size=2) | NOT_ARRAY)
        doc.extra_key(signer, frozenset({"name", "lines"}))
        out["signer"] = doc.value("signer", st.just(signer), wrong_type("object", "null"))
    period = _period(doc, out) if draw(COIN) else None
    if draw(COIN):
        out["legal_bases"] = [_legal_basis(doc) for _ in range(draw(UP_TO_TWO))]
    doc.maybe(out, "preamble", text_ok, text_bad)
    if draw(COIN):
        out["sections"] = [_item(doc, period, 0) for _ in range(draw(UP_TO_TWO))]
    if draw(COIN):
        out["deadlines"] = [_deadline(doc) for _ in range(draw(UP_TO_TWO))]
    for key in ("addressees", "recipients"):
        if draw(COIN):
            out[key] = _people(doc)
    source: dict[str, Any] = {}
    doc.maybe(source, "file", one_of_values("mau.txt", "104-KH-UBND.pdf", "văn bản.docx"), st.just("") | NOT_STRING)
    doc.maybe(source, "url", url_ok, url_bad)
    doc.maybe(source, "note", text_ok, text_bad)
    doc.extra_key(source, frozenset({"file", "url", "note"}))
    doc.required(out, "source", st.just(source), NOT_OBJECT)
    doc.maybe(out, "notes", st.lists(text_ok, max_size=2), st.lists(text_bad, min_size=1, max_size=2) | NOT_ARRAY)
    doc.extra_key(out, DOCUMENT_KEYS)
    return out, doc.wrong


#: yaml.safe_dump's own default is allow_unicode=False: non-ASCII text written as "\u..." escapes.
dump_options = st.fixed_dictionaries({"allow_unicode": st.booleans(), "sort_keys": st.booleans(),
                                      "default_flow_style": one_of_values(False, None, True),
                                      "width": one_of_values(80, 20, 4096)})


@settings(max_examples=2000, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.filter_too_much])
@given(generated=documents(), options=dump_options)
# Decomposed (NFD) text written as escapes ("\u0111a\u0323t", yaml.safe_dump's default) must be composed like
# NFD typed as it is (case nfd-text-in-escaped-quotes): the verb is 'đạt'.
@example(generated=({"id": DOC_ID, "type": "ke-hoach", "number": None, "title": "Kế hoạch",
                     "issuer": {"name": "UBND", "level": "tinh"}, "date": None,
                     "sections": [{"targets": [{"id": "mau-t1-a", "indicator": "gia-dinh-hoc-tap", "unit": "percent",
                                                "value": 90, "verb": nfd("đạt"), "year": 2025}]}], "source": {}}, []),
         options={"allow_unicode": False, "sort_keys": False, "default_flow_style": False, "width": 80})
def test_schema_shaped_documents(base_tree: Path, generated, options):
    """Never an exception; one printable line per problem, inside the file; valid passes, wrong is reported."""
    document, wrong = generated
    event("fully valid document" if not wrong else "document with a wrong field")
    text = yaml.safe_dump(document, **options)
    (base_tree / "plans" / f"{DOC_ID}.yml").write_text(text, encoding="utf-8")
    result = check(base_tree, jobs=1)
    lines = [problem.format() for problem in result.problems]
    for problem, line in zip(result.problems, lines):
        assert line.isprintable(), line
        assert problem.line >= 1 and problem.column >= 1, line
        if problem.path == f"plans/{DOC_ID}.yml":
            # A loose bound: splitlines() ends lines at U+2028 and U+0085 as libyaml does
            # (editors do not: see case unicode-line-separator-in-text).
            assert problem.line <= len(text.splitlines()) + 1, line
    if not wrong:
        assert lines == [], (text, lines)
    else:
        assert lines, (wrong, text)
