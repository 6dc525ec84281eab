"""Several meetings in one file: a running log with a dated section per meeting, an annual meeting then an ordinary one.

A file is split only where a new meeting plainly starts: a *head* (a title
block such as "Minutes of the Annual Meeting held on 6 May 2024", a heading
that is a date, or "Meeting 7: 5 March 2024") followed closely by a people
list of its own ("Present:", "Attendees"). A head needs that list to count,
and every meeting found needs a head of its own with a new date (or, for two
title blocks, a new title): so a normal single meeting, whose minutes of the
last meeting, dated headings or date of the next meeting have no Present list
after them, is never split.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Block, Document
from .dates import find_dates, first_date
from .people import section_label

# a head is a title or a heading, not a paragraph of prose that happens to hold a date
MAX_HEAD_CHARS = 160
# a people list's opening line is read only up to here: a label is at the start (long paragraphs are prose)
MAX_LABEL_SCAN = 2000
# a log repeats its heads' shapes ("Present:" lines, the same date): each distinct line is read once
HEAD_CACHE = 4096
# more meetings than a weekly log keeps in twenty years: the rest of the file stays with the last one
MAX_MEETINGS = 1000
# the Present list follows its meeting's head within a few blocks (a venue, a time, a chair in between)
MAX_HEAD_TO_PEOPLE = 8
# a title block's lines just above its dated line ("ANNUAL MEETING OF THE COUNCIL") start the meeting with it
MAX_TITLE_LINES_ABOVE = 2

_TITLE = re.compile(
    # the group's name may come first on the line: "Oakridge Parish Council - Minutes of the meeting held on ..."
    r"^\s*(?:[^.;:!?]{0,80}?\s[-–—|:]\s*)?(?:(?:draft|unconfirmed|approved|signed)\s+)?"
    r"(?:minutes|notes|record)\s+of\s+(?:the\s+|an?\s+)?.{0,100}?\bmeeting\b",
    re.IGNORECASE,
)
# "The minutes of the meeting held on 6 February 2024 were approved": a sentence about a meeting, not a title
_SENTENCE_VERB = re.compile(
    r"\b(?:were|was|are|is|be|been|approved|agreed|accepted|signed|confirmed|received|noted|adopted|circulated)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:meeting|session)\s*(?:no\.?\s*|#\s*)?\d{1,4}\b\s*[:\-–—,.]?", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}|\d[/.\-]\d{1,2}[/.\-]\d")
_FILLER = re.compile(r"[\W\d_]+")
# words a dated heading may carry beside its date and still be nothing but a date ("Tuesday 5 March 2024, 7pm")
_DATE_LINE_WORDS = {"meeting", "minutes", "notes", "date", "time", "at", "on", "held", "am", "pm", "the", "of",
                    "st", "nd", "rd", "th"}


@dataclass(frozen=True, slots=True)
class Head:
    index: int
    """Index of the dated block in ``document.blocks``."""
    start: int
    """Where the meeting starts: the dated block, or the title lines just above it."""
    date: dt.date
    kind: str
    """"title" (Minutes of the ... meeting held on <date>) or "dated" (a heading that is a date, Meeting 7: <date>)."""
    text: str


def split_meetings(document: Document) -> list[Document]:
    """One document per meeting the file holds, in order; ``[document]`` for a file of one meeting."""
    starts = meeting_starts(document.blocks)
    if len(starts) < 2:
        return [document]
    bounds = [0] + [h.start for h in starts[1:]] + [len(document.blocks)]
    return [Document(blocks=document.blocks[a:b], format=document.format, pages=document.pages,
                     headers=list(document.headers))
            for a, b in zip(bounds, bounds[1:])]


def meeting_starts(blocks: list[Block]) -> list[Head]:
    """The heads that open a meeting with its own people list; fewer than two means one meeting.

    Heads are looked for only in the few blocks above a people list, so a file
    of many dated lines costs no more than one of plain text.
    """
    found: list[Head] = []
    # a head opens one meeting ("Also present" below it opens no other), and lies after the people list above it,
    # so each block is looked at as a head once at most
    floor = -1
    for i, block in enumerate(blocks):
        label = section_label(block.text) if len(block.text) <= MAX_LABEL_SCAN else None
        if label is None or label[0] != "attendees":
            continue
        head = _nearest_head(blocks, i, floor)
        floor = i
        if head is not None and (not found or _new_meeting(found[-1], head)):
            found.append(head)
            if len(found) == MAX_MEETINGS:
                break
    return found


def _nearest_head(blocks: list[Block], i: int, floor: int) -> Head | None:
    for j in range(i - 1, max(floor, i - 1 - MAX_HEAD_TO_PEOPLE), -1):
        head = _head(blocks, j)
        if head is not None:
            return head
    return None


def _new_meeting(before: Head, after: Head) -> bool:
    if after.date != before.date:
        return True
    # an annual meeting and an ordinary one on one evening: two title blocks, one date
    return before.kind == after.kind == "title" and _fold(before.text) != _fold(after.text)


def _fold(text: str) -> str:
    return " ".join(_FILLER.sub(" ", text.casefold()).split())


def _head(blocks: list[Block], i: int) -> Head | None:
    block = blocks[i]
    text = block.text.strip()
    if not text or len(text) > MAX_HEAD_CHARS or block.in_table and block.col:
        return None  # a cell beside others is a row's content, not a title
    found = _dated_head(text)
    return None if found is None else Head(i, _title_start(blocks, i), found[0], found[1], text)


@lru_cache(maxsize=HEAD_CACHE)
def _dated_head(text: str) -> tuple[dt.date, str] | None:
    """(date, "title" | "dated") when ``text`` reads as a meeting's head."""
    if _SENTENCE_VERB.search(text) or not _YEAR.search(text):
        return None  # a sentence about a meeting is not its title; a head's date has a year (cheap test first)
    dates = find_dates(text)
    date = next((d for d in (m.resolve(None) for m in dates) if d is not None), None)
    if date is None:
        return None
    if _TITLE.match(text):
        return date, "title"
    if _NUMBERED.match(text) or _only_a_date(text, dates):
        return date, "dated"
    return None


def _only_a_date(text: str, dates: list) -> bool:
    """``2024-03-05``, ``Tuesday 5th March 2024``, ``Meeting held on 5 March 2024 at 7pm``: the date is all it says."""
    rest = text
    for match in reversed(dates):
        rest = rest[: match.start] + " " + rest[match.end:]
    words = _FILLER.sub(" ", _WEEKDAY.sub(" ", rest)).casefold().split()
    return all(w in _DATE_LINE_WORDS for w in words)


def _title_start(blocks: list[Block], i: int) -> int:
    """The dated line, or the title lines just above it: short, undated, set as a title (capitals, heading, bold)."""
    start = i
    for j in range(i - 1, max(-1, i - 1 - MAX_TITLE_LINES_ABOVE), -1):
        above = blocks[j].text.strip()
        titled = above.isupper() or blocks[j].style in ("heading", "bold")
        if not above or not titled or len(above) > MAX_HEAD_CHARS or above.endswith(".") or first_date(above):
            break
        start = j
    return start
