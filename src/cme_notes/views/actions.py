"""The action tracker: every action across meetings as one row, with its status over the series.

The row keys ``cme-notes actions`` has always written stay (scripts read
them): meeting_date, meeting, file, item, item_title, description, owners,
owners_text, due. Each row is one action followed across its group's meetings
(:mod:`.tracker`), so it also says: status, status_text, raised, last_seen,
mentions, and the link that joined its later mentions (kind and confidence).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

from ..store.queries import number_key
from ..store.records import ActionRecord
from .columns import DATE, INT, LIST, PERCENT, Column
from .tracker import OPEN, REVIEWED, Tracked, ref_key, track

if TYPE_CHECKING:
    from ..store import Index

STATUSES = ("open", "done", "dropped", "all")
"""What --status chooses from: one status, or every action."""

ACTION_COLUMNS = [
    Column("meeting_date", "Meeting date", DATE),
    Column("meeting", "Meeting", width=28),
    Column("file", "File", width=30),
    Column("item", "Item", width=6),
    Column("item_title", "Item title", width=30),
    Column("description", "Action", width=70, wrap=True),
    Column("owners", "Owners", LIST, width=28),
    Column("owners_text", "Owners as written", width=14),
    Column("due", "Due", DATE),
    Column("status", "Status", width=8),
    Column("status_text", "Status as written", width=24, wrap=True),
    Column("raised", "Raised", DATE),
    Column("raised_text", "Raised (as written)", width=14),
    Column("last_seen", "Last seen", DATE),
    Column("last_file", "Last seen in", width=30),
    Column("mentions", "Mentions", INT),
    Column("ref", "Ref", width=10),
    Column("link", "Linked by", width=10),
    Column("confidence", "Link confidence", PERCENT),
]


def tracked_actions(index: "Index", *, owner: str | None = None, since: dt.date | None = None,
                    until: dt.date | None = None, search: str | None = None, group: str | None = None,
                    status: str = OPEN, overdue_on: dt.date | None = None) -> list[Tracked]:
    """Actions followed across meetings, kept by ``status`` (and overdue on ``overdue_on``), due date first.

    ``owner``, ``since``/``until`` and ``search`` keep an action when any of its mentions matches.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    numbers = {m: frozenset(ref_key(n) for n in ns) for m, ns in index.item_numbers(group=group).items()}
    chains = track(index.actions(group=group, kind=None), numbers)
    if owner is not None or since is not None or until is not None or search is not None:
        ids = {r.id for r in index.actions(owner=owner, since=since, until=until, search=search, group=group, kind=None)}
        chains = [c for c in chains if any(m.id in ids for m in c.mentions)]
    chains = [c for c in chains if status == "all" or c.status == status]
    if overdue_on is not None:
        chains = [c for c in chains if is_overdue(c, overdue_on)]
    return sorted(chains, key=_order)


def is_overdue(action: Tracked, today: dt.date) -> bool:
    """Open, due before ``today``, and due on or after the meeting that gave the date: a due date before its own
    meeting is a payment date or a typo, not a deadline."""
    said = action.due_mention
    if action.status != OPEN or said is None or said.due >= today.isoformat():
        return False
    return said.meeting_date is None or said.due >= said.meeting_date


def action_rows(actions: Iterable[Tracked | ActionRecord]) -> list[dict]:
    """One row per action (a record alone is an action seen at one meeting)."""
    return [_row(a if isinstance(a, Tracked) else Tracked([a])) for a in actions]


def _row(action: Tracked) -> dict:
    first, last = action.first, action.mentions[-1]
    owned = next((m for m in reversed(action.mentions) if m.owners), first)
    due = action.due_mention
    link = action.link
    return {
        "meeting_date": first.meeting_date,
        "meeting": first.group_name,
        "file": first.path,
        "item": first.item,
        "item_title": first.item_title,
        "description": first.description,
        "owners": list(owned.owners),
        "owners_text": owned.owners_text,
        "due": due.due if due else None,
        "status": action.status,
        "status_text": action.status_text,
        "raised": action.raised,
        "raised_text": first.raised if first.kind == REVIEWED else None,
        "last_seen": action.last_seen,
        "last_file": last.path,
        "mentions": len(action.mentions),
        "ref": next((m.ref for m in action.mentions if m.ref), None),
        "link": link.kind if link else None,
        "confidence": link.confidence if link else None,
    }


def _order(action: Tracked) -> tuple:
    """Due date (none last), then the meeting it was first seen at, file, item."""
    due, first = action.due_mention, action.first
    return (due is None, due.due if due else "", first.meeting_date or "9999", first.path, number_key(first.item),
            first.position)
