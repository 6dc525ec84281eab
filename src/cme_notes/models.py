"""The validated meeting record.

Field names are a contract: ``../shared/eval/score.py`` and users' scripts read
them (date, attendees[].name/organisation/role, apologies[], items[].number/title,
actions[].item/description/owners/due, next_meetings[].date/time).
"""
from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Person(_Model):
    name: str = Field(min_length=1)
    organisation: str | None = None
    role: str | None = None
    honorific: str | None = None
    """"Cllr", "Dr", "Mrs"... kept apart from the name."""
    initials: str | None = None
    """Initials the minutes give for this person, e.g. "JM" from "J Marsh (JM - Chair)"."""
    as_written: str | None = None


class Item(_Model):
    number: str | None = None
    """As written, without a trailing dot: "3", "4.1", "23/045"; None for e.g. AOB."""
    title: str = Field(min_length=1)


class Action(_Model):
    item: str | None = None
    """Number of the item the action belongs to."""
    description: str = Field(min_length=1)
    owners: list[str] = Field(default_factory=list)
    """Resolved owners: an attendee's full name, "all", or the text as written."""
    owners_text: str | None = None
    """The owner text as the minutes wrote it, e.g. "MS / CO"."""
    due: dt.date | None = None


class Decision(_Model):
    item: str | None = None
    text: str = Field(min_length=1)


class FutureMeeting(_Model):
    date: dt.date
    time: str | None = None
    """Start time, "HH:MM" on the 24-hour clock."""
    end_time: str | None = None
    place: str | None = None
    text: str | None = None
    """The words the date was read from."""

    @field_validator("time", "end_time")
    @classmethod
    def _hh_mm(cls, value: str | None) -> str | None:
        if value is not None and not _TIME.match(value):
            raise ValueError(f"time must be HH:MM, got {value!r}")
        return value


class Source(_Model):
    path: str
    format: str
    pages: int | None = None
    sha256: str | None = None


class Meeting(_Model):
    title: str | None = None
    date: dt.date | None = None
    place: str | None = None
    """Venue or mode ("video conference") where the minutes say."""
    attendees: list[Person] = Field(default_factory=list)
    apologies: list[Person] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    next_meetings: list[FutureMeeting] = Field(default_factory=list)
    source: Source | None = None
    warnings: list[str] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json")
