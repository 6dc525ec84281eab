"""Dates and times the way minutes write them."""
from __future__ import annotations

import datetime as dt

import pytest

from cme_notes.extract.dates import find_dates, first_date, time_range

MEETING = dt.date(2025, 3, 12)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12th March 2025 Record of meeting", dt.date(2025, 3, 12)),
        ("5th May 2020 via video conference", dt.date(2020, 5, 5)),
        ("Tuesday 3 June 2025 at 7.30pm", dt.date(2025, 6, 3)),
        ("03/06/2025", dt.date(2025, 6, 3)),  # day first
        ("June 3, 2025", dt.date(2025, 6, 3)),
        ("2025-06-03", dt.date(2025, 6, 3)),
        ("30 th April", dt.date(2025, 4, 30)),  # a text export's stray space
        ("17th Sept", dt.date(2025, 9, 17)),
    ],
)
def test_dates(text, expected):
    assert first_date(text, MEETING) == expected


def test_a_date_without_year_before_the_meeting_is_next_year():
    assert first_date("by 10th January", MEETING) == dt.date(2026, 1, 10)


def test_the_verb_may_is_not_a_month():
    assert find_dates("members may 5 times a year") == []


def test_impossible_dates_are_ignored():
    assert first_date("31st February 2025") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10am", ("10:00", None)),
        ("1pm to 3.30pm", ("13:00", "15:30")),
        ("7.30pm", ("19:30", None)),
        ("18:30", ("18:30", None)),
        ("10:00-12:00", ("10:00", "12:00")),
        ("2 - 4pm", ("14:00", "16:00")),
        ("12 noon", ("12:00", None)),
        ("no time here, 10,000 pupils", (None, None)),
    ],
)
def test_times(text, expected):
    assert time_range(text) == expected
