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
