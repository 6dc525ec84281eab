"""Tests for the PDF reader, on PDFs drawn here with reportlab.

The pages are drawn line by line on a canvas, so every position is known: a
running header and footer, a wrapped paragraph, a bulleted paragraph, a ruled
three-column table whose right-hand column holds short entries, a table row
broken by the page break, and a borderless line with a right-hand entry.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from cme_notes.document import Block, Document
from cme_notes.errors import EncryptedError, NoTextError, ReadError
from cme_notes.readers.pdf import read_pdf

Read = Callable[..., Document]


@pytest.fixture(params=["pdfium", "pdfplumber"])
def read(request: pytest.FixtureRequest) -> Read:
    """The reader with each page source in turn: both must read every PDF here the same way."""
    return functools.partial(read_pdf, engine=request.param)

rl_config.invariant = 1
# Bullets in a TrueType font: drawn in Helvetica, pdfminer reads "•" as "(cid:127)".
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))

PAGE_W, PAGE_H = letter
FONT, BOLD, SIZE, PITCH = "Helvetica", "Helvetica-Bold", 11, 14
LEFT, TEXT_WIDTH = 72, 440
COLS = [72.0, 104.0, 460.0, 540.0]  # table column rulings
PAD = 5

HEADER = "Example Group - Running Header"
TITLE = "Minutes of the Example Group"
WRAPPED = (
    "Present: Alice Able (Northtown), Bob Baker (Southtown), Carol Cole (Easton), "
    "Dan Drake (Westby), Erin Ellis (Midvale), Frank Ford (Hilltop), Gina Gale (Lowmoor)."
)
BULLET = (
    "Members agreed that the shared referral form should be revised before the "
    "next meeting so that schools can use it for the summer term."
)
ITEM_1 = "Welcome and notes of the previous meeting, which were agreed as an accurate record of the discussion."
ITEM_2 = (
    "Data sharing: the group discussed how the termly returns are collected "
    "and agreed that each authority would send its figures to the coordinator "
    "by the end of the month so that the summary can be prepared in good time "
    "for the directors and shared with every member of the group afterwards."
)
ITEM_3 = "Any other business: none was raised."
SEGMENT_LEFT = "Agreed to circulate the revised paper"
SEGMENT_RIGHT = "JS"
CLOSING = "Date of next meeting: 1 July."


def _lines(text: str, width: float, font: str = FONT) -> list[str]:
    return list(simpleSplit(text, font, SIZE, width))


ITEM_2_LINES = _lines(ITEM_2, COLS[2] - COLS[1] - 2 * PAD)
ITEM_2_BREAK = 3  # lines of ITEM_2 on page 1; the rest go overleaf


@dataclass
class Pen:
    """Draws from the top of the page down, in pdfplumber's coordinates."""

    c: canvas.Canvas
    y: float = 72.0
    cols: list[float] = field(default_factory=lambda: list(COLS))

    def text(self, x: float, top: float, text: str, font: str = FONT, size: float = SIZE) -> None:
        self.c.setFont(font, size)
        self.c.drawString(x, PAGE_H - top - size * 0.8, text)

    def furniture(self, page: int) -> None:
        self.text(LEFT, 30, HEADER, size=9)
        self.text(460, 760, f"Page {page} of 2", size=9)

    def paragraph(self, text: str, *, bullet: bool = False) -> None:
        indent = 14 if bullet else 0
        if bullet:
            self.text(LEFT, self.y, "•", font="Vera")
        for line in _lines(text, TEXT_WIDTH - indent):
            self.text(LEFT + indent, self.y, line)
            self.y += PITCH
        self.y += 10

    def row(self, cells: list[list[str]], font: str = FONT) -> None:
        """One table row: the text of each column, already split into lines."""
        top = self.y
        height = max(1, max(len(lines) for lines in cells)) * PITCH + 2 * PAD
        for x, lines in zip(self.cols, cells):
            for i, line in enumerate(lines):
                self.text(x + PAD, top + PAD + i * PITCH, line, font=font)
        self.c.line(self.cols[0], PAGE_H - top, self.cols[-1], PAGE_H - top)
        for x in self.cols:
            self.c.line(x, PAGE_H - top, x, PAGE_H - top - height)
        self.y = top + height

    def end_table(self) -> None:
        self.c.line(self.cols[0], PAGE_H - self.y, self.cols[-1], PAGE_H - self.y)
        self.y += 12


HEADER_ROW = [["No"], ["Item"], ["Action"]]


def _minutes(path: Path, *, break_in_row: bool = True, repeat_header: bool = False, encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter, encrypt=encrypt)
    pen = Pen(c)
    pen.furniture(1)
    pen.text(LEFT, pen.y, TITLE, font=BOLD, size=16)
    pen.y += 34
    pen.paragraph(WRAPPED)
    pen.paragraph(BULLET, bullet=True)
    pen.row(HEADER_ROW)
    pen.row([["1."], _lines(ITEM_1, COLS[2] - COLS[1] - 2 * PAD), ["AB"]])
    item_2 = ITEM_2_LINES[:ITEM_2_BREAK] if break_in_row else ITEM_2_LINES
    pen.row([["2."], item_2, ["CD / EF"]])
    pen.end_table()
    c.showPage()

    pen = Pen(c)
    pen.furniture(2)
    if repeat_header:
        pen.row(HEADER_ROW)
    if break_in_row:
        pen.row([[], ITEM_2_LINES[ITEM_2_BREAK:], []])
    pen.row([["3."], [ITEM_3], ["GH"]])
    pen.end_table()
    pen.text(LEFT, pen.y, SEGMENT_LEFT)
    pen.text(480, pen.y, SEGMENT_RIGHT)
    pen.y += PITCH + 10
    pen.text(LEFT, pen.y, CLOSING)
    c.showPage()
    c.save()
    return path


@pytest.fixture
def minutes_pdf(tmp_path: Path) -> Path:
    return _minutes(tmp_path / "minutes.pdf")


@pytest.fixture
def doc(minutes_pdf: Path, read: Read) -> Document:
    return read(minutes_pdf)


def _table(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.in_table]


def _cell(doc: Document, row: int, col: int) -> list[str]:
    return [b.text for b in doc.blocks if b.table == 0 and b.row == row and b.col == col]


def _row_of(doc: Document, text: str) -> int:
    (row,) = {b.row for b in doc.blocks if b.in_table and b.text == text}
    assert row is not None
    return row


# --------------------------------------------------------------------------- the document


def test_document_basics(doc: Document) -> None:
    assert doc.format == "pdf"
    assert doc.pages == 2
    assert {b.page for b in doc.blocks} == {1, 2}


def test_running_header_is_listed_once_and_kept_out_of_blocks(doc: Document) -> None:
    assert doc.headers == [HEADER]
    assert not [b for b in doc.blocks if "Running Header" in b.text]


def test_page_numbers_in_the_margin_are_dropped(doc: Document) -> None:
    assert not [b for b in doc.blocks if b.text.startswith("Page ")]
    assert not [h for h in doc.headers if h.startswith("Page ")]


def test_margin_text_that_does_not_repeat_is_kept(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "margins.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    for page in (1, 2):
        pen = Pen(c)
        pen.text(LEFT, 30, f"Northtown Council   Meeting {page + 10}")  # repeats, digits aside
        if page == 1:
            pen.text(LEFT, 45, "DRAFT - not yet approved")
        pen.text(LEFT, 100, f"Body text of page {page}.")
        pen.text(300, 760, str(page))  # a bare page number
        c.showPage()
    c.save()
    doc = read(path)
    assert doc.headers == ["Northtown Council Meeting 11"]
    assert [(b.page, b.text) for b in doc.blocks] == [
        (1, "DRAFT - not yet approved"),
        (1, "Body text of page 1."),
        (2, "Body text of page 2."),
    ]


def test_title_is_a_heading(doc: Document) -> None:
    first = doc.blocks[0]
    assert (first.text, first.style, first.table, first.page) == (TITLE, "heading", None, 1)


def test_wrapped_paragraph_is_one_block(doc: Document) -> None:
    assert len(_lines(WRAPPED, TEXT_WIDTH)) > 1  # the test means something only if it wraps
    (block,) = [b for b in doc.blocks if b.text.startswith("Present:")]
    assert block.text == WRAPPED
    assert block.style == ""
    assert block.table is None and block.col is None


def test_bulleted_paragraph_loses_its_glyph_and_is_one_block(doc: Document) -> None:
    (block,) = [b for b in doc.blocks if "referral form" in b.text]
    assert block.text == BULLET
    assert block.style == "bullet"


def test_body_paragraphs_count_up_across_the_document(doc: Document) -> None:
    body = [b for b in doc.blocks if not b.in_table]
    paras = [b.para for b in body if b.col in (None, 0)]
    assert paras == sorted(paras) and len(set(paras)) == len(paras)
    assert body[-1].text == CLOSING and body[-1].page == 2


def test_block_top_is_its_first_line(doc: Document) -> None:
    (title,) = [b for b in doc.blocks if b.text == TITLE]
    (present,) = [b for b in doc.blocks if b.text.startswith("Present:")]
    assert title.top is not None and 70 < title.top < 76
    assert present.top is not None and present.top > title.top + 20


# --------------------------------------------------------------------------- the table


def test_table_is_one_table_over_both_pages(doc: Document) -> None:
    table = _table(doc)
    assert {b.table for b in table} == {0}
    assert {b.page for b in table} == {1, 2}


def test_table_cells_have_rows_and_columns(doc: Document) -> None:
    assert _cell(doc, 0, 0) == ["No"] and _cell(doc, 0, 2) == ["Action"]
    assert _cell(doc, 1, 0) == ["1."]
    assert _cell(doc, 1, 1) == [ITEM_1]
    assert _cell(doc, 1, 2) == ["AB"]


def test_short_right_hand_entries_sit_in_the_row_of_their_item(doc: Document) -> None:
    assert _row_of(doc, "AB") == _row_of(doc, "1.")
    assert _row_of(doc, "CD / EF") == _row_of(doc, "2.")
    assert _row_of(doc, "GH") == _row_of(doc, "3.")
    assert {b.col for b in doc.blocks if b.text in ("AB", "CD / EF", "GH")} == {2}


def test_row_broken_by_the_page_continues_on_the_next_page(doc: Document) -> None:
    row = _row_of(doc, "2.")
    (item,) = [b for b in doc.blocks if b.row == row and b.col == 1]
    # The sentence is cut mid-way, so the two halves are one paragraph, placed where it starts.
    assert item.text == ITEM_2
    assert item.page == 1
    assert _row_of(doc, "3.") == row + 1
    assert [b.page for b in doc.blocks if b.text == "3."] == [2]


def test_table_blocks_are_in_reading_order(doc: Document) -> None:
    order = [(b.row, b.col, b.para) for b in _table(doc)]
    assert order == sorted(order)


def test_row_starting_on_a_new_page_is_a_new_row(tmp_path: Path, read: Read) -> None:
    doc = read(_minutes(tmp_path / "m.pdf", break_in_row=False))
    assert {b.table for b in _table(doc)} == {0}
    assert _row_of(doc, "3.") == _row_of(doc, "2.") + 1
    assert _cell(doc, _row_of(doc, "2."), 1) == [ITEM_2]


def test_header_row_repeated_overleaf_is_not_a_row(tmp_path: Path, read: Read) -> None:
    doc = read(_minutes(tmp_path / "m.pdf", repeat_header=True))
    assert [b.text for b in doc.blocks if b.text == "Action"] == ["Action"]
    assert _cell(doc, _row_of(doc, "2."), 1) == [ITEM_2]
    assert _row_of(doc, "3.") == _row_of(doc, "2.") + 1


def test_separate_tables_get_separate_numbers(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.row([["1."], ["First table"], ["AB"]])
    pen.end_table()
    pen.text(LEFT, pen.y, "Some text between the tables.")
    pen.y += 30
    pen.row([["1."], ["Second table"], ["CD"]])
    pen.end_table()
    c.save()
    doc = read(path)
    assert [(b.table, b.row, b.text) for b in doc.blocks if b.col == 1] == [(0, 0, "First table"), (1, 0, "Second table")]


def test_lowercase_text_overleaf_continues_a_row_even_with_a_first_column(tmp_path: Path, read: Read) -> None:
    """Two columns (item | actions): the item text itself runs on over the page break."""
    cols = [72.0, 460.0, 540.0]
    text = "Reading gave the admissions team access to its records, which meant that cases were checked against the roll and followed up sooner."
    lines = _lines(text, cols[1] - cols[0] - 2 * PAD)
    path = tmp_path / "two-col.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c, cols=cols)
    pen.row([["Item"], ["Actions"]])
    pen.row([lines[:1], ["JS"]])
    pen.end_table()
    c.showPage()
    pen = Pen(c, cols=cols)
    pen.row([lines[1:], []])
    pen.row([["Next item."], ["KL"]])
    pen.end_table()
    c.save()
    assert lines[1][0].islower()
    doc = read(path)
    assert [(b.row, b.col, b.text) for b in doc.blocks] == [
        (0, 0, "Item"), (0, 1, "Actions"), (1, 0, text), (1, 1, "JS"), (2, 0, "Next item."), (2, 1, "KL")
    ]


def test_row_with_empty_first_cell_overleaf_continues_even_after_a_full_stop(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "overleaf.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.row(HEADER_ROW)
    pen.row([["1."], ["First point agreed."], ["AB"]])
    pen.end_table()
    c.showPage()
    pen = Pen(c)
    pen.row([[], ["Second point: a letter to be drafted."], ["CD"]])
    pen.row([["2."], ["Next item."], ["EF"]])
    pen.end_table()
    c.save()
    doc = read(path)
    row = _row_of(doc, "1.")
    # A finished sentence: same row, but a paragraph of its own.
    assert _cell(doc, row, 1) == ["First point agreed.", "Second point: a letter to be drafted."]
    assert _cell(doc, row, 2) == ["AB", "CD"]
    assert [b.para for b in doc.blocks if b.row == row and b.col == 2] == [0, 1]
    assert _row_of(doc, "2.") == row + 1


def test_a_lone_ruled_box_is_a_frame_not_a_table(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    for page in (1, 2):
        c.rect(36, 36, PAGE_W - 72, PAGE_H - 72)  # a border round each page
        Pen(c).text(LEFT, 45, HEADER, size=9)
        Pen(c).text(LEFT, 100, f"Text inside the border, page {page}.")
        c.showPage()
    c.save()
    doc = read(path)
    assert doc.headers == [HEADER]
    assert [(b.table, b.text) for b in doc.blocks] == [
        (None, "Text inside the border, page 1."),
        (None, "Text inside the border, page 2."),
    ]


# --------------------------------------------------------------------------- body segments


def test_line_with_a_wide_gap_is_split_into_segments(doc: Document) -> None:
    left = [b for b in doc.blocks if b.text == SEGMENT_LEFT]
    right = [b for b in doc.blocks if b.text == SEGMENT_RIGHT]
    assert len(left) == len(right) == 1
    assert (left[0].col, right[0].col) == (0, 1)
    assert left[0].table is None and right[0].table is None
    assert left[0].top == right[0].top and left[0].para == right[0].para


def test_word_broken_by_a_hyphen_is_joined_without_a_space(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "hyphen.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.text(LEFT, 100, "Links with the other regional groups will continue so that there is two-")
    pen.text(LEFT, 100 + PITCH, "way communication with the region.")
    pen.text(LEFT, 100 + 3 * PITCH, "A separate paragraph, well below.")
    c.save()
    doc = read(path)
    assert [b.text for b in doc.blocks] == [
        "Links with the other regional groups will continue so that there is two-way communication with the region.",
        "A separate paragraph, well below.",
    ]


def test_paragraphs_split_at_short_lines_and_indents_but_not_at_a_first_line_indent(tmp_path: Path, read: Read) -> None:
    indented = "The first line of this paragraph is indented, as some house styles do, and the rest of it goes back to the margin."
    lines = _lines(indented, TEXT_WIDTH - 20)
    rest = _lines(indented[len(lines[0]) + 1 :], TEXT_WIDTH)
    path = tmp_path / "indent.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.text(LEFT, 100, "A short line.")
    pen.text(LEFT, 100 + PITCH, "Another short line at the same pitch.")
    pen.text(LEFT + 20, 100 + 2 * PITCH, lines[0])
    for i, line in enumerate(rest):
        pen.text(LEFT, 100 + (3 + i) * PITCH, line)
    c.save()
    doc = read(path)
    assert [b.text for b in doc.blocks] == ["A short line.", "Another short line at the same pitch.", indented]


FULL = _lines("This line is as wide as the text column allows, so nothing more would fit on it at all, not even one word.", TEXT_WIDTH)[0]


@pytest.mark.parametrize(
    ("x", "start", "expected"),
    [
        (LEFT, ["•", "A bullet item."], ("A bullet item.", "bullet")),
        (LEFT, ["1.", "A numbered item."], ("1. A numbered item.", "numbered")),
        (LEFT, ["(b)", "A lettered item."], ("(b) A lettered item.", "numbered")),
        (LEFT + 40, ["An", "indented", "quotation."], ("An indented quotation.", "")),
    ],
)
def test_list_items_and_indents_start_paragraphs_after_full_lines(tmp_path: Path, x: float, start: list[str], expected: tuple[str, str], read: Read) -> None:
    path = tmp_path / "breaks.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.text(LEFT, 100, FULL)
    if start[0] == "•":
        pen.text(x, 100 + PITCH, "•", font="Vera")
        pen.text(x + 14, 100 + PITCH, " ".join(start[1:]))
    else:
        pen.text(x, 100 + PITCH, " ".join(start))
    c.save()
    doc = read(path)
    assert [(b.text, b.style) for b in doc.blocks] == [(FULL, ""), expected]


@pytest.mark.parametrize(("glyph", "font", "expected"), [("•", "Vera", ("Item text.", "bullet")), ("1.", FONT, ("1. Item text.", "numbered"))])
def test_marker_on_a_line_of_its_own_takes_the_next_line(tmp_path: Path, glyph: str, font: str, expected: tuple[str, str], read: Read) -> None:
    path = tmp_path / "alone.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.text(LEFT, 100, glyph, font=font)
    pen.text(LEFT + 14, 100 + PITCH, "Item text.")
    pen.text(LEFT, 100 + 3 * PITCH, "After a gap.")
    c.save()
    doc = read(path)
    assert [(b.text, b.style) for b in doc.blocks] == [expected, ("After a gap.", "")]


def test_dash_at_the_start_of_a_wrapped_line_is_text_but_a_dash_list_is_a_list(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "dashes.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pen = Pen(c)
    pen.text(LEFT, 100, FULL)
    pen.text(LEFT, 100 + PITCH, "- and this goes on after a dash.")
    pen.text(LEFT, 100 + 3 * PITCH, "- " + FULL)
    pen.text(LEFT, 100 + 4 * PITCH, "- Second item.")
    c.save()
    doc = read(path)
    assert [(b.text, b.style) for b in doc.blocks] == [
        (FULL + " - and this goes on after a dash.", ""),
        (FULL, "bullet"),
        ("Second item.", "bullet"),
    ]


# --------------------------------------------------------------------------- errors


def test_not_a_pdf(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("These are not the minutes you are looking for.\n")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "not a PDF file (no %PDF header)"
    assert type(info.value) is ReadError


def test_truncated_pdf(tmp_path: Path, minutes_pdf: Path, read: Read) -> None:
    data = minutes_pdf.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as info:
        read(cut)
    assert type(info.value) is ReadError
    assert info.value.reason.startswith("damaged or truncated PDF: ")
    assert "\n" not in info.value.reason and str(tmp_path) not in info.value.reason


def test_garbage_after_the_header_is_a_damaged_pdf(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("damaged or truncated PDF: ")


def test_encrypted_pdf_needs_the_password(tmp_path: Path, read: Read) -> None:
    path = _minutes(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(EncryptedError) as info:
        read(path)
    assert info.value.reason == "PDF is encrypted: give the password with --password"
    with pytest.raises(EncryptedError):
        read(path, password="not it")
    doc = read(path, password="secret")
    assert TITLE in doc.text() and doc.headers == [HEADER]


def test_pdf_without_text_is_no_text_error(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.rect(72, 72, 300, 400, stroke=1, fill=1)
    c.save()
    with pytest.raises(NoTextError) as info:
        read(path)
    assert info.value.reason.startswith("no text layer (a scan)")
