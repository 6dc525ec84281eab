"""The top of the minutes: the group's name, the meeting date, and where it was held."""
from __future__ import annotations

import datetime as dt
import re

from .dates import find_dates, find_times
from .layout import Para

_GROUP_WORDS = re.compile(
    r"\b(?:group|committee|council|board|forum|network|panel|governing body|governors|partnership|assembly|trust|meeting|minutes|notes)\b",
    re.IGNORECASE,
)
_STRONG_GROUP = re.compile(r"\b(?:group|committee|council|board|forum|network|panel|governing body)\b", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:draft|confirmed|approved|unconfirmed)\s+)?(?:notes|minutes|record)\s+of\s+(?:the\s+)?(?:(?:\w+\s+)?meeting\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(r"\s*(?:[-–—:,]\s*)?(?:meeting|minutes|notes|record of meeting)\s*$", re.IGNORECASE)
_MODE = re.compile(
    r"\b(?:via|by|on|over)\s+(?P<mode>(?:microsoft\s+)?teams|zoom|video\s*(?:conference|call|link)|telephone|phone|google meet|webex|skype)\b"
    r"|\b(?P<online>online(?:\s*\([^)]{1,30}\))?|virtual(?:ly)?|remotely)",
    re.IGNORECASE,
)
_PLACE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Za-z][\w'\u2019&\- ]*?)\s*(?:[.,;(]|$)")
_VENUE = re.compile(r"^\s*(?:venue|location|place|where)\s*[:\-–]\s*(?P<place>.+?)\s*\.?$", re.IGNORECASE)


def header_paras(paras: list[Para], stop_index: int | None, limit: int = 8) -> list[Para]:
    """Paragraphs before the first list of people or the first item, at most ``limit``."""
    out = []
    for para in paras:
        if stop_index is not None and para.index >= stop_index:
            break
        out.append(para)
        if len(out) >= limit:
            break
    return out


def find_title(paras: list[Para]) -> str | None:
    """The group's name: the header line that names a group or committee, without "Minutes of the … held on"."""
    best, best_rank = None, 0
    for para in paras:
        parts = [clean_title(part) for part in re.split(r"\s+[-–—|]\s+", para.text)]
        title = " — ".join(p for p in parts if p and not find_dates(p))
        rank = 2 if _STRONG_GROUP.search(title) else 1 if _GROUP_WORDS.search(title) else 0
        if rank > best_rank and len(title) <= 120:
            best, best_rank = title, rank
        if best_rank == 2:
            break
    return best


def _last_heading(text: str) -> str:
    """Two header lines run into one by a text export: "Sector-led Partnership Sector-led X Group" is "Sector-led X Group".

    When the title's first word starts it again later, and only the later part
    names a group, the later part is the title.
    """
    words = text.split()
    if not 4 <= len(words) <= 30:  # a title is a line, not a paragraph
        return text
    for i in range(2, len(words) - 1):
        if words[i] == words[0]:
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if _STRONG_GROUP.search(tail) and not _STRONG_GROUP.search(head):
                return tail
    return text


def clean_title(text: str) -> str:
    text = _last_heading(_LEAD.sub("", text.strip()))
    for match in find_dates(text):
        text = text[: match.start] + text[match.end:]
    text = re.sub(r"\bheld\s+on\b.*$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–")
    previous = None
    while previous != text:
        previous = text
        text = _TRAIL.sub("", text).strip(" ,.;:-–")
    return text


def find_meeting_date(paras: list[Para]) -> tuple[dt.date | None, Para | None]:
    for para in paras:
        for match in find_dates(para.text):
            resolved = match.resolve(None)
            if resolved is not None:
                return resolved, para
    return None, None


def find_place(paras: list[Para], date_para: Para | None) -> str | None:
    for para in paras:
        venue = _VENUE.match(para.text)
        if venue:
            return venue.group("place")
    if date_para is None:
        return None
    text = date_para.text
    mode = _MODE.search(text)
    if mode:
        return mode.group("mode") or mode.group("online")
    dates = find_dates(text)
    after = dates[0].end if dates else 0
    for time in find_times(text):
        after = max(after, time.end) if time.start >= after - 1 else after
    place = _PLACE.search(text, after)
    if place:
        return place.group("place").strip()
    return None
