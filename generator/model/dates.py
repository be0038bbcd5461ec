"""Dates as documents give them: to the day, to the month ("tháng 12/2021"), or only the year (Cần Thơ 2024).

What a date leaves out is either unknown (a copy lost the date line) or not
printed at all (the document itself gives only the month): the document's
`not_printed` says which, and `generator/render/formatting.py` words it.
"""

from __future__ import annotations

import datetime as dt


class PartialDate:
    """A date known to the year, the month, or the day.

    A plain class (not a struct): the model converts the schema's date text
    (`"2024"`, `"2021-12"`, `"2022-07-04"`) into it, and unknown stays unknown
    rather than becoming the first of January.
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
        if len(text) == 7:
            year, month = text.split("-")
            return cls(int(year), int(month))
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

    @property
    def precision(self) -> str:
        """`day`, `month` or `year`: how much of the date is known (the exports' `date_precision`)."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def vietnamese(self) -> str:
        """`04/7/2022` as Vietnamese documents write it; `tháng 12/2021`; `năm 2024` when only the year is known."""
        if self.day is not None:
            return f"{self.day:02d}/{self.month}/{self.year}"
        if self.month is not None:
            return f"tháng {self.month}/{self.year}"
        return f"năm {self.year}"
