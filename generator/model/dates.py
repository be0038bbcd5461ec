"""Dates as documents give them: often only the year (Cần Thơ 2024 gives no day)."""

from __future__ import annotations

import datetime as dt


class PartialDate:
    """A date known to the year, or to the day.

    A plain class (not a struct): the model converts the schema's date text
    (`"2024"`, `"2022-07-04"`) into it, and unknown stays unknown rather than
    becoming the first of January.
    """

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        if text is None:
            return None
        if len(text) == 4:
            return cls(int(text))
        day = dt.date.fromisoformat(text)
        return cls(day.year, day.month, day.day)

    def __repr__(self) -> str:
        return f"PartialDate({self.iso()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def key(self) -> tuple[int, int, int]:
        """For sorting: what is not known sorts before what is."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.is_full else f"{self.year:04d}"

    def vietnamese(self) -> str:
        """`04/7/2022` as Vietnamese documents write it; `năm 2024` when only the year is known."""
        return f"{self.day:02d}/{self.month}/{self.year}" if self.is_full else f"năm {self.year}"
