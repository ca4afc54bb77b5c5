"""Dates that keep their precision: a year-only date is a year, not 1 January.

``PartialDate`` is used for document dates and for the ``since``/``until``
filters; both compare as the range of days they cover.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from .errors import QueryError

Precision = Literal["day", "month", "year"]

MIN_YEAR = 1900
MAX_YEAR = 2100


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"year {self.year} outside {MIN_YEAR}-{MAX_YEAR}")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Validates month and day.
        dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        if self.day is not None:
            return self.start
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def isoformat(self) -> str:
        """``2020``, ``2020-07`` or ``2020-07-08``: as precise as the source was."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_YEAR_MONTH_WORDS = re.compile(r"^[A-Za-z]+\.?\s+\d{4}$|^\d{4}\s+[A-Za-z]+\.?$")


def parse_date(value: str | dt.date | int | PartialDate, *, what: str = "date") -> PartialDate:
    """Parse a date a person typed: ``2020``, ``2020-07``, ``July 2020``, ``8 July 2020``.

    Raises ``QueryError`` naming ``what`` (the option or field) when it is not a date.
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    text = str(value).strip()
    try:
        match = _ISO.match(text)
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            assert year is not None
            return PartialDate(year, month, day)
        return _parse_words(text)
    except (ValueError, OverflowError) as exc:
        raise QueryError(
            f"{what}: {text!r} is not a date ({exc})",
            hint="use 2020, 2020-07, 2020-07-08, July 2020 or 8 July 2020",
        ) from None


def _parse_words(text: str) -> PartialDate:
    from dateutil import parser as dateparser

    if not re.search(r"\d{4}", text):
        raise ValueError("no four-digit year")
    # Two different defaults reveal which parts the text actually gave.
    first = dateparser.parse(text, default=dt.datetime(2000, 1, 1), dayfirst=True)
    second = dateparser.parse(text, default=dt.datetime(2001, 2, 2), dayfirst=True)
    has_month = first.month == second.month
    has_day = first.day == second.day and has_month
    if _YEAR_MONTH_WORDS.match(text):
        has_day = False
    return PartialDate(
        first.year, first.month if has_month else None, first.day if has_day else None
    )


__all__ = ["PartialDate", "parse_date", "Precision"]
