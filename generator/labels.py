"""Vietnamese words for the codes that records use.

Records hold stable ASCII codes (`ke-hoach`, `ban-chi-dao`); readers see
these words. One table per field; tests/test_labels.py holds each table to
the schema's codes, so a new code fails there rather than showing raw on the site.
"""

from __future__ import annotations

DOCUMENT_TYPES = {
    "ke-hoach": "Kế hoạch", "cong-van": "Công văn", "quyet-dinh": "Quyết định", "chi-thi": "Chỉ thị",
    "nghi-quyet": "Nghị quyết", "nghi-dinh": "Nghị định", "thong-tu": "Thông tư", "luat": "Luật",
    "ket-luan": "Kết luận", "huong-dan": "Hướng dẫn", "to-trinh": "Tờ trình", "bao-cao": "Báo cáo",
    "thong-bao": "Thông báo", "chuong-trinh": "Chương trình", "de-an": "Đề án",
}

LEVELS = {
    "trung-uong": "Trung ương", "tinh": "Tỉnh", "thanh-pho": "Thành phố trực thuộc trung ương",
    "huyen": "Huyện", "quan": "Quận", "xa": "Xã", "ban-chi-dao": "Ban chỉ đạo", "hoi": "Hội", "dang": "Đảng",
}

LOCALITY_KINDS = {
    "quoc-gia": "Quốc gia", "tinh": "Tỉnh", "thanh-pho-truc-thuoc-trung-uong": "Thành phố trực thuộc trung ương",
    "huyen": "Huyện", "quan": "Quận", "thi-xa": "Thị xã", "thanh-pho-thuoc-tinh": "Thành phố thuộc tỉnh",
    "xa": "Xã", "phuong": "Phường", "thi-tran": "Thị trấn",
}

BODY_KINDS = {
    "chinh-quyen": "Chính quyền", "co-quan-chuyen-mon": "Cơ quan chuyên môn", "ban-chi-dao": "Ban chỉ đạo",
    "dang": "Cơ quan Đảng", "mat-tran-doan-the": "Mặt trận, đoàn thể", "hoi": "Hội", "don-vi-su-nghiep": "Đơn vị sự nghiệp",
    "co-quan-bao-chi": "Cơ quan báo chí", "doanh-nghiep": "Doanh nghiệp", "khac": "Khác",
}

LEGAL_BASIS_KINDS = {"can-cu": "Căn cứ", "thuc-hien": "Thực hiện", "de-nghi": "Theo đề nghị", "khac": "Liên quan"}

RESPONSIBILITY = {"assigned": "Được giao", "requested": "Được đề nghị"}

COMPARATORS = {"=": "", ">": "trên ", ">=": "từ ", "<": "dưới ", "<=": "không quá "}

UNITS = {"percent": "%", "count": ""}

TOPICS = {
    "ky-nang-so": "Kỹ năng số", "tin-hoc": "Tin học", "ngoai-ngu": "Ngoại ngữ", "ky-nang-song": "Kỹ năng sống",
    "nghe-nghiep": "Nghề nghiệp", "nong-nghiep": "Nông nghiệp", "suc-khoe": "Sức khỏe", "phap-luat": "Pháp luật",
    "van-hoa-lich-su": "Văn hóa, lịch sử", "khoa-hoc-tu-nhien": "Khoa học tự nhiên", "toan": "Toán",
    "giao-duc-pho-thong": "Giáo dục phổ thông", "giao-duc-dai-hoc": "Giáo dục đại học", "tai-chinh": "Tài chính",
    "moi-truong": "Môi trường", "xoa-mu-chu": "Xóa mù chữ", "giao-duc-mam-non": "Giáo dục mầm non", "doc-sach": "Đọc sách",
}

AUDIENCES = {
    "tre-em": "Trẻ em", "hoc-sinh": "Học sinh", "sinh-vien": "Sinh viên", "nguoi-lon": "Người lớn",
    "nguoi-cao-tuoi": "Người cao tuổi", "nong-dan": "Nông dân", "nguoi-lao-dong": "Người lao động",
    "can-bo-cong-chuc": "Cán bộ, công chức", "giao-vien": "Giáo viên", "phu-huynh": "Phụ huynh",
    "nguoi-khuyet-tat": "Người khuyết tật",
}

FORMATS = {
    "khoa-hoc-truc-tuyen": "Khóa học trực tuyến", "video": "Video", "sach-dien-tu": "Sách điện tử",
    "bai-giang": "Bài giảng", "ung-dung": "Ứng dụng", "trang-web": "Trang web", "podcast": "Podcast",
    "tai-lieu": "Tài liệu", "thu-vien-so": "Thư viện số",
}

COSTS = {"mien-phi": "Miễn phí", "mot-phan-mien-phi": "Miễn phí một phần", "co-phi": "Có phí"}

LANGUAGES = {"vi": "Tiếng Việt", "en": "Tiếng Anh", "fr": "Tiếng Pháp", "zh": "Tiếng Trung", "ja": "Tiếng Nhật",
             "ko": "Tiếng Hàn", "de": "Tiếng Đức", "es": "Tiếng Tây Ban Nha", "ru": "Tiếng Nga"}

MODELS = {
    "gia-dinh-hoc-tap": "Gia đình học tập", "dong-ho-hoc-tap": "Dòng họ học tập",
    "cong-dong-hoc-tap": "Cộng đồng học tập", "don-vi-hoc-tap": "Đơn vị học tập", "cong-dan-hoc-tap": "Công dân học tập",
}

def label(table: dict[str, str], code: str | None) -> str:
    """The word for a code; an unknown code shows as itself rather than vanishing."""
    if code is None:
        return ""
    return table.get(code, code)
