from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchlib.dates import PartialDate
from searchlib.textdates import find_date, find_filename_date, find_text_date


@pytest.mark.parametrize(
    "text",
    [
        "A webinar on 8th July 2020 with the speakers",
        "Astana, July 8, 2020 — the ministry",
        "08.07.2020 Astana",
        "Published 2020-07-08 by the ministry",
        "Астана, 8 июля 2020 года",
        "Астана, 2020 жылғы 8 шілде",  # Kazakh: the year first
        "2020 жылы 8 шілдеде вебинар өтті",  # ... and the month with a case ending
        "held on the 8th of July, 2020",
        "Posted by the editor    08-07-2020, 07:52",  # one separator throughout
        "Президент • 8 Шілде, 2020",  # a comma after the month
    ],
)
def test_day_dates(text):
    found = find_text_date(text)
    assert found is not None and found.date == PartialDate(2020, 7, 8)
    assert found.date.precision == "day"


def test_month_only_when_no_day():
    found = find_text_date("Report for July 2020, on trade")
    assert found is not None and found.date == PartialDate(2020, 7)


@pytest.mark.parametrize(
    "text",
    [
        "as he said in his Address in September 2019, reforms go on",
        "he was treated there in February-June 1945",
        "the plan, adopted since March 2018, works",
    ],
)
def test_a_month_the_text_recalls_is_not_its_date(text):
    assert find_text_date(text) is None


def test_a_date_line_at_the_end_of_a_web_page():
    body = "The minister spoke about trade. " * 60
    assert find_date(body + "\n\nJune 3 2015, 09:12\n").date == PartialDate(2015, 6, 3)
    assert find_date(body + "\nCreated at : 4.10.2018, 11:05").date == PartialDate(2018, 10, 4)
    # A photo's caption dates the photo; a date in a sentence at the end is the body's.
    assert find_date(body + "\nLeaders of the five states at the summit, May 4, 2019") is None
    assert find_date(body + "\nThe next round is due on 6 July 2025, he said.") is None
    assert find_date("x " * 1000 + "\n8 July 2020") is not None
    # A date line is the text's; a date in a sentence near the top may be an event's.
    text = "On October 19, 2022, the ambassador was recalled.\n" + body + "\nMarch 6, 2023\n"
    assert find_date(text).date == PartialDate(2023, 3, 6)
    assert find_date("Astana, 8 July 2020\nOn 1 May 2019 a law passed.").date.day == 8


@pytest.mark.parametrize(
    "text",
    [
        "decriminalise the 130th article of the Criminal Code",
        "the Foreign Policy Concept for 2020-2030",
        "a quota of 30% for women and youth, 12 May",
        "born 1 January 1850",
        "no date here at all",
    ],
)
def test_stray_numbers_are_not_dates(text):
    assert find_text_date(text) is None


def test_date_far_down_is_ignored():
    assert find_text_date("x " * 1000 + "8 July 2020") is None
    assert find_date("x " * 1000 + "on 8 July 2020 it rained. " + "y " * 400) is None


def test_filename_dates():
    assert find_filename_date("news/2019-09-03-slug.md").date == PartialDate(2019, 9, 3)
    assert find_filename_date("TXT/Session 75 - 2020/KAZ_75_2020.txt").date == PartialDate(2020)
    assert find_filename_date("notes.txt") is None
    assert find_filename_date("plan-2020-2030.txt") is None


def test_text_beats_filename():
    found = find_date("Astana, 8 July 2020.", "2019-01-01-old.md")
    assert found is not None and found.source == "text"
    found = find_date("nothing", "2019-01-01-old.md")
    assert found is not None and found.source == "filename"


@given(st.text(alphabet="0123456789 -./%thJuly", max_size=30))
def test_found_dates_are_sane(text):
    found = find_text_date(text)
    if found is not None:
        assert 1900 <= found.date.year <= 2100


def test_a_date_in_a_quotation_is_the_speakers_not_the_texts():
    text = (
        "The ministry released a comment on the border talks.\n\n"
        "“We rely on the Treaty of Friendship of March 4, 1996 and its spirit,” the comment "
        "says."
    )
    assert find_text_date(text) is None
    # Outside the quotation the same date is the text's.
    assert find_text_date("Signed on March 4, 1996. “We rely on it,” he said.") is not None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("14 қар, 2016 сағат 12:12", PartialDate(2016, 11, 14)),
        ("3 нояб. 2015, 10:40", PartialDate(2015, 11, 3)),
        ("21 мам 2019", PartialDate(2019, 5, 21)),
    ],
)
def test_short_month_names_in_a_date_line(line, expected):
    found = find_date(f"{line}\n\nЕлордада форум өтті.")
    assert found is not None and found.date == expected


def test_a_short_month_name_needs_a_day_and_a_year():
    assert find_text_date("Мам 2016 жылы форум өтті") is None
    assert find_text_date("в мар 2016 году") is None
