"""Lint for minutes: what ``cme-notes check`` reports, and what a record's ``findings`` (and ``warnings``) hold.

Each check is a small pure function of a :class:`~cme_notes.models.Meeting`
returning its findings; :data:`CHECKS` runs them in the order a clerk reads
the minutes. Which codes are errors and which warnings is said in
``codes.py``.

    >>> from cme_notes.checks import check
    >>> [f.code for f in check(meeting)]
    ['weekday-mismatch', 'action-no-due']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..models import Finding, Meeting
from .actions import action_no_due, action_no_owner, due_before_meeting, owner_not_listed
from .codes import CODES, ERROR, WARNING, code_of, finding, from_message, where_label
from .numbers import item_number_repeats, item_number_skips
from .record import no_date, no_next_meeting, nobody_present, present_and_apologies, source_findings
from .summary import quality_counts, summary_line
from .weekdays import weekday_mismatch

__all__ = ["CHECKS", "CODES", "ERROR", "WARNING", "add_finding", "check", "code_of", "finding", "from_message",
           "quality_counts", "set_findings", "source_findings", "summary_line", "where_label"]

CHECKS: list[Callable[[Meeting], list[Finding]]] = [
    no_date, weekday_mismatch, nobody_present, present_and_apologies,
    item_number_repeats, item_number_skips,
    action_no_owner, owner_not_listed, due_before_meeting, action_no_due,
    no_next_meeting,
]


def check(meeting: Meeting) -> list[Finding]:
    """Every check's findings for ``meeting``."""
    return [found for run in CHECKS for found in run(meeting)]


def set_findings(meeting: Meeting, notes: Iterable[str] = ()) -> Meeting:
    """Give ``meeting`` its findings: the checks', then the extractor's own ``notes`` (an ambiguous owner);
    its ``warnings`` become their messages."""
    found = check(meeting)
    messages = {f.message for f in found}
    for note in dict.fromkeys(notes):
        if note not in messages:
            found.append(_placed(from_message(note), meeting))
    meeting.findings = found
    meeting.warnings = [f.message for f in found]
    return meeting


def _placed(found: Finding, meeting: Meeting) -> Finding:
    """An extractor's note of a person in both lists points at the apologies line that names them."""
    if found.code == "present-and-apologies" and found.where is None:
        person = next((p for p in meeting.apologies if found.message.startswith(f"{p.name} is listed")), None)
        if person is not None:
            return found.model_copy(update={"where": person.where})
    return found


def add_finding(meeting: Meeting, found: Finding) -> None:
    """One more finding (a reader's: scanned pages left unread), in ``warnings`` too."""
    meeting.findings = [*meeting.findings, found]
    meeting.warnings = [*meeting.warnings, found.message]
