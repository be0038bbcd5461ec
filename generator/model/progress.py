"""Follow-through: was a target met, and is a document still in force.

A target's status is computed from its comparator and the result reported
for its year, never guessed: a target without a figure, a result of another
scope, or no result at all each say so in their own words. A document's
standing is what a document states (`status`), else what the hub shows (a
document replacing it), else what its period shows (the build's date is
past its last year); otherwise it is unknown and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.hub import Hub
from generator.model.records import Document, Result, Target

#: Status of a target, in the plain words pages show.
WORDS = {
    "met": "đạt",
    "exceeded": "vượt",
    "missed": "chưa đạt",
    "unreported": "chưa có báo cáo",
    "no-figure": "chưa có số liệu",
    "incomparable": "không so sánh được",
}

#: Verbs whose figure is a ceiling: less is better ("giảm tỷ lệ ... xuống 5%").
_DOWNWARD_VERBS = {"giảm", "hạn chế"}


@dataclass(frozen=True)
class TargetProgress:
    """A target beside what was reported for it."""

    target: Target
    results: tuple[Result, ...]  # every result for it, by year
    result: Result | None  # the result its status is judged on: its own year, its own scope
    status: str  # a key of WORDS
    reason: str = ""  # why it could not be judged, for the reader

    @property
    def word(self) -> str:
        return WORDS[self.status]


def _same_scope(target: Target, result: Result) -> bool:
    return result.scope is None or result.scope == target.scope


def judge(target: Target, value: bool | float) -> str:
    """met, exceeded or missed, from the target's comparator (and a downward verb for '=')."""
    if target.unit == "yes-no" or isinstance(value, bool) or isinstance(target.value, bool):
        return "met" if value is True and target.value is not False else "missed"
    goal = float(target.value)  # type: ignore[arg-type]
    downward = target.comparator in ("<", "<=") or (target.comparator == "=" and target.verb in _DOWNWARD_VERBS)
    if target.comparator == ">":
        return "met" if value > goal else "missed"
    if target.comparator == "<":
        return "met" if value < goal else "missed"
    if downward:
        return "missed" if value > goal else "met" if value == goal or target.comparator == "<=" else "exceeded"
    return "missed" if value < goal else "met" if value == goal or target.comparator == ">=" else "exceeded"


def progress(target: Target, hub: Hub) -> TargetProgress:
    """The target's status from the results reported for it."""
    results = tuple(hub.results.get(target.id, ()))
    same_year = [r for r in results if r.year == target.year]
    if not same_year:
        return TargetProgress(target, results, None, "unreported")
    comparable = [r for r in same_year if _same_scope(target, r)]
    if not comparable:
        return TargetProgress(target, results, same_year[-1], "incomparable",
                              f"kết quả báo cáo cho phạm vi khác ({same_year[-1].scope})")
    result = comparable[-1]  # the latest report's word for that year
    if result.value is None:
        return TargetProgress(target, results, result, "no-figure")
    if target.value is None:
        return TargetProgress(target, results, result, "incomparable", "chỉ tiêu không nêu con số")
    return TargetProgress(target, results, result, judge(target, result.value))


#: A document's standing, in the plain words pages show.
STANDING = {
    "in-force": "còn hiệu lực",
    "current": "đang trong thời hạn thực hiện",
    "replaced": "đã được thay thế",
    "expired": "hết thời hạn thực hiện",
    "superseded": "do đơn vị kế thừa sau sắp xếp năm 2025 thực hiện",
    "unknown": "chưa rõ",
}


@dataclass(frozen=True)
class Standing:
    value: str  # a key of STANDING
    by: str | None = None  # the document that changed it, if in the hub
    note: str = ""

    @property
    def word(self) -> str:
        return STANDING[self.value]


def standing(doc: Document, hub: Hub, year: int) -> Standing:
    """A document's standing in `year` (the build's year, so equal content gives equal pages)."""
    if doc.status is not None:
        return Standing(doc.status.value, doc.status.by, doc.status.note or "")
    replacing = hub.related_to(doc.id, "replaced-by")
    if replacing:
        return Standing("replaced", replacing[0])
    if doc.period is not None:
        if doc.period.end < year:
            return Standing("expired", note=f"giai đoạn thực hiện kết thúc năm {doc.period.end}")
        if doc.period.start <= year:
            return Standing("current", note=f"giai đoạn {doc.period.start}–{doc.period.end}")
    return Standing("unknown")
