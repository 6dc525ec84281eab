"""Dates and times as minutes write them, read day-first (UK usage)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_ORD = r"(?:\s?(?:st|nd|rd|th))?"
# "12th March 2025", "Tuesday 3 June 2025", "30 th April", "3rd of June"
_DAY_MONTH = re.compile(
    rf"\b{_WEEKDAY}?(?P<day>[0-3]?\d){_ORD}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
# "June 3, 2025", "March 12th 2025"
_MONTH_DAY = re.compile(
    rf"\b{_WEEKDAY}?{_MONTH}\s+(?P<day>[0-3]?\d){_ORD},?(?:\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
# "03/06/2025", "3.6.25", "03-06-2025" read day first; "2025-06-03" ISO
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.\-](?P<month>[01]?\d)[/.\-](?P<year>(?:19|20)?\d\d)\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)\b(?!\s*[ap]\.?m)(?![/.]\d)"
    r"|\b(?P<noon>noon|midday)\b",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|until|till)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    day: int
    month: int
    year: int | None
    start: int
    end: int

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        """The date, with a missing year taken from ``reference`` (the next year if it would fall before it)."""
        year = self.year
        if year is None:
            if reference is None:
                return None
            year = reference.year
            candidate = _safe_date(year, self.month, self.day)
            if candidate is not None and candidate < reference:
                year += 1
        return _safe_date(year, self.month, self.day)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date written in ``text``, in order of appearance (overlaps removed)."""
    found: list[DateMatch] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            month = MONTHS.get(m.group("month").lower().rstrip("."))
            if month is None or (m.group("month") == "may" and not m.group("year")):
                continue  # the verb "may", not the month
            year = int(m.group("year")) if m.group("year") else None
            found.append(DateMatch(int(m.group("day")), month, year, m.start(), m.end()))
    for pattern in (_ISO, _NUMERIC):
        for m in pattern.finditer(text):
            year = int(m.group("year"))
            if year < 100:
                year += 2000
            found.append(DateMatch(int(m.group("day")), int(m.group("month")), year, m.start(), m.end()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    result: list[DateMatch] = []
    for d in found:
        if 1 <= d.day <= 31 and 1 <= d.month <= 12 and (not result or d.start >= result[-1].end):
            result.append(d)
    return result


def first_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    for match in find_dates(text):
        resolved = match.resolve(reference)
        if resolved is not None:
            return resolved
    return None


@dataclass(frozen=True, slots=True)
class TimeMatch:
    value: str
    start: int
    end: int


def find_times(text: str) -> list[TimeMatch]:
    """Clock times as "HH:MM": "10am", "1pm", "7.30pm", "18:30", "noon"."""
    out = []
    for m in _TIME.finditer(text):
        if m.group("noon"):
            out.append(TimeMatch("12:00", m.start(), m.end()))
            continue
        if m.group("h") is not None:
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            if hour > 12:
                continue
            pm = m.group("ampm").lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
        else:
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        out.append(TimeMatch(f"{hour:02d}:{minute:02d}", m.start(), m.end()))
    return out


def time_range(text: str) -> tuple[str | None, str | None]:
    """Start and end time: "1pm to 3.30pm" is ("13:00", "15:30"); "2 - 4pm" borrows the pm."""
    times = find_times(text)
    if not times:
        bare = re.search(r"\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*([ap])\.?m\b", text, re.IGNORECASE)
        if bare:
            pm = bare.group(3).lower() == "p"
            start, end = int(bare.group(1)) % 12 + 12 * pm, int(bare.group(2)) % 12 + 12 * pm
            return f"{start:02d}:00", f"{end:02d}:00"
        return None, None
    start = times[0].value
    before = re.search(r"\b(\d{1,2})\s*(?:-|–|to)\s*$", text[:times[0].start])
    if before and len(times[0].value) and int(before.group(1)) <= 12:
        # "2 - 4pm": the first hour borrows the second's am/pm
        offset = 12 if int(times[0].value[:2]) >= 12 else 0
        return f"{int(before.group(1)) % 12 + offset:02d}:00", start
    end = None
    if len(times) > 1 and _RANGE_SEP.match(text[times[0].end:times[1].start]):
        end = times[1].value
    return start, end
