"""Future meetings: "Dates of future meetings: 30th April 10am; 12th June 10am" and "Date of next meeting: …"."""
from __future__ import annotations

import datetime as dt
import re

from ..models import FutureMeeting
from .dates import find_dates, time_range
from .layout import Para
from .text import squash
from .where import where_of

_HEADING = re.compile(
    r"^\W*(?:\d{1,3}[.)]?\s+)?(?:(?:the\s+)?(?:date|dates|time|times|dates and times|date and time)\s+(?:and\s+venue\s+)?of\s+(?:the\s+)?"
    r"(?:next|future|forthcoming|upcoming|remaining|further)\s+meetings?|(?:the\s+)?(?:next|future|forthcoming|upcoming)\s+meetings?|meeting dates)\b",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^\W*(?:at|in|venue:?|location:?|,)?\s*(?:the\s+)?(?P<place>[A-Z][^;.\n]*?)\s*(?:[;.]|$)")
_MODE = re.compile(r"\b(?:via|by|on)\s+((?:microsoft\s+)?teams|zoom|video\s*(?:conference|call|link)|telephone)\b", re.I)
_NOT_PLACE = re.compile(r"^(?:focus|agenda|topics?|theme|enquiries|tbc|to be confirmed|utc|gmt|bst|cet|[a-z]st)\b", re.IGNORECASE)


def find_future_meetings(paras: list[Para], meeting_date: dt.date | None, item_starts: set[int]) -> list[FutureMeeting]:
    meetings: list[FutureMeeting] = []
    for i, para in enumerate(paras):
        heading = _HEADING.match(para.text)
        if not heading:
            continue
        texts = [para.text[heading.end():]]
        for follower in paras[i + 1:i + 6]:
            if follower.index in item_starts or _HEADING.match(follower.text):
                break
            if not find_dates(follower.text):
                if any(find_dates(t) for t in texts):
                    break
                continue
            texts.append(follower.text)
        for n, text in enumerate(texts):
            source = para if n == 0 else next((f for f in paras[i + 1:i + 6] if f.text == text), para)
            for found in meetings_in(text, meeting_date):
                found.where = where_of(source.source, "next-meeting.heading", source.text)
                meetings.append(found)
    unique: dict[dt.date, FutureMeeting] = {}
    for m in meetings:
        unique.setdefault(m.date, m)
    return sorted(unique.values(), key=lambda m: m.date)


def meetings_in(text: str, reference: dt.date | None) -> list[FutureMeeting]:
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
        start_time, end_time = time_range(tail)
        out.append(FutureMeeting(date=when, time=start_time, end_time=end_time, place=_place(tail),
                                 text=squash(text[match.start:match.end] + tail).strip(" ;,.") or None))
    return out


def _place(tail: str) -> str | None:
    mode = _MODE.search(tail)
    if mode:
        return mode.group(1)
    without_times = re.sub(
        r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|to|until)\s*\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|\b\d{1,2}[.:]\d{2}\b|\b(?:noon|midday)\b",
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
