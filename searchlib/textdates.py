"""Finding a document's date in its text or file name.

Candidates are found with explicit patterns and only then handed to dateutil, so stray
numbers ("the 130th article", "2020-2030", "30%") never become dates. Numeric dates are
read day first, as Kazakh, Russian and most European sources write them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil import parser as dateparser

from .dates import MIN_YEAR, PartialDate

# How far into the text a document's own date may appear; web pages may also give it on a
# short line of its own at the very end ("June 3 2015, 09:12", "Created at: 4.10.2018").
TOP_CHARS = 1500
BOTTOM_CHARS = 600
_DATE_LINE_CHARS = 64
MAX_FUTURE_YEARS = 1

_EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Russian (genitive and nominative) month names, then Kazakh ones.
_OTHER_MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
    "январь": 1,
    "февраль": 2,
    "март": 3,
    "апрель": 4,
    "май": 5,
    "июнь": 6,
    "июль": 7,
    "август": 8,
    "сентябрь": 9,
    "октябрь": 10,
    "ноябрь": 11,
    "декабрь": 12,
}
_KK_MONTHS = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}
_OTHER_MONTHS |= _KK_MONTHS
# Short forms news sites write in date lines ("14 қар, 2016", "3 нояб. 2015"): read only
# with a day and a year around them, where a three-letter word can be nothing else.
_RU_SHORT = ("янв", "фев", "мар", "апр", "", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_KK_SHORT = ("қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел")
_SHORT_MONTHS = {m: n for short in (_RU_SHORT, _KK_SHORT) for n, m in enumerate(short, 1) if m}
_SHORT_MONTHS |= {"февр": 2, "сент": 9, "нояб": 11}  # May is "май", long or short
_OTHER_MONTHS |= _SHORT_MONTHS
_EN = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_OTHER = "|".join(sorted(_OTHER_MONTHS, key=len, reverse=True))
_KK = "|".join(sorted(_KK_MONTHS, key=len, reverse=True))
_LONG = "|".join(sorted(set(_OTHER_MONTHS) - set(_SHORT_MONTHS), key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?![\d%\-–])"
_END = r"(?![\w%])"

# Order matters only for ties at the same position; the earliest match in the text wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d\-])")),
    (
        "numeric",
        re.compile(
            # 08.07.2020, 8/7/2020 and 08-07-2020, one separator throughout
            r"(?<![\d.\-/])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)"
            r"(?![\d.\-/]\d)"
        ),
    ),
    (
        "day-month",
        re.compile(
            rf"(?<![\w.])(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<mn>{_EN})\.?,?\s+{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    (
        "month-day",
        re.compile(
            rf"(?<![\w.])(?P<mn>{_EN})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+{_YEAR}", re.IGNORECASE
        ),
    ),
    (
        "ru",
        re.compile(
            rf"(?<![\w.])(?P<d>\d{{1,2}})\s+(?P<mn>{_OTHER})\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # Kazakh writes the year first, and the month takes case endings:
        # "2023 жылғы 30 қараша", "2023 жылы 30 қарашада".
        "kk",
        re.compile(
            rf"(?<![\w.])(?P<y>(?:19|20)\d\d)\s+ж(?:ылғы|ылы|\.)?\s*(?P<d>\d{{1,2}})\s+"
            rf"(?P<mn>{_KK})[а-яәғқңөұүһі]*(?![\w])",
            re.IGNORECASE,
        ),
    ),
    ("month", re.compile(rf"(?<![\w.])(?P<mn>{_EN}|{_LONG})\.?,?\s+{_YEAR}", re.IGNORECASE)),
]

# A month and year after these tells of an event the text recalls ("in his Address in
# September 2024", "February-June 1945"), not the date of the text itself.
_RECALLED_RE = re.compile(
    r"(?:\b(?:in|since|until|till|from|of|by|before|after|during|between|to|and|through)\s+"
    r"|[-–—]\s*)\Z",
    re.IGNORECASE,
)

_QUOTATION_RE = re.compile(r"[“«\"][^“”«»\"]{0,1500}[”»\"]")

_DATE_LABELS = {"created", "published", "updated", "posted", "date", "at", "on", "last", "modified"}
_DATE_LABELS |= {"опубликовано", "обновлено", "дата", "в"}

_FILE_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
_FILE_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–_]\s*(?:19|20)?\d\d(?!\d)")
_FILE_YEAR = re.compile(r"(?:^|[^0-9a-z])((?:19|20)\d\d)(?=$|[^0-9a-z])", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date and where it came from, for ``kzsearch extract``."""

    date: PartialDate
    source: str  # "text", "filename"
    evidence: str  # the matched text


def _sane(year: int) -> bool:
    return MIN_YEAR <= year <= dt.date.today().year + MAX_FUTURE_YEARS


def _month_number(name: str) -> int | None:
    low = name.lower().rstrip(".")
    return _EN_MONTHS.get(low) or _OTHER_MONTHS.get(low)


def _build(kind: str, match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if not _sane(year):
        return None
    try:
        if kind in {"day-month", "month-day"}:
            # dateutil checks the calendar (no 31 June) on a text we already know is a date.
            parsed = dateparser.parse(
                match.group(0).replace(" of ", " "), dayfirst=True, default=dt.datetime(year, 1, 1)
            )
            return PartialDate(parsed.year, parsed.month, parsed.day)
        month = _month_number(groups["mn"]) if groups.get("mn") else int(groups["m"])
        if month is None:
            return None
        day = int(groups["d"]) if groups.get("d") else None
        return PartialDate(year, month, day)
    except (ValueError, OverflowError):
        return None


def find_text_date(text: str, limit: int = TOP_CHARS) -> FoundDate | None:
    """The first full date near the top of ``text``; a month-and-year only if no day is given.
    A date in a quotation is the speaker's ("the Treaty of April 8, 1997"), not the text's."""
    top = text[:limit]
    quoted = [m.span() for m in _QUOTATION_RE.finditer(top)]
    best: tuple[int, FoundDate] | None = None
    month_only: tuple[int, FoundDate] | None = None
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(top):
            date = _build(kind, match)
            if date is None or any(a < match.start() < b for a, b in quoted):
                continue
            found = FoundDate(date, "text", match.group(0).strip())
            if kind == "month":
                if _RECALLED_RE.search(top, max(0, match.start() - 12), match.start()):
                    continue
                if month_only is None or match.start() < month_only[0]:
                    month_only = (match.start(), found)
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), found)
            break  # the first valid match of a pattern is its earliest
    chosen = best or month_only
    return chosen[1] if chosen else None


def find_bottom_date(text: str) -> FoundDate | None:
    """A full date on a short line of its own near the end: where web pages put it."""
    return _date_line(reversed(text[-BOTTOM_CHARS:].splitlines()))


def _date_line(lines: Iterable[str]) -> FoundDate | None:
    """The first line that is a full date and little else: dates, times, labels and a place
    ("June 3 2015, 09:12", "Astana, 8 July 2020"). A caption ("Leaders of the five
    states at the summit, May 4, 2019") dates its photo, not the text."""
    for line in lines:
        if len(line.strip()) > _DATE_LINE_CHARS:
            continue
        found = find_text_date(line)
        if found is None or found.date.precision != "day":
            continue
        rest = line
        for _, pattern in _PATTERNS:
            rest = pattern.sub(" ", rest)
        words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _DATE_LABELS]
        if len(words) <= 2:
            return found
    return None


def find_filename_date(path: str) -> FoundDate | None:
    """``2019-09-03-slug.md`` gives a day; ``KAZ_75_2020.txt`` gives only a year."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    for match in _FILE_DAY.finditer(stem):
        year, month, day = (int(g) for g in match.groups())
        if _sane(year):
            try:
                return FoundDate(PartialDate(year, month, day), "filename", match.group(0))
            except ValueError:
                continue
    stem = _FILE_RANGE.sub(" ", stem)  # "plan-2020-2030" names a period, not a date
    years = [int(m.group(1)) for m in _FILE_YEAR.finditer(stem) if _sane(int(m.group(1)))]
    if len(years) == 1:
        return FoundDate(PartialDate(years[0]), "filename", str(years[0]))
    return None


def find_date(text: str, path: str = "") -> FoundDate | None:
    """A line near the top that is a date, then one at the end, then a date in the text near
    the top ("on 8th July 2020"), then the file name (explicit metadata is the caller's
    job): a date on a line of its own is the text's, one in a sentence may be an event's."""
    return (
        _date_line(text[:TOP_CHARS].splitlines())
        or find_bottom_date(text)
        or find_text_date(text)
        or (find_filename_date(path) if path else None)
    )


__all__ = [
    "FoundDate",
    "TOP_CHARS",
    "find_bottom_date",
    "find_date",
    "find_filename_date",
    "find_text_date",
]
