"""The PDFium page source on PDFs written the ways that trouble a reader, drawn here with reportlab.

Each PDF is read with both page sources where pdfplumber reads it right too,
so the two stay interchangeable; where only PDFium reads it right (words
without space characters) the test says so.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from cli_helpers import run as cli
from cme_notes import parse
from cme_notes.readers.pdf import read_pdf

PAGE_W, PAGE_H = A4
ENGINES = ["pdfium", "pdfplumber"]


def _tj_line(c: canvas.Canvas, x: float, y: float, words: list[str], size: float) -> None:
    """One line as a browser's "Save as PDF" writes it: one TJ array, the words' glyphs and a move
    (in thousandths of an em) where each space would be, but no space character."""
    text = c.beginText(x, y)
    text.setFont("Helvetica", size)
    gap = -round(stringWidth(" ", "Helvetica", 1000))
    escaped = ["(" + w.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")" for w in words]
    text._code.append("[" + f" {gap} ".join(escaped) + "] TJ")
    c.drawText(text)


def test_words_without_space_characters_are_read_apart(tmp_path: Path) -> None:
    path = tmp_path / "browser.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = [
        "MINUTES OF THE MEETING OF LITTLE MARSHAM PARISH COUNCIL",
        "Held on Tuesday 3 June 2025 at 7.30pm in the Village Hall",
        "Present: Cllr Ann Lee (Chair), Cllr Bob Hart, Cllr Carys Penn",
        "Apologies: Cllr Dev Shah",
        "1. Minutes of the last meeting were agreed.",
        "2. Footpaths: the clerk will write to the county council. Action: Clerk",
    ]
    for i, line in enumerate(lines):
        _tj_line(c, 72, PAGE_H - 72 - 14 * i, line.split(" "), 9)
    c.save()

    meeting = parse(path)
    assert meeting.title == "Little Marsham Parish Council"
    assert meeting.place == "Village Hall"
    assert str(meeting.date) == "2025-06-03"
    assert [p.name for p in meeting.attendees] == ["Ann Lee", "Bob Hart", "Carys Penn"]
    assert [p.name for p in meeting.apologies] == ["Dev Shah"]
    # pdfplumber joins glyphs closer than 3 pt into one word: at 9 pt a missing space is 2.5 pt
    squashed = read_pdf(path, engine="pdfplumber").blocks[0].text
    assert squashed.startswith("MINUTESOFTHEMEETING")


@pytest.mark.parametrize("engine", ENGINES)
def test_text_set_small_and_scaled_up_has_its_scaled_size(tmp_path: Path, engine: str) -> None:
    """Some writers set every font at size 1 and scale the text matrix: the heading is still the larger text."""
    path = tmp_path / "scaled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = [(72, "Minutes of the Brookfield Governors", 16), (110, "Present: Jo Marsh, Lee Tran, Ola Berg", 11),
             (140, "Apologies were received from Sam Cole and Rita Moss", 11)]
    for top, words, size in lines:
        c.saveState()
        c.translate(72, PAGE_H - top)
        c.scale(size, size)
        text = c.beginText(0, 0)
        text.setFont("Helvetica", 1)
        text.textOut(words)
        c.drawText(text)
        c.restoreState()
    c.save()
    blocks = read_pdf(path, engine=engine).blocks
    assert [(b.text, b.style) for b in blocks] == [
        ("Minutes of the Brookfield Governors", "heading"),
        ("Present: Jo Marsh, Lee Tran, Ola Berg", ""),
        ("Apologies were received from Sam Cole and Rita Moss", ""),
    ]


def _ruled_table(c: canvas.Canvas, top: float, rows: list[list[str]], cols: list[float], height: float = 24) -> None:
    for r, row in enumerate(rows):
        y = PAGE_H - top - r * height
        for k, cell in enumerate(row):
            c.drawString(cols[k] + 4, y - 15, cell)
        c.line(cols[0], y, cols[-1], y)
    bottom = PAGE_H - top - len(rows) * height
    c.line(cols[0], bottom, cols[-1], bottom)
    for x in cols:
        c.line(x, PAGE_H - top, x, bottom)


ROWS = [["1", "Welcome and apologies", ""], ["2", "Budget for next year", "JM"], ["3", "Any other business", "ALL"]]
COLS = [72.0, 100.0, 420.0, 520.0]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_table_ruled_inside_a_form_xobject_is_a_table(tmp_path: Path, engine: str) -> None:
    """Word and LibreOffice often draw a page's rulings inside a form: its paths count as the page's."""
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, PAGE_H - 60, "Notes of the Eastfold Carers Forum")
    c.beginForm("rulings")
    _ruled_table(c, 100, [["", "", ""]] * 3, COLS)
    c.endForm()
    c.doForm("rulings")
    for r, row in enumerate(ROWS):
        for k, cell in enumerate(row):
            c.drawString(COLS[k] + 4, PAGE_H - 100 - r * 24 - 15, cell)
    c.save()
    cells = {(b.row, b.col): b.text for b in read_pdf(path, engine=engine).blocks if b.in_table}
    assert cells == {(0, 0): "1", (0, 1): "Welcome and apologies", (1, 0): "2", (1, 1): "Budget for next year",
                     (1, 2): "JM", (2, 0): "3", (2, 1): "Any other business", (2, 2): "ALL"}


def test_both_engines_give_the_same_record_for_every_bundled_pdf(samples: Path) -> None:
    for pdf in sorted(samples.glob("*.pdf")):
        records = [parse(pdf, pdf_engine=engine).model_dump(mode="json") for engine in ENGINES]
        assert records[0] == records[1], pdf.name


def test_a_page_without_characters_is_refused_as_a_scan_before_its_image_is_read(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    image = tmp_path / "page.png"
    Image.new("L", (1240, 1754), 255).save(image)
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(3):
        c.drawImage(str(image), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    c.save()
    run = cli("parse", str(path), "--format", "json")
    assert run.returncode == 1 and run.stdout == ""
    assert "no text layer" in run.stderr and len(run.stderr.splitlines()) == 1


def test_engine_is_chosen_on_the_command_line(tmp_path: Path, samples: Path) -> None:
    pdf = next(iter(sorted(samples.glob("*.pdf"))))
    outputs = [cli("parse", str(pdf), "--format", "json", "--pdf-engine", e) for e in ENGINES]
    assert all(o.returncode == 0 for o in outputs)
    assert json.loads(outputs[0].stdout) == json.loads(outputs[1].stdout)
    bad = cli("parse", str(pdf), "--pdf-engine", "mupdf")
    assert bad.returncode == 2 and "'mupdf' is not one of 'pdfium', 'pdfplumber'" in bad.stderr


def test_cells_are_pdfplumbers_own(tmp_path: Path) -> None:
    """ruling.cells_of is pdfplumber's intersections_to_cells made faster: the same cells, in the same order,
    on tables with merged cells, a missing ruling and two tables on a page."""
    import random

    from pdfplumber.table import edges_to_intersections, intersections_to_cells

    from cme_notes.readers.pdf.ruling import cells_of

    def h(y: float, x0: float, x1: float) -> dict:
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}

    def v(x: float, top: float, bottom: float) -> dict:
        return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}

    rng = random.Random(9)
    for _ in range(40):
        xs = sorted(rng.sample(range(50, 550, 10), rng.randint(2, 6)))
        ys = sorted(rng.sample(range(50, 750, 10), rng.randint(2, 9)))
        edges = [h(y, xs[0], xs[-1]) for y in ys if rng.random() > 0.1]
        for x in xs:  # some columns ruled only part of the way: merged cells
            cut = rng.choice(ys[1:])
            edges += [v(x, ys[0], cut), v(x, cut, ys[-1])] if rng.random() > 0.3 else [v(x, ys[0], ys[-1])]
        points = edges_to_intersections(edges, 3, 3)
        assert cells_of(points) == intersections_to_cells(points)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_space_drawn_over_a_sub_item_number_still_ends_the_number(tmp_path: Path, engine: str) -> None:
    """Word sometimes draws the space after "10.1." in another font, overlapping the number: PDFium leaves
    that space out of its text ("10.1.The"), yet the number must still mark a numbered paragraph, whose
    wrapped lines join it. A date that opens a line ("12.03.2024", no gap in it) is not a number."""
    path = tmp_path / "glued.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    number_width = stringWidth("10.1.", "Helvetica", 11)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "10.1.")
    c.setFont("Courier", 11)
    c.drawString(72 + number_width - 0.05, 700, " ")
    c.setFont("Helvetica", 11)
    c.drawString(72 + number_width + 0.9, 700, "The budget for the year was agreed by all members present at the")
    c.drawString(72 + number_width + 0.9, 686, "meeting after a long discussion.")
    c.drawString(72, 660, "12.03.2024 was the date of the last meeting.")
    c.save()
    assert [(b.text, b.style) for b in read_pdf(path, engine=engine).blocks] == [
        ("10.1.The budget for the year was agreed by all members present at the meeting after a long discussion.",
         "numbered"),
        ("12.03.2024 was the date of the last meeting.", ""),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_label_in_bold_run_into_plain_text_is_a_word_of_its_own(tmp_path: Path, engine: str) -> None:
    """"PRESENT:" with the colon in the body font: the bold word alone is bold, so the line is not a bold heading."""
    path = tmp_path / "label.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, 700, "PRESENT")
    c.setFont("Helvetica", 11)
    c.drawString(72 + stringWidth("PRESENT", "Helvetica-Bold", 11), 700, ":")
    c.save()
    (block,) = read_pdf(path, engine=engine).blocks
    assert (block.text, block.style) == ("PRESENT:", "")
