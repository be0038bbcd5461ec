"""Citation lines in Vietnamese administrative style: a table of cases, rendered and held to docs/templates.md.

Every type the hub holds (plan, công văn, quyết định, chỉ thị, luật with its name, nghị quyết, kết luận, tờ
trình), numbered and not, with the day, only the month or year, or no date known. The table is rendered the
way docs/templates.md shows it, so the documentation is the tested table itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.model.dates import PartialDate
from generator.model.records import Body, Locality
from generator.render.citation import Cited, body_name, full, label, short, spelled_out

DOCS = Path(__file__).resolve().parent.parent / "docs" / "templates.md"
D = PartialDate

TN = "UBND tỉnh Thái Nguyên"
CASES: list[tuple[str, Cited, str, str]] = [
    ("kế hoạch, số và ngày",
     Cited("ke-hoach", "104/KH-UBND", D(2022, 7, 4), TN,
           "Thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2022 - 2030” trên địa bàn tỉnh Thái Nguyên"),
     "Kế hoạch 104/KH-UBND",
     "Kế hoạch số 104/KH-UBND ngày 04/7/2022 của UBND tỉnh Thái Nguyên thực hiện Đề án “Xây dựng xã hội học tập "
     "giai đoạn 2022 - 2030” trên địa bàn tỉnh Thái Nguyên"),
    ("kế hoạch chưa rõ số",
     Cited("ke-hoach", None, D(2022, 6, 21), "Ban Chỉ đạo xây dựng xã hội học tập huyện Phú Tân",
           "Thực hiện Đề án “Xây dựng xã hội học tập” năm 2022 trên địa bàn huyện Phú Tân"),
     "Kế hoạch ngày 21/6/2022",
     "Kế hoạch ngày 21/6/2022 của Ban Chỉ đạo xây dựng xã hội học tập huyện Phú Tân thực hiện Đề án “Xây dựng xã "
     "hội học tập” năm 2022 trên địa bàn huyện Phú Tân"),
    ("kế hoạch chưa rõ số, chỉ biết năm",
     Cited("ke-hoach", None, D(2024), "Ban Chỉ đạo thành phố Cần Thơ",
           "Xây dựng xã hội học tập năm 2024 trên địa bàn thành phố Cần Thơ"),
     "Kế hoạch năm 2024",
     "Kế hoạch năm 2024 của Ban Chỉ đạo thành phố Cần Thơ về xây dựng xã hội học tập năm 2024 trên địa bàn thành "
     "phố Cần Thơ"),
    ("kế hoạch không có số, ban hành kèm theo quyết định",
     Cited("ke-hoach", None, D(2023, 2, 10), "UBND tỉnh Mẫu", "Thực hiện Đề án năm 2023", no_number=True,
           issued_with="Quyết định số 7/QĐ-UBND ngày 10/2/2023 của UBND tỉnh Mẫu"),
     "Kế hoạch ngày 10/2/2023",
     "Kế hoạch ban hành kèm theo Quyết định số 7/QĐ-UBND ngày 10/2/2023 của UBND tỉnh Mẫu thực hiện Đề án năm "
     "2023"),
    ("kế hoạch chưa rõ số và ngày",
     Cited("ke-hoach", None, None, "UBND tỉnh Mẫu", None),
     "Kế hoạch (chưa rõ số, ngày)", "Kế hoạch của UBND tỉnh Mẫu"),
    ("kế hoạch của cơ quan Đảng",
     Cited("ke-hoach", "259-KH/TU", D(2019, 9, 27), "Tỉnh ủy Gia Lai", None),
     "Kế hoạch 259-KH/TU", "Kế hoạch số 259-KH/TU ngày 27/9/2019 của Tỉnh ủy Gia Lai"),
    ("công văn, trích yếu V/v",
     Cited("cong-van", "1132/UBND-VX", D(2021, 8, 10), "UBND huyện Kbang",
           "V/v triển khai thực hiện Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ"),
     "Công văn 1132/UBND-VX",
     "Công văn số 1132/UBND-VX ngày 10/8/2021 của UBND huyện Kbang về việc triển khai thực hiện Chỉ thị số "
     "14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ"),
    ("công văn chưa rõ ngày",
     Cited("cong-van", "842/UBND-KGVX", None, "UBND tỉnh Gia Lai", None),
     "Công văn 842/UBND-KGVX", "Công văn số 842/UBND-KGVX của UBND tỉnh Gia Lai"),
    ("công văn, trích yếu “Về việc”",
     Cited("cong-van", "3320/BGDĐT-GDTX", D(2021, 8, 6), "Bộ Giáo dục và Đào tạo",
           "Về việc triển khai Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"),
     "Công văn 3320/BGDĐT-GDTX",
     "Công văn số 3320/BGDĐT-GDTX ngày 06/8/2021 của Bộ Giáo dục và Đào tạo về việc triển khai Đề án “Xây dựng xã "
     "hội học tập giai đoạn 2021 - 2030”"),
    ("quyết định phê duyệt",
     Cited("quyet-dinh", "1373/QĐ-TTg", D(2021, 7, 30), "Thủ tướng Chính phủ",
           "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"),
     "Quyết định 1373/QĐ-TTg",
     "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội học tập "
     "giai đoạn 2021 - 2030”"),
    ("quyết định, chỉ biết tháng",
     Cited("quyet-dinh", "12/QĐ-UBND", D(2021, 12), "UBND tỉnh Mẫu", "Ban hành Kế hoạch năm 2022"),
     "Quyết định 12/QĐ-UBND",
     "Quyết định số 12/QĐ-UBND tháng 12/2021 của UBND tỉnh Mẫu ban hành Kế hoạch năm 2022"),
    ("chỉ thị",
     Cited("chi-thi", "11-CT/TW", D(2007, 4, 13), "Bộ Chính trị",
           "Về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập"),
     "Chỉ thị 11-CT/TW",
     "Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác "
     "khuyến học, khuyến tài, xây dựng xã hội học tập"),
    ("luật có tên và số",
     Cited("luat", "43/2019/QH14", D(2019, 6, 14), "Quốc hội", "Luật Giáo dục"),
     "Luật Giáo dục 43/2019/QH14", "Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019"),
    ("luật chưa rõ số",
     Cited("luat", None, D(2015, 6, 19), "Quốc hội", "Luật Tổ chức chính quyền địa phương"),
     "Luật Tổ chức chính quyền địa phương", "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"),
    ("luật, tên không có chữ “Luật”",
     Cited("luat", "77/2015/QH13", D(2015, 6, 19), "Quốc hội", "Tổ chức chính quyền địa phương"),
     "Luật Tổ chức chính quyền địa phương 77/2015/QH13",
     "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19/6/2015"),
    ("luật chưa rõ tên",
     Cited("luat", "43/2019/QH14", D(2019, 6, 14), "Quốc hội", None),
     "Luật 43/2019/QH14", "Luật số 43/2019/QH14 ngày 14/6/2019"),
    ("nghị quyết",
     Cited("nghi-quyet", "50/NQ-CP", D(2021, 5, 20), "Chính phủ", None),
     "Nghị quyết 50/NQ-CP", "Nghị quyết số 50/NQ-CP ngày 20/5/2021 của Chính phủ"),
    ("nghị quyết, chưa rõ số",
     Cited("nghi-quyet", None, D(2023, 7), "Hội đồng nhân dân tỉnh Mẫu", "Về chính sách hỗ trợ người học"),
     "Nghị quyết tháng 7/2023",
     "Nghị quyết tháng 7/2023 của Hội đồng nhân dân tỉnh Mẫu về chính sách hỗ trợ người học"),
    ("kết luận",
     Cited("ket-luan", "49-KL/TW", D(2019, 5, 10), "Ban Bí thư Trung ương Đảng",
           "Về tiếp tục thực hiện Chỉ thị số 11-CT/TW"),
     "Kết luận 49-KL/TW",
     "Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư Trung ương Đảng về tiếp tục thực hiện Chỉ thị số 11-CT/TW"),
    ("tờ trình",
     Cited("to-trinh", "1380/TTr-SGDĐT", D(2022, 6, 22), "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên", None),
     "Tờ trình 1380/TTr-SGDĐT", "Tờ trình số 1380/TTr-SGDĐT ngày 22/6/2022 của Sở Giáo dục và Đào tạo tỉnh Thái Nguyên"),
    ("nghị định",
     Cited("nghi-dinh", "84/2020/NĐ-CP", D(2020, 7, 17), "Chính phủ",
           "Quy định chi tiết một số điều của Luật Giáo dục"),
     "Nghị định 84/2020/NĐ-CP",
     "Nghị định số 84/2020/NĐ-CP ngày 17/7/2020 của Chính phủ quy định chi tiết một số điều của Luật Giáo dục"),
    ("chưa rõ loại văn bản",
     Cited(None, "15/BC", D(2020), "", "Kết quả năm 2020"),
     "Văn bản 15/BC", "Văn bản số 15/BC năm 2020 về kết quả năm 2020"),
]


def render_table() -> str:
    """The cases as the Markdown table docs/templates.md shows."""
    rows = ["| Trường hợp | Trong danh sách | Trích dẫn đầy đủ |", "|---|---|---|"]
    rows += [f"| {name} | {label(cited)} | {full(cited)} |" for name, cited, _, _ in CASES]
    return "\n".join(rows)


@pytest.mark.parametrize("name, cited, listed, line", CASES, ids=[c[0] for c in CASES])
def test_citation_case(name: str, cited: Cited, listed: str, line: str):
    assert label(cited) == listed
    assert full(cited) == line
    assert line.startswith(short(cited))


def test_the_documented_table_is_the_tested_one():
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"<!-- citation-table -->\n(.*?)\n<!-- /citation-table -->", text, re.S)
    assert found, "docs/templates.md lost its citation table markers"
    assert found.group(1) == render_table(), "run: python -m tests.test_citation > the table in docs/templates.md"


def test_an_unnumbered_document_never_reads_as_numbered():
    """"Kế hoạch 21/6/2022" read like a number; the date always says it is one."""
    for _, cited, listed, _ in CASES:
        if not cited.number and cited.date:
            assert re.search(r"(ngày|tháng|năm) \d", listed) or cited.type == "luat", listed


def _hub(*localities: Locality) -> SimpleNamespace:
    return SimpleNamespace(localities={loc.id: loc for loc in localities})


CAN_THO = Locality(id="thanh-pho-can-tho", name="thành phố Cần Thơ", kind="thanh-pho-truc-thuoc-trung-uong")
NAM_TU_LIEM = Locality(id="quan-nam-tu-liem", name="quận Nam Từ Liêm", kind="quan")
VIET_NAM = Locality(id="viet-nam", name="Việt Nam", kind="quoc-gia")


@pytest.mark.parametrize("body, expected", [
    # a short name with only abbreviations every reader knows, saying where: as the press writes it
    (Body(id="ubnd", name="Ủy ban nhân dân quận Nam Từ Liêm", short_name="UBND quận Nam Từ Liêm", kind="chinh-quyen",
          locality="quan-nam-tu-liem"), "UBND quận Nam Từ Liêm"),
    # an abbreviation the public does not know: the full name
    (Body(id="bcd", name="Ban chỉ đạo Xây dựng xã hội học tập quận Nam Từ Liêm",
          short_name="BCĐ Xây dựng XHHT quận Nam Từ Liêm", kind="ban-chi-dao", locality="quan-nam-tu-liem"),
     "Ban chỉ đạo Xây dựng xã hội học tập quận Nam Từ Liêm"),
    # a name that does not say where: the place is added ("which city?")
    (Body(id="bcd-ct", name="Ban Chỉ đạo thành phố", kind="ban-chi-dao", locality="thanh-pho-can-tho"),
     "Ban Chỉ đạo thành phố Cần Thơ"),
    (Body(id="so", name="Sở Giáo dục và Đào tạo", short_name="Sở GDĐT", kind="co-quan-chuyen-mon",
          locality="thanh-pho-can-tho"), "Sở Giáo dục và Đào tạo thành phố Cần Thơ"),
    # national bodies need no place
    (Body(id="ttg", name="Thủ tướng Chính phủ", kind="chinh-quyen", locality="viet-nam"), "Thủ tướng Chính phủ"),
])
def test_issuer_named_with_its_place_and_no_unknown_abbreviation(body: Body, expected: str):
    assert body_name(body, _hub(CAN_THO, NAM_TU_LIEM, VIET_NAM)) == expected


def test_abbreviations_spelled_out_only_where_the_public_does_not_know_them():
    assert spelled_out("BCĐ xây dựng XHHT huyện Phú Tân") == "Ban Chỉ đạo xây dựng xã hội học tập huyện Phú Tân"
    assert spelled_out("UBND tỉnh Thái Nguyên") == "UBND tỉnh Thái Nguyên"
    assert spelled_out("Sở GD&ĐT") == "Sở Giáo dục và Đào tạo"


if __name__ == "__main__":
    print(render_table())
