"""A record flattened for a spreadsheet: one row per fact (someone present, an apology, an item, an action,
a decision, a next meeting, a warning), each row carrying its file and meeting.

The same columns for every fact, so one sheet can be filtered by ``fact``:
``who`` is the person (present, apologies) or the owners (actions), ``date``
the due date (actions) or the meeting's date (next meetings), ``text`` what
was written (the person as written, the item's title, the action, the decision).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .columns import DATE, Column

if TYPE_CHECKING:
    from ..models import Meeting, Person

FACT_COLUMNS = [
    Column("file", "File", width=30),
    Column("part", "Part", width=5),
    Column("meeting_date", "Meeting date", DATE),
    Column("meeting", "Meeting", width=28),
    Column("fact", "Fact", width=12),
    Column("item", "Item", width=6),
    Column("text", "Text", width=70, wrap=True),
    Column("who", "Who", width=28),
    Column("organisation", "Organisation", width=20),
    Column("role", "Role", width=16),
    Column("date", "Date", DATE),
    Column("time", "Time", width=12),
    Column("status", "Status", width=10),
]

FACTS = ("present", "apologies", "item", "action", "decision", "next_meeting", "warning")
"""The values of the ``fact`` column, in the order rows come."""


def fact_rows(meetings: Iterable["Meeting"]) -> list[dict]:
    rows: list[dict] = []
    for m in meetings:
        head = {
            "file": m.source.path if m.source else None,
            "part": m.source.part if m.source else None,
            "meeting_date": m.date.isoformat() if m.date else None,
            "meeting": m.title,
        }
        rows += [{**head, **_person("present", p)} for p in m.attendees]
        rows += [{**head, **_person("apologies", p)} for p in m.apologies]
        rows += [{**head, "fact": "item", "item": i.number, "text": i.title} for i in m.items]
        rows += [{**head, "fact": "action", "item": a.item, "text": a.description, "who": "; ".join(a.owners),
                  "date": a.due.isoformat() if a.due else None, "status": a.status} for a in m.actions]
        rows += [{**head, "fact": "decision", "item": d.item, "text": d.text} for d in m.decisions]
        rows += [{**head, "fact": "next_meeting", "text": n.place or n.text, "date": n.date.isoformat(),
                  "time": (n.time or "") + (f"-{n.end_time}" if n.end_time else "") or None}
                 for n in m.next_meetings]
        rows += [{**head, "fact": "warning", "text": w} for w in m.warnings]
    return rows


def _person(fact: str, p: "Person") -> dict:
    return {"fact": fact, "text": p.as_written or p.name, "who": p.name, "organisation": p.organisation,
            "role": p.role}
