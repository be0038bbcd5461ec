"""The download tables of documents: documents, their sources, targets, reported results and duties.

Column names are a public interface (people build formulas and joins on
them): ASCII, stable, each with a Vietnamese description shown on the data page.
"""

from __future__ import annotations

from typing import Iterator

from generator import labels, links
from generator.model.hub import Hub, iter_items
from generator.model.records import Document, Target
from generator.tables import Row, Table, absolute_url, columns, flag, joined, make_table, number, page_url

#: Relation columns of the documents table: column -> the relation as the document's page names it.
_SEPARATED = ", cách nhau bằng dấu chấm phẩy (;)"
RELATION_COLUMNS = {
    "issued_with_ids": ("issued-with", "Mã văn bản trong kho mà văn bản này được ban hành kèm theo "
                                       "(ví dụ quyết định ban hành kế hoạch)."),
    "issues_ids": ("issues", f"Mã các văn bản trong kho được ban hành kèm theo văn bản này{_SEPARATED}."),
    "replaces_ids": ("replaces", f"Mã các văn bản trong kho mà văn bản này thay thế{_SEPARATED}."),
    "replaced_by_ids": ("replaced-by", f"Mã các văn bản trong kho thay thế văn bản này{_SEPARATED}."),
    "amends_ids": ("amends", f"Mã các văn bản trong kho mà văn bản này sửa đổi, bổ sung{_SEPARATED}."),
    "amended_by_ids": ("amended-by", f"Mã các văn bản trong kho sửa đổi, bổ sung văn bản này{_SEPARATED}."),
    "cites_ids": ("cites", f"Mã các văn bản trong kho được nhắc đến trong nội dung văn bản này (không phải căn "
                           f"cứ){_SEPARATED}."),
    "cited_in_ids": ("cited-in", f"Mã các văn bản trong kho nhắc đến văn bản này trong nội dung (không phải căn "
                                 f"cứ){_SEPARATED}."),
}

_LEVELS = "; ".join(f"{code} ({text[0].lower() + text[1:]})" for code, text in labels.TRANSCRIPTION.items())

DOCUMENT_COLUMNS = columns(
    ("id", "Mã định danh cố định của văn bản (chữ thường không dấu); không đổi khi sửa tiêu đề, dùng để nối các bảng."),
    ("url", "Địa chỉ cố định của trang văn bản trên cổng thông tin."),
    ("number", "Số, ký hiệu như in trên văn bản (ví dụ 104/KH-UBND); để trống khi văn bản không có số hoặc khi chưa "
               "rõ số (cột not_printed cho biết trường hợp nào)."),
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
    ("date_precision", "Độ chính xác của ngày ban hành: day (biết đủ ngày, tháng, năm), month (biết tháng, năm; "
                       "cột date dạng NNNN-TT), year (chỉ biết năm); để trống nếu chưa biết ngày."),
    ("signer_name", "Họ tên người ký như in trên văn bản; để trống nếu chưa biết."),
    ("period_from", "Năm bắt đầu giai đoạn thực hiện; để trống nếu văn bản không nêu giai đoạn."),
    ("period_to", "Năm kết thúc giai đoạn thực hiện; để trống nếu văn bản không nêu giai đoạn."),
    ("transcription", f"Mức độ chép: {_LEVELS}."),
    ("legal_basis_ids", "Mã các văn bản trong kho mà văn bản này lấy làm căn cứ (căn cứ, thực hiện, theo đề nghị), "
                        "cách nhau bằng dấu chấm phẩy (;)."),
    ("cited_by_ids", "Mã các văn bản trong kho lấy văn bản này làm căn cứ, cách nhau bằng dấu chấm phẩy (;)."),
    ("target_count", "Số chỉ tiêu nêu trong văn bản (chi tiết ở bảng Chỉ tiêu)."),
    ("source_file", "Tên tệp nguồn đã dùng để chép văn bản (nhiều tệp cách nhau bằng dấu chấm phẩy); để trống nếu "
                    "không có. Chi tiết từng nguồn ở bảng Nguồn của văn bản."),
    ("source_url", "Địa chỉ nguồn của văn bản trên mạng (nhiều địa chỉ cách nhau bằng dấu chấm phẩy); để trống nếu "
                   "không có."),
    ("not_printed", "Những gì chính văn bản không ghi, cách nhau bằng dấu chấm phẩy: number (không có số), day (không "
                    "ghi ngày), month (không ghi tháng), signer (không có người ký). Ô trống ở cột number, date, "
                    "signer_name mà không nêu ở đây nghĩa là chưa rõ."),
    ("issuing_authority", "Dòng thẩm quyền ban hành của quyết định, nguyên văn (ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...); "
                          "để trống nếu không có."),
    ("effective_date", "Ngày có hiệu lực (NNNN-TT-NN, NNNN-TT hoặc NNNN): ngày văn bản ghi, hoặc ngày ban hành khi văn "
                       "bản có hiệu lực kể từ ngày ký; để trống nếu văn bản không nêu hoặc chưa rõ."),
    ("effective_from_signing", "true khi văn bản ghi có hiệu lực kể từ ngày ký; false khi ghi khác; để trống nếu văn "
                               "bản không nêu hiệu lực."),
    *((name, description) for name, (_, description) in RELATION_COLUMNS.items()),
)

SOURCE_COLUMNS = columns(
    ("document_id", "Mã văn bản (nối với cột id của bảng Văn bản)."),
    ("position", "Số thứ tự của nguồn trong văn bản (1, 2, ...); mục văn bản có thể ghi lấy câu chữ từ nguồn số mấy."),
    ("file", "Tên tệp nguồn; để trống nếu không có."),
    ("url", "Địa chỉ nguồn trên mạng; để trống nếu không có."),
    ("title", "Tên trang hoặc tài liệu nguồn; để trống nếu không ghi."),
    ("accessed", "Ngày truy cập nguồn (NNNN-TT-NN); để trống nếu không ghi."),
    ("took", "Đã lấy gì từ nguồn này (ví dụ toàn văn; phần I-II nguyên văn); để trống nếu không ghi."),
    ("note", "Ghi chú về nguồn; để trống nếu không có."),
)

DUTY_COLUMNS = columns(
    ("document_id", "Mã văn bản giao nhiệm vụ (nối với cột id của bảng Văn bản)."),
    ("url", "Địa chỉ cố định của mục văn bản giao nhiệm vụ (trang văn bản kèm neo #)."),
    ("body_id", "Mã cơ quan được giao hoặc được đề nghị."),
    ("responsibility", "assigned (được giao) hoặc requested (được đề nghị, với cơ quan không trực thuộc)."),
    ("role", "Vai trò văn bản nêu: chu-tri (chủ trì), phoi-hop (phối hợp), thuong-truc (cơ quan thường trực), "
             "bao-cao (phải báo cáo kết quả); để trống nếu văn bản không nêu vai trò."),
    ("item_label", "Ký hiệu của mục như in trên văn bản (1., a), -); để trống nếu không có."),
    ("item_heading", "Tiêu đề của mục; để trống nếu không có."),
)

TARGET_COLUMNS = columns(
    ("id", "Mã định danh cố định của chỉ tiêu (chữ thường không dấu)."),
    ("url", "Địa chỉ cố định của chỉ tiêu: trang văn bản kèm neo # và mã chỉ tiêu."),
    ("document_id", "Mã văn bản nêu chỉ tiêu (nối với cột id của bảng Văn bản)."),
    ("document_number", "Số, ký hiệu của văn bản nêu chỉ tiêu; để trống khi văn bản không có số."),
    ("indicator_id", "Mã chỉ số, dùng để so sánh chỉ tiêu giữa các văn bản và địa bàn."),
    ("indicator_name", "Tên chỉ số."),
    ("value", "Giá trị của chỉ tiêu (số, theo đơn vị ở cột unit); để trống khi văn bản không nêu con số, và với chỉ "
              "tiêu có/không (xem cột yes_no)."),
    ("comparator", "Phép so sánh: = (đạt đúng), > (trên), >= (từ ... trở lên), < (dưới), <= (không quá)."),
    ("unit", "Đơn vị: percent (phần trăm, %), count (số lượng), yes-no (chỉ tiêu có/không, ví dụ được công nhận "
             "danh hiệu)."),
    ("verb", "Động từ của chỉ tiêu như văn bản viết (đạt, duy trì, phấn đấu, ...); để trống nếu không có."),
    ("year", "Năm phải đạt chỉ tiêu."),
    ("scope", "Đối tượng, phạm vi áp dụng (ví dụ: người trong độ tuổi lao động); để trống nếu văn bản không nêu."),
    ("group", "Nhóm chỉ tiêu (a, b, c, d) như trong văn bản; để trống nếu không có."),
    ("level", "Mức độ, ví dụ “mức độ 2”; để trống nếu không có."),
    ("locality", "Mã địa bàn của văn bản nêu chỉ tiêu; để trống nếu văn bản không gắn với một địa bàn."),
    ("text", "Câu chữ nguyên văn của chỉ tiêu trong văn bản (cột text_transcription cho biết khi câu chữ không phải "
             "nguyên văn)."),
    ("yes_no", "Với chỉ tiêu có/không (unit yes-no): true (đạt) hoặc false; để trống với chỉ tiêu bằng số hoặc khi "
               "văn bản không nêu."),
    ("part_of", "Mã chỉ tiêu (cùng văn bản) mà chỉ tiêu này là một phần (“70% ..., trong đó 60% ...”); để trống nếu "
                "không có."),
    ("text_transcription", f"Câu chữ ở cột text được chép thế nào: {_LEVELS}."),
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
        "date_precision": doc.date.precision if doc.date else None,
        "signer_name": doc.signer.name if doc.signer else None,
        "period_from": doc.period.start if doc.period else None,
        "period_to": doc.period.end if doc.period else None,
        "transcription": doc.transcription,
        "legal_basis_ids": joined(b.document for b in doc.legal_bases if b.document),
        "cited_by_ids": joined(sorted(hub.cited_by.get(doc.id, []))),
        "target_count": len(doc.targets),
        "source_file": joined(s.file for s in doc.source if s.file) or None,
        "source_url": joined(s.url for s in doc.source if s.url) or None,
        "not_printed": joined(doc.not_printed) or None,
        "issuing_authority": doc.issuing_authority,
        "effective_date": effective_date(doc),
        "effective_from_signing": flag(doc.effective.from_signing) if doc.effective else None,
        **{name: joined(hub.related_to(doc.id, relation)) or None for name, (relation, _) in RELATION_COLUMNS.items()},
    }


def effective_date(doc: Document) -> str | None:
    """The date it takes effect, as the document gives it (its own date when effective on signing)."""
    if doc.effective is None:
        return None
    date = doc.effective.date or (doc.date if doc.effective.from_signing else None)
    return date.iso() if date else None


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
        "value": None if isinstance(target.value, bool) else number(target.value),
        "comparator": target.comparator,
        "unit": target.unit,
        "verb": target.verb,
        "year": target.year,
        "scope": target.scope,
        "group": target.group,
        "level": target.level,
        "locality": doc.locality,
        "text": target.text,
        "yes_no": flag(target.value) if isinstance(target.value, bool) else None,
        "part_of": target.part_of,
        "text_transcription": target.transcription,
    }


def actual_rows(target: Target, site_url: str) -> list[Row]:
    """One row per reported result, oldest first, so results need no splitting in a spreadsheet."""
    url = absolute_url(site_url, links.target_url(target.document_id, target.id))
    return [{"target_id": target.id, "url": url, "year": a.year, "value": number(a.value),
             "source": a.source, "source_url": a.url}
            for a in sorted(target.actuals, key=lambda a: a.year)]


def source_rows(doc: Document) -> list[Row]:
    """One row per source, in the document's order (items name them by this position)."""
    return [{"document_id": doc.id, "position": index, "file": s.file, "url": s.url, "title": s.title,
             "accessed": s.accessed.iso() if s.accessed else None, "took": s.took, "note": s.note}
            for index, s in enumerate(doc.source, 1)]


def duty_rows(doc: Document, site_url: str) -> list[Row]:
    """One row per (item, body), in document order."""
    page = links.url_for("document", doc.id)
    return [{"document_id": doc.id, "url": absolute_url(site_url, f"{page}#{item.anchor}"),
             "body_id": body, "responsibility": item.responsibility or "assigned", "role": item.role_of(body) or None,
             "item_label": item.label, "item_heading": item.heading}
            for item in iter_items(doc.sections) for body in item.bodies]


def document_tables(hub: Hub, site_url: str) -> Iterator[Table]:
    """Documents by id (their sources and duties in document order); targets and results by document, then target id.

    Made one at a time as they are asked for: a build writes each table's files and lets it go before the next.
    """
    targets = sorted(hub.targets.values(), key=lambda t: (t.document_id, t.id))
    ids = sorted(hub.documents)
    yield make_table("documents", "Văn bản", DOCUMENT_COLUMNS,
                     (document_row(hub.documents[i], hub, site_url) for i in ids))
    yield make_table("targets", "Chỉ tiêu", TARGET_COLUMNS, (target_row(t, hub, site_url) for t in targets))
    yield make_table("actuals", "Kết quả thực hiện chỉ tiêu", ACTUAL_COLUMNS,
                     (row for t in targets for row in actual_rows(t, site_url)))
    yield make_table("document_sources", "Nguồn của văn bản", SOURCE_COLUMNS,
                     (row for i in ids for row in source_rows(hub.documents[i])))
    yield make_table("duties", "Nhiệm vụ của các cơ quan", DUTY_COLUMNS,
                     (row for i in ids for row in duty_rows(hub.documents[i], site_url)))
