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

#: A body's role in an item, as its badge reads; "" where the document states none.
DUTY_ROLES = {"chu-tri": "Chủ trì", "phoi-hop": "Phối hợp", "thuong-truc": "Thường trực", "bao-cao": "Báo cáo"}

#: The groups of a body's page: what it leads first, then what it supports.
DUTY_GROUPS = {"thuong-truc": "Cơ quan thường trực", "chu-tri": "Chủ trì", "phoi-hop": "Phối hợp",
               "bao-cao": "Báo cáo kết quả", "": "Nhiệm vụ khác (văn bản không nêu vai trò)"}

#: How a document's text was taken, in plain words (the page's "Mức độ chép" and the exports' descriptions).
TRANSCRIPTION = {
    "full": "Chép đầy đủ, nguyên văn",
    "partial": "Chép một phần: nguyên văn, nhưng bản nguồn không đầy đủ (chỗ bị cắt có đánh dấu)",
    "restated": "Diễn đạt lại theo nguồn (cổng thông tin, báo chí), không phải nguyên văn",
    "reference": "Chỉ ghi những gì đã biết về văn bản, chưa có toàn văn",
}

#: An item taken otherwise than its document, as the note beside it reads.
ITEM_TRANSCRIPTION = {"full": "nguyên văn", "partial": "nguyên văn, bản nguồn bị cắt",
                      "restated": "diễn đạt lại theo nguồn, không phải nguyên văn"}

#: A relation as the page of the document in it names it (the hub adds the inverse of each stated relation).
RELATIONS = {
    "issues": "Văn bản ban hành kèm theo", "issued-with": "Ban hành kèm theo",
    "replaces": "Thay thế văn bản", "replaced-by": "Đã được thay thế bởi",
    "amends": "Sửa đổi, bổ sung văn bản", "amended-by": "Được sửa đổi, bổ sung bởi",
    "cites": "Văn bản được nhắc đến trong nội dung", "cited-in": "Được nhắc đến trong",
}

#: What a document itself leaves out (`not_printed`).
NOT_PRINTED = {"number": "số, ký hiệu", "day": "ngày", "month": "tháng", "signer": "người ký"}

#: Roles of an item in its document (sections, and the Điều of a decision).
ITEM_ROLES = {
    "purposes": "Mục đích", "requirements": "Yêu cầu", "viewpoints": "Quan điểm", "goals": "Mục tiêu",
    "general-goal": "Mục tiêu chung", "specific-targets": "Mục tiêu cụ thể", "tasks": "Nhiệm vụ, giải pháp",
    "funding": "Kinh phí", "implementation": "Tổ chức thực hiện", "reporting": "Báo cáo", "other": "Khác",
    "approval": "Phê duyệt", "issuance": "Ban hành kèm theo", "effect": "Hiệu lực", "enforcement": "Trách nhiệm thi hành",
}

#: Themes of indicators (the indicator listing's headings), in the listing's order.
THEMES = {"xoa-mu-chu-pho-cap": "Xóa mù chữ, phổ cập giáo dục", "nang-luc-trinh-do": "Năng lực, trình độ",
          "co-so-giao-duc": "Cơ sở giáo dục", "mo-hinh-hoc-tap": "Mô hình học tập", "khac": "Khác"}

COMPARATORS = {"=": "", ">": "trên ", ">=": "từ ", "<": "dưới ", "<=": "không quá "}

UNITS = {"percent": "%", "count": "", "yes-no": ""}

#: A yes/no target's value (`unit: yes-no`).
YES_NO = {True: "đạt", False: "không đạt"}

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
