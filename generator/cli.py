"""The command line: `python -m generator <command>`.

Each command is a function taking parsed arguments and returning an exit
code; later commands (build, serve, new) register beside `check`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

from generator.pipeline import check
from generator.progress import Progress
from generator.problems import summary_line
from generator.publish.write import disk_message
from generator import kinds

EXIT_OK = 0
EXIT_CONTENT = 1


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem.format())
    print(summary_line(problems))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content; one line per problem, then a count."""
    try:
        result = check(Path(args.root), jobs=args.jobs)
    except OSError as err:
        print(disk_message(err, "đọc nội dung"))
        return EXIT_CONTENT
    if not result.ok:
        _print_problems(result.problems)
        return EXIT_CONTENT
    counts = Counter(kind for facts in result.facts for _, kind, path in facts.defines if path[-1] == "id")
    order = [kinds.REGISTRY[0].name, *kinds.INNER_KINDS, *(k.name for k in kinds.REGISTRY[1:])]
    listed = ", ".join(f"{counts[kind]} {kinds.label(kind)}" for kind in order)
    print(f"Hợp lệ: {result.files} tệp ({listed}).")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Check, then build the whole site into site/ (published only when complete)."""
    from generator.pipeline import build
    from generator.publish.rules import PublishError

    root = Path(args.root)
    report = Progress(enabled=not args.quiet)
    try:
        result = build(root, Path(args.out) if args.out else None, args.site_url, args.jobs, report=report)
    except PublishError as err:
        report.close()
        print(f"Xây dựng trang thất bại, trang cũ được giữ nguyên: {err}")
        return EXIT_CONTENT
    except OSError as err:
        report.close()
        print(f"{disk_message(err, 'xây dựng trang')} Trang cũ được giữ nguyên.")
        return EXIT_CONTENT
    except KeyboardInterrupt:
        report.close()
        print("Đã dừng xây dựng; trang cũ được giữ nguyên.")
        return 130
    if not result.ok:
        _print_problems(result.problems)
        return EXIT_CONTENT
    print(f"Đã xây dựng trang: {result.pages} trang, {result.redirects} trang chuyển hướng, "
          f"{result.data_files} tệp dữ liệu.")
    for setting in () if args.quiet else result.missing:
        print(f"Lưu ý: mkdocs.yml chưa có {setting}; chân trang không hiển thị mục này.", file=sys.stderr)
    if args.timings:
        for name, seconds in report.timings + result.timings:
            print(f"thời gian: {name}: {seconds:.2f} s", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Live preview: rebuild on every change, reload the browser, show errors on the page."""
    from generator.serve import cmd_serve as serve

    return serve(args)


def cmd_new(args: argparse.Namespace) -> int:
    """A commented skeleton of a new record, with a fresh id, in the right folder."""
    from generator.scaffold import cmd_new as new

    return new(args)


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (cmd_check, "kiểm tra toàn bộ nội dung YAML"),
    "build": (cmd_build, "kiểm tra rồi xây dựng trang tĩnh vào thư mục site/"),
    "new": (cmd_new, "tạo bản ghi mới từ mẫu (" + ", ".join(k.label for k in kinds.REGISTRY if k.scaffold_names) + ")"),
    "serve": (cmd_serve, "xem trước trang khi sửa nội dung (tự xây dựng lại và tải lại trình duyệt)"),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m generator",
                                  description="Trình tạo trang “Xây dựng xã hội học tập”.")
    sub = top.add_subparsers(dest="command", required=True, metavar="LỆNH")
    for name, (func, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("--root", default=".", help="thư mục gốc của kho nội dung (mặc định: thư mục hiện tại)")
        cmd.add_argument("--jobs", type=int, default=None, help="số tiến trình song song (mặc định: số lõi)")
        if name == "new":
            from generator.scaffold import add_arguments as add_new_arguments

            add_new_arguments(cmd)
        if name == "serve":
            from generator.serve import add_arguments as add_serve_arguments

            add_serve_arguments(cmd)
        if name == "build":
            cmd.add_argument("--out", default=None, help="thư mục xuất (mặc định: site/ trong thư mục gốc)")
            cmd.add_argument("--site-url", default=None, help="địa chỉ công bố, ví dụ https://cong-thong-tin/xhht/")
            cmd.add_argument("--quiet", action="store_true", help="không in tiến độ")
            cmd.add_argument("--timings", action="store_true", help="in thời gian của từng bước (cho đo hiệu năng)")
        cmd.set_defaults(func=func)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
