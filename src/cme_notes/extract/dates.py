"""Dates and times as minutes write them, read day-first (UK usage)."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
# a month's name, whole or short ("Sept"), for the other rules that must tell one when they see it
MONTH_NAME = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_MONTH = rf"(?P<month>{MONTH_NAME})\.?"
# "Wednesday", "Wed", "Weds", "Thurs"; the weekday decides a year the minutes leave out
_WEEKDAY_NAME = r"(?:mon|tue(?:s)?|wed(?:s|nes)?|thu(?:r(?:s)?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAY = rf"(?:(?P<wd>{_WEEKDAY_NAME})\.?,?\s+(?:the\s+)?)"
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
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
# (a second number over 12 with slashes is US month-first: "09/30/2015")
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)(?P<sep>[/.\-])(?P<month>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)?\d\d)\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)\b(?!\s*[ap]\.?m)(?![/.]\d)"
    # the 24-hour clock without a colon: "1315hrs", "at 1830"
    r"|(?:\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hrs|hours|h)\b|(?<=\bat\s)(?P<ah>[01]\d|2[0-3])(?P<am>[0-5]\d)\b(?![/.:]\d))"
    r"|\b(?P<noon>noon|midday)\b",
    re.IGNORECASE,
)
# latest hour an evening meeting starts at: "7:30" in an evening body's minutes is 19:30, "9:00" stays 09:00
_EVENING_LATEST = 20
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|until|till)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    day: int
    month: int
    year: int | None
    start: int
    end: int
    weekday: int | None = None
    """Monday = 0, when the minutes write the weekday beside the date."""

    def resolve(self, reference: dt.date | None, year_hint: int | None = None) -> dt.date | None:
        """The date, with a missing year taken from ``reference`` (the next year if it would fall before it).

        Without a reference, ``year_hint`` (a year the document names
        elsewhere) stands in. A weekday written beside the date picks, among
        the years that fit, the one where the date falls on that weekday.
        """
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if reference is not None:
            year = reference.year
            candidate = _safe_date(year, self.month, self.day)
            if candidate is not None and candidate < reference:
                year += 1
            years = [year, year + 1]
        elif year_hint is not None:
            years = [year_hint, year_hint + 1, year_hint - 1]
        else:
            return None
        if self.weekday is not None:
            for year in years:
                candidate = _safe_date(year, self.month, self.day)
                if candidate is not None and candidate.weekday() == self.weekday:
                    return candidate
        return _safe_date(years[0], self.month, self.day)


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
            found.append(DateMatch(int(m.group("day")), month, year, m.start(), m.end(), _weekday(m.group("wd"))))
    for pattern in (_ISO, _NUMERIC):
        for m in pattern.finditer(text):
            year = int(m.group("year"))
            if year < 100:
                year += 2000
            day, month = int(m.group("day")), int(m.group("month"))
            if month > 12 and day <= 12 and pattern is _NUMERIC and m.group("sep") == "/":
                day, month = month, day
            found.append(DateMatch(day, month, year, m.start(), m.end()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    result: list[DateMatch] = []
    for d in found:
        if 1 <= d.day <= 31 and 1 <= d.month <= 12 and (not result or d.start >= result[-1].end):
            result.append(d)
    return result


def _weekday(name: str | None) -> int | None:
    return WEEKDAYS.get(name[:3].lower()) if name else None


def year_hint(texts: Iterable[str]) -> int | None:
    """The year the document's full dates name most often (the first such, on a tie): the year of a date written without one."""
    counts: Counter[int] = Counter()
    for text in texts:
        for match in find_dates(text):
            if match.year is not None:
                counts[match.year] += 1
    return counts.most_common(1)[0][0] if counts else None


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
    bare: bool = False
    """Written without am/pm or a leading zero ("7:30"): morning or evening is for the context to say."""


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
        elif m.group("h24") is not None:
            hour, minute = int(m.group("h24")), int(m.group("m24"))
            bare = len(m.group("h24")) == 1
            out.append(TimeMatch(f"{hour:02d}:{minute:02d}", m.start(), m.end(), bare))
            continue
        else:
            hour, minute = int(m.group("hh") or m.group("ah")), int(m.group("mm") or m.group("am"))
        out.append(TimeMatch(f"{hour:02d}:{minute:02d}", m.start(), m.end()))
    return out


def in_evening(time: TimeMatch, evening: bool) -> str:
    """``time`` as HH:MM, a bare "7:30" read as 19:30 when the body meets in the evening."""
    hour = int(time.value[:2])
    if evening and time.bare and 1 <= hour and hour + 12 <= _EVENING_LATEST:
        return f"{hour + 12:02d}{time.value[2:]}"
    return time.value


def time_range(text: str, evening: bool = False) -> tuple[str | None, str | None]:
    """Start and end time: "1pm to 3.30pm" is ("13:00", "15:30"); "2 - 4pm" borrows the pm.

    ``evening``: the body meets in the evening, so a bare "7:30" is 19:30.
    """
    times = find_times(text)
    if not times:
        bare = re.search(r"\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*([ap])\.?m\b", text, re.IGNORECASE)
        if bare:
            pm = bare.group(3).lower() == "p"
            start, end = int(bare.group(1)) % 12 + 12 * pm, int(bare.group(2)) % 12 + 12 * pm
            return f"{start:02d}:00", f"{end:02d}:00"
        return None, None
    start = in_evening(times[0], evening)
    before = re.search(r"\b(\d{1,2})\s*(?:-|–|to)\s*$", text[:times[0].start])
    if before and len(times[0].value) and int(before.group(1)) <= 12:
        # "2 - 4pm": the first hour borrows the second's am/pm
        offset = 12 if int(times[0].value[:2]) >= 12 else 0
        return f"{int(before.group(1)) % 12 + offset:02d}:00", start
    end = None
    if len(times) > 1 and _RANGE_SEP.match(text[times[0].end:times[1].start]):
        end = times[1].value
        if times[1].bare and end < start and int(end[:2]) < 12:  # "7.30 - 9.00" in the evening
            end = f"{int(end[:2]) + 12:02d}{end[2:]}"
    return start, end
