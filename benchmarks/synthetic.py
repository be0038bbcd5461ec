"""Synthetic content trees for benchmarks: realistic shapes, many records."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROVINCES = ["Thái Nguyên", "Cà Mau", "Cần Thơ", "Gia Lai", "Hà Nội", "Nghệ An", "Huế", "Đà Nẵng", "Lào Cai", "Sơn La"]
INDICATORS = ["gia-dinh-hoc-tap", "dong-ho-hoc-tap", "xmc-muc-do-2", "nang-luc-thong-tin", "cong-dan-hoc-tap"]
SENTENCE = ("Tiếp tục đẩy mạnh công tác tuyên truyền, nâng cao nhận thức của cán bộ, đảng viên và nhân dân về "
            "vị trí, vai trò của học tập suốt đời, xây dựng xã hội học tập; phát huy hiệu quả trung tâm học tập cộng đồng.")


def _document(index: int, rng: random.Random) -> str:
    province = rng.choice(PROVINCES)
    year = rng.randint(2021, 2025)
    lines = [
        f"id: kh-{index}-ubnd-synth-{year}",
        "type: ke-hoach",
        f"number: {index}/KH-UBND",
        f"title: Thực hiện Đề án “Xây dựng xã hội học tập” năm {year} trên địa bàn tỉnh {province} số {index}",
        "issuer:",
        "  body: ubnd-synth",
        f"  name: ỦY BAN NHÂN DÂN TỈNH {province.upper()}",
        "  level: tinh",
        f"place: {province}",
        "locality: tinh-synth",
        f"date: \"{year}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}\"",
        "signer:",
        f"  name: Nguyễn Văn {index}",
        "period:",
        f"  from: {year}",
        "  to: 2030",
        "legal_bases:",
        "  - kind: can-cu",
        "    text: Quyết định số 1/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ",
        "    document: qd-1-ttg-2021",
        "sections:",
    ]
    for s in range(1, 5):
        lines += [f"  - label: \"{s}.\"", f"    heading: Phần {s}", "    items:"]
        for i in range(4):
            lines += ["      - label: \"-\"", f"        text: {SENTENCE}"]
            if s == 2 and i < 3:
                lines += ["        targets:",
                          f"          - id: synth-{index}-{i}",
                          f"            indicator: {INDICATORS[i]}",
                          f"            value: {rng.randint(40, 100)}",
                          "            unit: percent",
                          "            verb: phấn đấu",
                          f"            year: {rng.randint(year, 2030)}"]
            if s == 4:
                lines += ["        bodies: [ubnd-synth]", "        responsibility: assigned"]
    lines += ["deadlines:", f"  - date: \"{year}-11-20\"", "    what: Báo cáo kết quả",
              "recipients:", "  - name: Bộ Giáo dục và Đào tạo", "source:", "  file: synthetic.txt"]
    return "\n".join(lines) + "\n"


def make_tree(root: Path, documents: int, seed: int = 1) -> Path:
    """A valid content tree with `documents` plans plus what they reference."""
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    for folder in ("plans", "content/bodies", "content/localities", "content/indicators"):
        (root / folder).mkdir(parents=True)
    (root / "content/localities/tinh-synth.yml").write_text("id: tinh-synth\nname: tỉnh Tổng hợp\nkind: tinh\n", encoding="utf-8")
    (root / "content/bodies/ubnd-synth.yml").write_text(
        "id: ubnd-synth\nname: UBND tỉnh Tổng hợp\nkind: chinh-quyen\nlevel: tinh\nlocality: tinh-synth\n", encoding="utf-8")
    for indicator in INDICATORS:
        (root / f"content/indicators/{indicator}.yml").write_text(
            f"id: {indicator}\nname: Chỉ số {indicator}\nunit: percent\n", encoding="utf-8")
    (root / "plans/qd-1-ttg-2021.yml").write_text(
        "id: qd-1-ttg-2021\ntype: quyet-dinh\ntranscription: reference\nnumber: 1/QĐ-TTg\ntitle: Đề án\n"
        "issuer:\n  name: Thủ tướng Chính phủ\n  level: trung-uong\ndate: \"2021-07-30\"\nsource:\n  note: mẫu\n",
        encoding="utf-8")
    for index in range(2, documents + 1):
        text = _document(index, rng)
        doc_id = text.split("\n", 1)[0].removeprefix("id: ")
        (root / f"plans/{doc_id}.yml").write_text(text, encoding="utf-8")
    return root


def timed_command(root: Path, command: str, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run `python -m generator COMMAND --root ROOT ARGS...` as an editor would; return it and its wall time."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "generator", command, "--root", str(root), *args],
                         cwd=REPO, capture_output=True, text=True)
    return run, time.perf_counter() - start
