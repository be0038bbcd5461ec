"""Checks across files: ids unique everywhere, links that resolve, no cycles.

They work on the small `Facts` of each record, not on the records, so the
main process never needs the full content to check it. Positions are looked
up (re-reading that one file) only for the rare record that has a problem.
"""

from __future__ import annotations

from generator.loader import LoadedFile
from generator.problems import Problem
from generator import kinds
from generator.validate.messages import suggest
from generator.validate import privacy
from generator.validate.record import Facts, Path_, problem_at


class _Positions:
    """Lazily loaded positions of the files that turned out to have problems."""

    def __init__(self) -> None:
        self.files: dict[str, LoadedFile] = {}

    def _file(self, facts: Facts) -> LoadedFile:
        return self.files.setdefault(facts.path, LoadedFile(facts.path, None, abspath=facts.abspath))

    def problem(self, facts: Facts, path: Path_, message: str) -> Problem:
        return problem_at(self._file(facts), path, message)

    def where(self, facts: Facts, path: Path_) -> str:
        return f"{facts.path}:{self._file(facts).mark(path).line}"


def check_ids(all_facts: list[Facts], at: _Positions) -> tuple[dict[str, set[str]], list[Problem]]:
    """Ids unique across all files; file names equal ids. Returns ids by kind."""
    problems: list[Problem] = []
    first: dict[str, tuple[Facts, Path_]] = {}
    by_kind: dict[str, set[str]] = {}
    ordered = sorted(all_facts, key=lambda f: f.path)
    # Ids first, aliases after: an alias that repeats a record's id is the alias's mistake.
    aliases = []
    for facts in ordered:
        for ident, kind, path in facts.defines:
            if path[-1] != "id":
                aliases.append((facts, ident, path))
            elif ident in first:
                problems.append(_taken(at, facts, ident, path, first[ident]))
            else:
                first[ident] = (facts, path)
                ids = by_kind.get(kind)
                if ids is None:
                    ids = by_kind[kind] = set()
                ids.add(ident)
    for facts, ident, path in aliases:
        if ident in first:
            problems.append(_taken(at, facts, ident, path, first[ident]))
        else:
            first[ident] = (facts, path)
    for facts in ordered:
        stem = facts.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != facts.id:
            problems.append(at.problem(facts, ("id",), f"tên tệp '{stem}' phải trùng với mã '{facts.id}' "
                                                       f"(đổi tên tệp thành {facts.id}.yml)"))
    return by_kind, problems


def _taken(at: _Positions, facts: Facts, ident: str, path: Path_, earlier: tuple[Facts, Path_]) -> Problem:
    other, other_path = earlier
    return at.problem(facts, path, f"mã '{ident}' đã được dùng ở {at.where(other, other_path)}; mỗi mã chỉ dùng một lần")


def check_links(all_facts: list[Facts], by_kind: dict[str, set[str]], at: _Positions) -> list[Problem]:
    """Every link points at an existing record of the right kind.

    Ids defined inside a record (targets) of a file that could not be read are unknown: a link to a target
    is then not reported missing (the unread file's own problem is the one to fix first)."""
    problems = []
    unread = {f.kind for f in all_facts if f.unread}
    for facts in all_facts:
        for path, kind, ident in facts.links:
            if ident in by_kind.get(kind, ()):
                continue
            if kinds.OUTER_KIND.get(kind) in unread:
                continue
            elsewhere = sorted(k for k, ids in by_kind.items() if ident in ids)
            hint = (f"; '{ident}' là mã của một {kinds.label(elsewhere[0])}, không phải {kinds.label(kind)}" if elsewhere
                    else suggest(ident, sorted(by_kind.get(kind, ()))))
            problems.append(at.problem(facts, path, f"không tìm thấy {kinds.label(kind)} có mã '{ident}'{hint}"))
    return problems


def check_cycles(all_facts: list[Facts], at: _Positions) -> list[Problem]:
    """A document may not rest, directly or through others, on itself."""
    edges: dict[str, list[tuple[Path_, str]]] = {}
    owner: dict[str, Facts] = {}
    for facts in all_facts:
        if facts.kind == "document":
            owner[facts.id] = facts
            edges[facts.id] = [(path, ident) for path, kind, ident in facts.links
                               if kind == "document" and path[0] == "legal_bases"]
    problems = []
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        for first_path, first_step in edges[start]:
            stack = [(first_step, [start, first_step])]
            seen: set[str] = set()
            while stack:
                node, trail = stack.pop()
                if node == start:
                    cycle = frozenset(trail)
                    if cycle not in reported:
                        reported.add(cycle)
                        problems.append(at.problem(owner[start], first_path, f"căn cứ vòng tròn: {' → '.join(trail)}"))
                    continue
                if node in seen or node not in edges:
                    continue
                seen.add(node)
                stack.extend((nxt, trail + [nxt]) for _, nxt in edges[node])
    return problems


def check_personal_data(all_facts: list[Facts], at: _Positions) -> list[Problem]:
    """Phone numbers, e-mails and ID numbers only where a body declares them official."""
    allowed = {value for facts in all_facts for value in facts.official}
    return [at.problem(facts, path, privacy.MESSAGES[kind].format(written))
            for facts in all_facts for path, kind, written, value in facts.contacts
            if kind == "id" or value not in allowed]


def check_references(all_facts: list[Facts]) -> list[Problem]:
    """All cross-file problems, in no particular order (the caller sorts)."""
    at = _Positions()
    by_kind, problems = check_ids(all_facts, at)
    return (problems + check_links(all_facts, by_kind, at) + check_cycles(all_facts, at)
            + check_personal_data(all_facts, at))
