"""Who was there: attendee and apology lists as the minutes lay them out.

Labelled lines ("Present: …"), a label followed by one name per line, a list
wrapped over several lines, and attendance tables; the parsing of one entry
("Cllr Jane Smith (Kent)") is in :mod:`.people`.
"""
from __future__ import annotations

import re

from ..models import Person
from .layout import Layout
from .people import is_name, parse_people, parse_person, section_label
from .where import where_of


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
        # a list wrapped onto following lines (text exports, hard-wrapped email); the lines are
        # joined once at the end, as adding each to the text so far was quadratic in a long list
        lines = [rest]
        while rest.strip() and not lines[-1].rstrip().endswith(".") and j < len(paras) and _continues_list(paras[j].text):
            lines.append(paras[j].text)
            used.add(paras[j].index)
            j += 1
        rest = " ".join(lines)
        people = parse_people(rest) if rest.strip() else []
        _mark(people, paras[i], "people.label")
        if not people or rest.rstrip().endswith(","):
            # one name per line under the label, until something that is not a name
            while j < len(paras) and section_label(paras[j].text) is None and _person_line(paras[j].text):
                more = parse_people(paras[j].text)
                people.extend(_mark(more, paras[j], "people.line"))
                used.add(paras[j].index)
                j += 1
        target.extend(people)
        end = paras[j].index if j < len(paras) else None
        i = j
    for head, text, _, block in layout.people_cells:
        kind = section_label(head + ":")
        target = apologies if kind and kind[0] == "apologies" else attendees
        for person in parse_people(text):
            person.where = where_of(block, "people.table-column")
            target.append(person)
    return _dedupe(attendees), _dedupe(apologies), end, used


def _mark(people: list[Person], para, rule: str) -> list[Person]:
    for person in people:
        person.where = where_of(para.source, rule)
    return people


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
