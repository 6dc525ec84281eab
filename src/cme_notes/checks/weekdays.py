"""A weekday written beside a date that is not the date's weekday ("Tuesday 4 June 2025" is a Wednesday).

The weekday is read again from the words the date came from (the record keeps
them in ``where.text`` and a next meeting's ``text``), so the extractor need
not carry it.
"""
from __future__ import annotations

import datetime as dt

from ..extract.dates import find_dates
from ..models import Finding, Meeting, Where
from .codes import finding

_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def written_weekday(text: str, date: dt.date) -> int | None:
    """The weekday written beside ``date`` in ``text`` (Monday = 0), None where none is written."""
    for match in find_dates(text):
        if (match.day, match.month) == (date.day, date.month) and match.year in (None, date.year):
            return match.weekday
    return None


def _mismatch(what: str, text: str, date: dt.date, where: Where | None) -> list[Finding]:
    written = written_weekday(text, date)
    if written is None or written == date.weekday():
        return []
    return [finding("weekday-mismatch", f"{what} {date.day} {date:%B %Y} is written as a {_NAMES[written]} "
                                        f"but falls on a {_NAMES[date.weekday()]}", where)]


def weekday_mismatch(meeting: Meeting) -> list[Finding]:
    out = []
    where = meeting.where.get("date")
    if meeting.date is not None and where is not None:
        out += _mismatch("the meeting date", where.text, meeting.date, where)
    for future in meeting.next_meetings:
        text = future.text or (future.where.text if future.where else "")
        out += _mismatch("the next meeting", text, future.date, future.where)
    return out
