"""Attendance grids: a table of names with a mark for each meeting ("P", "A", "S", "L", "✓").

Governors' and trustees' minutes often open with the year's attendance: one
row per person, one column per meeting. This meeting's column is the last one
that is headed with the meeting's date, or else the last one that holds any
mark (later meetings have not happened yet).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Mapping, Sequence

from ..document import Block
from .dates import first_date

# marks that say the person was there (P present, L late, a tick)
PRESENT_MARKS = frozenset({"p", "l", "y", "yes", "present", "late", "\u2713", "\u2714", "\u2611", "pl", "p/l", "v"})
# marks that say the person sent apologies (S sanctioned absence, AP apologies)
APOLOGY_MARKS = frozenset({"s", "ap", "apol", "apols", "apologies", "sanctioned", "a/s", "as", "ab", "aa"})
# marks that say the person was absent without apologies, or was not expected
OTHER_MARKS = frozenset({"a", "n", "no", "absent", "x", "\u2717", "\u2718", "-", "\u2013", "na", "n/a", "u", "nm"})
MARKS = PRESENT_MARKS | APOLOGY_MARKS | OTHER_MARKS
# a grid has at least this many people, and most of them carry a mark
_MIN_ROWS = 2
_MARKED_SHARE = 0.6
_NAME = re.compile(r"^(?:[A-Z][\w'\u2019.\-]*\s+){0,4}[A-Z][\w'\u2019.\-]+$")

Rows = Mapping[int, Mapping[int, Sequence[Block]]]


def read_grid(rows: Rows, order: Sequence[int], day: dt.date | None = None) -> list[tuple[str, Block]] | None:
    """("Present" | "Apologies", name block) for this meeting, or None when the table is no attendance grid.

    ``day`` is the meeting's date where the caller knows it, to find its column among dated headers.
    """
    people: list[tuple[Block, dict[int, str]]] = []
    headers: dict[int, str] = {}
    for r in order:
        cols = sorted(c for c, bs in rows[r].items() if any(b.text.strip() for b in bs))
        if not cols:
            continue
        name = rows[r][cols[0]][0]
        marks = {c: " ".join(b.text for b in rows[r][c]).strip().casefold() for c in cols[1:]}
        if not _NAME.match(name.text.strip()) or any(m not in MARKS for m in marks.values()):
            if people:
                return None  # a row that is neither a person with marks nor a header before them
            headers.update({c: " ".join(b.text for b in rows[r][c]) for c in cols})
            continue
        people.append((name, marks))
    marked = [p for p in people if p[1]]
    if len(people) < _MIN_ROWS or len(marked) < _MARKED_SHARE * len(people):
        return None
    dated = [c for c, text in headers.items() if day is not None and first_date(text, day) == day]
    this_meeting = dated[0] if dated else max(c for _, marks in marked for c in marks)
    out = []
    for name, marks in people:
        mark = marks.get(this_meeting)
        if mark in PRESENT_MARKS:
            out.append(("Present", name))
        elif mark in APOLOGY_MARKS:
            out.append(("Apologies", name))
    return out
