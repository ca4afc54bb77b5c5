from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib.dates import PartialDate, parse_date
from searchlib.errors import QueryError


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("2020", "2020", "year"),
        ("2020-07", "2020-07", "month"),
        ("July 2020", "2020-07", "month"),
        ("2020-07-08", "2020-07-08", "day"),
        ("8 July 2020", "2020-07-08", "day"),
        ("July 8, 2020", "2020-07-08", "day"),
        ("8th July 2020", "2020-07-08", "day"),
    ],
)
def test_user_dates_keep_precision(text: str, iso: str, precision: str) -> None:
    date = parse_date(text)
    assert date.isoformat() == iso and date.precision == precision


@pytest.mark.parametrize("text", ["", "soon", "2020-13", "1850", "July", "32 July 2020"])
def test_bad_dates_name_the_option(text: str) -> None:
    with pytest.raises(QueryError, match="since"):
        parse_date(text, what="since")


def test_ranges() -> None:
    assert PartialDate(2020).start == dt.date(2020, 1, 1)
    assert PartialDate(2020).end == dt.date(2020, 12, 31)
    assert PartialDate(2020, 2).end == dt.date(2020, 2, 29)
    assert PartialDate(2020, 7, 8).start == PartialDate(2020, 7, 8).end


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_iso_round_trip(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == PartialDate.from_date(day)
    assert parse_date(day) == PartialDate.from_date(day)
