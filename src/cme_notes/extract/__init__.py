"""Rule-based extraction: a normalised document in, a Meeting out.

Each concern lives in its own module as small pure functions; this module
only runs them in order, since later rules need earlier answers (owners are
resolved against the attendees, due dates take the meeting's year).
"""
from __future__ import annotations

from ..document import Document
from ..models import Meeting
from .actions import extract_actions
from .decisions import find_decisions
from .header import find_meeting_date, find_place, find_title, header_paras
from .items import find_items, item_of, to_items
from .layout import Layout, build_layout
from .meetings import find_future_meetings
from .owners import OwnerResolver
from .roster import find_people
from .where import where_of

__all__ = ["extract"]


def extract(document: Document) -> Meeting:
    layout = build_layout(document)
    warnings: list[str] = []
    attendees, apologies, people_end, people_indices = find_people(layout)
    headings = find_items(layout.paras)
    first_item = headings[0].index if headings else None
    stops = [i for i in (people_end, first_item) if i is not None]
    top = header_paras(layout.paras, min(stops) if stops else None)
    date, date_para = find_meeting_date(top)
    if date is None:
        warnings.append("no meeting date found near the top of the minutes")
    if not attendees:
        warnings.append("no list of people present found")
    body = [p for p in layout.paras if p.index not in people_indices]
    items_by_para = item_of(body, headings)
    resolver = OwnerResolver(attendees, apologies)
    actions = extract_actions(
        Layout(body, layout.entries, layout.action_rows, layout.people_cells, layout.actions_column),
        items_by_para, {h.index for h in headings}, resolver, date, warnings,
    )
    listed = {p.name for p in attendees + apologies}  # once, not per owner: both lists can be long
    for action in actions:
        for owner in action.owners:
            if owner != "all" and owner not in listed:
                warnings.append(f"action owner {owner!r} is not among the people listed (item {action.item or '-'})")
    return Meeting(
        title=find_title(top),
        date=date,
        place=find_place(top, date_para),
        attendees=attendees,
        apologies=apologies,
        items=to_items(headings),
        actions=actions,
        decisions=find_decisions(body, items_by_para),
        next_meetings=find_future_meetings(body, date, {h.index for h in headings}),
        warnings=_unique(warnings),
        where=_meeting_where(top, date_para),
    )


def _meeting_where(top, date_para) -> dict:
    where = {}
    if date_para is not None:
        where["date"] = where_of(date_para.source, "date.header")
    return where


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))

