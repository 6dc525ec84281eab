"""What the index answers with: small frozen records, one per row of an answer."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    id: int
    path: str
    format: str | None
    group_name: str | None
    group_key: str | None
    date: str | None
    place: str | None


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: int
    meeting_id: int
    meeting_date: str | None
    group_name: str | None
    group_key: str | None
    path: str
    position: int
    item: str | None
    item_title: str | None
    description: str
    owners: tuple[str, ...]
    owners_text: str | None
    due: str | None
    kind: str = "set"
    """"set" at this meeting, or "reviewed": an earlier meeting's action reported on here."""
    ref: str | None = None
    status: str | None = None
    """open, done, dropped, or None when the minutes say nothing."""
    status_text: str | None = None
    raised: str | None = None
    """For a reviewed action: the meeting or reference it came from, as written."""


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    meeting_id: int
    meeting_date: str | None
    group_name: str | None
    group_key: str | None
    status: str
    """"present" or "apologies"."""
    name: str
    honorific: str | None
    role: str | None
    organisation: str | None
    """As written."""
    person_key: str
    initials: str | None = None
    """Initials the minutes give for the person ("JM" from "J Marsh (JM - Chair)")."""
    as_written: str | None = None
    """The whole entry as the minutes wrote it."""


@dataclass(frozen=True, slots=True)
class FutureRecord:
    group_name: str | None
    group_key: str | None
    date: str
    time: str | None
    end_time: str | None
    place: str | None
    text: str | None
    announced_on: str | None
    """Date of the minutes that announced it."""
    announced_in: str
    """Path of those minutes."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    meeting_id: int
    meeting_date: str | None
    group_name: str | None
    path: str
    item: str | None
    item_title: str | None
    kind: str
    """Where the words were found: title, text (the item's text), action or decision."""
    snippet: str
    rank: float
