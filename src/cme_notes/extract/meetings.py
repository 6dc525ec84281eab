"""Future meetings: "Dates of future meetings: 30th April 10am; 12th June 10am" and "Date of next meeting: …".

Conventions read:

- a "next meeting" heading or label with the dates on it or on the lines
  after it ("### Next Meeting" / "2018-12-19 20:00", "NEXT MEETING" /
  "Wednesday 10th July");
- the next meeting stated in a sentence near the end of the minutes ("The
  next meeting will be held on … at 5.45pm");
- a weekday without a date ("Next Meeting: Tuesday, 16:00, MR3.") is the
  next such weekday after the meeting; "the first Tuesday of each month" is
  the next first Tuesday after it;
- a date on or before the meeting is a stale one, not a next meeting.
"""
from __future__ import annotations

import datetime as dt
import re

from ..models import FutureMeeting
from .dates import WEEKDAYS, find_dates, find_times, time_range
from .layout import Para
from .text import squash
from .where import where_of

FOLLOWERS = 5
"""Lines after a next-meeting heading that may hold its dates."""
CLOSING_PARAS = 6
"""Paragraphs at the end of the minutes in which a "the next meeting will be held on …" sentence is the group's own."""

_HEADING = re.compile(
    r"^\W*(?:\d{1,3}[.)]?\s+)?(?:(?:the\s+)?(?:date|dates|time|times|dates and times|date and time)\s+(?:and\s+(?:venue|place|time)\s+)?of\s+(?:the\s+)?"
    r"(?:next|future|forthcoming|upcoming|remaining|further)\s+meetings?|(?:the\s+)?(?:next|future|forthcoming|upcoming)\s+meetings?|meeting dates)\b",
    re.IGNORECASE,
)
# "The next meeting will be held on …", "The next meeting of the Trustees is on …"
_SENTENCE = re.compile(
    r"\b(?:the\s+)?next\s+meeting(?:\s+of\s+(?:the\s+)?[\w&' ]{1,40}?)?\s+(?:will\s+be|is|is\s+to\s+be|shall\s+be|to\s+be|has\s+been)\s+"
    r"(?:(?:held|arranged|scheduled|fixed|set|planned)\s+)?(?:for|on)?\b",
    re.IGNORECASE,
)
_WEEKDAY_ONLY = re.compile(
    r"\b(?:(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+)?"
    # whole names only ("Sun room" and "sat" are not weekdays); the abbreviations that are no English word
    r"(?P<wd>monday|tuesday|tues|wednesday|weds|thursday|thurs|friday|saturday|sunday)\b"
    r"(?(nth)\s+(?:of\s+)?(?:each|every|the|next)\s+month\b|)",
    re.IGNORECASE,
)
# "The next meeting is …": a sentence, not a label; only the closing lines' is the group's own
_VERB = re.compile(r"\s+(?:is|will|shall|was|has|to\s+be|would)\b", re.IGNORECASE)
_CLOSED = re.compile(r"\b(?:closed|ended|finished|concluded)\b(?:\s+the\s+meeting)?\s+at\b", re.IGNORECASE)
EVENING_CLOSE = "18:00"
"""A meeting that closes at this time or later was held in the evening."""
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
_PLACE = re.compile(r"^\W*(?:at|in|venue:?|location:?|,)?\s*(?:the\s+)?(?P<place>[A-Z][^;.\n]*?)\s*(?:[;.]|$)")
_MODE = re.compile(r"\b(?:via|by|on)\s+((?:microsoft\s+)?teams|zoom|video\s*(?:conference|call|link)|telephone)\b", re.I)
_NOT_PLACE = re.compile(r"^(?:focus|agenda|topics?|theme|enquiries|tbc|to be confirmed|utc|gmt|bst|cet|[a-z]st)\b", re.IGNORECASE)


def find_future_meetings(
    paras: list[Para], meeting_date: dt.date | None, item_starts: set[int], evening: bool = False,
) -> list[FutureMeeting]:
    """Every future meeting the minutes announce, one per date, sorted.

    ``evening``: the meeting itself was in the afternoon or evening, so a bare
    "7:30" for the next one is 19:30.
    """
    evening = evening or _closed_in_the_evening(paras[-CLOSING_PARAS:])
    meetings: list[FutureMeeting] = []
    for i, para in enumerate(paras):
        heading = _HEADING.match(para.text)
        if not heading:
            continue
        if _VERB.match(para.text, heading.end()) and i < len(paras) - CLOSING_PARAS and not (i and _bare_heading(paras[i - 1])):
            continue  # "The next meeting is on …" mid-minutes, not under a "NEXT MEETING" heading: some other body's meeting
        texts = [(para.text[heading.end():], para)]
        for follower in paras[i + 1:i + 1 + FOLLOWERS]:
            if follower.index in item_starts or _HEADING.match(follower.text):
                break
            if not find_dates(follower.text):
                if any(find_dates(t) for t, _ in texts):
                    break
                continue
            texts.append((follower.text, follower))
        found_here = []
        for text, source in texts:
            for found in meetings_in(text, meeting_date, evening):
                found.where = where_of(source.source, "next-meeting.heading", source.text)
                found_here.append(found)
        if meeting_date is not None and not any(find_dates(t) for t, _ in texts):
            weekday = _by_weekday(texts[0][0], meeting_date, evening)
            if weekday is not None:
                weekday.where = where_of(para.source, "next-meeting.weekday", para.text)
                found_here.append(weekday)
        meetings.extend(found_here)
    if not meetings:
        meetings = _closing_sentences(paras[-CLOSING_PARAS:], meeting_date, evening)
    return _one_per_date(meetings)


def _bare_heading(para: Para) -> bool:
    """ "NEXT MEETING" alone on its line: what follows is the group's own next meeting."""
    heading = _HEADING.match(para.text)
    return bool(heading) and not para.text[heading.end():].strip(" :.-–")


def _closed_in_the_evening(paras: list[Para]) -> bool:
    """ "The chairman closed the meeting at 9.05pm": a body that meets in the evening."""
    for para in paras:
        closed = _CLOSED.search(para.text)
        if closed:
            times = find_times(para.text[closed.end():closed.end() + 20])
            if times and not times[0].bare and times[0].value >= EVENING_CLOSE:
                return True
    return False


def _one_per_date(meetings: list[FutureMeeting]) -> list[FutureMeeting]:
    """One meeting a date; a later mention fills in the time or place an earlier one left out."""
    unique: dict[dt.date, FutureMeeting] = {}
    for m in meetings:
        first = unique.setdefault(m.date, m)
        if first is not m:
            if first.time is None and m.time is not None:
                first.time, first.end_time = m.time, m.end_time
            if first.place is None and m.place is not None:
                first.place = m.place
    return sorted(unique.values(), key=lambda m: m.date)


def _closing_sentences(paras: list[Para], meeting_date: dt.date | None, evening: bool) -> list[FutureMeeting]:
    """ "The next meeting will be held on Wednesday 22nd February 2017, 5.45pm" in the last paragraphs."""
    out = []
    for para in paras:
        sentence = _SENTENCE.search(para.text)
        if not sentence:
            continue
        for found in meetings_in(para.text[sentence.end():], meeting_date, evening)[:1]:
            found.where = where_of(para.source, "next-meeting.sentence", para.text)
            out.append(found)
    return out


def _by_weekday(text: str, meeting_date: dt.date, evening: bool) -> FutureMeeting | None:
    """ "Tuesday, 16:00, MR3." is the next Tuesday after the meeting; "the first Tuesday of each month" the next first Tuesday."""
    match = _WEEKDAY_ONLY.search(text)
    if not match:
        return None
    weekday = WEEKDAYS[match.group("wd")[:3].lower()]
    nth = _NTH.get((match.group("nth") or "").lower())
    when = _next_nth_weekday(meeting_date, weekday, nth) if nth else _next_weekday(meeting_date, weekday)
    if when is None:
        return None
    tail = text[match.end():]
    start_time, end_time = time_range(tail, evening)
    return FutureMeeting(date=when, time=start_time, end_time=end_time, place=_place(tail),
                         text=squash(text[match.start():]).strip(" ;,.") or None)


def _next_weekday(after: dt.date, weekday: int) -> dt.date:
    return after + dt.timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def _next_nth_weekday(after: dt.date, weekday: int, nth: int) -> dt.date | None:
    """The first date after ``after`` that is the nth (or, with -1, the last) such weekday of its month."""
    year, month = after.year, after.month
    for _ in range(3):
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        if nth == -1:
            while (day + dt.timedelta(days=7)).month == month:
                day += dt.timedelta(days=7)
        else:
            day += dt.timedelta(days=7 * (nth - 1))
        if day.month == month and day > after:
            return day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def meetings_in(text: str, reference: dt.date | None, evening: bool = False) -> list[FutureMeeting]:
    """Each date in ``text`` with the time and place written after it, up to the next date."""
    out = []
    dates = find_dates(text)
    for n, match in enumerate(dates):
        when = match.resolve(reference)
        if when is None or (reference is not None and when <= reference):
            continue
        end = dates[n + 1].start if n + 1 < len(dates) else len(text)
        tail = text[match.end:end]
        tail = tail.split(";")[0]
        start_time, end_time = time_range(tail, evening)
        if start_time is None:
            start_time = _time_before(text[dates[n - 1].end if n else 0:match.start], evening)
        out.append(FutureMeeting(date=when, time=start_time, end_time=end_time, place=_place(tail),
                                 text=squash(text[match.start:match.end] + tail).strip(" ;,.") or None))
    return out


def _time_before(head: str, evening: bool) -> str | None:
    """ "10am on Thursday, 21st June": the time written just before the date."""
    times = find_times(head[-25:])
    if times and re.fullmatch(r"\W*(?:on|,)?\s*", head[-25:][times[-1].end:]):
        return time_range(head[-25:][times[-1].start:], evening)[0]
    return None


def _place(tail: str) -> str | None:
    mode = _MODE.search(tail)
    if mode:
        return mode.group(1)
    without_times = re.sub(
        r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|to|until)\s*\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|\b\d{1,2}[.:]\d{2}\b|\b\d{4}\s*(?:hrs|hours|h)\b|\b(?:noon|midday)\b",
        " ",
        tail,
        flags=re.IGNORECASE,
    )
    without_times = re.sub(r"^\W*(?:at|from|starting)?\s*(?=[,\s]|$)", "", without_times, flags=re.IGNORECASE).strip(" ,")
    m = _PLACE.match(without_times)
    if not m:
        return None
    place = m.group("place").strip(" ,")
    if not place or _NOT_PLACE.match(place) or len(place) > 80:
        return None
    return place
