"""Table fragments of a page as rows of paragraphs, and tables that go on over a page break."""
from __future__ import annotations

from dataclasses import dataclass

from .grids import Grid
from .paragraphs import Frame, Para, join, make_para, mid_sentence, paragraphs, starts_lower
from .running import MARGIN_SHARE
from .words import PageLayout


COLUMN_TOLERANCE = 2.0
"""Column boundaries this close (pt) are the same, across a page break."""


@dataclass(slots=True)
class Fragment:
    """The part of a table that stands on one page."""

    grid: Grid
    rows: list[dict[int, list[Para]]]


@dataclass(slots=True)
class Table:
    """A table of the document, possibly made of fragments on several pages."""

    number: int
    bounds: list[float]
    rows: list[dict[int, list[Para]]]


def fragment_of(grid: Grid, layout: PageLayout, pitch: float, space: float) -> Fragment:
    padding = _cell_padding(grid)
    rows: list[dict[int, list[Para]]] = []
    for row in grid.rows:
        cols: dict[int, list[Para]] = {}
        for cell in row:
            if cell.lines:
                frame = Frame(cell.x0 + padding, cell.x1 - padding, pitch, space, layout.median_size)
                paras = [make_para(lines, frame, layout.number) for lines in paragraphs(cell.lines, frame)]
                cols[cell.col] = [p for p in paras if p.text]
        rows.append(cols)
    return Fragment(grid, rows)


def _cell_padding(grid: Grid) -> float:
    """Gap between a cell's ruling and its text, from the tightest cell of the table."""
    gaps = [min(line.x0 for line in c.lines) - c.x0 for c in grid.cells if c.lines]
    return min(max(min(gaps), 0.0), 12.0) if gaps else 5.0


def same_bounds(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a, b))


def last_open_table(
    items: list[tuple[float, list[Para] | Fragment]], layout: PageLayout, tables: list[Table]
) -> Table | None:
    """The page's last table, if nothing but bottom-margin text follows it: it may go on overleaf."""
    limit = layout.height * (1 - MARGIN_SHARE)
    for top, item in reversed(items):
        if isinstance(item, Fragment):
            return tables[-1]
        if top < limit:
            return None
    return None


def continue_table(table: Table, fragment: Fragment) -> None:
    rows = fragment.rows
    if rows and table.rows and _row_texts(rows[0]) and _row_texts(rows[0]) == _row_texts(table.rows[0]):
        rows = rows[1:]  # the header row, repeated on the new page
    if rows and table.rows and _row_goes_on(table, rows):
        _merge_row(table.rows[-1], rows[0])
        rows = rows[1:]
    table.rows.extend(rows)


def _row_texts(row: dict[int, list[Para]]) -> dict[int, list[str]]:
    return {c: [p.text for p in paras] for c, paras in row.items()}


def _row_goes_on(table: Table, rows: list[dict[int, list[Para]]]) -> bool:
    """Whether the first row on the new page is the rest of the last row on the previous page."""
    first, last = rows[0], table.rows[-1]
    if not first:
        return False
    others = table.rows + rows[1:]
    if 0 not in first and 2 * sum(1 for r in others if 0 in r) > len(others):
        return True  # the row number (or title) column is empty: a row broken by the page
    for col, paras in first.items():
        if starts_lower(paras[0].text):
            return True
        before = last.get(col)
        if before and mid_sentence(before[-1], paras[0]):
            return True
    return False


def _merge_row(last: dict[int, list[Para]], first: dict[int, list[Para]]) -> None:
    for col, paras in first.items():
        cell = last.setdefault(col, [])
        if cell and mid_sentence(cell[-1], paras[0]):
            head, *paras = paras
            prev = cell[-1]
            style = prev.style if prev.style in ("bullet", "numbered") or prev.style == head.style else ""
            cell[-1] = Para(join(prev.text, head.text), style, prev.page, prev.top, head.last, prev.first, head.frame, prev.col)
        cell.extend(paras)
