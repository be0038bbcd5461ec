"""The editor's guide (a page of the site) explains every command and every kind of error editors meet."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.cli import COMMANDS
from tests.conftest import FIXTURES, REPO

GUIDE = REPO / "content" / "pages" / "huong-dan-bien-tap.yml"

#: One stable fragment per kind of problem `check` reports.
FRAGMENTS = [
    "lỗi cú pháp YAML", "ký tự Tab", "bị lặp", "không có trong mẫu", "thiếu trường bắt buộc", "không được để trống",
    "phải là", "không hợp lệ", "sai dạng", "không có thật", "nằm ngoài khoảng", "nằm ngoài giai đoạn",
    "không tìm thấy", "đã được dùng", "tên tệp", "trùng với đường dẫn của trang lọc", "chỉ gồm chữ số",
    "căn cứ vòng tròn", "dữ liệu cá nhân", "giống số chứng minh nhân dân", "phải có sự đồng ý",
    "địa chỉ phải bắt đầu bằng", "không được phép", "không phải mã UTF-8", "tệp rỗng", "neo và bí danh",
    "tệp quá lớn", "danh sách", "thẻ YAML", "lồng nhau quá sâu", "tên trường phải là chữ", "một bản ghi",
    "nhóm trường", "liên kết tượng trưng", "ký tự điều khiển", "cần đặt trong ngoặc kép", "quá dài",
    "trước năm bắt đầu", "phải có trích yếu", "có phải", "quá ngắn", "không đọc được tệp", "vòng lặp",
    "trong ngoặc kép", "không kèm chữ 'Số:'", "không có mã loại",
]


def _guide_text() -> str:
    return yaml.safe_load(GUIDE.read_text(encoding="utf-8"))["body"]


def test_every_command_is_explained():
    text = _guide_text()
    for command in COMMANDS:
        assert f"python -m generator {command}" in text
    assert "make site" in text and "make test" in text


def test_every_kind_of_error_in_the_bad_input_corpus_is_explained():
    messages = [line.split(": ", 2)[-1] for case in (FIXTURES / "bad").iterdir()
                for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()]
    unexplained = [m for m in messages if not any(f in m for f in FRAGMENTS)]
    assert unexplained == []
    text = _guide_text()
    missing = [f for f in FRAGMENTS if f not in text]
    assert missing == []


def test_guide_is_a_page_of_the_site(built_site: Path):
    html = (built_site / "trang/huong-dan-bien-tap/index.html").read_text(encoding="utf-8")
    assert "<h2>Các lỗi thường gặp và cách sửa</h2>" in html and '<table class="xhht-table xhht-stack">' in html
    assert 'href="../trang/huong-dan-bien-tap/"' in (built_site / "gioi-thieu/index.html").read_text(encoding="utf-8")


def test_every_option_of_new_is_explained():
    """Editors learn `new` from the guide: every option it takes (issue 9: `--id` was never mentioned)."""
    from generator.cli import parser

    text = _guide_text()
    commands = next(a for a in parser()._actions if a.dest == "command")
    new = commands.choices["new"]
    options = [o for action in new._actions for o in action.option_strings if o.startswith("--") and o != "--help"]
    assert {"--title", "--id", "--number", "--type", "--date", "--place"} <= set(options)
    assert [o for o in options if f"`{o}" not in text] == []
