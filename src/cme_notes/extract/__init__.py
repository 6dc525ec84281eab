"""Rule-based extraction: a normalised document in, a Meeting out.

Each concern lives in its own module as small pure functions; this module
only runs them in order, since later rules need earlier answers (owners are
resolved against the attendees, due dates take the meeting's year).
"""
from __future__ import annotations

from ..document import Block, Document
from ..models import Meeting, Where
from .actions import extract_actions
from .decisions import find_decisions
from .header import LABEL_WINDOW, MeetingDate, YearHint, entries_by_index, find_meeting_date, find_place, header_paras
from .items import find_items, item_of, to_items
from .layout import Layout, build_layout
from .meetings import find_future_meetings
from .offices import find_offices, officers_present
from .owners import OwnerResolver
from .roster import find_people
from .title import find_title
from .where import where_of

__all__ = ["extract"]


def extract(document: Document) -> Meeting:
    layout = build_layout(document)
    warnings: list[str] = []
    attendees, apologies, people_end, people_indices = find_people(layout, warnings)
    headings = find_items(layout.paras)
    first_item = headings[0].index if headings else None
    stops = [i for i in (people_end, first_item) if i is not None]
    top = header_paras(layout.paras, min(stops) if stops else None)
    opening = layout.paras[:LABEL_WINDOW]
    found = find_meeting_date(top, opening, entries_by_index(layout.entries), document.front_matter,
                              YearHint(layout.paras, document.front_matter))
    date = found.date if found else None
    body = [p for p in layout.paras if p.index not in people_indices]
    items_by_para = item_of(body, headings)
    offices = find_offices(layout.paras, _top_end(layout.paras, first_item), layout.entries)
    # one index of the people, the officers found with it then added: a long list is indexed once
    resolver = OwnerResolver(attendees, apologies)
    officers = officers_present(offices, attendees, apologies, resolver)
    attendees = attendees + officers
    resolver = resolver.joined(officers, offices)
    set_here = extract_actions(
        Layout(body, layout.entries, layout.action_rows, layout.people_cells, layout.actions_column),
        items_by_para, {h.index for h in headings}, resolver, date, warnings,
    )
    actions = set_here.actions
    title, title_source = find_title(top, document.front_matter)
    place, place_source = find_place(top, found)
    return Meeting(
        title=title,
        date=date,
        place=place,
        attendees=attendees,
        apologies=apologies,
        items=to_items(headings),
        actions=actions,
        previous_actions=set_here.previous,
        decisions=find_decisions(body, items_by_para),
        next_meetings=find_future_meetings(body, date, {h.index for h in headings}, found.evening if found else False),
        warnings=_unique(warnings),
        where=_meeting_where(found, title_source if title else None, place_source if place else None),
    )


def _meeting_where(date: MeetingDate | None, title: Block | None, place: Block | None) -> dict[str, Where]:
    where = {}
    if date is not None:
        where["date"] = where_of(date.source, date.rule, date.text)
    if title is not None:
        where["title"] = where_of(title, "title.header" if title.style != "front-matter" else "title.front-matter")
    if place is not None:
        where["place"] = where_of(place, "place.header")
    return where


_TOP_PARAS = 40
"""Without numbered items, offices are looked for in this many opening paragraphs."""


def _top_end(paras, first_item: int | None) -> int | None:
    if first_item is not None or len(paras) <= _TOP_PARAS:
        return first_item
    return paras[_TOP_PARAS].index


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))

