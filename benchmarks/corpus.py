"""Realistic scale corpora for benchmarks, built from the repository's own content.

A corpus is a copy of the bundled tree (plans/, content/, schema/, theme/, mkdocs.yml) plus N documents
made from the five full transcriptions, round-robin. Each gets a new id, number, date, signer and place:
one of several hundred generated localities (provinces, districts, communes), issued by one of several
hundred generated bodies of that place, with its duties, deadlines and recipients pointing at bodies of
the same place. Half of its leaf items take the wording of items of the other real documents. Legal
bases keep citing the national reference documents, so their backlinks grow as they do in reality.

Usage: python benchmarks/corpus.py OUT_DIR N [--seed S]     (same N and seed -> byte-identical files)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus_names import Place, locality_record, make_places, person, slug  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
COPIED = ("plans", "content", "schema", "theme", "mkdocs.yml")
MARKER = ".benchmark-corpus"
#: The five full transcriptions: id -> (level of the places it is re-issued for, its place, its province).
SOURCES = {
    "kh-104-ubnd-thai-nguyen-2022": ("tinh", "Thái Nguyên", None),
    "kh-158-bcd-nam-tu-liem-2021": ("quan", "Nam Từ Liêm", "Hà Nội"),
    "kh-bcd-can-tho-2024": ("thanh-pho", "Cần Thơ", None),
    "kh-bcd-xhht-phu-tan-2022": ("huyen", "Phú Tân", "Cà Mau"),
    "cv-1132-ubnd-vx-kbang-2021": ("huyen", "Kbang", "Gia Lai"),
}
#: How many places of each level get bodies and issue documents (thanh-pho: the four other cities).
POOLS = {"tinh": 8, "quan": 8, "huyen": 16}
HEADER = "# yaml-language-server: $schema=../{}schema/{}.schema.json\n"
LAST_YEAR = 2026
_YEAR = re.compile(r"(?<![/\d])20\d\d(?!\d)")  # a year, not the year of a date such as 25/5/2021


# --- a small YAML emitter: PyYAML's (even libyaml's) is the slowest part at 10,000 documents ---------

_PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_LINE = re.compile(f"[{_PRINTABLE}]*")
_NOT_PRINTABLE = re.compile(f"[^{_PRINTABLE}]")
_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`.+~=<\\ ")
_NUMBERISH = re.compile(r"[0-9a-fA-FoOxXtTzZ_:.+\- ]*")  # could read as a number or a date
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


@lru_cache(maxsize=1 << 16)
def _text(value: str) -> str | None:
    """A string as a one-line scalar (plain when it reads back as the same string), or None for a |- block."""
    if ("\n" in value and not value.startswith((" ", "\n")) and not value.endswith(("\n", " "))
            and all(_LINE.fullmatch(line) for line in value.split("\n"))):
        return None
    if (value and value[0] not in _UNSAFE_START and value[-1] not in " :" and ": " not in value
            and " #" not in value and not ("0" <= value[0] <= "9" and _NUMBERISH.fullmatch(value))
            and value.lower() not in _RESERVED and _LINE.fullmatch(value)):
        return value
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _inline(value: Any) -> str | None:
    """The one-line form of a value, or None if it needs a block (non-empty mapping or list, paragraphs)."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is dict or kind is list:
        return None if value else "{}" if kind is dict else "[]"
    if kind is float and "e" in repr(value) and "." not in repr(value):
        return repr(value).replace("e", ".0e")  # YAML 1.1 reads 1e+16 as text, 1.0e+16 as a number
    return "null" if value is None else ("true" if value else "false") if kind is bool else repr(value)


def _emit(value: Any, indent: int, lines: list[str], prefix: str) -> None:
    """A block `value` after `prefix` (`key:`, `-` or nothing at the top); its children go at `indent`."""
    pad = " " * indent
    if type(value) is dict:
        lines.extend([prefix] if prefix else [])
        for key, child in value.items():
            if (line := _inline(child)) is None:
                _emit(child, indent + 2, lines, f"{pad}{key}:")
            else:
                lines.append(f"{pad}{key}: {line}")
    elif type(value) is list:
        lines.extend([prefix] if prefix else [])
        for child in value:
            if type(child) is dict and child:
                start = len(lines)
                _emit(child, indent + 2, lines, "")
                lines[start] = f"{pad}- {lines[start][indent + 2:]}"
            elif (line := _inline(child)) is None:
                _emit(child, indent + 2, lines, f"{pad}-")
            else:
                lines.append(f"{pad}- {line}")
    else:  # text of several lines
        lines.append(f"{prefix} |-")
        lines.extend(f"{pad}{line}" if line else "" for line in value.split("\n"))


def dump(data: dict[str, Any], header: str) -> str:
    lines: list[str] = []
    _emit(data, 0, lines, "")
    return header + "\n".join(lines) + "\n"


# --- places and bodies ----------------------------------------------------------------------------

class Replacer:
    """The place names of the five real documents -> the names of one generated place."""

    def __init__(self, place: Place):
        table = {}
        for level, town, province in SOURCES.values():
            table[town] = place.province.name if level in ("tinh", "thanh-pho") else place.name
            table |= {province: place.province.name} if province else {}
        self.table = table | {old.upper(): new.upper() for old, new in table.items()}
        self.pattern = re.compile("|".join(re.escape(k) for k in sorted(self.table, key=len, reverse=True)))

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.table[m.group()], text)


def claim(ident: str, taken: set[str]) -> str:
    """`ident`, or else the first of `ident-2`, `ident-3`, ... not yet taken; taken from now on."""
    candidate, n = ident, 1
    while candidate in taken:
        n += 1
        candidate = f"{ident}-{n}"
    taken.add(candidate)
    return candidate


def walk(items: list[dict[str, Any]]):
    for item in items:
        yield item
        yield from walk(item.get("items", []))


def body_ids(item: dict[str, Any]) -> list[str]:
    """An item's body ids: each entry is an id, or `{body, role}` where the document states the body's role."""
    return [b["body"] if isinstance(b, dict) else b for b in item.get("bodies", [])]


def year_end(date: str) -> dt.date:
    """The last day a partial date (`2024`, `2021-12`, `2022-07-04`) may stand for."""
    if len(date) == 10:
        return dt.date.fromisoformat(date)
    if len(date) == 7:
        year, month = map(int, date.split("-"))
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(int(date), 12, 31)


def load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


@dataclass
class Source:
    """One real document and what its re-issues need of it."""

    data: dict[str, Any]
    level: str
    slug: str            # its place in body ids: so-gddt-<slug>
    province_slug: str   # its province in body ids: ubnd-tinh-<province_slug>
    bases: list[dict[str, Any]]  # its legal bases citing national documents (or none)
    first_day: dt.date   # the day after the latest of those
    body_refs: list[str]
    leaves: list[str]    # texts of its items without sub-items or targets

    @classmethod
    def read(cls, plans: dict[str, dict[str, Any]], ident: str) -> Source:
        level, town, province = SOURCES[ident]
        data = plans[ident]
        bases = [b for b in data.get("legal_bases", [])
                 if "document" not in b or plans[b["document"]].get("locality") in (None, "viet-nam")]
        cited = [plans[b["document"]]["date"] for b in bases if "document" in b]
        latest = max(year_end(d) for d in cited)
        refs = [data["issuer"]["body"]] + [b for item in walk(data["sections"]) for b in body_ids(item)]
        refs += [b for d in data.get("deadlines", []) for b in d.get("bodies", [])]
        refs += [r["body"] for field in ("addressees", "recipients") for r in data.get(field, []) if "body" in r]
        leaves = [i["text"] for i in walk(data["sections"]) if "text" in i and "items" not in i and "targets" not in i]
        return cls(data, level, slug(town), slug(province or town), bases, latest + dt.timedelta(days=1),
                   list(dict.fromkeys(refs)), leaves)


class Bodies:
    """Bodies of the generated places, made from the real bodies the five documents name."""

    def __init__(self, root: Path, taken: set[str]):
        self.real = {p.stem: load(p) for p in sorted((root / "content/bodies").glob("*.yml"))}
        self.taken = taken
        self.made: dict[str, dict[str, Any]] = {}

    def map(self, ident: str, source: Source, place: Place) -> str:
        """The place's counterpart of a real body of `source` (a national body stays itself)."""
        for suffix, where in ((source.slug, place), (source.province_slug, place.province)):
            if ident.endswith("-" + suffix):
                new = f"{ident[:-len(suffix)]}{where.slug}"
                if new not in self.made and new not in self.taken:  # taken: a bundled body, the same one
                    self._make(self.real[ident], new, source, place, where)
                return new
        return ident

    def _make(self, real: dict[str, Any], new: str, source: Source, place: Place, where: Place) -> None:
        record: dict[str, Any] = {"id": new}
        self.made[new] = record
        replace = Replacer(place)
        for key in ("name", "short_name", "kind", "level", "locality", "parent", "successor_note", "description"):
            value = real.get(key)
            if value is None or (key == "successor_note" and "chính quyền địa phương cấp" not in value):
                continue  # the notes on merged provinces are true of the real province only
            record[key] = (value if key in ("kind", "level") else self.map(value, source, place) if key == "parent"
                           else (value if value == "viet-nam" else where.id) if key == "locality" else replace(value))


# --- documents --------------------------------------------------------------------------------------

class Document:
    """One generated document: the source's data re-issued for `place` in `year`."""

    def __init__(self, maker: Documents, index: int):
        self.rng = rng = random.Random(f"{maker.seed}/{index}")
        self.source = source = maker.sources[index % len(maker.sources)]
        self.others = maker.others[index % len(maker.sources)]
        self.place = rng.choice(maker.pools[source.level])
        self.replace, self.bodies = maker.replacers[self.place.id], maker.bodies
        data = source.data
        self.year = rng.randint(max(2019, source.first_day.year), LAST_YEAR)
        self.delta = self.year - int(data["date"][:4])
        self.years = set(range(data["period"]["from"], data["period"]["to"] + 1)) if data.get("period") else set()
        self.number = data["number"] and re.sub(r"^\d+", str(rng.randint(12, 2999)), data["number"])
        ident = data["id"].replace(f"-{source.slug}-", f"-{self.place.slug}-").removesuffix(data["date"][:4])
        if self.number:
            ident = ident.replace(f"-{data['number'].split('/')[0]}-", f"-{self.number.split('/')[0]}-", 1)
        self.id = claim(ident + str(self.year), maker.taken)
        self.targets: set[str] = set()
        self.renamed: dict[str, str] = {}  # a source target's id -> its id here (for `part_of`)

    def text(self, value: str) -> str:
        """The source's own wording: its place and the years of its period follow the new document."""
        shift = lambda m: str(int(m.group()) + self.delta) if int(m.group()) in self.years else m.group()  # noqa: E731
        return self.replace(_YEAR.sub(shift, value))

    def body(self, ident: str) -> str:
        return self.bodies.map(ident, self.source, self.place)

    def shift(self, date: str) -> str:
        return str(int(date[:4]) + self.delta) + date[4:]

    def data(self) -> dict[str, Any]:
        source, place, out = self.source, self.place, {}
        for key, value in source.data.items():
            if key in ("id", "aliases", "notes"):
                value = self.id if key == "id" else None
            elif key in ("number", "place", "locality"):
                value = {"number": self.number, "place": place.name, "locality": place.id}[key]
            elif key in ("title", "preamble"):
                value = value and self.text(value)
            elif key == "issuer":
                value = {k: self.body(v) if k == "body" else self.text(v) if k in ("name", "successor_note") else v
                         for k, v in value.items() if k != "successor_note" or place.kind in ("quan", "huyen")}
            elif key == "date":
                value = self.date() if len(value) == 10 else str(self.year)
            elif key == "signer":
                value = value and {"name": person(self.rng),
                                   **({"lines": list(value["lines"])} if "lines" in value else {})}
            elif key == "period":
                value = value and {"from": value["from"] + self.delta, "to": value["to"] + self.delta}
            elif key == "legal_bases":
                value = [dict(b) for b in source.bases]
            elif key == "sections":
                value = self.items(value)
                self.link_parts(value)
            elif key == "deadlines":
                value = [{k: self.shift(v) if k == "date" else self.text(v) if k == "what"
                          else [self.body(b) for b in v] if k == "bodies" else v for k, v in d.items()} for d in value]
            elif key in ("addressees", "recipients"):
                value = [{k: self.body(v) if k == "body" else self.replace(v) for k, v in r.items()} for r in value]
            elif key == "source":
                value = {"file": f"{self.id}.txt",
                         "note": f"Văn bản tổng hợp để đo hiệu năng, dựng từ {source.data['id']}."}
            if value is not None or key in ("number", "title", "date", "period", "signer", "locality", "place"):
                out[key] = value
        return out

    def date(self) -> str:
        """A real day of the year, after the cited documents and a month before the document's own deadlines."""
        first, last = max(dt.date(self.year, 1, 1), self.source.first_day), dt.date(self.year, 12, 31)
        for deadline in self.source.data.get("deadlines", []):
            if len(deadline["date"]) == 10 and self.shift(deadline["date"]).startswith(str(self.year)):
                last = min(last, dt.date.fromisoformat(self.shift(deadline["date"])) - dt.timedelta(days=30))
        last = max(first, last)
        return (first + dt.timedelta(days=self.rng.randint(0, (last - first).days))).isoformat()

    def items(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Items as in the source; half of the leaves reworded from the other documents."""
        out = []
        for item in items:
            new: dict[str, Any] = {}
            for key, value in item.items():
                if key == "text":
                    leaf = "items" not in item and "targets" not in item
                    value = self.replace(self.rng.choice(self.others) if leaf and self.rng.random() < 0.5 else value)
                elif key == "heading":
                    value = self.text(value)
                elif key == "bodies":
                    value = [dict(b, body=self.body(b["body"])) if isinstance(b, dict) else self.body(b) for b in value]
                elif key in ("items", "targets"):
                    value = self.items(value) if key == "items" else [self.target(t, new) for t in value]
                new[key] = value
            out.append(new)
        return out

    def target(self, target: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
        new: dict[str, Any] = {}
        for key, value in target.items():
            if key == "aliases":
                continue
            if key == "id":
                value = claim(f"{self.id}-{target['indicator']}-{target['year'] + self.delta}", self.targets)
                self.renamed[target["id"]] = value
            elif key == "year":
                value += self.delta
            elif key in ("text", "scope"):
                value = self.text(value)
            elif key == "actuals":
                value = [dict(a, year=a["year"] + self.delta) for a in value]
            elif key == "value" and target["unit"] == "percent" and type(value) is int and 0 < value < 100:
                value = min(99, max(1, value + self.rng.randint(-8, 8)))
                for holder in (item, new):  # the wording follows the figure
                    if isinstance(holder.get("text"), str):
                        holder["text"] = holder["text"].replace(f"{target['value']}%", f"{value}%", 1)
            new[key] = value
        return new


    def link_parts(self, items: list[dict[str, Any]]) -> None:
        """A sub-target's `part_of` names its parent by the parent's id in this document."""
        for item in walk(items):
            for target in item.get("targets", []):
                if "part_of" in target:
                    target["part_of"] = self.renamed[target["part_of"]]


class Documents:
    """What all generated documents draw on."""

    def __init__(self, sources: list[Source], bodies: Bodies, pools: dict[str, list[Place]], taken: set[str],
                 seed: int):
        self.sources, self.bodies, self.pools, self.taken, self.seed = sources, bodies, pools, taken, seed
        self.replacers = {p.id: Replacer(p) for pool in pools.values() for p in pool}
        self.others = [[t for other in sources if other is not s for t in other.leaves] for s in sources]


# --- the tree ---------------------------------------------------------------------------------------

def defined_ids(root: Path) -> set[str]:
    """Every id and alias of the bundled records and targets: generated ids must not repeat them."""
    ids: set[str] = set()
    for path in sorted([*root.glob("plans/**/*.yml"), *root.glob("content/**/*.yml")]):
        data = load(path)
        records = [data] + [t for item in walk(data.get("sections", [])) for t in item.get("targets", [])]
        ids.update(x for r in records for x in [r.get("id"), *r.get("aliases", [])] if isinstance(x, str))
    return ids


def _fresh(root: Path) -> None:
    if root.exists():
        if any(root.iterdir()) and not (root / MARKER).exists():
            raise SystemExit(f"{root} exists and was not made by benchmarks/corpus.py; not deleting it")
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / MARKER).write_text("made by benchmarks/corpus.py\n", encoding="utf-8")
    for name in COPIED:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        else:
            shutil.copyfile(REPO / name, root / name)


def make_corpus(root: Path, documents: int, seed: int = 0) -> Path:
    """A valid content tree: the bundled content plus `documents` generated documents. Returns `root`."""
    root = Path(root)
    _fresh(root)
    taken = defined_ids(root)
    places, pools = make_places(random.Random(f"{seed}/places"), POOLS)
    for place in places:
        if place.id not in taken:  # the bundled tree already has a few provinces
            taken.add(place.id)
            (root / f"content/localities/{place.id}.yml").write_text(
                dump(locality_record(place), HEADER.format("../", "locality")), encoding="utf-8")
    plans = {p.stem: load(p) for p in sorted((root / "plans").glob("*.yml"))}
    sources = [Source.read(plans, ident) for ident in SOURCES]
    bodies = Bodies(root, taken)
    for level, pool in pools.items():
        for place in pool:
            for source in (s for s in sources if s.level == level):
                for ident in source.body_refs:
                    bodies.map(ident, source, place)
    taken.update(bodies.made)
    maker = Documents(sources, bodies, pools, taken, seed)
    for index in range(documents):
        data = Document(maker, index).data()
        (root / f"plans/{data['id']}.yml").write_text(dump(data, HEADER.format("", "document")), encoding="utf-8")
    for ident, record in bodies.made.items():
        (root / f"content/bodies/{ident}.yml").write_text(dump(record, HEADER.format("../", "body")), encoding="utf-8")
    return root


def counts(root: Path) -> dict[str, int]:
    """Records in plans/, content/bodies/, content/localities/, and the bytes of all YAML records."""
    files = {key: list((root / folder).glob("*.yml")) for key, folder in
             (("documents", "plans"), ("bodies", "content/bodies"), ("localities", "content/localities"))}
    out = {key: len(paths) for key, paths in files.items()}
    out["yaml_bytes"] = sum(p.stat().st_size for p in [*root.glob("plans/**/*.yml"), *root.glob("content/**/*.yml")])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to create (replaced if it is an earlier corpus)")
    parser.add_argument("documents", type=int, help="how many documents to generate")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    root = make_corpus(args.out, args.documents, args.seed)
    elapsed = time.perf_counter() - start
    c = counts(root)
    print(f"{root}: {c['documents']} documents ({args.documents} generated), {c['bodies']} bodies, "
          f"{c['localities']} localities, {c['yaml_bytes'] / 1e6:.1f} MB of YAML, in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
