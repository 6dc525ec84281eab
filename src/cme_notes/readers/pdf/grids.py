"""Ruled tables of one page: cells with their boxes, and which cell a point falls in."""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .page import Word

if TYPE_CHECKING:
    from .words import Line


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(slots=True)
class Grid:
    """A ruled table as pdfplumber found it on one page."""

    x0: float
    top: float
    x1: float
    bottom: float
    bounds: list[float]
    """Column boundaries, left to right, used to recognise the table on the next page."""
    rows: list[list[Cell]]
    row_tops: list[float]

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom

    def cell_at(self, x: float, y: float) -> Cell | None:
        r = bisect.bisect_right(self.row_tops, y) - 1
        if r >= 0:
            for cell in self.rows[r]:
                if cell.holds(x, y):
                    return cell
        # A cell merged over several rows is listed under its first row only.
        for row in self.rows:
            for cell in row:
                if cell.holds(x, y):
                    return cell
        return None

    @property
    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row


def grid_of(rows: list[list[tuple[float, float, float, float] | None]]) -> Grid:
    cells = [
        [Cell(r, c, float(box[0]), float(box[1]), float(box[2]), float(box[3])) for c, box in enumerate(row) if box]
        for r, row in enumerate(rows)
    ]
    flat = [cell for row in cells for cell in row]
    x0 = min(c.x0 for c in flat)
    x1 = max(c.x1 for c in flat)
    # pdfplumber numbers columns by the distinct left edges of the cells.
    bounds = sorted({c.x0 for c in flat}) + [x1]
    row_tops = [min(c.top for c in row) for row in cells]
    return Grid(x0, min(c.top for c in flat), x1, max(c.bottom for c in flat), bounds, cells, row_tops)
