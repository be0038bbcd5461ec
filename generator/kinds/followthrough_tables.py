"""Download tables of follow-through: was each target met, every reported result, every deadline.

Statuses are codes in the data (words on the pages, `generator/model/progress.py`), so a spreadsheet can
filter on them; each column says what it holds on the data page.
"""

from __future__ import annotations

from typing import Iterator

from generator import links
from generator.calendars import deadlines
from generator.model.hub import Hub
from generator.model.progress import WORDS, progress
from generator.model.records import Result
from generator.tables import Row, Table, absolute_url, columns, flag, joined, make_table, number, page_url

_STATUSES = ", ".join(f"{code} ({word})" for code, word in WORDS.items())


def _value(value: bool | float | None) -> int | float | str | None:
    return flag(value) if isinstance(value, bool) else number(value)


PROGRESS_COLUMNS = columns(
    ("target_id", "Mã chỉ tiêu (nối với cột id của bảng Chỉ tiêu)."),
    ("url", "Địa chỉ cố định của chỉ tiêu trên cổng thông tin."),
    ("document_id", "Mã văn bản đặt ra chỉ tiêu."),
    ("indicator_id", "Mã chỉ số."),
    ("year", "Năm phải đạt chỉ tiêu."),
    ("target_value", "Giá trị của chỉ tiêu; true/false với chỉ tiêu có/không; để trống khi văn bản không nêu con số."),
    ("comparator", "Phép so sánh của chỉ tiêu: =, >, >=, <, <=."),
    ("unit", "Đơn vị: percent, count, yes-no."),
    ("scope", "Phạm vi của chỉ tiêu; để trống nếu văn bản không nêu."),
    ("status", f"Tình trạng, tính từ phép so sánh và kết quả được báo cáo cho đúng năm và phạm vi: {_STATUSES}."),
    ("result_value", "Kết quả được dùng để đánh giá (cùng năm, cùng phạm vi); để trống nếu chưa có."),
    ("result_document_id", "Mã văn bản (thường là báo cáo) nêu kết quả đó; để trống nếu chưa có."),
    ("result_url", "Địa chỉ của đoạn văn bản nêu kết quả đó; để trống nếu chưa có."),
)

RESULT_COLUMNS = columns(
    ("target_id", "Mã chỉ tiêu được báo cáo (nối với cột id của bảng Chỉ tiêu)."),
    ("document_id", "Mã văn bản nêu kết quả (nối với cột id của bảng Văn bản)."),
    ("url", "Địa chỉ của đoạn văn bản nêu kết quả."),
    ("year", "Năm của kết quả."),
    ("value", "Giá trị; true/false với chỉ tiêu có/không; để trống khi văn bản không nêu con số."),
    ("scope", "Phạm vi của kết quả nếu văn bản nêu."),
    ("text", "Câu chữ của văn bản nêu kết quả."),
)

DEADLINE_COLUMNS = columns(
    ("document_id", "Mã văn bản nêu hạn."),
    ("url", "Địa chỉ phần Thời hạn của văn bản trên cổng thông tin."),
    ("date", "Hạn: NNNN-TT-NN, hoặc NNNN-TT, NNNN khi văn bản chỉ ghi tháng hoặc năm."),
    ("date_precision", "Độ chính xác của hạn: day, month, year."),
    ("recurring", "Hạn lặp lại: yearly (hằng năm), half-yearly (6 tháng), quarterly (quý); để trống nếu không."),
    ("what", "Việc phải xong, nguyên văn."),
    ("bodies", "Mã các cơ quan phải thực hiện, cách nhau bằng dấu chấm phẩy (;)."),
    ("calendar_uid", "Mã sự kiện trong tệp lịch (lich/tat-ca.ics), không đổi giữa các lần xây dựng."),
)


def _result_url(result: Result, site_url: str) -> str:
    return absolute_url(site_url, links.url_for("document", result.document_id) + f"#{result.anchor}")


def progress_row(target_id: str, hub: Hub, site_url: str) -> Row:
    target = hub.targets[target_id]
    state = progress(target, hub)
    result = state.result
    return {
        "target_id": target.id, "url": absolute_url(site_url, links.target_url(target.document_id, target.id)),
        "document_id": target.document_id, "indicator_id": target.indicator, "year": target.year,
        "target_value": _value(target.value), "comparator": target.comparator, "unit": target.unit,
        "scope": target.scope, "status": state.status,
        "result_value": _value(result.value) if result else None,
        "result_document_id": result.document_id if result else None,
        "result_url": _result_url(result, site_url) if result else None,
    }


def followthrough_tables(hub: Hub, site_url: str) -> Iterator[Table]:
    """Progress per target (by document, then id), results (by target, year), deadlines (by date); made one at a
    time as they are asked for."""
    targets = sorted(hub.targets, key=lambda t: (hub.targets[t].document_id, t))
    yield make_table("progress", "Tiến độ thực hiện chỉ tiêu", PROGRESS_COLUMNS,
                     (progress_row(t, hub, site_url) for t in targets))
    results = [r for target in sorted(hub.results) for r in hub.results[target]]
    yield make_table("results", "Kết quả được báo cáo", RESULT_COLUMNS,
                     ({"target_id": r.target, "document_id": r.document_id, "url": _result_url(r, site_url),
                       "year": r.year, "value": _value(r.value), "scope": r.scope, "text": r.text} for r in results))
    yield make_table("deadlines", "Thời hạn", DEADLINE_COLUMNS,
                     ({"document_id": e.document.id,
                       "url": page_url(site_url, "document", e.document.id) + "#thoi-han",
                       "date": e.deadline.date.iso(), "date_precision": e.deadline.date.precision,
                       "recurring": e.deadline.recurring, "what": e.deadline.what,
                       "bodies": joined(e.deadline.bodies), "calendar_uid": e.uid} for e in deadlines(hub)))
