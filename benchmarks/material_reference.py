"""The reference for build benchmarks: mkdocs-material alone, building the same documents as Markdown.

Every document of a corpus's plans/ becomes one Markdown page (title, a metadata list, its sections and
items as headings, paragraphs and lists at their depth, its targets as a table), plus an index page
linking them all; then `mkdocs build` runs as a subprocess with a minimal configuration (Material, in
Vietnamese, with its search plugin). The menu is fixed (the index only), as the hub's is: with MkDocs'
automatic menu every page would list every other page and the build would grow quadratically.

Reported: pages, wall seconds of `mkdocs build`, milliseconds per page, and the peak resident memory of
that one subprocess (its own rusage from wait4, not the maximum over all children of this process).

Usage: python benchmarks/material_reference.py CORPUS_DIR [--work DIR]   (default: a temporary directory)
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

TYPES = {
    "ke-hoach": "Kế hoạch", "cong-van": "Công văn", "quyet-dinh": "Quyết định", "chi-thi": "Chỉ thị",
    "nghi-quyet": "Nghị quyết", "nghi-dinh": "Nghị định", "thong-tu": "Thông tư", "luat": "Luật",
    "ket-luan": "Kết luận", "huong-dan": "Hướng dẫn", "to-trinh": "Tờ trình", "bao-cao": "Báo cáo",
    "thong-bao": "Thông báo", "chuong-trinh": "Chương trình", "de-an": "Đề án",
}
BASES = {"can-cu": "Căn cứ", "thuc-hien": "Thực hiện", "de-nghi": "Theo đề nghị", "khac": "Liên quan"}
CONFIG = """site_name: Xây dựng xã hội học tập (tham chiếu mkdocs-material)
docs_dir: docs
site_dir: site
theme:
  name: material
  language: vi
plugins:
  - search
nav:
  - Văn bản: index.md
validation:
  nav:
    omitted_files: ignore
"""
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: Any) -> str:
    """Plain text as Markdown that shows it as written (no emphasis, links, HTML or table cells from it)."""
    return _SPECIAL.sub(r"\\\1", str(text))


def title_of(doc: dict[str, Any]) -> str:
    return doc.get("title") or doc.get("number") or doc["id"]


def _paragraphs(text: str, indent: str) -> list[str]:
    return [f"{indent}{md(p)}" for p in text.split("\n\n")]


def body_ids(item: dict[str, Any]) -> list[str]:
    """An item's body ids (an entry is an id, or `{body, role}` where the document states the role)."""
    return [b["body"] if isinstance(b, dict) else b for b in item.get("bodies", [])]


def _items(items: list[dict[str, Any]], depth: int, lines: list[str], targets: list[dict[str, Any]]) -> None:
    """An item with a heading becomes a heading (h2 at the top, at most h6); one without, a list item."""
    for item in items:
        label = item.get("label", "")
        targets.extend(item.get("targets", []))
        if "heading" in item or depth == 0:
            head = f"{label} {item.get('heading', '')}".strip() or "—"
            lines += ["", f"{'#' * min(depth + 2, 6)} {md(head)}", ""]
            if "text" in item:
                lines += [line for p in _paragraphs(item["text"], "") for line in (p, "")]
            if item.get("bodies"):
                lines += [f"*Cơ quan thực hiện:* {', '.join(md(b) for b in body_ids(item))}", ""]
            _items(item.get("items", []), depth + 1, lines, targets)
        else:  # nested lists are indented by the caller
            paragraphs = _paragraphs(item["text"], "    ") if "text" in item else [""]
            mark = f"**{md(label)}** " if label not in ("", "-", "+") else ""
            lines.append(f"- {mark}{paragraphs[0].strip()}".rstrip())
            for paragraph in paragraphs[1:]:
                lines += ["", paragraph]
            if item.get("bodies"):
                lines += ["", f"    *Cơ quan thực hiện:* {', '.join(md(b) for b in body_ids(item))}"]
            if item.get("items"):
                sub: list[str] = []
                _items(item["items"], depth + 1, sub, targets)
                lines += ["", *(f"    {line}" if line else "" for line in sub)]
            lines.append("")


def document_markdown(doc: dict[str, Any], known: set[str]) -> str:
    """One document as one Markdown page; legal bases link to the documents of the corpus they cite."""
    lines = [f"# {md(title_of(doc))}", ""]
    meta = [("Loại văn bản", TYPES.get(doc.get("type"), doc.get("type"))), ("Số, ký hiệu", doc.get("number")),
            ("Cơ quan ban hành", (doc.get("issuer") or {}).get("name")), ("Nơi ban hành", doc.get("place")),
            ("Ngày ban hành", doc.get("date")), ("Địa bàn", doc.get("locality"))]
    signer = doc.get("signer") or {}
    if signer:
        meta.append(("Người ký", " / ".join([*signer.get("lines", []), signer.get("name") or "chưa rõ"])))
    if doc.get("period"):
        meta.append(("Giai đoạn", f"{doc['period']['from']}–{doc['period']['to']}"))
    lines += [f"- **{name}:** {md(value)}" for name, value in meta if value]
    if doc.get("legal_bases"):
        lines += ["", "## Căn cứ", ""]
        for basis in doc["legal_bases"]:
            text = md(basis["text"])
            if basis.get("document") in known:
                text = f"[{text}]({basis['document']}.md)"
            lines.append(f"- {BASES.get(basis['kind'], basis['kind'])}: {text}")
    if doc.get("preamble"):
        lines += ["", *[line for p in _paragraphs(doc["preamble"], "") for line in (p, "")]]
    targets: list[dict[str, Any]] = []
    _items(doc.get("sections", []), 0, lines, targets)
    if targets:
        lines += ["", "## Chỉ tiêu", "", "| Mã | Chỉ số | Giá trị | Năm | Phạm vi |", "|---|---|---|---|---|"]
        for t in targets:
            value = "chưa nêu" if t["value"] is None else f"{t.get('comparator', '')}{t['value']:g}" + (
                "%" if t["unit"] == "percent" else "")
            cells = [md(t["id"]), md(t["indicator"]), md(value), str(t["year"]), md(t.get("scope", ""))]
            lines.append(f"| {' | '.join(cells)} |")
    if doc.get("deadlines"):
        lines += ["", "## Thời hạn", ""] + [f"- {md(d['date'])}: {md(d['what'])}" for d in doc["deadlines"]]
    for field, heading in (("addressees", "Kính gửi"), ("recipients", "Nơi nhận")):
        if doc.get(field):
            lines += ["", f"## {heading}", ""] + [f"- {md(r['name'])}" for r in doc[field]]
    return "\n".join(lines) + "\n"


def write_docs(corpus_root: Path, docs: Path) -> int:
    """The Markdown pages of every document of the corpus, and the index; returns the number of pages."""
    loaded = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in sorted((corpus_root / "plans").glob("*.yml"))]
    known = {doc["id"] for doc in loaded}
    (docs / "van-ban").mkdir(parents=True)
    index = ["# Văn bản", ""]
    for doc in loaded:
        (docs / "van-ban" / f"{doc['id']}.md").write_text(document_markdown(doc, known), encoding="utf-8")
        index.append(f"- [{md(title_of(doc))}](van-ban/{doc['id']}.md) ({md(doc.get('number') or 'không số')})")
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return len(loaded) + 1


def reference_build(corpus_root: Path, work: Path) -> dict[str, float]:
    """Write the pages into `work`/docs, build them with mkdocs-material into `work`/site, measure the build."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    if (work / "docs").exists() or (work / "site").exists():
        raise SystemExit(f"{work} already holds docs/ or site/; give an empty directory")
    pages = write_docs(Path(corpus_root), work / "docs")
    (work / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(work / "mkdocs.log", "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                                 str(work / "mkdocs.yml")], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}): {(work / 'mkdocs.log').read_text()[-2000:]}")
    peak_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KB on Linux
    return {"pages": pages, "seconds": round(seconds, 2), "ms_per_page": round(seconds / pages * 1000, 2),
            "peak_mb": round(peak_kb / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a content tree (benchmarks/corpus.py makes large ones)")
    parser.add_argument("--work", type=Path, default=None, help="where to write docs/ and site/ (default: temporary)")
    args = parser.parse_args(argv)
    if args.work is not None:
        result = reference_build(args.corpus, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="material-reference-") as tmp:
            result = reference_build(args.corpus, Path(tmp))
    print(f"mkdocs-material reference: {result['pages']} pages in {result['seconds']:.2f} s, "
          f"{result['ms_per_page']:.2f} ms/page, peak RSS {result['peak_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
