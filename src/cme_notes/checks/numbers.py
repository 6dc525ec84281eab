"""Item numbers that skip or repeat, at one level of numbering.

Numbers are compared only with the previous number of the same shape ("3"
with "3", "4.1" with "4.1", "25/041" with "25/041"), so sub-items between two
items ("4", "4.1", "4.2", "5") are no gap. Sub-items are compared only under
one parent ("4.2" then "5.1" starts afresh). A number that goes down, or
changes in two places at once, starts a new run: no finding.
"""
from __future__ import annotations

from ..extract.numbering import number_key, number_shape
from ..models import Finding, Item, Meeting
from .codes import finding


def _changed(before: tuple[int, ...], after: tuple[int, ...], dotted: bool) -> int | None:
    """Which part of the number counts on from ``before`` to ``after``; None where they are not one run."""
    if len(before) != len(after):
        return None
    if dotted:
        return len(after) - 1 if before[:-1] == after[:-1] else None
    differ = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    return differ[0] if len(differ) == 1 else None


def _numbered(meeting: Meeting) -> list[tuple[str, tuple[int, ...], Item]]:
    out = []
    for item in meeting.items:
        key = number_key(item.number) if item.number else ()
        if key:
            out.append((number_shape(item.number), key, item))
    return out


def item_number_repeats(meeting: Meeting) -> list[Finding]:
    first: dict[tuple[str, tuple[int, ...]], Item] = {}
    out = []
    for shape, key, item in _numbered(meeting):
        earlier = first.setdefault((shape, key), item)
        if earlier is not item:
            out.append(finding("item-number-repeats", f"item number {item.number} is used twice "
                                                      f"({earlier.title!r} and {item.title!r})", item.where))
    return out


def item_number_skips(meeting: Meeting) -> list[Finding]:
    last: dict[str, tuple[tuple[int, ...], Item]] = {}
    out = []
    for shape, key, item in _numbered(meeting):
        if shape in last:
            before, previous = last[shape]
            part = _changed(before, key, "." in shape)
            if part is not None and key[part] - before[part] > 1:
                out.append(finding("item-number-skips", f"item numbers skip from {previous.number} to {item.number}",
                                   item.where))
        last[shape] = (key, item)
    return out
