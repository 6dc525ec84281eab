"""Rule-based extraction: a normalised document in, a Meeting out.

Each concern lives in its own module as small pure functions; this module
only runs them in order, since later rules need earlier answers (owners are
resolved against the attendees, due dates take the meeting's year).
"""
from __future__ import annotations

import re

from ..document import Document
from ..models import Meeting, Person
from .actions import extract_actions
from .decisions import find_decisions
from .header import find_meeting_date, find_place, find_title, header_paras
from .items import find_items, item_of, to_items
from .layout import Layout, build_layout
from .meetings import find_future_meetings
from .owners import OwnerResolver
from .people import is_name, parse_people, parse_person, section_label

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
    for action in actions:
        for owner in action.owners:
            if owner != "all" and owner not in {p.name for p in attendees + apologies}:
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
    )


def find_people(layout: Layout) -> tuple[list[Person], list[Person], int | None, set[int]]:
    """Attendees and apologies from labelled lines, one-per-line lists and attendance tables.

    Also returns the index of the first paragraph after the lists, and the
    indices of the paragraphs that held them (so no other rule reads them).
    """
    attendees: list[Person] = []
    apologies: list[Person] = []
    used: set[int] = set()
    end: int | None = None
    paras = layout.paras
    i = 0
    while i < len(paras):
        label = section_label(paras[i].text)
        if label is None:
            i += 1
            continue
        kind, rest = label
        target = attendees if kind == "attendees" else apologies
        used.add(paras[i].index)
        j = i + 1
        # a list wrapped onto following lines (text exports, hard-wrapped email)
        while rest.strip() and not rest.rstrip().endswith(".") and j < len(paras) and _continues_list(paras[j].text):
            rest = f"{rest} {paras[j].text}"
            used.add(paras[j].index)
            j += 1
        people = parse_people(rest) if rest.strip() else []
        if not people or rest.rstrip().endswith(","):
            # one name per line under the label, until something that is not a name
            while j < len(paras) and section_label(paras[j].text) is None and _person_line(paras[j].text):
                people.extend(parse_people(paras[j].text))
                used.add(paras[j].index)
                j += 1
        target.extend(people)
        end = paras[j].index if j < len(paras) else None
        i = j
    for head, text, _ in layout.people_cells:
        kind = section_label(head + ":")
        target = apologies if kind and kind[0] == "apologies" else attendees
        target.extend(parse_people(text))
    return _dedupe(attendees), _dedupe(apologies), end, used


def _continues_list(text: str) -> bool:
    """A line that carries on a comma-separated list of people: most of its pieces are names."""
    if section_label(text) is not None or find_items_like(text):
        return False
    pieces = [p for p in re.split(r",\s*", text) if p.strip()]
    people = parse_people(text)
    return bool(people) and "," in text and len(people) >= 0.5 * len(pieces)


def find_items_like(text: str) -> bool:
    return bool(re.match(r"^\s*(?:\d{1,3}[.)]|item\b|aob\b)", text, re.IGNORECASE))


def _person_line(text: str) -> bool:
    people = parse_people(text)
    if not people or len(text) > 200:
        return False
    person = parse_person(text.split(",")[0]) if "," in text else people[0]
    return person is not None and is_name(person.name)


def _dedupe(people: list[Person]) -> list[Person]:
    seen: set[str] = set()
    out = []
    for p in people:
        key = p.name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))

