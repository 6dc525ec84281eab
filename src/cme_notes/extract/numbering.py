"""Item numbers: which numbered lines are one run of items.

Minutes number their items in a run that counts up ("1", "2", "3"; "95" …
"106"; "LW 48/2122" … "LW 63/2122"; "24.03.1" … "24.03.9"), sometimes with a
gap where an item was withdrawn. Numbers that stand outside that run ("50
talks proposed", a numbered list inside an item, the agenda for next time)
are not items. An agenda at the top numbered like the minutes below it is
one run, read from the minutes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block

# items withdrawn or taken in private leave a gap of at most this many numbers in a run
MAX_GAP = 5
# "24.03.7" (year, month, item) has a meeting's prefix; "4.1" is a sub-item
MIN_PREFIX_DEPTH = 2


@dataclass(frozen=True, slots=True)
class Heading:
    index: int
    number: str | None
    title: str
    kind: str
    source: Block | None = None
    rule: str = ""
    """The convention that found it, where more precise than ``kind`` (for ``where``)."""


def number_key(number: str) -> tuple[int, ...]:
    """(48, 2122) for "LW 48/2122"; a section letter counts as its place in the alphabet ("C" is 3)."""
    if len(number) == 1 and number.isalpha():
        return (ord(number.upper()) - ord("A") + 1,)
    return tuple(int(x) for x in re.split(r"[./\s]", number) if x.isdigit())


def is_top_level(number: str) -> bool:
    """"3" and "25/041" are items; "4.1" and "25/041.2" are sub-items."""
    return "." not in number


def number_shape(number: str) -> str:
    """"LW #/#" for "LW 48/2122": numbers in one run have one shape ("@" for a section letter)."""
    number = number.strip().rstrip(".):")
    return "@" if len(number) == 1 and number.isalpha() else re.sub(r"\d+", "#", number)


def longest_run(found: list[Heading]) -> list[Heading]:
    """The longest run of numbers counting up (in document order), by the shallowest numbering that has one.

    Each heading extends the best run ending at a number just below its own, so
    this is one pass with a dictionary. Where a number comes twice (the agenda,
    then the minutes), the later one takes over a run as long. A run then goes
    on past a wider gap where the numbers after it count up again.
    """
    best: dict[tuple[str, tuple[int, ...]], tuple[int, int]] = {}  # (shape, number) -> (run length, heading)
    prev: list[int] = []
    length: list[int] = []
    for k, h in enumerate(found):
        shape, key = number_shape(h.number or ""), number_key(h.number or "")
        before = (0, -1)
        if (k and key and length[k - 1] >= 2 and number_key(found[k - 1].number or "") == key
                and number_shape(found[k - 1].number or "") == shape):
            # two items given one number in a row, inside a run (a clerk's slip): both are items;
            # "1." again and again is Markdown's own numbering, not a run
            before = (length[k - 1], k - 1)
        for previous in _just_below(shape, key):
            hit = best.get((shape, previous))
            if hit and hit[0] > before[0]:
                before = hit
        prev.append(before[1])
        length.append(before[0] + 1 if key else 0)
        if key and length[k] >= best.get((shape, key), (0, -1))[0]:
            best[(shape, key)] = (length[k], k)
    ends: dict[int, int] = {}  # depth ("4" 0, "4.1" 1) -> heading ending the longest run
    for k, h in enumerate(found):
        if length[k]:
            depth = number_shape(h.number or "").count(".")
            if depth not in ends or length[k] >= length[ends[depth]]:
                ends[depth] = k
    if not ends:
        return []
    depth = min(ends)
    for deeper in sorted(ends):
        # "24.03.1" … "24.03.9" (a meeting's prefix) outnumbering the plain numbers, and not under one of them;
        # "4.1" … "4.9" are sub-items wherever there are plain numbers at all
        if (deeper >= MIN_PREFIX_DEPTH and length[ends[deeper]] > length[ends[depth]]
                and not _sub_numbers(found, ends[deeper], depth)):
            depth = deeper
    run = []
    k = ends[depth]
    while k >= 0:
        run.append(k)
        k = prev[k]
    run.reverse()
    return [found[k] for k in run + _continued(found, run[-1])]


def _just_below(shape: str, key: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The numbers a run may have reached just before ``key``: one part counting up by at most MAX_GAP.

    Below a meeting's prefix ("24.03.7") only the last part counts.
    """
    positions = range(len(key)) if "." not in shape else range(len(key) - 1, len(key))
    return [key[:i] + (key[i] - gap,) + key[i + 1:] for i in positions for gap in range(1, MAX_GAP + 1) if key[i] >= gap]


def _continued(found: list[Heading], end: int) -> list[int]:
    """Headings after a run's end that go on counting up after a wider gap, each one starting a run of its own."""
    shape, last = number_shape(found[end].number or ""), number_key(found[end].number or "")
    same = [k for k in range(end + 1, len(found)) if number_shape(found[k].number or "") == shape]
    out = []
    for j, k in enumerate(same):
        key = number_key(found[k].number or "")
        if not key or key <= last:
            continue
        after = number_key(found[same[j + 1]].number or "") if j + 1 < len(same) else None
        if last in _just_below(shape, key) or (after is not None and key in _just_below(shape, after)):
            out.append(k)
            last = key
    return out


def _sub_numbers(found: list[Heading], end: int, depth: int) -> bool:
    """Whether a deeper run ("4.1" … "4.12") sits under an item of the shallower numbering ("4")."""
    head = number_key(found[end].number or "")[:1]
    return any(number_key(h.number or "")[:1] == head and number_shape(h.number or "").count(".") == depth for h in found)
