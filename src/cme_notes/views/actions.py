"""The action tracker: every action across meetings as one row each.

The row keys are those ``cme-notes actions`` has always written (scripts read
them): meeting_date, meeting, file, item, item_title, description, owners,
owners_text, due.
"""
from __future__ import annotations

from typing import Iterable

from ..store.records import ActionRecord
from .columns import DATE, LIST, Column

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
]


def action_rows(records: Iterable[ActionRecord]) -> list[dict]:
    return [
        {
            "meeting_date": r.meeting_date,
            "meeting": r.group_name,
            "file": r.path,
            "item": r.item,
            "item_title": r.item_title,
            "description": r.description,
            "owners": list(r.owners),
            "owners_text": r.owners_text,
            "due": r.due,
        }
        for r in records
    ]
