"""The top of the minutes: the meeting date and where it was held.

The meeting's date is looked for, in this order, in

1. a line of the heading labelled as the meeting's date ("Date: …",
   "Meeting date: 14/11/2017 | Room …"), so that an agenda or logistics date
   written before it does not win;
2. the heading itself, read as one text so that a date broken over two lines
   ("held on Wednesday 9th May" / "2012 at 7.30pm") stays one date;
3. a labelled line further down the opening of the minutes (a "Date:" line
   after the list of people, a "Date, Time and Location" section);
4. the front matter of a Markdown post: the date in its title, then its date;
5. a line of the opening that holds a date and nothing else but its times
   ("14:00-16:00 | 18/03/2025" under the list of people).

A date without a year takes the year the document's full dates name most
often (the front matter's first), and the weekday beside it when there is one.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Block
from .dates import DateMatch, find_dates, find_times, year_hint
from .layout import Entry, Para

LABEL_WINDOW = 40
"""Paragraphs from the top in which a labelled meeting date is looked for (the opening: heading, people, logistics)."""
LABEL_REACH = 3
"""Lines after a label standing alone ("Date", "## Date, Time and Location") that may hold its date."""
YEAR_PARAS = 2000
"""Paragraphs read for the year the document names: minutes name their year early, and reading all of a huge file twice is slow."""
TAIL = 160
"""Characters after the meeting date read for its time and venue."""
TIME_REACH = 60
"""Characters after the meeting date in which its start time is written."""
UNSEPARATED_LABEL_GAP = 12
"""A label without ":" ("Date 7 March 2022") must have its date this close, or it is a table header ("Date Payee …")."""

# "Date:", "Meeting date:", "Date of meeting -", "Date, Time and Location", "When:", "Scheduled start:"
_LABEL = re.compile(
    r"^\W*(?:(?:meeting\s+)?date(?:\s+of\s+(?:the\s+)?meeting)?(?:\s*(?:,|/|&|and)\s*(?:time|venue|place|location))*"
    r"|when|scheduled\s+(?:start|for)|time\s+and\s+date)\b(?P<sep>\s*[:\-–|])?",
    re.IGNORECASE,
)
# words just before a date that make it some other meeting's or some other event's date
_NOT_THIS_MEETING = re.compile(
    r"(?:previous|last|next|future|following|prior|earlier|forthcoming)\s+meetings?\b[^.]{0,40}$"
    r"|\b(?:published|updated|circulated|issued|printed|revised|posted|edited|created|deadline|agenda\s+(?:sent|issued))\b[^.]{0,20}$",
    re.IGNORECASE,
)
_MODE = re.compile(
    r"\b(?:via|by|on|over)\s+(?P<mode>(?:microsoft\s+)?teams|zoom|video\s*(?:conference|call|link)|telephone|phone|google meet|webex|skype)\b"
    r"|\b(?P<online>online(?:\s*\([^)]{1,30}\))?|virtual(?:ly)?|remotely)",
    re.IGNORECASE,
)
_PLACE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Za-z][\w'\u2019&\- ]*?) *(?:[.,;(\n]|$)")
_VENUE = re.compile(r"^\s*(?:venue|location|place|where)\s*[:\-–]\s*(?P<place>.+?)\s*\.?$", re.IGNORECASE)
# "(Held in the Council Chamber, London Road, Oakridge)." on a line of its own under the title
_HELD_IN = re.compile(r"^\W*held\s+(?:in|at)\s+(?:the\s+)?(?P<place>[^()]+?)\W*$", re.IGNORECASE)
_FRONT_DATE_KEYS = ("title", "date")


@dataclass(frozen=True, slots=True)
class MeetingDate:
    date: dt.date
    source: Block | None
    rule: str
    text: str
    """The line the date was read from."""
    tail: str = ""
    """What follows the date, across the heading's lines: its time and venue."""
    evening: bool = False
    """Whether the meeting's own time, written beside its date, is in the afternoon or evening."""


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


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    source: Block | None


def _lines(paras: Iterable[Para], entries: dict[int, list[Entry]]) -> list[_Line]:
    """Each paragraph, then the column entries on its line (a header table's "DATE | 7 MARCH 2022")."""
    out = []
    for para in paras:
        out.append(_Line(para.text, para.source))
        out.extend(_Line(e.text, e.source) for e in entries.get(para.index, ()))
    return out


def entries_by_index(entries: list[Entry]) -> dict[int, list[Entry]]:
    out: dict[int, list[Entry]] = {}
    for entry in entries:
        out.setdefault(entry.index, []).append(entry)
    return out


def find_meeting_date(
    top: list[Para], opening: list[Para], entries: dict[int, list[Entry]], front_matter: list[Block], hint: YearHint,
) -> MeetingDate | None:
    """The meeting's own date (see the module's docstring for the order of the conventions)."""
    top_lines = _lines(top, entries)
    found = _labelled(top_lines, hint) or _in_heading(top_lines, hint)
    if found is None:
        found = _labelled(_lines(opening, entries), hint)
    return found or _from_front_matter(front_matter, hint) or _alone(_lines(opening, entries), hint)


class YearHint:
    """The year to give a meeting date written without one: the front matter's date, else the year most dates name.

    Read only when a date lacks its year, and then once: it reads the whole document.
    """

    def __init__(self, paras: list[Para], front_matter: list[Block]) -> None:
        self._paras, self._front_matter = paras, front_matter
        self._year: int | None = None
        self._done = False

    def year(self) -> int | None:
        if not self._done:
            self._done = True
            front = [b.text for b in self._front_matter if b.text.startswith("date:")]
            self._year = year_hint(front) or year_hint(p.text for p in self._paras[:YEAR_PARAS])
        return self._year


def _labelled(lines: list[_Line], hint: YearHint) -> MeetingDate | None:
    for i, line in enumerate(lines):
        label = _LABEL.match(line.text)
        if not label:
            continue
        rest = line.text[label.end():]
        dates = find_dates(rest)
        if dates:
            if label.group("sep") or dates[0].start <= UNSEPARATED_LABEL_GAP:
                found = _resolved(dates[0], rest, hint, line, "date.label")
                if found is not None:
                    return found
            continue
        if rest.strip(" :-–|"):
            continue  # "Date of birth …", "Dated ____": not the label of the meeting's date
        for follower in lines[i + 1:i + 1 + LABEL_REACH]:
            dates = find_dates(follower.text)
            if dates:
                return _resolved(dates[0], follower.text, hint, follower, "date.label")
    return None


def _in_heading(lines: list[_Line], hint: YearHint) -> MeetingDate | None:
    """The first date of the heading, read across its lines, that is not another meeting's."""
    text, starts = "", []
    for line in lines:
        starts.append(len(text) + (1 if text else 0))
        text = f"{text}\n{line.text}" if text else line.text  # a date may run on; a venue ends with its line
    for match in find_dates(text):
        if _NOT_THIS_MEETING.search(text[max(0, match.start - 60):match.start]):
            continue
        n = bisect_right(starts, match.start) - 1
        found = _resolved(match, text, hint, lines[n], "date.header")
        if found is not None:
            return found
    return None


def _resolved(match: DateMatch, text: str, hint: YearHint, line: _Line, rule: str) -> MeetingDate | None:
    date = match.resolve(None, hint.year() if match.year is None else None)
    if date is None:
        return None
    tail = text[match.end:match.end + TAIL]
    times = find_times(tail[:TIME_REACH])
    evening = bool(times) and times[0].value >= "12:00"
    return MeetingDate(date, line.source, rule, line.text, tail, evening)


# what may stand beside a date alone on its line once its times are taken out: separators and these words
_ALONE_REST = re.compile(r"[\W_]*(?:(?:at|from|to|until|on)\b[\W_]*)*", re.IGNORECASE)


def _alone(lines: list[_Line], hint: YearHint) -> MeetingDate | None:
    """A date on a line of its own in the opening, with at most its times ("14:00-16:00 | 18/03/2025")."""
    for line in lines:
        dates = find_dates(line.text)
        if len(dates) != 1:
            continue
        rest = line.text[:dates[0].start] + " " + line.text[dates[0].end:]
        for time in reversed(find_times(rest)):
            rest = rest[:time.start] + " " + rest[time.end:]
        if _ALONE_REST.fullmatch(rest):
            return _resolved(dates[0], line.text, hint, line, "date.alone")
    return None


def _from_front_matter(front_matter: list[Block], hint: YearHint) -> MeetingDate | None:
    for key in _FRONT_DATE_KEYS:
        for block in front_matter:
            if block.text.startswith(f"{key}:"):
                dates = find_dates(block.text)
                if dates:
                    found = _resolved(dates[0], block.text, hint, _Line(block.text, block), "date.front-matter")
                    if found is not None:
                        return found
    return None


def find_place(paras: list[Para], date_line: MeetingDate | None) -> tuple[str | None, Block | None]:
    """The venue: a "Venue:" line, a "(Held in …)" line, or what follows "at"/"in" after the date and time."""
    for para in paras:
        venue = _VENUE.match(para.text) or _HELD_IN.match(para.text)
        if venue:
            return venue.group("place").strip(" ,."), para.source
    if date_line is None:
        return None, None
    mode = _MODE.search(date_line.text) or _MODE.search(date_line.tail)
    if mode:
        return mode.group("mode") or mode.group("online"), date_line.source
    text = date_line.tail
    after = 0
    for time in find_times(text):
        after = max(after, time.end) if time.start >= after - 1 else after
    place = _PLACE.search(text, after)
    if place:
        return place.group("place").strip(), date_line.source
    return None, None
