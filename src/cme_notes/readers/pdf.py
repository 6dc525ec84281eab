"""PDF reader: turns a PDF into the normalised :class:`Document`, using pdfplumber.

The reader exposes layout, nothing more: words become lines, lines become
paragraphs, ruled tables become table/row/column blocks, running headers and
footers are set aside. It knows nothing about minutes.

It works in two passes. The first opens one page at a time, takes its words
(one ``extract_words`` call) and ruled tables, files each word under a table
cell or the body, groups them into lines, and closes the page so pdfplumber's
caches do not pile up over a long file. The second pass, over those small
per-page summaries, needs the whole document: running headers are only
recognisable once every page has been seen, and a table broken by a page break
is only one table once the next page is known.
"""
from __future__ import annotations

import bisect
import logging
import mmap
import re
import statistics
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from cme_notes.document import Block, Document
from cme_notes.errors import EncryptedError, NoTextError, ReadError, RefusedError
from cme_notes.readers.text import MAX_LINE, split_long_line

__all__ = ["read_pdf"]

# pdfminer logs a warning for every oddity of a damaged file ("Data-loss while decompressing
# corrupted data", "Could not get FontBBox..."); with no logging set up, Python prints those on
# stderr, between our one-line errors. A NullHandler keeps them off stderr; an application that
# configures logging still receives them through the root logger.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

LINE_TOLERANCE = 2.0
"""Words whose tops differ by no more than this (pt) sit on the same line."""
MARGIN_SHARE = 0.08
"""Share of the page height, at top and at bottom, where running headers live."""
GAP_FACTOR = 1.4
"""A line pitch this many times the usual one is a paragraph break."""
MAX_PITCH = 2.5
"""Line pitch (as a share of font size) beyond which lines cannot be one paragraph's."""
DEFAULT_PITCH = 1.2
"""Single spacing, for a document with no paragraph of two lines or more."""
INDENT_TOLERANCE = 8.0
"""Lines of one paragraph start within this many points of each other."""
FIT_SLACK = 2.0
"""A word "would have fitted" only with this much room (pt) to spare."""
SEGMENT_GAP = 4.0
"""A gap of this many space widths splits a body line into segments."""
SIZE_RATIO = 1.2
"""Text this much larger than the page's usual size is a heading."""
COLUMN_TOLERANCE = 2.0
"""Column boundaries this close (pt) are the same, across a page break."""
TIGHT_GAP = 0.15
"""Words closer than this share of the font size join without a space
(pdfplumber splits a word where its font changes, e.g. half-bold words)."""
SUPERSCRIPT_SIZE = 0.85
"""A raised word set at most this share of the next line's size is a superscript of that line."""
RAISED_WORDS = 8
"""Most words a line of raised ordinal suffixes has (a line holds few dates), so joining it stays cheap."""
# Word sets the "th" of "22nd"/"10th" raised and smaller; pdfplumber's top is then a line of its own.
ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)$", re.IGNORECASE)

# Glyphs that are a bullet whether alone or stuck to the following text.
BULLET_GLYPHS = "•·\uf0b7▪●◦■□➢\uf0a7\uf0d8"
# Characters that are a bullet only as a word of their own with text after it:
# on their own they are too often a dash or a letter.
AMBIGUOUS_BULLETS = frozenset({"-", "–", "o"})
LIST_NUMBER = re.compile(
    r"""^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]     # 1.  2)  a.  (b)  iv.
         |\((?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,5})\)   # (1) (A) (IV)
         |[A-Z]\)                                  # A)
         |\d{1,2}(?:\.\d{1,2})+\.                  # 1.2.
        )$""",
    re.VERBOSE,
)
PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.IGNORECASE
)
SENTENCE_END = (".", "?", "!", ":")
OPENING_PUNCTUATION = "\"'‘“([«"
NOT_A_PDF = "not a PDF file (no %PDF header)"
NEEDS_PASSWORD = "PDF is encrypted: give the password with --password"
WRONG_PASSWORD = "PDF is encrypted: the password given is not correct"
NO_TEXT = "no text layer (scanned PDF?): run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"


# --------------------------------------------------------------------------- layout types


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


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
        words.sort(key=lambda w: w.x0)
        return cls(
            words,
            min(w.top for w in words),
            max(w.bottom for w in words),
            words[0].x0,
            max(w.x1 for w in words),
            max(w.size for w in words),
        )


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


@dataclass(slots=True)
class Frame:
    """What the lines of one paragraph run are measured against."""

    left: float
    right: float
    pitch: float
    """Usual distance between line tops, as a share of the font size."""
    space: float
    """Usual space width, as a share of the font size."""
    median_size: float


@dataclass(slots=True)
class Para:
    text: str
    style: str
    page: int
    top: float
    last: Line
    """Last line, for deciding whether text on the next page continues it."""
    first: Word
    """First word after any bullet, ditto."""
    frame: Frame
    col: int | None = None


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


# --------------------------------------------------------------------------- public API


def read_pdf(path: Path, *, password: str | None = None) -> Document:
    """Read a PDF into a :class:`Document` (format "pdf").

    Raises ReadError, EncryptedError or NoTextError with a one-line message
    that does not name the file (the caller adds it).
    """
    _check_signature(Path(path))
    _check_streams(Path(path))
    problems = _Problems()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(problems)
    try:
        layouts = [_layout_page(raw, number) for number, raw in enumerate(_raw_pages(Path(path), password), 1)]
    finally:
        logger.removeHandler(problems)
    if not layouts:
        raise ReadError("damaged or truncated PDF: no pages found")
    if not any(p.word_count for p in layouts):
        if problems.corrupt:
            # Not a scan: the pages' content could not be decompressed or parsed.
            raise ReadError("damaged PDF: no text could be read from its pages (corrupt page content)")
        raise NoTextError(NO_TEXT)
    return _assemble(layouts)


class _Problems(logging.Handler):
    """Notes whether pdfminer met corrupt data while reading (it logs it and carries on)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.corrupt = False

    def emit(self, record: logging.LogRecord) -> None:
        # Any warning but a missing CropBox (common, harmless) means pdfminer met broken data.
        if "cropbox" not in str(record.msg).lower():
            self.corrupt = True


# --------------------------------------------------------------------------- pass 1: pdfplumber


@dataclass(slots=True)
class RawPage:
    width: float
    height: float
    words: list[dict[str, Any]]
    tables: list[list[list[tuple[float, float, float, float] | None]]]
    """Per table, its rows of cell boxes as pdfplumber's ``Table.rows`` gives them."""


def _check_signature(path: Path) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise ReadError(f"cannot read file: {e.strerror or e}") from None
    if b"%PDF-" not in head:
        from cme_notes.readers import sniff

        kind = sniff(head)
        raise ReadError(f"not a PDF file: it is {kind}" if kind else NOT_A_PDF)


MAX_STREAM = 256 * 1024 * 1024
"""Most bytes one compressed stream of a PDF may inflate to (a full-colour A4 page at 600 dpi is ~100 MB)."""
MAX_INFLATED = 2 * 1024 * 1024 * 1024
"""Most bytes all compressed streams of a PDF may inflate to together."""
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_CHUNK = 1 << 20


def _check_streams(path: Path) -> None:
    """Refuse a PDF whose compressed streams inflate past the limits (a "zip bomb" in a PDF).

    pdfminer inflates each stream whole, in memory, with no limit: a 3 MB file can
    hold a page whose content inflates to 3 GB. Here every Flate stream is inflated
    once, a megabyte at a time, keeping nothing but the count. Streams of an
    encrypted PDF are not zlib data until decrypted, so they are not counted.
    """
    total = 0
    with path.open("rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return  # an empty or unmappable file: the parser will say what is wrong
        with data:
            for match in _STREAM_START.finditer(data):
                size = _inflated_size(data, match.end(), MAX_STREAM + 1)
                total += size
                if size > MAX_STREAM:
                    raise RefusedError(f"refused: one of its compressed streams inflates to over "
                                       f"{MAX_STREAM // 1048576} MB (a PDF bomb?)")
                if total > MAX_INFLATED:
                    raise RefusedError(f"refused: its compressed streams inflate to over "
                                       f"{MAX_INFLATED // 1048576} MB in all (a PDF bomb?)")


def _inflated_size(data: mmap.mmap, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counting no further than ``limit``."""
    inflate = zlib.decompressobj()
    produced = 0
    pos = start
    pending = b""
    try:
        while produced < limit and not inflate.eof:
            if not pending:
                pending = data[pos:pos + _INFLATE_CHUNK]
                pos += len(pending)
                if not pending:
                    break
            out = inflate.decompress(pending, _INFLATE_CHUNK)
            if not out and inflate.unconsumed_tail == pending:
                break
            pending = inflate.unconsumed_tail
            produced += len(out)
    except zlib.error:
        pass  # not zlib data (another filter, encrypted, or damaged): counted as far as it went
    return produced


def _raw_pages(path: Path, password: str | None) -> Iterator[RawPage]:
    """Yield each page's words and table boxes, one page open at a time.

    Every pdfminer/pdfplumber failure is turned into one of our errors here, so
    nothing of theirs reaches the caller.
    """
    try:
        pdf = pdfplumber.open(path, password=password)
    except Exception as e:  # pdfplumber wraps anything pdfminer raises
        raise _translate(e, password) from None
    try:
        try:
            pages = pdf.pages
        except Exception as e:
            raise _translate(e, password) from None
        for page in pages:
            try:
                raw = _extract(page)
            except Exception as e:
                raise _translate(e, password) from None
            finally:
                # Drops the parsed layout, objects and text maps of this page.
                page.close()
            yield raw
    finally:
        # Not pdf.close(): it walks the page list again, and on a damaged file
        # that raises the very error already reported. Every page is closed above.
        pdf.stream.close()


def _extract(page: Any) -> RawPage:
    words = page.extract_words(extra_attrs=["fontname", "size"])
    tables: list[list[list[tuple[float, float, float, float] | None]]] = []
    # find_tables is cheap, but pointless on a page with no ruling at all.
    if page.lines or page.rects or page.curves:
        for table in page.find_tables():
            tables.append([list(row.cells) for row in table.rows])
    return RawPage(float(page.width), float(page.height), words, tables)


def _translate(error: BaseException, password: str | None) -> ReadError:
    if isinstance(error, MemoryError):
        raise error
    while isinstance(error, PdfminerException) and error.args and isinstance(error.args[0], BaseException):
        error = error.args[0]
    if isinstance(error, PDFPasswordIncorrect):
        return EncryptedError(WRONG_PASSWORD if password else NEEDS_PASSWORD)
    if isinstance(error, PDFEncryptionError):
        return EncryptedError(f"PDF is encrypted in a way that cannot be read: {_reason(error)}")
    return ReadError(f"damaged or truncated PDF: {_reason(error)}")


def _reason(error: BaseException) -> str:
    if type(error).__module__ == "builtins":
        # A KeyError or TypeError deep in pdfminer says nothing to a user.
        return "its internal structure is broken"
    text = " ".join(str(error).split())
    if "b'" in text or "/'" in text:
        # pdfminer quotes the broken PDF objects: "invalid dictionary construct: [/'ID', /b'\xf9'..."
        text = text.split(":")[0]
    text = text[:80] or type(error).__name__
    # "Unexpected EOF" -> "unexpected EOF", but leave "PDFSyntaxError" or "EOF" alone.
    return text if text[1:2].isupper() else text[0].lower() + text[1:]


# --------------------------------------------------------------------------- pass 1: page layout


def _layout_page(raw: RawPage, number: int) -> PageLayout:
    words = [_word(w) for w in raw.words if w["text"].strip()]
    # A lone ruled box (a page border, a framed note) is a frame, not a table:
    # taken as a one-cell table it would swallow the text and running headers inside it.
    grids = [_grid(rows) for rows in raw.tables if sum(1 for row in rows for box in row if box) > 1]
    grids.sort(key=lambda g: (g.top, g.x0))
    body: list[Word] = []
    for w in words:
        cell = _cell_for(grids, w)
        (cell.words if cell else body).append(w)
    for grid in grids:
        for cell in grid.cells:
            cell.lines = _group_lines(cell.words)
            cell.words = []  # the lines hold them now
    body_lines = _group_lines(body)
    all_lines = body_lines + [line for g in grids for c in g.cells for line in c.lines]
    return PageLayout(
        number=number,
        width=raw.width,
        height=raw.height,
        body=body_lines,
        grids=grids,
        median_size=statistics.median(w.size for w in words) if words else 0.0,
        space_ratio=_space_ratio(all_lines),
        word_count=len(words),
    )


def _word(w: dict[str, Any]) -> Word:
    size = round(float(w.get("size") or 0.0), 1)
    return Word(
        w["text"],
        float(w["x0"]),
        float(w["x1"]),
        float(w["top"]),
        float(w["bottom"]),
        size,
        "bold" in str(w.get("fontname", "")).lower(),
    )


def _grid(rows: list[list[tuple[float, float, float, float] | None]]) -> Grid:
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


def _cell_for(grids: list[Grid], w: Word) -> Cell | None:
    # The word's centre decides: a word touching a ruling belongs to the side it mostly sits on.
    x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    for grid in grids:
        if grid.holds(x, y):
            return grid.cell_at(x, y)
    return None


def _group_lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    current: list[Word] = []
    anchor = 0.0
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
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


def _space_ratio(lines: list[Line]) -> float | None:
    ratios = [
        gap / a.size
        for line in lines
        for a, b in zip(line.words, line.words[1:])
        if a.size and (gap := b.x0 - a.x1) > TIGHT_GAP * a.size
    ]
    return statistics.median(ratios) if ratios else None


# --------------------------------------------------------------------------- pass 2: the document


def _assemble(layouts: list[PageLayout]) -> Document:
    headers = _strip_running_text(layouts)
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
            elif index == 0 and open_table is not None and _same_bounds(open_table.bounds, item.grid.bounds):
                _continue_table(open_table, item)
            else:
                table = Table(len(tables), item.grid.bounds, item.rows)
                tables.append(table)
                entries.append(table)
        open_table = _last_open_table(items, layout, tables)
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


# --------------------------------------------------------------------------- running headers


def _strip_running_text(layouts: list[PageLayout]) -> list[str]:
    """Remove running headers/footers and bare page numbers from the body; return the headers.

    A margin line is running text when the same line (digits aside, so "Page 3
    of 9" matches "Page 4 of 9") stands in the margins of at least two pages.
    """
    pages_of: dict[str, set[int]] = {}
    for layout in layouts:
        for line in layout.body:
            if _in_margin(line, layout):
                pages_of.setdefault(_running_key(line), set()).add(layout.number)
    running = {key for key, pages in pages_of.items() if len(pages) >= 2}

    headers: list[str] = []
    listed: set[str] = set()
    for layout in layouts:
        kept: list[Line] = []
        for line in layout.body:
            if not _in_margin(line, layout):
                kept.append(line)
                continue
            text = _line_text(line.words)
            if PAGE_NUMBER.match(text):
                continue
            key = _running_key(line)
            if key not in running:
                kept.append(line)
            elif key not in listed:
                listed.add(key)
                headers.append(text)
        layout.body = kept
    return headers


def _in_margin(line: Line, layout: PageLayout) -> bool:
    band = MARGIN_SHARE * layout.height
    return line.top < band or line.bottom > layout.height - band


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(w.text for w in line.words)).casefold()


# --------------------------------------------------------------------------- line pitch


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
            if _region(tops, a) == _region(tops, b) and a.size:
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


def _region(table_tops: list[float], line: Line) -> int:
    """How many tables start above the line: body lines with a table between them never join."""
    return bisect.bisect_right(table_tops, line.top)


# --------------------------------------------------------------------------- one page


def _page_items(
    layout: PageLayout, body_pitch: float, cell_pitch: float, space: float
) -> list[tuple[float, list[Para] | Fragment]]:
    items: list[tuple[float, list[Para] | Fragment]] = []
    items.extend(_body_items(layout, body_pitch, space))
    for grid in layout.grids:
        if any(cell.lines for cell in grid.cells):  # an empty grid is drawing, not a table
            items.append((grid.top, _fragment(grid, layout, cell_pitch, space)))
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
        for para_lines in _paragraphs(run, frame):
            para = _para(para_lines, frame, layout.number)
            if para.text:  # a bullet glyph on a line of its own
                items.append((para_lines[0].top, [para]))
        run.clear()

    for line, segs in zip(lines, segmented):
        if len(segs) > 1:
            # A line split into columns stands alone: its pieces are separate entries.
            flush()
            paras = [_para([Line.of(seg)], frame, layout.number, col) for col, seg in enumerate(segs)]
            if any(p.text for p in paras):
                items.append((line.top, [p for p in paras if p.text]))
            continue
        if run and _region(tops, run[-1]) != _region(tops, line):
            flush()
        run.append(line)
    flush()
    return items


def _segments(line: Line, space: float) -> list[list[Word]]:
    """Split a line at gaps of several space widths (a borderless column layout)."""
    segments: list[list[Word]] = [[line.words[0]]]
    for i, (a, b) in enumerate(zip(line.words, line.words[1:])):
        # The gap between a bullet or list number and its text is indentation, not a column.
        after_marker = i == 0 and _marker(line.words) != ""
        if not after_marker and b.x0 - a.x1 >= SEGMENT_GAP * space * max(a.size, b.size):
            segments.append([])
        segments[-1].append(b)
    return segments


def _fragment(grid: Grid, layout: PageLayout, pitch: float, space: float) -> Fragment:
    padding = _cell_padding(grid)
    rows: list[dict[int, list[Para]]] = []
    for row in grid.rows:
        cols: dict[int, list[Para]] = {}
        for cell in row:
            if cell.lines:
                frame = Frame(cell.x0 + padding, cell.x1 - padding, pitch, space, layout.median_size)
                paras = [_para(lines, frame, layout.number) for lines in _paragraphs(cell.lines, frame)]
                cols[cell.col] = [p for p in paras if p.text]
        rows.append(cols)
    return Fragment(grid, rows)


def _cell_padding(grid: Grid) -> float:
    """Gap between a cell's ruling and its text, from the tightest cell of the table."""
    gaps = [min(line.x0 for line in c.lines) - c.x0 for c in grid.cells if c.lines]
    return min(max(min(gaps), 0.0), 12.0) if gaps else 5.0


# --------------------------------------------------------------------------- paragraphs


def _paragraphs(lines: Sequence[Line], frame: Frame) -> list[list[Line]]:
    paras: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if current and not _continues(current, line, frame):
            paras.append(current)
            current = []
        current.append(line)
    if current:
        paras.append(current)
    return paras


def _continues(current: list[Line], nxt: Line, frame: Frame) -> bool:
    """Whether ``nxt`` is the next line of the paragraph made of ``current``."""
    prev = current[-1]
    if max(prev.size, nxt.size) >= SIZE_RATIO * min(prev.size, nxt.size):
        return False  # a change of text size is a change of paragraph style
    if nxt.top - prev.top > GAP_FACTOR * frame.pitch * prev.size:
        return False
    marker = _marker(nxt.words)
    if marker and not _ambiguous_start(current, nxt, frame):
        return False
    if len(current) == 1 and len(prev.words) == 1 and _marker(prev.words):
        return True  # a bullet or number on a line of its own: its text is on the next line
    centred = _centred(prev, nxt, frame)
    if not centred and not _aligned(current, nxt, frame):
        return False
    return not _would_fit(prev, nxt.words[0], frame, centred)


def _ambiguous_start(current: list[Line], nxt: Line, frame: Frame) -> bool:
    """A line starting "- word" or "o word" right under a full line is wrapped text, not a bullet.

    Unless the paragraph itself began with that dash: then it is the next item of a dash list.
    """
    first, prev = nxt.words[0], current[-1]
    if first.text not in AMBIGUOUS_BULLETS or len(nxt.words) < 2 or current[0].words[0].text == first.text:
        return False
    dash_and_word = Word("", first.x0, nxt.words[1].x1, first.top, first.bottom, first.size, False)
    return abs(nxt.x0 - prev.x0) <= INDENT_TOLERANCE and not _would_fit(prev, dash_and_word, frame, False)


def _aligned(current: list[Line], nxt: Line, frame: Frame) -> bool:
    first, prev = current[0], current[-1]
    if _marker(first.words):
        # Wrapped list items go back to the bullet or hang under the text after it.
        anchors = [first.x0] + ([first.words[1].x0] if len(first.words) > 1 else [])
    else:
        anchors = [prev.x0]
    if any(abs(nxt.x0 - a) <= INDENT_TOLERANCE for a in anchors):
        return True
    # First-line indent: the second line goes back to the left edge.
    return len(current) == 1 and nxt.x0 < prev.x0 and abs(nxt.x0 - frame.left) <= INDENT_TOLERANCE


def _centred(prev: Line, nxt: Line, frame: Frame) -> bool:
    same_centre = abs((prev.x0 + prev.x1) - (nxt.x0 + nxt.x1)) / 2 <= LINE_TOLERANCE
    return same_centre and abs(prev.x0 - nxt.x0) > LINE_TOLERANCE and min(prev.x0, nxt.x0) > frame.left + LINE_TOLERANCE


def _would_fit(prev: Line, word: Word, frame: Frame, centred: bool = False) -> bool:
    """Whether ``word`` would have fitted at the end of ``prev``: if so, ``prev`` ended its paragraph."""
    needed = frame.space * prev.size + (word.x1 - word.x0)
    if centred:
        return (prev.x1 - prev.x0) + needed < (frame.right - frame.left) - FIT_SLACK
    return prev.x1 + needed < frame.right - FIT_SLACK


def _marker(words: list[Word]) -> str:
    """"bullet" or "numbered" when the line starts a list item, else ""."""
    first = words[0].text
    if first in AMBIGUOUS_BULLETS:
        return "bullet" if len(words) > 1 else ""
    if first[0] in BULLET_GLYPHS:
        return "bullet"
    if LIST_NUMBER.match(first):
        return "numbered"
    return ""


def _para(lines: list[Line], frame: Frame, page: int, col: int | None = None) -> Para:
    words = [w for line in lines for w in line.words]
    marker = _marker(lines[0].words)
    if marker == "bullet":
        words = _strip_bullet(words)
    text = _text(lines, words)
    content = words or lines[0].words
    style = ""
    if marker == "bullet":
        style = "bullet"
    elif marker == "numbered" and len(words) > 1:
        style = "numbered"
    elif frame.median_size and statistics.median(w.size for w in content) >= SIZE_RATIO * frame.median_size:
        style = "heading"
    elif all(w.bold for w in content):
        style = "bold"
    return Para(text, style, page, lines[0].top, lines[-1], content[0], frame, col)


def _strip_bullet(words: list[Word]) -> list[Word]:
    first = words[0]
    if first.text in AMBIGUOUS_BULLETS or all(ch in BULLET_GLYPHS for ch in first.text):
        return words[1:]
    rest = first.text.lstrip(BULLET_GLYPHS).lstrip()
    # Keep the word's measure for the wrap tests: the text's share of the glyph run's width.
    x0 = first.x1 - (first.x1 - first.x0) * len(rest) / len(first.text)
    return [Word(rest, x0, first.x1, first.top, first.bottom, first.size, first.bold)] + words[1:]


def _text(lines: list[Line], words: list[Word]) -> str:
    """Join the paragraph's words: lines with a space, or none after a word broken by a hyphen."""
    kept = {id(w) for w in words}
    text = ""
    for line in lines:
        line_text = _line_text([w for w in line.words if id(w) in kept])
        if line_text:
            text = _join(text, line_text)
    return text


def _line_text(words: list[Word]) -> str:
    parts: list[str] = []
    for i, w in enumerate(words):
        if i and w.x0 - words[i - 1].x1 > TIGHT_GAP * w.size:
            parts.append(" ")
        parts.append(w.text)
    return "".join(parts)


def _join(before: str, after: str) -> str:
    if not before:
        return after
    last = before.rsplit(" ", 1)[-1]
    # "two-" + "way" is one word broken over two lines; keep its hyphen, drop the space.
    if len(last) > 1 and last.endswith("-") and last[-2].isalpha() and after[:1].islower():
        return before + after
    return f"{before} {after}"


# --------------------------------------------------------------------------- tables over page breaks


def _same_bounds(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a, b))


def _last_open_table(
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


def _continue_table(table: Table, fragment: Fragment) -> None:
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
        if _starts_lower(paras[0].text):
            return True
        before = last.get(col)
        if before and _mid_sentence(before[-1], paras[0]):
            return True
    return False


def _merge_row(last: dict[int, list[Para]], first: dict[int, list[Para]]) -> None:
    for col, paras in first.items():
        cell = last.setdefault(col, [])
        if cell and _mid_sentence(cell[-1], paras[0]):
            head, *paras = paras
            prev = cell[-1]
            style = prev.style if prev.style in ("bullet", "numbered") or prev.style == head.style else ""
            cell[-1] = Para(_join(prev.text, head.text), style, prev.page, prev.top, head.last, prev.first, head.frame, prev.col)
        cell.extend(paras)


def _mid_sentence(before: Para, after: Para) -> bool:
    """Whether ``after`` carries on the sentence that ``before`` leaves unfinished."""
    if before.text.rstrip().endswith(SENTENCE_END) or after.style in ("bullet", "numbered"):
        return False
    return _starts_lower(after.text) or not _would_fit(before.last, after.first, before.frame)


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip(OPENING_PUNCTUATION)
    return stripped[:1].islower()
