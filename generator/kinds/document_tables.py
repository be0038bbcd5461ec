"""The download tables of documents: documents, targets and reported results.

Column names are a public interface (people build formulas and joins on
them): ASCII, stable, each with a Vietnamese description shown on the data page.
"""

from __future__ import annotations

from generator import links
from generator.model.hub import Hub
from generator.model.records import Document, Target
from generator.tables import Row, Table, absolute_url, columns, joined, make_table, number, page_url

DOCUMENT_COLUMNS = columns(
    ("id", "Mã định danh cố định của văn bản (chữ thường không dấu); không đổi khi sửa tiêu đề, dùng để nối các bảng."),
    ("url", "Địa chỉ cố định của trang văn bản trên cổng thông tin."),
    ("number", "Số, ký hiệu như in trên văn bản (ví dụ 104/KH-UBND); để trống khi văn bản không có số."),
    ("type", "Loại văn bản: ke-hoach (kế hoạch), cong-van (công văn), quyet-dinh (quyết định), chi-thi (chỉ thị), "
             "nghi-quyet (nghị quyết), nghi-dinh (nghị định), thong-tu (thông tư), luat (luật), ket-luan (kết luận), "
             "huong-dan (hướng dẫn), to-trinh (tờ trình), bao-cao (báo cáo), thong-bao (thông báo), "
             "chuong-trinh (chương trình), de-an (đề án)."),
    ("title", "Trích yếu của văn bản, nguyên văn; để trống nếu chưa biết."),
    ("issuer_name", "Tên cơ quan ban hành như in trên văn bản."),
    ("issuer_body", "Mã cơ quan ban hành trong danh mục cơ quan của cổng; để trống nếu chưa có trong danh mục."),
    ("issuer_level", "Cấp ban hành: trung-uong (trung ương), tinh (tỉnh), thanh-pho (thành phố trực thuộc trung ương), "
                     "huyen (huyện), quan (quận), xa (xã), ban-chi-dao (ban chỉ đạo), hoi (hội), dang (cơ quan Đảng)."),
    ("place", "Địa danh ở dòng ngày tháng của văn bản; để trống nếu không có."),
    ("locality", "Mã địa bàn áp dụng văn bản; để trống nếu văn bản không gắn với một địa bàn."),
    ("date", "Ngày ban hành dạng NNNN-TT-NN (ví dụ 2022-07-04); chỉ có năm (NNNN) khi văn bản chỉ ghi năm; "
             "để trống nếu chưa biết."),
    ("date_precision", "Độ chính xác của ngày ban hành: day (biết đủ ngày, tháng, năm), year (chỉ biết năm); "
                       "để trống nếu chưa biết ngày."),
    ("signer_name", "Họ tên người ký như in trên văn bản; để trống nếu chưa biết."),
    ("period_from", "Năm bắt đầu giai đoạn thực hiện; để trống nếu văn bản không nêu giai đoạn."),
    ("period_to", "Năm kết thúc giai đoạn thực hiện; để trống nếu văn bản không nêu giai đoạn."),
    ("transcription", "Mức độ chép: full (đã chép đầy đủ văn bản), reference (chỉ ghi những gì đã biết về một văn bản "
                      "được trích dẫn)."),
    ("legal_basis_ids", "Mã các văn bản trong kho mà văn bản này lấy làm căn cứ (căn cứ, thực hiện, theo đề nghị), "
                        "cách nhau bằng dấu chấm phẩy (;)."),
    ("cited_by_ids", "Mã các văn bản trong kho lấy văn bản này làm căn cứ, cách nhau bằng dấu chấm phẩy (;)."),
    ("target_count", "Số chỉ tiêu nêu trong văn bản (chi tiết ở bảng Chỉ tiêu)."),
    ("source_file", "Tên tệp nguồn đã dùng để chép văn bản; để trống nếu không có."),
    ("source_url", "Địa chỉ nguồn của văn bản trên mạng; để trống nếu không có."),
)

TARGET_COLUMNS = columns(
    ("id", "Mã định danh cố định của chỉ tiêu (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của chỉ tiêu: trang văn bản kèm neo # và mã chỉ tiêu."),
    ("document_id", "Mã văn bản nêu chỉ tiêu (nối với cột id của bảng Văn bản)."),
    ("document_number", "Số, ký hiệu của văn bản nêu chỉ tiêu; để trống khi văn bản không có số."),
    ("indicator_id", "Mã chỉ số, dùng để so sánh chỉ tiêu giữa các văn bản và địa bàn."),
    ("indicator_name", "Tên chỉ số."),
    ("value", "Giá trị của chỉ tiêu (số, theo đơn vị ở cột unit); để trống khi văn bản không nêu con số."),
    ("comparator", "Phép so sánh: = (đạt đúng), > (trên), >= (từ ... trở lên), < (dưới), <= (không quá)."),
    ("unit", "Đơn vị: percent (phần trăm, %), count (số lượng)."),
    ("verb", "Động từ của chỉ tiêu như văn bản viết (đạt, duy trì, phấn đấu, ...); để trống nếu không có."),
    ("year", "Năm phải đạt chỉ tiêu."),
    ("scope", "Đối tượng, phạm vi áp dụng (ví dụ: người trong độ tuổi lao động); để trống nếu văn bản không nêu."),
    ("group", "Nhóm chỉ tiêu (a, b, c, d) như trong văn bản; để trống nếu không có."),
    ("level", "Mức độ, ví dụ “mức độ 2”; để trống nếu không có."),
    ("locality", "Mã địa bàn của văn bản nêu chỉ tiêu; để trống nếu văn bản không gắn với một địa bàn."),
    ("text", "Câu chữ nguyên văn của chỉ tiêu trong văn bản."),
)

ACTUAL_COLUMNS = columns(
    ("target_id", "Mã chỉ tiêu (nối với cột id của bảng Chỉ tiêu)."),
    ("url", "Địa chỉ cố định của chỉ tiêu trên cổng thông tin."),
    ("year", "Năm của kết quả."),
    ("value", "Giá trị đạt được, cùng đơn vị với chỉ tiêu."),
    ("source", "Nguồn số liệu (văn bản, báo cáo)."),
    ("source_url", "Địa chỉ nguồn số liệu trên mạng; để trống nếu không có."),
)


def document_row(doc: Document, hub: Hub, site_url: str) -> Row:
    return {
        "id": doc.id,
        "url": page_url(site_url, "document", doc.id),
        "number": doc.number,
        "type": doc.type,
        "title": doc.title,
        "issuer_name": doc.issuer.name,
        "issuer_body": doc.issuer.body,
        "issuer_level": doc.issuer.level,
        "place": doc.place,
        "locality": doc.locality,
        "date": doc.date.iso() if doc.date else None,
        "date_precision": ("day" if doc.date.is_full else "year") if doc.date else None,
        "signer_name": doc.signer.name if doc.signer else None,
        "period_from": doc.period.start if doc.period else None,
        "period_to": doc.period.end if doc.period else None,
        "transcription": doc.transcription,
        "legal_basis_ids": joined(b.document for b in doc.legal_bases if b.document),
        "cited_by_ids": joined(sorted(hub.cited_by.get(doc.id, []))),
        "target_count": len(doc.targets),
        "source_file": doc.source.file,
        "source_url": doc.source.url,
    }


def target_row(target: Target, hub: Hub, site_url: str) -> Row:
    doc = hub.documents[target.document_id]
    indicator = hub.indicators.get(target.indicator)
    return {
        "id": target.id,
        "url": absolute_url(site_url, links.target_url(target.document_id, target.id)),
        "document_id": target.document_id,
        "document_number": doc.number,
        "indicator_id": target.indicator,
        "indicator_name": indicator.name if indicator else None,
        "value": number(target.value),
        "comparator": target.comparator,
        "unit": target.unit,
        "verb": target.verb,
        "year": target.year,
        "scope": target.scope,
        "group": target.group,
        "level": target.level,
        "locality": doc.locality,
        "text": target.text,
    }


def actual_rows(target: Target, site_url: str) -> list[Row]:
    """One row per reported result, oldest first, so results need no splitting in a spreadsheet."""
    url = absolute_url(site_url, links.target_url(target.document_id, target.id))
    return [{"target_id": target.id, "url": url, "year": a.year, "value": number(a.value),
             "source": a.source, "source_url": a.url}
            for a in sorted(target.actuals, key=lambda a: a.year)]


def document_tables(hub: Hub, site_url: str) -> tuple[Table, ...]:
    """Documents by id; targets and results by document, then target id."""
    targets = sorted(hub.targets.values(), key=lambda t: (t.document_id, t.id))
    return (
        make_table("documents", "Văn bản", DOCUMENT_COLUMNS,
                   (document_row(hub.documents[i], hub, site_url) for i in sorted(hub.documents))),
        make_table("targets", "Chỉ tiêu", TARGET_COLUMNS, (target_row(t, hub, site_url) for t in targets)),
        make_table("actuals", "Kết quả thực hiện chỉ tiêu", ACTUAL_COLUMNS,
                   (row for t in targets for row in actual_rows(t, site_url))),
    )
