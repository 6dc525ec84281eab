"""Search results: which meetings discussed something, one row per meeting and item with the best snippet."""
from __future__ import annotations

from typing import Iterable

from ..store.records import SearchHit
from .columns import DATE, LIST, Column

SEARCH_COLUMNS = [
    Column("meeting_date", "Meeting date", DATE),
    Column("meeting", "Meeting", width=28),
    Column("file", "File", width=30),
    Column("item", "Item", width=6),
    Column("item_title", "Item title", width=30),
    Column("found_in", "Found in", LIST, width=16),
    Column("snippet", "Snippet", width=70, wrap=True),
]

# Where a snippet says most: the item's discussion, then an action or decision, the title last.
_PREFERENCE = {"text": 0, "action": 1, "decision": 2, "title": 3}
_LABEL = {"text": "discussion", "action": "action", "decision": "decision", "title": "title"}


def search_rows(hits: Iterable[SearchHit]) -> list[dict]:
    """Hits grouped by meeting and item (in the order given), each with the places it was found and one snippet."""
    grouped: dict[tuple[int, str | None], list[SearchHit]] = {}
    for hit in hits:
        grouped.setdefault((hit.meeting_id, hit.item or hit.item_title), []).append(hit)
    rows = []
    for group in grouped.values():
        best = min(group, key=lambda h: (_PREFERENCE.get(h.kind, 9), h.rank))
        first = group[0]
        rows.append({
            "meeting_date": first.meeting_date,
            "meeting": first.group_name,
            "file": first.path,
            "item": first.item,
            "item_title": first.item_title,
            "found_in": [_LABEL.get(k, k) for k in sorted({h.kind for h in group}, key=lambda k: _PREFERENCE.get(k, 9))],
            "snippet": best.snippet,
        })
    return rows
