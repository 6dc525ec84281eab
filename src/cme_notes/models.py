"""The validated meeting record.

Field names are a contract, which ``cme-notes schema`` prints (versioned by RECORD_VERSION):
``../shared/eval/score.py`` and users' scripts read them (date, attendees[].name/organisation/role,
apologies[], items[].number/title, actions[].item/description/owners/due, next_meetings[].date/time).
"""
from __future__ import annotations

import datetime as dt
import re

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

RECORD_VERSION = "2.0"
"""The record format's version (``cme-notes schema``): bump the minor number when a field is added, the major one
when a field is removed, renamed or changes its type or meaning (what breaks a reader of older records)."""


class _Model(BaseModel):
    # Field docstrings become the descriptions of `cme-notes schema`: one text documents both.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_attribute_docstrings=True)


class Where(_Model):
    """Where an answer was read, and which convention found it, so a clerk can check it against the source."""

    page: int | None = None
    """1-based page (PDF only)."""
    table: int | None = None
    """0-based table number in reading order; None for body text."""
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None
    """0-based paragraph within the table cell, or within the body."""
    line: int | None = None
    """1-based line number (text and Markdown only)."""
    text: str = ""
    """The source text as written (one paragraph, line or cell)."""
    rule: str = ""
    """The convention that found it, e.g. "people.label", "items.numbered", "actions.column"."""


class Person(_Model):
    name: str = Field(min_length=1)
    organisation: str | None = None
    role: str | None = None
    honorific: str | None = None
    """"Cllr", "Dr", "Mrs"... kept apart from the name."""
    initials: str | None = None
    """Initials the minutes give for this person, e.g. "JM" from "J Marsh (JM - Chair)"."""
    as_written: str | None = None
    where: Where | None = None


class Item(_Model):
    number: str | None = None
    """As written, without a trailing dot: "3", "4.1", "23/045"; None for e.g. AOB."""
    title: str = Field(min_length=1)
    where: Where | None = None


class Action(_Model):
    item: str | None = None
    """Number of the item the action belongs to."""
    description: str = Field(min_length=1)
    owners: list[str] = Field(default_factory=list)
    """Resolved owners: an attendee's full name, "all", or the text as written."""
    owners_text: str | None = None
    """The owner text as the minutes wrote it, e.g. "MS / CO"."""
    due: dt.date | None = None
    ref: str | None = None
    """The action's own reference where the minutes give one ("Mar24.03", "A12", "7.4"), as written; what a
    later meeting's review of the action cites."""
    status: Literal["open", "done", "dropped"] | None = None
    """What the minutes say of the action: open (ongoing, carried forward, in progress), done (completed,
    closed) or dropped (withdrawn, no longer needed); None when they say nothing (a new action: open)."""
    status_text: str | None = None
    """The status as written ("Completed 3 May", "Ongoing - chase in June", "c/f")."""
    raised: str | None = None
    """For a carried-over action: the meeting or reference it came from, as written."""
    where: Where | None = None


class Decision(_Model):
    item: str | None = None
    text: str = Field(min_length=1)
    where: Where | None = None


class FutureMeeting(_Model):
    date: dt.date
    time: str | None = None
    """Start time, "HH:MM" on the 24-hour clock."""
    end_time: str | None = None
    place: str | None = None
    text: str | None = None
    """The words the date was read from."""
    where: Where | None = None

    @field_validator("time", "end_time")
    @classmethod
    def _hh_mm(cls, value: str | None) -> str | None:
        if value is not None and not _TIME.match(value):
            raise ValueError(f"time must be HH:MM, got {value!r}")
        return value


class Finding(_Model):
    """Something a clerk should look at before the minutes go out (``cme-notes check``): an error where the
    minutes are wrong or the record cannot be used (no date, nobody present, a date that contradicts itself),
    a warning where something is missing or unsure (an action with no due date, a skipped item number)."""

    code: str
    """Stable and short, for scripts and for silencing: "no-date", "action-no-due", "weekday-mismatch"..."""
    severity: Literal["error", "warning"]
    message: str
    where: Where | None = None


class Source(_Model):
    path: str
    format: str
    pages: int | None = None
    sha256: str | None = None
    ocr_pages: list[int] | None = None
    """Pages whose text was read by OCR (Tesseract) because the file had none there (a scan);
    None when every page had its own text."""
    part: int | None = None
    """For a file holding several meetings (a running log, an annual meeting then an ordinary one):
    which of them this record is, counted from 1; None when the file holds one meeting."""


class Meeting(_Model):
    """One meeting's record, as ``cme-notes parse --format json`` prints it."""

    record_version: str = RECORD_VERSION
    """The record format this record follows (see ``cme-notes schema``)."""
    title: str | None = None
    date: dt.date | None = None
    place: str | None = None
    """Venue or mode ("video conference") where the minutes say."""
    attendees: list[Person] = Field(default_factory=list)
    apologies: list[Person] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    """Actions set at this meeting."""
    previous_actions: list[Action] = Field(default_factory=list)
    """Actions from earlier meetings reviewed here (a previous-actions table, matters arising), kept apart."""
    decisions: list[Decision] = Field(default_factory=list)
    next_meetings: list[FutureMeeting] = Field(default_factory=list)
    source: Source | None = None
    findings: list[Finding] = Field(default_factory=list)
    """What ``cme-notes check`` reports for this record: faults of the minutes and doubts of the reading."""
    warnings: list[str] = Field(default_factory=list)
    """The findings' messages, in order (kept for scripts written before ``findings``)."""
    where: dict[str, Where] = Field(default_factory=dict)
    """Where the meeting's own fields ("date", "title", "place") were read."""

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json")
