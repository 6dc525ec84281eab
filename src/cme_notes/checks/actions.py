"""Checks of the actions set at the meeting (not of earlier meetings' actions reviewed there)."""
from __future__ import annotations

from ..extract.owners import ALL, fold, is_office
from ..models import Action, Finding, Meeting
from .codes import finding

SHOWN = 50
"""Characters of an action's description a message quotes: enough to find it in the minutes."""


def _named(action: Action) -> str:
    text = " ".join(action.description.split())
    shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
    return f"action {shown!r}" + (f" (item {action.item})" if action.item else "")


def action_no_owner(meeting: Meeting) -> list[Finding]:
    return [finding("action-no-owner", f"{_named(a)} has no owner", a.where) for a in meeting.actions if not a.owners]


def action_no_due(meeting: Meeting) -> list[Finding]:
    return [finding("action-no-due", f"{_named(a)} has no due date", a.where) for a in meeting.actions if a.due is None]


def owner_not_listed(meeting: Meeting) -> list[Finding]:
    """An owner who is neither present nor sending apologies, nor everyone, nor an office ("Clerk")."""
    people = meeting.attendees + meeting.apologies
    listed = {p.name for p in people}
    # "Ben" where Ben Smith and Ben Titzer are present is ambiguous (its own finding), not unlisted
    words = {word for p in people for word in fold(p.name).split()}
    out = []
    for action in meeting.actions:
        for owner in action.owners:
            if owner != ALL and owner not in listed and not is_office(owner) and fold(owner) not in words:
                out.append(finding("owner-not-listed", f"action owner {owner!r} is not among the people listed "
                                                       f"(item {action.item or '-'})", action.where))
    return out


def due_before_meeting(meeting: Meeting) -> list[Finding]:
    """A task set at a meeting cannot fall due before it: a year or a month is wrong."""
    if meeting.date is None:
        return []
    return [finding("due-before-meeting", f"{_named(a)} is due {a.due.isoformat()}, before the meeting "
                                          f"on {meeting.date.isoformat()}", a.where)
            for a in meeting.actions if a.due is not None and a.due < meeting.date]
