"""One page's words filed under table cells or the body, and grouped into lines."""
from __future__ import annotations

import operator
import re
import statistics
from dataclasses import dataclass

from .grids import Cell, Grid, grid_of
from .page import RawPage, Word


LINE_TOLERANCE = 2.0
"""Words whose tops differ by no more than this (pt) sit on the same line."""


TIGHT_GAP = 0.15
"""Words closer than this share of the font size join without a space
(pdfplumber splits a word where its font changes, e.g. half-bold words)."""


SUPERSCRIPT_SIZE = 0.85
"""A raised word set at most this share of the next line's size is a superscript of that line."""


RAISED_WORDS = 8
"""Most words a line of raised ordinal suffixes has (a line holds few dates), so joining it stays cheap."""


# Word sets the "th" of "22nd"/"10th" raised and smaller; pdfplumber's top is then a line of its own.
ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)$", re.IGNORECASE)


@dataclass(slots=True)
class Line:
    words: list[Word]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float

    @classmethod
    def of(cls, words: list[Word]) -> Line:
        words.sort(key=_x0)
        top, bottom, x1, size = words[0].top, words[0].bottom, words[0].x1, words[0].size
        for w in words:  # comparisons, not min()/max() calls: this runs for every word of a document
            if w.top < top:
                top = w.top
            if w.bottom > bottom:
                bottom = w.bottom
            if w.x1 > x1:
                x1 = w.x1
            if w.size > size:
                size = w.size
        return cls(words, top, bottom, words[0].x0, x1, size)


_x0 = operator.attrgetter("x0")
_reading_order = operator.attrgetter("top", "x0")


@dataclass(slots=True)
class PageLayout:
    """What the first pass keeps of a page once pdfplumber has closed it."""

    number: int
    width: float
    height: float
    body: list[Line]
    grids: list[Grid]
    median_size: float
    space_ratio: float | None
    """Usual gap between words, as a share of the font size."""
    word_count: int


def layout_page(raw: RawPage, number: int) -> PageLayout:
    words = raw.words
    # A lone ruled box (a page border, a framed note) is a frame, not a table:
    # taken as a one-cell table it would swallow the text and running headers inside it.
    grids = [grid_of(rows) for rows in raw.tables if sum(1 for row in rows for box in row if box) > 1]
    grids.sort(key=lambda g: (g.top, g.x0))
    if not grids:
        body = list(words)
    else:
        body = []
        for w in words:
            cell = _cell_for(grids, w)
            (cell.words if cell else body).append(w)
    for grid in grids:
        for cell in grid.cells:
            cell.lines = group_lines(cell.words)
            cell.words = []  # the lines hold them now
    body_lines = group_lines(body)
    all_lines = body_lines + [line for g in grids for c in g.cells for line in c.lines]
    return PageLayout(
        number=number,
        width=raw.width,
        height=raw.height,
        body=body_lines,
        grids=grids,
        median_size=statistics.median(w.size for w in words) if words else 0.0,
        space_ratio=space_ratio(all_lines),
        word_count=len(words),
    )


def _cell_for(grids: list[Grid], w: Word) -> Cell | None:
    # The word's centre decides: a word touching a ruling belongs to the side it mostly sits on.
    x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    for grid in grids:
        if grid.holds(x, y):
            return grid.cell_at(x, y)
    return None


def group_lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    current: list[Word] = []
    anchor = 0.0
    for w in sorted(words, key=_reading_order):
        if current and w.top - anchor > LINE_TOLERANCE:
            lines.append(Line.of(current))
            current = []
        if not current:
            anchor = w.top
        current.append(w)
    if current:
        lines.append(Line.of(current))
    return _lower_ordinals(lines)


def _lower_ordinals(lines: list[Line]) -> list[Line]:
    """A line of raised ordinal suffixes ("TH" set above "10") joined to the line it belongs to.

    Left alone, "ON WEDNESDAY 10 DECEMBER" loses its "TH" to a line of its own
    above, and the gap it leaves splits the line into two segments.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and _raised_ordinals(line, nxt):
            merged = Line.of(nxt.words + line.words)
            merged.top, merged.bottom = nxt.top, nxt.bottom
            out.append(merged)
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _raised_ordinals(line: Line, nxt: Line) -> bool:
    """Whether every word of ``line`` is a small ordinal suffix sitting right after a number of ``nxt``."""
    if line.bottom <= nxt.top or len(line.words) > min(len(nxt.words), RAISED_WORDS):
        return False
    for w in line.words:
        if not ORDINAL_SUFFIX.match(w.text) or w.size > SUPERSCRIPT_SIZE * nxt.size:
            return False
        if not any(n.text[-1:].isdigit() and abs(w.x0 - n.x1) <= TIGHT_GAP * nxt.size for n in nxt.words):
            return False
    return True


def space_ratio(lines: list[Line]) -> float | None:
    ratios = [
        gap / a.size
        for line in lines
        for a, b in zip(line.words, line.words[1:])
        if a.size and (gap := b.x0 - a.x1) > TIGHT_GAP * a.size
    ]
    return statistics.median(ratios) if ratios else None
