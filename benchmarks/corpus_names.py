"""Places and people for benchmarks/corpus.py: the 63 provinces before the 2025 reorganisation,
their districts, commune names, the parts of people's names, and the locality tree made of them.

Provinces and districts are real administrative names (as of 2019-2024); a district name
may repeat across provinces (Châu Thành), as it does in reality. Every string is NFC.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Any


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


#: The five centrally-run cities -> their urban districts (quận) | rural districts (huyện).
CITIES = {
    "Hà Nội": ("Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Cầu Giấy, Đống Đa, Hai Bà Trưng, Hoàng Mai, Thanh Xuân, "
               "Bắc Từ Liêm, Hà Đông", "Sóc Sơn, Đông Anh, Gia Lâm, Thanh Trì, Mê Linh, Ba Vì"),
    "Hồ Chí Minh": ("Bình Thạnh, Gò Vấp, Phú Nhuận, Tân Bình, Tân Phú, Bình Tân",
                    "Củ Chi, Hóc Môn, Bình Chánh, Nhà Bè, Cần Giờ"),
    "Hải Phòng": ("Hồng Bàng, Ngô Quyền, Lê Chân, Hải An, Kiến An, Đồ Sơn, Dương Kinh",
                  "Thủy Nguyên, An Dương, An Lão, Kiến Thụy, Tiên Lãng, Vĩnh Bảo, Cát Hải"),
    "Đà Nẵng": ("Hải Châu, Thanh Khê, Sơn Trà, Ngũ Hành Sơn, Liên Chiểu, Cẩm Lệ", "Hòa Vang"),
    "Cần Thơ": ("Ninh Kiều, Bình Thủy, Cái Răng, Ô Môn, Thốt Nốt", "Phong Điền, Cờ Đỏ, Vĩnh Thạnh, Thới Lai"),
}

#: The 58 provinces (tỉnh) -> some of their rural districts (huyện).
PROVINCES = {
    "An Giang": "An Phú, Châu Phú, Chợ Mới, Thoại Sơn, Tri Tôn",
    "Bà Rịa - Vũng Tàu": "Châu Đức, Xuyên Mộc, Long Điền, Đất Đỏ, Côn Đảo",
    "Bắc Giang": "Lục Nam, Lục Ngạn, Yên Thế, Tân Yên, Hiệp Hòa, Lạng Giang",
    "Bắc Kạn": "Ba Bể, Chợ Đồn, Na Rì, Ngân Sơn, Pác Nặm",
    "Bạc Liêu": "Hồng Dân, Phước Long, Vĩnh Lợi, Hòa Bình, Đông Hải",
    "Bắc Ninh": "Yên Phong, Quế Võ, Tiên Du, Lương Tài, Gia Bình",
    "Bến Tre": "Ba Tri, Bình Đại, Giồng Trôm, Mỏ Cày Nam, Thạnh Phú",
    "Bình Định": "Hoài Ân, Phù Cát, Phù Mỹ, Tây Sơn, Vân Canh",
    "Bình Dương": "Bàu Bàng, Dầu Tiếng, Phú Giáo, Bắc Tân Uyên",
    "Bình Phước": "Bù Đăng, Bù Đốp, Bù Gia Mập, Đồng Phú, Hớn Quản, Lộc Ninh",
    "Bình Thuận": "Bắc Bình, Hàm Thuận Bắc, Hàm Thuận Nam, Tánh Linh, Tuy Phong, Đức Linh",
    "Cà Mau": "Cái Nước, Đầm Dơi, Năm Căn, Ngọc Hiển, Thới Bình, Trần Văn Thời, U Minh",
    "Cao Bằng": "Bảo Lạc, Hà Quảng, Nguyên Bình, Trùng Khánh, Hòa An",
    "Đắk Lắk": "Buôn Đôn, Ea Kar, Krông Pắc, Krông Năng, Lắk, Ea Súp",
    "Đắk Nông": "Cư Jút, Đắk Mil, Đắk Song, Krông Nô, Tuy Đức",
    "Điện Biên": "Điện Biên Đông, Mường Ảng, Tuần Giáo, Tủa Chùa, Mường Chà",
    "Đồng Nai": "Cẩm Mỹ, Định Quán, Nhơn Trạch, Tân Phú, Thống Nhất, Trảng Bom, Vĩnh Cửu, Xuân Lộc",
    "Đồng Tháp": "Cao Lãnh, Lai Vung, Lấp Vò, Tam Nông, Tháp Mười, Thanh Bình",
    "Gia Lai": "Chư Păh, Chư Prông, Đak Đoa, Ia Grai, Mang Yang, Krông Pa",
    "Hà Giang": "Bắc Mê, Đồng Văn, Mèo Vạc, Quản Bạ, Vị Xuyên, Yên Minh",
    "Hà Nam": "Bình Lục, Kim Bảng, Lý Nhân, Thanh Liêm",
    "Hà Tĩnh": "Can Lộc, Cẩm Xuyên, Đức Thọ, Hương Khê, Hương Sơn, Thạch Hà, Vũ Quang",
    "Hải Dương": "Bình Giang, Cẩm Giàng, Gia Lộc, Nam Sách, Ninh Giang, Thanh Hà, Tứ Kỳ",
    "Hậu Giang": "Châu Thành A, Long Mỹ, Phụng Hiệp, Vị Thủy",
    "Hòa Bình": "Cao Phong, Đà Bắc, Kim Bôi, Lạc Sơn, Mai Châu, Tân Lạc, Yên Thủy",
    "Hưng Yên": "Ân Thi, Khoái Châu, Kim Động, Phù Cừ, Tiên Lữ, Văn Giang, Yên Mỹ",
    "Khánh Hòa": "Cam Lâm, Diên Khánh, Khánh Sơn, Khánh Vĩnh, Vạn Ninh",
    "Kiên Giang": "An Biên, Giồng Riềng, Gò Quao, Hòn Đất, Tân Hiệp, U Minh Thượng",
    "Kon Tum": "Đắk Glei, Đắk Hà, Đắk Tô, Kon Plông, Ngọc Hồi, Sa Thầy",
    "Lai Châu": "Mường Tè, Phong Thổ, Sìn Hồ, Tam Đường, Than Uyên",
    "Lâm Đồng": "Bảo Lâm, Di Linh, Đạ Huoai, Đơn Dương, Đức Trọng, Lâm Hà",
    "Lạng Sơn": "Bắc Sơn, Bình Gia, Cao Lộc, Chi Lăng, Đình Lập, Hữu Lũng, Tràng Định",
    "Lào Cai": "Bắc Hà, Bảo Thắng, Bảo Yên, Bát Xát, Mường Khương, Si Ma Cai, Văn Bàn",
    "Long An": "Bến Lức, Cần Đước, Cần Giuộc, Đức Hòa, Thủ Thừa, Tân Thạnh",
    "Nam Định": "Giao Thủy, Hải Hậu, Nghĩa Hưng, Trực Ninh, Vụ Bản, Xuân Trường, Ý Yên",
    "Nghệ An": "Anh Sơn, Con Cuông, Diễn Châu, Đô Lương, Nam Đàn, Nghi Lộc, Quỳnh Lưu, Thanh Chương, Yên Thành",
    "Ninh Bình": "Gia Viễn, Hoa Lư, Kim Sơn, Nho Quan, Yên Khánh, Yên Mô",
    "Ninh Thuận": "Bác Ái, Ninh Hải, Ninh Phước, Ninh Sơn, Thuận Bắc, Thuận Nam",
    "Phú Thọ": "Cẩm Khê, Đoan Hùng, Hạ Hòa, Lâm Thao, Tam Nông, Thanh Sơn, Yên Lập",
    "Phú Yên": "Đồng Xuân, Phú Hòa, Sơn Hòa, Sông Hinh, Tây Hòa, Tuy An",
    "Quảng Bình": "Bố Trạch, Lệ Thủy, Minh Hóa, Quảng Trạch, Tuyên Hóa",
    "Quảng Nam": "Duy Xuyên, Đại Lộc, Nông Sơn, Núi Thành, Phú Ninh, Quế Sơn, Thăng Bình, Tiên Phước",
    "Quảng Ngãi": "Bình Sơn, Mộ Đức, Nghĩa Hành, Sơn Tịnh, Tư Nghĩa, Trà Bồng",
    "Quảng Ninh": "Ba Chẽ, Bình Liêu, Đầm Hà, Hải Hà, Tiên Yên, Vân Đồn",
    "Quảng Trị": "Cam Lộ, Đakrông, Gio Linh, Hải Lăng, Hướng Hóa, Triệu Phong, Vĩnh Linh",
    "Sóc Trăng": "Châu Thành, Cù Lao Dung, Kế Sách, Long Phú, Mỹ Tú, Thạnh Trị, Trần Đề",
    "Sơn La": "Bắc Yên, Mai Sơn, Mộc Châu, Mường La, Phù Yên, Sông Mã, Thuận Châu, Yên Châu",
    "Tây Ninh": "Bến Cầu, Châu Thành, Dương Minh Châu, Gò Dầu, Tân Biên, Tân Châu",
    "Thái Bình": "Đông Hưng, Hưng Hà, Kiến Xương, Quỳnh Phụ, Thái Thụy, Tiền Hải, Vũ Thư",
    "Thái Nguyên": "Đại Từ, Định Hóa, Đồng Hỷ, Phú Bình, Phú Lương, Võ Nhai",
    "Thanh Hóa": "Cẩm Thủy, Hậu Lộc, Hoằng Hóa, Nga Sơn, Nông Cống, Quảng Xương, Thọ Xuân, Vĩnh Lộc",
    "Thừa Thiên Huế": "A Lưới, Nam Đông, Phong Điền, Phú Lộc, Phú Vang, Quảng Điền",
    "Tiền Giang": "Cái Bè, Cai Lậy, Chợ Gạo, Gò Công Đông, Gò Công Tây, Tân Phước",
    "Trà Vinh": "Càng Long, Cầu Kè, Cầu Ngang, Tiểu Cần, Trà Cú, Duyên Hải",
    "Tuyên Quang": "Chiêm Hóa, Hàm Yên, Lâm Bình, Na Hang, Sơn Dương, Yên Sơn",
    "Vĩnh Long": "Bình Tân, Long Hồ, Mang Thít, Tam Bình, Trà Ôn, Vũng Liêm",
    "Vĩnh Phúc": "Bình Xuyên, Lập Thạch, Sông Lô, Tam Dương, Tam Đảo, Vĩnh Tường, Yên Lạc",
    "Yên Bái": "Lục Yên, Mù Cang Chải, Trạm Tấu, Trấn Yên, Văn Chấn, Văn Yên, Yên Bình",
}

#: Common commune / ward names.
COMMUNES = ("Tân Lập, Quang Trung, Hòa Bình, Thống Nhất, Đồng Tâm, Tân Tiến, Hùng Vương, Minh Khai, Trung Hòa, "
            "Phú Lâm, Tân Thành, Hợp Thành, Kim Long, Nghĩa Dũng, Thanh Lương, Đông Phong")

FAMILY = ("Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý, Đinh, Trương, "
          "Lương, Mai, Cao, Lâm, Tạ, Hà")
MIDDLE = "Văn, Thị, Hữu, Đức, Thanh, Minh, Quốc, Xuân, Ngọc, Thành, Công, Quang, Hồng, Thu, Kim, Anh, Bá, Đình"
GIVEN = ("Hùng, Dũng, Long, Nam, Hải, Hà, Lan, Hương, Tuấn, Trung, Thắng, Sơn, Phương, Hiền, Hòa, Bình, Khải, "
         "Trường, Hiếu, Thảo, Mai, Linh, Quân, Tâm, Cường, Đông, Giang, Huy, Khánh, Lộc, Nga, Phúc, Thủy, Vinh, Yến")


def split(text: str) -> list[str]:
    """A comma-separated list of names, NFC."""
    return [nfc(part.strip()) for part in text.split(",") if part.strip()]


def person(rng: random.Random) -> str:
    """A Vietnamese name: family, middle and given name."""
    return " ".join(rng.choice(split(part)) for part in (FAMILY, MIDDLE, GIVEN))


WORDS = {"tinh": "tỉnh", "thanh-pho-truc-thuoc-trung-uong": "thành phố", "quan": "quận", "huyen": "huyện",
         "xa": "xã", "phuong": "phường"}


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]+", "-", "".join(c for c in plain if not unicodedata.combining(c))).strip("-")


@dataclass(frozen=True)
class Place:
    id: str
    slug: str  # in body ids: so-gddt-<slug>
    name: str
    kind: str
    parent: Place | None = None

    @property
    def full(self) -> str:
        return f"{WORDS[self.kind]} {self.name}"

    @property
    def province(self) -> Place:
        return self.parent if self.kind in ("quan", "huyen") and self.parent else self


def make_places(rng: random.Random, sizes: dict[str, int]) -> tuple[list[Place], dict[str, list[Place]]]:
    """The 63 provinces, their districts, a few communes; and the places that issue documents, by level."""
    provinces = [Place(f"{slug(WORDS[kind])}-{slug(name)}", slug(name), name, kind) for kind, group in
                 (("thanh-pho-truc-thuoc-trung-uong", CITIES), ("tinh", PROVINCES))
                 for name in map(nfc, group)]
    taken = {p.slug for p in provinces} | {"nam-tu-liem", "kbang", "phu-tan"}  # the bundled districts
    districts: list[Place] = []
    for province in provinces:
        groups = CITIES.get(province.name) or ("", PROVINCES[province.name])
        for kind, group in zip(("quan", "huyen"), groups):
            for name in split(group):
                key = slug(name) if slug(name) not in taken else f"{slug(name)}-{province.slug}"
                taken.add(key)
                districts.append(Place(f"{slug(WORDS[kind])}-{key}", key, name, kind, province))
    bundled = {"Thái Nguyên", "Cà Mau", "Gia Lai", "Cần Thơ"}  # their bodies are in the bundled content
    pools = {
        "tinh": rng.sample([p for p in provinces if p.kind == "tinh" and p.name not in bundled], sizes["tinh"]),
        "thanh-pho": [p for p in provinces if p.kind != "tinh" and p.name not in bundled],
        "quan": rng.sample([d for d in districts if d.kind == "quan"], sizes["quan"]),
        "huyen": rng.sample([d for d in districts if d.kind == "huyen" and d.parent.kind == "tinh"], sizes["huyen"]),
    }
    communes = [Place(f"{slug(WORDS[kind])}-{slug(name)}-{d.slug}", f"{slug(name)}-{d.slug}", name, kind, d)
                for d in pools["quan"] + pools["huyen"] for kind in ["phuong" if d.kind == "quan" else "xa"]
                for name in rng.sample(split(COMMUNES), 2)]
    return provinces + districts + communes, pools


def locality_record(place: Place) -> dict[str, Any]:
    record: dict[str, Any] = {"id": place.id, "name": place.full, "kind": place.kind,
                              "parent": place.parent.id if place.parent else "viet-nam"}
    if place.kind in ("quan", "huyen"):
        record["successor_note"] = (f"Từ ngày 01/7/2025 chính quyền địa phương cấp {WORDS[place.kind]} không còn; "
                                    f"địa bàn {place.full} thuộc các {'phường' if place.kind == 'quan' else 'xã'} "
                                    f"của {place.parent.full}.")
    return record


assert len(CITIES) + len(PROVINCES) == 63, "the 63 provinces and centrally-run cities before 2025"
