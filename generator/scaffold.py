"""`python -m generator new KIND`: a commented YAML skeleton for a new record.

The skeleton is generated from the record's JSON Schema, so it lists every
field the schema has, in the schema's order, and follows the schema when a
field is added. Required fields are written uncommented with an empty value
(`""`, `[]`, `null`, or a mapping of their own required fields), so that
`check` names exactly what is still to fill; optional fields are commented
out with the schema's description beside them, so an editor sees what exists
and removes the `# ` of what they need. Nothing is invented: what is given on
the command line (title, number, type, date) is the only content written; ids
follow docs/encoding.md (`generator/scaffold_ids.py`).
"""

from __future__ import annotations

import argparse
import os
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator import kinds
from generator.links import reserved_reason
from generator.loader import load_bytes
from generator.scaffold_ids import (Given, ScaffoldError, body_id, check_given, document_id, number_in,
                                    parse_number, slug)
from generator.schemas import bundled, deref, id_pattern, walk_ids
from generator.sources import discover

EXIT_OK = 0
EXIT_ERROR = 1

ID_MAX = 120
WRAP = 96

HEADER = [
    "# Trường không có dấu # ở đầu là bắt buộc: điền vào chỗ \"\", [] hoặc null.",
    "# Trường có dấu # ở đầu là tùy chọn: xóa \"# \" để dùng, hoặc xóa cả dòng nếu không cần.",
    "# Trong một khối mẫu đã chú thích, trường ghi \"bắt buộc\" phải có khi dùng khối đó.",
    "# Hướng dẫn: docs/encoding.md. Điền xong, chạy: python -m generator check",
]


# --- ids ---------------------------------------------------------------------

def resolve_kind(kind: str) -> str:
    """`document` for `document` or `van-ban`, and so on; ScaffoldError for anything else."""
    found = kinds.by_cli_name(kind.strip().lower())
    if found is None:
        creatable = [k for k in kinds.REGISTRY if k.scaffold_names]
        english = ", ".join(k.name for k in creatable)
        vietnamese = ", ".join(name for k in creatable for name in k.scaffold_names)
        raise ScaffoldError(f"loại bản ghi '{kind}' không có; chọn một trong: {english} (hoặc {vietnamese})")
    return found.name


def taken_ids(root: Path) -> dict[str, str]:
    """Every id in use anywhere in the repository -> the file using it.

    Ids are unique across all kinds (they share the checks' namespace), and
    aliases and target ids count too. File names count as well, so a file
    whose content is broken still keeps its name.
    """
    taken: dict[str, str] = {}
    sources, _ = discover(root)
    for source in sources:
        taken.setdefault(source.abspath.stem, source.relpath)
        try:
            raw = source.abspath.read_bytes()
        except OSError:
            continue
        loaded, _ = load_bytes(source.relpath, raw)
        if loaded is None or not isinstance(loaded.data, dict):
            match = re.search(rb"^id:[ \t]*[\"']?([a-z0-9-]+)", raw, re.MULTILINE)
            if match:
                taken.setdefault(match.group(1).decode("ascii"), source.relpath)
            continue
        for role, _, _, ident in walk_ids(source.kind, loaded.data):
            if role == "defines":
                taken.setdefault(ident, source.relpath)
    return taken


def id_problem(kind: str, ident: str) -> str | None:
    """Why `ident` cannot be a new `kind` record's id (form, length, listing address), or None."""
    pattern = id_pattern()
    if not re.fullmatch(pattern["pattern"], ident):
        return (f"mã '{ident}' không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu '-', "
                "không bắt đầu hay kết thúc bằng '-' (ví dụ: kh-104-ubnd-thai-nguyen-2022)")
    if not pattern["minLength"] <= len(ident) <= pattern["maxLength"]:
        return f"mã '{ident}' phải dài từ {pattern['minLength']} đến {pattern['maxLength']} ký tự"
    return reserved_reason(kind, ident)


def base_id(kind: str, title: str | None, today: date, given: Given = Given()) -> str:
    """The id a new record would get before avoiding ids already taken.

    Documents follow docs/encoding.md: `<type code>-<number>-<issuer code>[-<place>]-<year>` when a number is
    given or the title carries one, else `<type code>-<title>-<year>` (the year the date's, else the title's, else
    this year). Bodies abbreviate as ids do (`ubnd-tinh-...`); other kinds are the slug of their name. With
    nothing to make it from: `<section>-moi-YYYYMMDD`.
    """
    if kind == "document" and (slug(title or "") or given.number):
        return document_id(given.type, given.number or number_in(title), title, given.place, given.date, today)
    made = (body_id(title) if kind == "body" else slug(title)) if title else ""
    return made or f"{kinds.get(kind).section}-moi-{today:%Y%m%d}"


def fresh_id(kind: str, base: str, taken: dict[str, str]) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first that is free and allowed for the kind."""
    candidate, n = base, 1
    while candidate in taken or id_problem(kind, candidate):
        n += 1
        suffix = f"-{n}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


# --- the skeleton --------------------------------------------------------------

@dataclass
class _Shape:
    """A schema node reduced to what the skeleton needs."""

    type: str                 # string, integer, number, boolean, array, object
    description: str
    nullable: bool
    enum: list[Any]
    spec: dict[str, Any]      # the resolved node (properties, required, items)
    doc: dict[str, Any]       # the schema document its local refs point into
    ref: str | None           # the local definition it came from, to stop recursion


def _deref(spec: dict[str, Any], doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    """Follow `$ref`s of the bundled schema (generator/schemas.py resolves them, as for validation)."""
    spec, name = deref(spec, doc)
    return spec, doc, name


def _shape(spec: dict[str, Any], doc: dict[str, Any]) -> _Shape:
    spec, doc, ref = _deref(spec, doc)
    description = spec.get("description", "")
    nullable = False
    if "anyOf" in spec or "oneOf" in spec:
        alternatives = spec.get("anyOf") or spec.get("oneOf")
        nullable = any(alt == {"type": "null"} for alt in alternatives)
        real = [alt for alt in alternatives if alt != {"type": "null"}]
        inner = _shape(real[0], doc) if real else _Shape("string", "", True, [], {}, doc, None)
        inner.description = description or inner.description
        inner.nullable = inner.nullable or nullable
        return inner
    kind = spec.get("type")
    if isinstance(kind, list):
        nullable = "null" in kind
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in spec else "array" if "items" in spec else "string"
    return _Shape(kind, description, nullable, list(spec.get("enum", [])), spec, doc, ref)


def _scalar(value: Any) -> str:
    """A value written as YAML, quoted only when needed (`'no'`, not `no`)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9)
    return text.removesuffix("\n...\n").rstrip("\n")


def _choices(shape: _Shape) -> str:
    """" Chọn: a, b, c." for an enum (or a list of one) whose description does not already name every value."""
    values = shape.enum
    many = False
    if shape.type == "array":
        item = _shape(shape.spec.get("items", {}), shape.doc)
        values, many = item.enum, True
    if not values or all(str(v) in shape.description for v in values):
        return ""
    listed = ", ".join(str(v) for v in values)
    return f" Chọn {'một hoặc nhiều' if many else 'một'}: {listed}."


def _comment(shape: _Shape) -> str:
    return " ".join((shape.description + _choices(shape)).split())


def _placeholder(shape: _Shape) -> str:
    if shape.type == "string":
        return '""'
    if shape.type == "array":
        return "[]"
    return "null"


def _item_object(shape: _Shape) -> _Shape | None:
    """The object a list holds, if it holds objects with fields."""
    if shape.type != "array":
        return None
    item = _shape(shape.spec.get("items", {}), shape.doc)
    return item if item.type == "object" and item.spec.get("properties") else None


def _field(name: str, shape: _Shape, indent: int, *, required: bool, in_block: bool,
           value: str | None, stack: tuple[str, ...]) -> list[str]:
    """The lines of one field, uncommented, at `indent` (nested fields carry their description inline)."""
    pad = " " * indent
    note = ""
    if indent:
        words = (["bắt buộc"] if in_block and required else []) + [_comment(shape)]
        note = "  # " + "; ".join(w for w in words if w) if any(words) else ""
    if value is not None:
        return [f"{pad}{name}: {value}{note}"]
    if shape.ref is not None and shape.ref in stack:
        # A recursive definition (an item's child items): one level is shown.
        return [f"{pad}{name}: []{note}"]
    stack = stack + ((shape.ref,) if shape.ref else ())
    if shape.type == "object" and shape.spec.get("properties"):
        # An object to fill: its own fields below it. With no required field of its own it stays
        # empty (null) until one is uncommented, so `check` still names it.
        # Inside a block that will be commented out as a whole, its fields are not commented again.
        return [f"{pad}{name}:{note}"] + _fields(shape, indent + 2, in_block=in_block or not required, stack=stack)
    item = _item_object(shape)
    if item is not None and item.ref is not None and item.ref in stack:
        return [f"{pad}{name}: []{note}"]
    if item is not None:
        # A list of objects: one example entry, its first line marked "- ". A required list that
        # is not in a block keeps its key empty (so `check` names it) and the entry commented out.
        entry = _fields(item, indent + 4, in_block=True, stack=stack + ((item.ref,) if item.ref else ()))
        if entry:
            entry[0] = f"{pad}  - {entry[0][indent + 4:]}"
        if required and not in_block:
            entry = _commented(entry, indent)
        return [f"{pad}{name}:{note}"] + entry
    return [f"{pad}{name}: {_placeholder(shape)}{note}"]


def _commented(lines: list[str], indent: int) -> list[str]:
    """Comment out a block so that deleting each line's `# ` restores it."""
    return [f"{line[:indent]}# {line[indent:]}" for line in lines]


def _fields(shape: _Shape, indent: int, *, in_block: bool, stack: tuple[str, ...],
            values: dict[str, str] | None = None) -> list[str]:
    """The fields of an object, in the schema's order; optional ones commented out unless already in a block."""
    required = set(shape.spec.get("required", []))
    lines: list[str] = []
    for name, spec in shape.spec.get("properties", {}).items():
        child = _shape(spec, shape.doc)
        field_lines = _field(name, child, indent, required=name in required, in_block=in_block,
                             value=(values or {}).get(name), stack=stack)
        if not in_block and name not in required:
            field_lines = _commented(field_lines, indent)
        if indent == 0:
            lines.extend(f"# {line}" for line in textwrap.wrap(_comment(child), WRAP, break_on_hyphens=False, break_long_words=False))
        lines.extend(field_lines)
    return lines


def skeleton(kind: str, ident: str, title: str | None, schema_ref: str, given: Given = Given()) -> str:
    """The text of a new record of `kind` (a document's number, type and date filled in when known)."""
    schema = bundled(kind)
    shape = _Shape("object", schema.get("description", ""), False, [], schema, schema, None)
    values = {"id": _scalar(ident)}
    if title:
        values[kinds.get(kind).title_field] = _scalar(title)
    if kind == "document":
        number = given.number or number_in(title)
        parsed = parse_number(number) if number else None
        doc_type = given.type or (parsed.type if parsed else None)
        for name, value in (("number", number), ("type", doc_type)):
            if value:
                values[name] = _scalar(value)
        if given.date:
            values["date"] = f'"{given.date}"'  # dates quoted, as the guide asks
    lines = [f"# yaml-language-server: $schema={schema_ref}",
             f"# Bản ghi mới: {schema.get('title', kinds.label(kind))}.",
             *HEADER,
             *_fields(shape, 0, in_block=False, stack=(), values=values)]
    return "\n".join(lines) + "\n"


# --- the command -------------------------------------------------------------------

def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = " ".join(unicodedata.normalize("NFC", title).split())
    return title or None


def new_record(root: Path, kind: str, title: str | None = None, ident: str | None = None,
               today: date | None = None, given: Given = Given()) -> Path:
    """Write the skeleton of a new `kind` record under `root` and return its path.

    The id is `ident` when given (it must be valid and free), else made from
    `title` and `given` (a document's number, type, date, place), else
    `<kind>-moi-YYYYMMDD`; a made id already in use anywhere in the repository
    gets `-2`, `-3`, ... The file is named after the id and is never
    overwritten. Raises ScaffoldError for every mistake of the user's.
    """
    kind = resolve_kind(kind)
    root = Path(root)
    today = today or date.today()
    title = _clean_title(title)
    given = check_given(given)
    if kind != "document" and given != Given():
        raise ScaffoldError("--number, --type, --date và --place chỉ dùng cho văn bản (van-ban)")
    if not root.is_dir():
        raise ScaffoldError(f"không có thư mục '{root}'")
    taken = taken_ids(root)
    if ident is not None:
        ident = ident.strip()
        problem = id_problem(kind, ident)
        if problem:
            raise ScaffoldError(problem)
        if ident in taken:
            raise ScaffoldError(f"mã '{ident}' đã được dùng ở {taken[ident]}; hãy chọn mã khác")
    else:
        ident = fresh_id(kind, base_id(kind, title, today, given), taken)
    folder = root / kinds.get(kind).folder
    path = folder / f"{ident}.yml"
    schema_file = root / "schema" / f"{kind}.schema.json"
    schema_ref = Path(os.path.relpath(schema_file, folder)).as_posix()
    text = skeleton(kind, ident, title, schema_ref, given)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(f"tệp {path.relative_to(root).as_posix()} đã có; không ghi đè") from None
    return path


def add_arguments(command: argparse.ArgumentParser) -> None:
    """The arguments of `new` (the caller adds `--root`)."""
    command.add_argument("kind", metavar="LOẠI",
                         help="document, resource, example, body (hoặc van-ban, hoc-lieu, guong-dien-hinh, co-quan)")
    command.add_argument("--title", default=None, help="tiêu đề / tên; mã được tạo từ đây nếu không có --id")
    command.add_argument("--id", default=None, help="mã của bản ghi (chữ thường không dấu, số, dấu '-')")
    command.add_argument("--number", default=None, help="văn bản: số, ký hiệu như in (104/KH-UBND); vào number và mã")
    command.add_argument("--type", default=None, help="văn bản: loại (ke-hoach, quyet-dinh, ... hoặc “Kế hoạch”)")
    command.add_argument("--date", default=None, help="văn bản: ngày ban hành NNNN-TT-NN, NNNN-TT hoặc NNNN; năm vào mã")
    command.add_argument("--place", default=None, help="văn bản: địa danh trong mã (Thái Nguyên -> thai-nguyen)")


def cmd_new(args: argparse.Namespace) -> int:
    """Create a record skeleton; one Vietnamese line and exit 1 for a user's mistake."""
    root = Path(getattr(args, "root", None) or ".")
    try:
        given = Given(*(getattr(args, name, None) for name in ("number", "type", "date", "place")))
        path = new_record(root, args.kind, title=getattr(args, "title", None), ident=getattr(args, "id", None),
                          given=given)
    except ScaffoldError as err:
        print(f"Không tạo được bản ghi: {err}.")
        return EXIT_ERROR
    except OSError as err:
        print(f"Không tạo được bản ghi: không ghi được tệp ({err.strerror or err}).")
        return EXIT_ERROR
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    kind = resolve_kind(args.kind)
    print(f"Đã tạo {kinds.label(kind)} mới: {shown}")
    print("Điền các trường còn trống rồi chạy: python -m generator check")
    return EXIT_OK
