"""Pass 2: the per-page summaries into the document's blocks, in reading order."""
from __future__ import annotations

import bisect
import statistics

from cme_notes.document import Block, Document
from cme_notes.readers.text import MAX_LINE, split_long_line

from .page import Word
from .paragraphs import Frame, Para, list_marker, make_para, paragraphs
from .running import strip_running_text
from .tables import Fragment, Table, continue_table, fragment_of, last_open_table, same_bounds
from .words import Line, PageLayout


MAX_PITCH = 2.5
"""Line pitch (as a share of font size) beyond which lines cannot be one paragraph's."""


DEFAULT_PITCH = 1.2
"""Single spacing, for a document with no paragraph of two lines or more."""


SEGMENT_GAP = 4.0
"""A gap of this many space widths splits a body line into segments."""


def assemble(layouts: list[PageLayout]) -> Document:
    headers = strip_running_text(layouts)
    body_pitch, cell_pitch = _pitches(layouts)
    spaces = [p.space_ratio for p in layouts if p.space_ratio]
    doc_space = statistics.median(spaces) if spaces else 0.25

    entries: list[list[Para] | Table] = []
    tables: list[Table] = []
    open_table: Table | None = None
    for layout in layouts:
        space = layout.space_ratio or doc_space
        items = _page_items(layout, body_pitch, cell_pitch, space)
        for index, (_, item) in enumerate(items):
            if not isinstance(item, Fragment):
                entries.append(item)
            elif index == 0 and open_table is not None and same_bounds(open_table.bounds, item.grid.bounds):
                continue_table(open_table, item)
            else:
                table = Table(len(tables), item.grid.bounds, item.rows)
                tables.append(table)
                entries.append(table)
        open_table = last_open_table(items, layout, tables)
    return Document(blocks=_blocks(entries), format="pdf", pages=len(layouts), headers=headers)


def _blocks(entries: list[list[Para] | Table]) -> list[Block]:
    """The document's blocks; a paragraph over MAX_LINE characters becomes several (as in the text reader)."""
    blocks: list[Block] = []
    body_para = 0
    for entry in entries:
        if isinstance(entry, Table):
            for r, row in enumerate(entry.rows):
                for c in sorted(row):
                    for k, p in enumerate(row[c]):
                        for text in _pieces(p.text):
                            blocks.append(Block(text, p.page, entry.number, r, c, k, round(p.top, 2), style=p.style))
        else:
            for p in entry:
                # A column segment stays whole: its pieces would share its line and be joined again.
                for text in _pieces(p.text) if p.col is None else [p.text]:
                    blocks.append(Block(text, p.page, None, None, p.col, body_para, round(p.top, 2), style=p.style))
            body_para += 1
    return blocks


def _pieces(text: str) -> list[str]:
    if len(text) <= MAX_LINE:
        return [text]
    return [piece.strip() for piece in split_long_line(text) if piece.strip()]


def _pitches(layouts: list[PageLayout]) -> tuple[float, float]:
    """Usual line pitch (as a share of font size) of body text and of table text.

    Taken over the whole document, as the lower quartile of line-to-line
    distances: most of those are within paragraphs, and a low quantile stays
    right even where most paragraphs are one line long.
    """
    body: list[float] = []
    cells: list[float] = []
    for layout in layouts:
        tops = [g.top for g in layout.grids]
        for a, b in zip(layout.body, layout.body[1:]):
            if region(tops, a) == region(tops, b) and a.size:
                body.append((b.top - a.top) / a.size)
        for grid in layout.grids:
            for cell in grid.cells:
                cells.extend((b.top - a.top) / a.size for a, b in zip(cell.lines, cell.lines[1:]) if a.size)
    body_pitch = _lower_quartile(body) or _lower_quartile(cells) or DEFAULT_PITCH
    cell_pitch = _lower_quartile(cells) or body_pitch
    return body_pitch, cell_pitch


def _lower_quartile(values: list[float]) -> float | None:
    # Wider than double spacing is never the pitch inside a paragraph: leave such gaps out,
    # or a page with a few far-apart lines would teach us that they belong together.
    usable = sorted(v for v in values if 0 < v <= MAX_PITCH)
    return usable[len(usable) // 4] if usable else None


def region(table_tops: list[float], line: Line) -> int:
    """How many tables start above the line: body lines with a table between them never join."""
    return bisect.bisect_right(table_tops, line.top)


def _page_items(
    layout: PageLayout, body_pitch: float, cell_pitch: float, space: float
) -> list[tuple[float, list[Para] | Fragment]]:
    items: list[tuple[float, list[Para] | Fragment]] = []
    items.extend(_body_items(layout, body_pitch, space))
    for grid in layout.grids:
        if any(cell.lines for cell in grid.cells):  # an empty grid is drawing, not a table
            items.append((grid.top, fragment_of(grid, layout, cell_pitch, space)))
    items.sort(key=lambda item: item[0])
    return items


def _body_items(layout: PageLayout, pitch: float, space: float) -> list[tuple[float, list[Para]]]:
    lines = layout.body
    if not lines:
        return []
    segmented = [_segments(line, space) for line in lines]
    plain = [line for line, segs in zip(lines, segmented) if len(segs) == 1]
    # The body's right edge is where its text wraps; lines split into columns don't show it.
    right = max(line.x1 for line in (plain or lines))
    frame = Frame(min(line.x0 for line in lines), right, pitch, space, layout.median_size)
    tops = [g.top for g in layout.grids]

    items: list[tuple[float, list[Para]]] = []
    run: list[Line] = []

    def flush() -> None:
        for para_lines in paragraphs(run, frame):
            para = make_para(para_lines, frame, layout.number)
            if para.text:  # a bullet glyph on a line of its own
                items.append((para_lines[0].top, [para]))
        run.clear()

    for line, segs in zip(lines, segmented):
        if len(segs) > 1:
            # A line split into columns stands alone: its pieces are separate entries.
            flush()
            paras = [make_para([Line.of(seg)], frame, layout.number, col) for col, seg in enumerate(segs)]
            if any(p.text for p in paras):
                items.append((line.top, [p for p in paras if p.text]))
            continue
        if run and region(tops, run[-1]) != region(tops, line):
            flush()
        run.append(line)
    flush()
    return items


def _segments(line: Line, space: float) -> list[list[Word]]:
    """Split a line at gaps of several space widths (a borderless column layout)."""
    segments: list[list[Word]] = [[line.words[0]]]
    for i, (a, b) in enumerate(zip(line.words, line.words[1:])):
        # The gap between a bullet or list number and its text is indentation, not a column.
        after_marker = i == 0 and list_marker(line.words) != ""
        if not after_marker and b.x0 - a.x1 >= SEGMENT_GAP * space * max(a.size, b.size):
            segments.append([])
        segments[-1].append(b)
    return segments
