"""Personal data guard: private phone numbers, e-mails and ID numbers never reach the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check
from generator.validate.privacy import found

PLAN = "plans/kh-2-ubnd-mau-2022.yml"
BODY = "content/bodies/so-gddt-tinh-mau.yml"


def _put(root: Path, relpath: str, old: str, new: str) -> None:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    return [p.format() for p in check(root, jobs=1).problems]


def test_private_mobile_number_is_an_error_with_its_place(base_tree: Path):
    _put(base_tree, PLAN, "text: Chủ trì, tham mưu triển khai Kế hoạch.",
         "text: Chủ trì, tham mưu triển khai Kế hoạch; liên hệ đồng chí Lan, 0912 345 678.")
    problems = _problems(base_tree)
    assert len(problems) == 1
    assert problems[0].startswith(f"{PLAN}:44:15: sections[1].items[0].text: số điện thoại '0912 345 678' là dữ liệu cá nhân")


def test_official_contact_declared_by_a_body_is_allowed(base_tree: Path):
    _put(base_tree, PLAN, "text: Chủ trì, tham mưu triển khai Kế hoạch.",
         "text: Chủ trì, tham mưu triển khai Kế hoạch; đường dây nóng 0208.3855.123, e-mail sogddt@tinhmau.gov.vn.")
    assert len(_problems(base_tree)) == 2
    (base_tree / BODY).write_text((base_tree / BODY).read_text(encoding="utf-8") + (
        "contacts:\n  - kind: phone\n    value: 0208 3855 123\n    note: Đường dây nóng\n"
        "  - kind: email\n    value: SoGDDT@tinhmau.gov.vn\n"), encoding="utf-8")
    assert _problems(base_tree) == []


def test_personal_email_and_id_numbers(base_tree: Path):
    _put(base_tree, PLAN, "name: Sở Giáo dục và Đào tạo\n", "name: Sở Giáo dục và Đào tạo (bà Hoa, hoa.nguyen@gmail.com)\n")
    _put(base_tree, PLAN, "title: Thực hiện Đề án mẫu trên địa bàn tỉnh Mẫu",
         "title: Thực hiện Đề án mẫu trên địa bàn tỉnh Mẫu, CCCD 001099012345")
    problems = _problems(base_tree)
    assert any("recipients[0].name: địa chỉ e-mail 'hoa.nguyen@gmail.com'" in p for p in problems)
    assert any("title: dãy số '001099012345' giống số chứng minh nhân dân" in p for p in problems)


@pytest.mark.parametrize("text", [
    "Kế hoạch số 104/KH-UBND ngày 04/7/2022", "giai đoạn 2021-2030", "kinh phí 1.000.000.000 đồng",
    "đạt 55,55%", "Quyết định 43/2019/QH14", "mã số 1234567890123", "năm 2025 và 2030",
])
def test_ordinary_numbers_are_not_taken_for_personal_data(text: str):
    assert found({"text": text}) == []


@pytest.mark.parametrize("text,kind", [
    ("0912345678", "phone"), ("0912 345 678", "phone"), ("+84 912 345 678", "phone"), ("024.3825.1234", "phone"),
    ("a.b+c@example.com", "email"), ("123456789", "id"), ("001099012345", "id"),
])
def test_contact_shapes_are_recognised(text: str, kind: str):
    assert [k for _, k, _, _ in found({"text": f"liên hệ {text}."})] == [kind]


# --- what people paste (issue 13) ------------------------------------------------------

PASTED = [
    ("0912\u00a0345\u00a0678", "phone", "0912345678"),           # non-breaking spaces, copied from Word or a PDF
    ("0912\u202f345\u202f678", "phone", "0912345678"),           # narrow no-break spaces
    ("ĐT.0903123456", "phone", "0903123456"),
    ("SĐT:0903123456", "phone", "0903123456"),
    ("(+84) 983 111 222", "phone", "0983111222"),
    ("+84 (0) 983111222", "phone", "0983111222"),
    ("zalo.me/0987654321", "phone", "0987654321"),
    ("https://zalo.me/0987654321", "phone", "0987654321"),
    ("0912\u2013345\u2013678", "phone", "0912345678"),           # en dashes
    ("0912\u2011345\u2011678", "phone", "0912345678"),           # non-breaking hyphens
    ("\uff10\uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", "phone", "0912345678"),  # full-width digits
    ("0912\u200b345\u200b678", "phone", "0912345678"),           # zero-width spaces inside the number
    ("09\u00ad12345678", "phone", "0912345678"),                 # a soft hyphen
    ("(024) 3825 1234", "phone", "02438251234"),
    ("hoa.nguyen(at)gmail(dot)com", "email", "hoa.nguyen@gmail.com"),
    ("hoa.nguyen [at] gmail [dot] com", "email", "hoa.nguyen@gmail.com"),
    ("hoa.nguyen {at} gmail (chấm) com", "email", "hoa.nguyen@gmail.com"),
    ("hoa.nguyen\uff20gmail.com", "email", "hoa.nguyen@gmail.com"),   # full-width at sign
    ("hoa.nguyen @ gmail.com", "email", "hoa.nguyen@gmail.com"),
    ("hoa.nguyen&#64;gmail.com", "email", "hoa.nguyen@gmail.com"),
    ("001 099 012 345", "id", "001099012345"),                    # CCCD in groups of three
    ("123 456 789", "id", "123456789"),                           # CMND in groups of three
    ("001\u00a0099\u00a0012\u00a0345", "id", "001099012345"),
    ("\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19", "id", "123456789"),
]


@pytest.mark.parametrize("text,kind,value", PASTED, ids=[repr(t) for t, _, _ in PASTED])
def test_pasted_contacts_are_found_after_normalisation(text: str, kind: str, value: str):
    assert [(k, v) for _, k, _, v in found({"text": f"Liên hệ: {text}, trong giờ hành chính."})] == [(kind, value)]


NOT_PERSONAL = [
    "kinh phí 500000000 đồng", "hỗ trợ 500 000 000 đồng", "tổng 123456789 lượt người học", "500000000 VNĐ",
    "mã số thuế 0312345678", "Mã số thuế: 0312345678-001", "MST: 0100109106-001", "MST 0312345678",
    "mã số doanh nghiệp 0312345678", "ISBN 978-604-0-12345-6", "ISBN 0-306-40615-2", "ISBN: 0306406152",
    "ISBN 9786040123456", "ISBN-13: 978-0-306-40615-7", "ISSN 1859-3100", "giai đoạn 2021\u20132030",
    "Quyết định số 1234/QĐ-UBND ngày 04/7/2022", "Kế hoạch 104/KH-UBND ngày 04/07/2022",
    "tỷ lệ 0,912345678", "mã 1.234.567.890", "năm 2021 2022 2023", "đường dây nóng 1900 1234",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_amounts_tax_codes_and_book_numbers_are_not_personal_data(text: str):
    assert found({"text": text}) == []


def test_declared_official_contacts_are_allowed_however_pasted(base_tree: Path):
    """A body declares `0208 3855 123`; a plan quotes it with non-breaking spaces and an en dash: still official."""
    _put(base_tree, PLAN, "text: Chủ trì, tham mưu triển khai Kế hoạch.",
         "text: Chủ trì, tham mưu triển khai Kế hoạch; đường dây nóng (0208)\u00a03855\u2013123, "
         "e-mail sogddt(at)tinhmau.gov.vn.")
    assert len(_problems(base_tree)) == 2
    (base_tree / BODY).write_text((base_tree / BODY).read_text(encoding="utf-8") + (
        "contacts:\n  - kind: phone\n    value: +84 208 3855 123\n"
        "  - kind: email\n    value: SoGDDT@tinhmau.gov.vn\n"), encoding="utf-8")
    assert _problems(base_tree) == []


def _page(root: Path, body: str) -> None:
    pages = root / "content" / "pages"
    pages.mkdir(exist_ok=True)
    indented = "\n".join("  " + line for line in body.split("\n"))
    (pages / "lien-he.yml").write_text(f"id: lien-he\ntitle: Liên hệ\nbody: |\n{indented}\n", encoding="utf-8")


@pytest.mark.parametrize("body, message", [
    ("Gọi chị Lan: 0912\\-345\\-678.", "số điện thoại '0912-345-678'"),
    ("Gọi chị Lan: 0912**345**678.", "số điện thoại '0912345678'"),
    ("Gọi chị Lan: 0912`345`678.", "số điện thoại '0912345678'"),
    ("Viết cho chị Lan: lan.tran&#64;gmail.com", "địa chỉ e-mail 'lan.tran@gmail.com'"),
    ("Viết cho chị Lan: lan.tran&commat;gmail&period;com", "địa chỉ e-mail 'lan.tran@gmail.com'"),
    ("Viết cho [chị Lan](mailto:lan.tran@gmail.com).", "địa chỉ e-mail 'lan.tran@gmail.com'"),
], ids=["escapes", "emphasis", "code", "reference", "named-references", "mailto"])
def test_markdown_of_free_pages_is_read_as_rendered(base_tree: Path, body: str, message: str):
    """What the page shows is what is checked: escapes, markup and character references do not hide a number."""
    _page(base_tree, body)
    problems = _problems(base_tree)
    assert len(problems) == 1, problems
    assert problems[0].startswith("content/pages/lien-he.yml:3:7: body: " + message)
