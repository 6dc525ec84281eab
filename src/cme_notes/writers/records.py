"""Records as data: JSON for meetings, rows (JSON or CSV) for actions across meetings."""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Action, Meeting

ACTION_COLUMNS = ("meeting_date", "meeting", "file", "item", "item_title", "description", "owners", "owners_text", "due")


def meetings_json(meetings: list["Meeting"], *, single: bool) -> str:
    data = [m.to_json_dict() for m in meetings]
    return json.dumps(data[0] if single and len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"


def meetings_jsonl(meetings: list["Meeting"]) -> str:
    """One record a line (JSON Lines), as ``batch --format jsonl`` writes them."""
    return "".join(json.dumps(m.to_json_dict(), ensure_ascii=False) + "\n" for m in meetings)


def action_row(meeting: "Meeting", action: "Action") -> dict:
    titles = {i.number: i.title for i in meeting.items if i.number}
    return {
        "meeting_date": meeting.date.isoformat() if meeting.date else None,
        "meeting": meeting.title,
        "file": meeting.source.path if meeting.source else None,
        "item": action.item,
        "item_title": titles.get(action.item),
        "description": action.description,
        "owners": list(action.owners),
        "owners_text": action.owners_text,
        "due": action.due.isoformat() if action.due else None,
    }


def rows_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACTION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "owners": "; ".join(row["owners"])})
    return out.getvalue()
