"""Every shape a real document takes is said truly: checked, modelled, rendered and exported in the right words.

The tree (tests/fixtures/shapes/, see its README) holds one document per
shape issue 9 found the model could not say: a decision issuing a plan, text
cut off or restated, a number unknown or not printed, a date to the month, a
yes/no target, a sub-target, duties with roles, relations both ways. Each
test reads back what a reader or a spreadsheet would see.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.model import Hub, PartialDate
from generator.pipeline import check, load_hub
from tests.shapes import build_shapes, copy_shapes


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Hub:
    # Read from a copy: a run writes its cache (build/) beside the content it reads.
    result = load_hub(copy_shapes(tmp_path_factory.mktemp("shapes-hub") / "repo"), jobs=1)
    assert [p.format() for p in result.problems] == []
    assert result.hub is not None
    return result.hub


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_shapes(tmp_path_factory.mktemp("shapes") / "repo")


def text_of(site: Path, url: str) -> str:
    """A page's main text as a reader sees it: tags dropped, white space squeezed."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="xhht'):html.index("</article>")]
    body = re.sub(r"</?(?:dt|dd|th|td|li|p|h[1-6]|br|tr|div|ul|ol|section|figure|nav)\b[^>]*>", " ", body)
    return " ".join(re.sub(r"<[^>]+>", "", body).replace("&#34;", '"').split())


# --- the model ---------------------------------------------------------------------------

def test_a_decision_and_the_plan_it_issues_are_related_both_ways(hub: Hub):
    """Stated on both sides (issues / issued-with), the relation is one, named from each side."""
    assert hub.related["qd-12-ubnd-mau-2024"] == [("amended-by", "qd-15-ubnd-mau-2025"),
                                                  ("issues", "kh-ubnd-mau-2024")] or \
        hub.related["qd-12-ubnd-mau-2024"] == [("issues", "kh-ubnd-mau-2024"), ("amended-by", "qd-15-ubnd-mau-2025")]
    assert hub.related_to("kh-ubnd-mau-2024", "issued-with") == ["qd-12-ubnd-mau-2024"]
    assert hub.related_to("kh-31-ubnd-mau-2023", "replaced-by") == ["kh-40-ubnd-mau-2025"]
    assert hub.related_to("kh-40-ubnd-mau-2025", "replaces") == ["kh-31-ubnd-mau-2023"]
    # Issuing a plan is not resting on it: neither is a legal basis of the other.
    assert "kh-ubnd-mau-2024" not in hub.cited_by and hub.cited_by["qd-1373-ttg-2021"] == ["qd-12-ubnd-mau-2024"]


def test_unknown_and_not_printed_are_kept_apart(hub: Hub):
    issued = hub.documents["kh-ubnd-mau-2024"]
    assert (issued.number, issued.signer, issued.not_printed) == (None, None, ("number", "signer"))
    press = hub.documents["kh-ubnd-mau-2021"]
    assert (press.number, press.signer, press.not_printed, press.date) == (None, None, (), PartialDate(2021, 12))
    cut = hub.documents["kh-31-ubnd-mau-2023"]
    assert cut.date == PartialDate(2023, 12) and cut.date.precision == "month" and cut.not_printed == ("day",)


def test_decision_articles_authority_and_effect(hub: Hub):
    doc = hub.documents["qd-12-ubnd-mau-2024"]
    assert [s.role for s in doc.sections] == ["issuance", "effect", "enforcement"]
    assert doc.issuing_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH MẪU"
    assert doc.effective is not None and doc.effective.from_signing and doc.effective.date is None
    assert hub.documents["qd-15-ubnd-mau-2025"].effective.date == PartialDate(2025, 3, 1)
    # A "Căn cứ" sentence naming two documents: one entry each, one in the hub, one cited.
    bases = doc.legal_bases
    assert [(b.kind, b.document) for b in bases[:2]] == [("can-cu", None), ("can-cu", "qd-1373-ttg-2021")]
    assert bases[0].citation is not None and bases[0].citation.date == PartialDate(2015, 6, 19)


def test_yes_no_and_sub_targets(hub: Hub):
    title = hub.targets["mau-2024-tinh-hoc-tap-2025"]
    assert (title.unit, title.value, title.is_yes_no) == ("yes-no", True, True)
    whole, part = hub.targets["mau-2024-gdht-2025"], hub.targets["mau-2024-gdht-kho-khan-2025"]
    assert part.part_of == whole.id and whole.parts == (part.id,)
    assert (whole.scope, part.scope) == ("hộ gia đình", "hộ gia đình ở các xã vùng khó khăn")


def test_duties_carry_their_role(hub: Hub):
    roles = {(d.document_id, d.item.label, d.role, d.responsibility) for d in hub.duties["so-gddt-tinh-mau"]}
    assert ("kh-ubnd-mau-2024", "1.", "thuong-truc", "assigned") in roles
    assert ("kh-ubnd-mau-2024", "2.", "phoi-hop", "assigned") in roles
    assert ("qd-12-ubnd-mau-2024", "Điều 3.", "", "assigned") in roles
    assert [(d.role, d.responsibility) for d in hub.duties["hoi-khuyen-hoc-tinh-mau"]] == [("phoi-hop", "requested")]
    assert [d.role for d in hub.duties["so-ldtbxh-tinh-mau"]] == ["chu-tri"]


def test_transcription_levels_reach_items_and_targets(hub: Hub):
    cut = hub.documents["kh-31-ubnd-mau-2023"]
    assert cut.transcription == "partial" and cut.sections[1].items[1].cut
    assert (cut.sections[2].transcription, cut.sections[2].from_source) == ("restated", 2)
    assert len(cut.source) == 2 and cut.source[1].accessed == PartialDate(2024, 1, 16)
    assert hub.targets["mau-2021-gdht-2025"].transcription == "restated"
    assert hub.targets["mau-2024-gdht-2025"].transcription == "full"


# --- the pages ---------------------------------------------------------------------------

def test_decision_page_lists_the_plan_it_issues(site: Path):
    text = text_of(site, "van-ban/qd-12-ubnd-mau-2024")
    assert "Văn bản ban hành kèm theo Kế hoạch ngày 05/3/2024 của UBND tỉnh Mẫu" in text
    assert "Văn bản căn cứ vào văn bản này" not in text
    assert "Thẩm quyền ban hành CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH MẪU" in text
    assert "Hiệu lực Kể từ ngày ký (05/3/2024): Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "Được sửa đổi, bổ sung bởi Quyết định số 15/QĐ-UBND" in text


def test_plan_page_says_which_decision_issues_it_and_what_it_does_not_print(site: Path):
    text = text_of(site, "van-ban/kh-ubnd-mau-2024")
    assert "Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Mẫu." in text
    assert "Số hiệu Không ghi (văn bản không có số)" in text
    assert "Người ký Không ghi (văn bản không có người ký)" in text
    assert "Căn cứ" not in text.split("Nội dung")[0]


def test_unknown_number_and_month_only_date_say_chua_ro(site: Path):
    text = text_of(site, "van-ban/kh-ubnd-mau-2021")
    assert "Số hiệu Chưa rõ" in text and "Người ký Chưa rõ" in text
    assert "Ngày ban hành tháng 12/2021 (chưa rõ ngày)" in text
    assert "không ghi" not in text
    assert "diễn đạt lại theo nguồn" in text and "Báo Mẫu điện tử" in text and "truy cập 10/5/2024" in text
    # Restated wording is not called verbatim.
    assert "Chỉ tiêu (nguyên văn)" not in text and "diễn đạt lại" in text


def test_cut_text_is_marked_where_it_stops(site: Path):
    text = text_of(site, "van-ban/kh-31-ubnd-mau-2023")
    assert "Ngày ban hành tháng 12/2023 (văn bản không ghi ngày)" in text
    assert "Tổ chức đánh giá, công nhận các danh hiệu học tập theo # [Bản nguồn bị cắt tại đây" in text
    assert "Mục này: diễn đạt lại theo nguồn, không phải nguyên văn; theo nguồn 2: Báo Mẫu điện tử" in text
    assert "Văn bản này đã được thay thế bởi Kế hoạch số 40/KH-UBND" in text


def test_targets_show_scope_sub_targets_and_yes_no(site: Path):
    text = text_of(site, "van-ban/kh-ubnd-mau-2024")
    assert "Chỉ tiêu (nguyên văn) Phạm vi Giá trị Năm" in text
    assert "Một phần của chỉ tiêu 70% năm 2025: trong đó 60% hộ gia đình ở các xã vùng khó khăn" in text
    assert "Tỉnh Mẫu được công nhận danh hiệu Tỉnh học tập. tỉnh Mẫu đạt 2025" in text
    assert "Được giao: Sở Lao động - Thương binh và Xã hội tỉnh Mẫu (chủ trì), Sở Giáo dục và Đào tạo tỉnh Mẫu " \
           "(phối hợp)" in text


def test_body_page_lists_what_it_leads_apart_from_what_it_supports(site: Path):
    text = text_of(site, "co-quan/so-gddt-tinh-mau")
    lead, support, other = (text.index(h) for h in ("Cơ quan thường trực Kế hoạch", "Phối hợp Kế hoạch",
                                                     "Nhiệm vụ khác (văn bản không nêu vai trò) Quyết định"))
    assert lead < support < other
    assert "Cơ quan thường trực: 1 nhiệm vụ; Phối hợp: 1 nhiệm vụ" in text
    assert "Chủ trì Kế hoạch" in text_of(site, "co-quan/so-ldtbxh-tinh-mau")


def test_indicator_page_never_compares_unlike_scopes_silently(site: Path):
    text = text_of(site, "chi-so/gia-dinh-hoc-tap")
    assert "có phạm vi khác nhau" in text
    assert "tỉnh Mẫu hộ gia đình ở các xã vùng khó khăn 2025 60%" in text
    html = (site / "chi-so/gia-dinh-hoc-tap/index.html").read_text(encoding="utf-8")
    assert "tỉnh Mẫu (hộ gia đình ở các xã vùng khó khăn)" in html  # its own line in the chart
    yes_no = text_of(site, "chi-so/tinh-hoc-tap-duoc-cong-nhan")
    assert "tỉnh Mẫu tỉnh Mẫu 2025 đạt" in yes_no
    assert "xhht-chart" not in (site / "chi-so/tinh-hoc-tap-duoc-cong-nhan/index.html").read_text(encoding="utf-8")


def test_indicator_groups_name_their_programme(site: Path):
    assert "Thuộc: nhóm d (Mô hình học tập) của Quyết định 1373/QĐ-TTg" in text_of(site, "chi-so/cong-dan-hoc-tap")


# --- the downloads -------------------------------------------------------------------------

def _rows(site: Path, table: str) -> list[dict]:
    return json.loads((site / "data" / f"{table}.json").read_text(encoding="utf-8"))["rows"]


def test_exports_say_precision_absence_relations_and_effect(site: Path):
    documents = {r["id"]: r for r in _rows(site, "documents")}
    press, cut, plan, decision = (documents[i] for i in ("kh-ubnd-mau-2021", "kh-31-ubnd-mau-2023",
                                                         "kh-ubnd-mau-2024", "qd-12-ubnd-mau-2024"))
    assert (press["date"], press["date_precision"], press["not_printed"], press["number"]) == ("2021-12", "month",
                                                                                               None, None)
    assert (cut["not_printed"], cut["transcription"], cut["replaced_by_ids"]) == ("day", "partial",
                                                                                  "kh-40-ubnd-mau-2025")
    assert (plan["not_printed"], plan["issued_with_ids"]) == ("number;signer", "qd-12-ubnd-mau-2024")
    assert (decision["issues_ids"], decision["effective_date"], decision["effective_from_signing"]) == (
        "kh-ubnd-mau-2024", "2024-03-05", "true")
    assert decision["issuing_authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH MẪU"
    assert documents["kh-40-ubnd-mau-2025"]["replaces_ids"] == "kh-31-ubnd-mau-2023"


def test_exports_of_targets_sources_and_duties(site: Path):
    targets = {r["id"]: r for r in _rows(site, "targets")}
    assert (targets["mau-2024-tinh-hoc-tap-2025"]["value"], targets["mau-2024-tinh-hoc-tap-2025"]["yes_no"],
            targets["mau-2024-tinh-hoc-tap-2025"]["unit"]) == (None, "true", "yes-no")
    assert targets["mau-2024-gdht-kho-khan-2025"]["part_of"] == "mau-2024-gdht-2025"
    assert targets["mau-2021-gdht-2025"]["text_transcription"] == "restated"
    assert targets["mau-2024-gdht-kho-khan-2025"]["scope"] == "hộ gia đình ở các xã vùng khó khăn"
    sources = [r for r in _rows(site, "document_sources") if r["document_id"] == "kh-31-ubnd-mau-2023"]
    assert [(r["position"], r["accessed"]) for r in sources] == [(1, "2024-01-15"), (2, "2024-01-16")]
    duties = [(r["body_id"], r["role"]) for r in _rows(site, "duties") if r["document_id"] == "kh-ubnd-mau-2024"]
    assert ("so-ldtbxh-tinh-mau", "chu-tri") in duties and ("so-gddt-tinh-mau", "phoi-hop") in duties


# --- what the checks refuse ------------------------------------------------------------------

BREAKS = [
    ("kh-ubnd-mau-2021.yml", 'date: "2021-12"', 'date: "2021-13"', "date: tháng 13/2021 không có thật"),
    ("kh-ubnd-mau-2024.yml", "number: null", "number: 20/KH-UBND",
     "not_printed[0]: văn bản có số '20/KH-UBND'; bỏ number khỏi not_printed"),
    ("kh-31-ubnd-mau-2023.yml", 'date: "2023-12"', 'date: "2023-12-20"',
     "not_printed[0]: ngày ban hành đã có ngày; bỏ day khỏi not_printed"),
    ("kh-31-ubnd-mau-2023.yml", "        cut: true\n", "",
     "transcription: văn bản chép một phần (partial) phải đánh dấu chỗ bị cắt"),
    ("kh-31-ubnd-mau-2023.yml", "from_source: 2", "from_source: 3",
     "sections[2].from_source: văn bản chỉ có 2 nguồn (source); from_source phải từ 1 đến 2"),
    ("kh-40-ubnd-mau-2025.yml", "    text: Thực hiện", "    cut: true\n    text: Thực hiện",
     "sections[0].cut: chỗ bị cắt (cut: true) chỉ có trong phần chép một phần"),
    ("kh-ubnd-mau-2024.yml", "            value: true", "            value: 1",
     "value: chỉ tiêu có/không (unit: yes-no) có value là true (đạt) hoặc false, không phải số"),
    ("kh-ubnd-mau-2024.yml", "            value: 40", "            value: true",
     "value: value true/false chỉ dùng cho chỉ tiêu có/không: ghi unit: yes-no"),
    ("kh-ubnd-mau-2024.yml", "part_of: mau-2024-gdht-2025", "part_of: mau-2024-gdht-2030",
     "part_of: không có chỉ tiêu 'mau-2024-gdht-2030' trong văn bản này"),
    ("kh-ubnd-mau-2024.yml", "part_of: mau-2024-gdht-2025", "part_of: mau-2024-gdht-kho-khan-2025",
     "part_of: chỉ tiêu không thể là một phần của chính nó"),
    ("kh-40-ubnd-mau-2025.yml", "    citation:\n      type: chuong-trinh\n      number: 07/CTr-UBND\n      date: \"2024-11\"\n"
     "      issuer: Ủy ban nhân dân tỉnh Mẫu\n", "    text: Chương trình số 07/CTr-UBND\n",
     "relations[1]: quan hệ phải nêu document (mã văn bản trong kho) hoặc citation"),
    ("kh-ubnd-mau-2024.yml", "          - {body: so-gddt-tinh-mau, role: phoi-hop}",
     "          - {body: so-gddt-tinh-mau, role: phoi-hop}\n          - so-gddt-tinh-mau",
     "bodies[2]: cơ quan 'so-gddt-tinh-mau' được nêu hai lần trong mục này"),
    ("kh-31-ubnd-mau-2023.yml", 'accessed: "2024-01-15"', 'accessed: "2024-02-30"',
     "source[0].accessed: ngày 30/2/2024 không có thật"),
]


@pytest.mark.parametrize("name, old, new, message", BREAKS, ids=[b[3].split(":")[0] + "-" + str(i)
                                                                  for i, b in enumerate(BREAKS)])
def test_each_contradiction_is_one_precise_line(tmp_path: Path, name: str, old: str, new: str, message: str):
    root = copy_shapes(tmp_path / "repo")
    path = root / "plans" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    lines = [p.format() for p in check(root, jobs=1).problems]
    assert len(lines) == 1 and message in lines[0], lines
    assert lines[0].startswith(f"plans/{name}:")
