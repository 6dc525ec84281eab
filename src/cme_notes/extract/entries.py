"""Which Actions-column entries really name owners.

A column headed "Action" or "Action by" is an Actions column; its cells still
hold "Noted" or "No objection" where nothing is to be done, and those are no
action. A column nobody headed (short words at the end of table rows, or the
last segment of a line split by a wide gap) may be owners, or payees, amounts,
cheque numbers, planning decisions and "Dated ____" on a signature line: it
counts as an Actions column only when most of its entries are people of the
meeting, and then only those entries are kept.
"""
from __future__ import annotations

import re

from .dates import find_dates
from .layout import Entry
from .owners import OwnerResolver

_BEFORE_DATE = re.compile(r"[\s,;:\-–(]*(?:by|due|before|for|deadline)?[\s:]*$", re.IGNORECASE)
_TITLE_WORD = 4
"""In a title every word this long is capitalised; "and", "of", "the" may not be."""
_MIN_OWNER_SHARE = 0.5
"""An undeclared column whose entries are mostly people present is an Actions column; a few hits among
payees or outside bodies are coincidence."""


def owner_entries(entries: list[Entry], resolver: OwnerResolver) -> list[Entry]:
    kept: list[Entry] = []
    undeclared: dict[object, list[Entry]] = {}
    for entry in entries:
        if entry.declared:
            if resolver.could_own(owner_part(entry.text)):
                kept.append(entry)
        else:
            undeclared.setdefault(_column_of(entry), []).append(entry)
    for column in undeclared.values():
        owners = [e for e in column if resolver.is_owner_text(owner_part(e.text))]
        if owners and len(owners) >= _MIN_OWNER_SHARE * len(column):
            kept.extend(owners)
    return sorted(kept, key=lambda e: (e.index, e.pos))


def owner_part(text: str) -> str:
    """"Chris – by 28th March": the owners are what comes before the date."""
    dates = find_dates(text)
    if not dates:
        return text
    return _BEFORE_DATE.sub("", text[: dates[0].start]) or text


def _column_of(entry: Entry) -> object:
    """Table cells by table and column; segments of body lines all together, as one column of the document."""
    block = entry.source
    if block is not None and block.table is not None:
        return ("table", block.table, block.col)
    return ("lines",)


def reads_as_title(text: str) -> bool:
    """"8. WALTER WALLINGER CHARITY", "Crossings and Greens", "2": a heading or a number, not a task."""
    words = re.findall(r"[^\W\d_][\w'’\-]*", text)
    if not words or not any(c.islower() for c in text):
        return True
    return all(w[0].isupper() for w in words if len(w) >= _TITLE_WORD)
