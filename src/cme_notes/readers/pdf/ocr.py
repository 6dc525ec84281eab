"""OCR of a scanned page (``--ocr``): PDFium draws the page, Tesseract reads the picture, words come back in points.

Tesseract is a separate program, run once per page with the page as a
greyscale PNM on its standard input and hOCR on its standard output: no
temporary file, and a time limit. hOCR rather than TSV because it gives, per
line, Tesseract's estimate of the text's size (``x_size``) and its baseline:
a TSV line's height is that of its tallest and lowest glyphs, a third smaller
for a line without descenders ("Minutes of the meeting" against "Apologies"),
which would read as a change of font size and split paragraphs. The words
then go through the same layout as any PDF's: every word of a line shares its
line's top and bottom, measured from the baseline as :mod:`.pdfium` does.
Tesseract does not tell bold from regular, so no OCR'd word is bold.
"""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2 as pdfium

from cme_notes.errors import ReadError

from .page import Word
from .pdfium import DESCENT

__all__ = ["ocr_file_page", "ocr_page", "words_of_hocr", "INSTALL_TESSERACT"]

TESSERACT = "tesseract"
"""The program, found on PATH."""
DPI = 300
"""Resolution the page is drawn at: Tesseract is trained on, and reads best, text of about 300 dpi."""
MAX_PIXELS = 50_000_000
"""A page larger than A3 at 300 dpi (35 Mpx) is drawn at a lower resolution: a poster-sized page
would otherwise take gigabytes and minutes, for text that is large anyway."""
TIMEOUT = 120.0
"""Seconds Tesseract may spend on one page (about 4 s for a full A4 page of minutes here)."""
LANGUAGE = "eng"
"""Minutes are in English; the language data ships with every Tesseract package."""
PAGE_SEGMENTATION = "3"
"""Tesseract's fully automatic page segmentation: minutes mix headings, paragraphs and tables."""
MIN_CONFIDENCE = 30.0
"""Words Tesseract is less sure of than this (0-100) are specks, rulings and stamps read as letters."""
ROW_TO_SIZE = 0.93
"""Tesseract's ``x_size`` of a line is about this share of the font size (measured: 9, 10 and 14 pt
text at 300 dpi gives 34, 39-40 and 55 px), so OCR'd sizes compare with those of text pages."""
THREADS = {"OMP_THREAD_LIMIT": "1"}
"""One thread per Tesseract: its OpenMP threads made a page 4x slower on a 2-core machine (17 s
against 4 s), and batch already runs one Tesseract per core."""
INSTALL_TESSERACT = ("Tesseract OCR is not installed (needed by --ocr): install it with "
                     "`apt-get install tesseract-ocr` (Debian/Ubuntu), `brew install tesseract` (macOS) "
                     "or the UB Mannheim installer (Windows, github.com/UB-Mannheim/tesseract/wiki)")


def ocr_page(page: pdfium.PdfPage, width: float, height: float) -> list[Word]:
    """The words of a loaded page read by OCR, in points from the page's top left corner.

    ``width`` and ``height`` (points) set the resolution: 300 dpi unless the page is huge.
    Raises ReadError when Tesseract is missing, fails or runs past :data:`TIMEOUT`.
    """
    scale = _scale(width, height)
    return words_of_hocr(tesseract(_pnm(page, scale), round(scale * 72)), scale)


def ocr_file_page(path: Path, index: int, password: str | None) -> list[Word]:
    """The words of page ``index`` (from 0) of the PDF at ``path`` read by OCR; for page sources other than PDFium."""
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError:
        raise ReadError(f"page {index + 1} could not be drawn for OCR (PDFium cannot open the file)") from None
    try:
        try:
            page = pdf[index]
        except (pdfium.PdfiumError, IndexError):
            raise ReadError(f"page {index + 1} could not be drawn for OCR (PDFium cannot load it)") from None
        try:
            width, height = page.get_size()
            return ocr_page(page, width, height)
        finally:
            page.close()
    finally:
        pdf.close()


def _scale(width: float, height: float) -> float:
    scale = DPI / 72
    area = max(width, 1.0) * max(height, 1.0) * scale * scale
    return scale if area <= MAX_PIXELS else scale * math.sqrt(MAX_PIXELS / area)


def _pnm(page: pdfium.PdfPage, scale: float) -> bytes:
    """The page drawn in grey at ``scale`` pixels a point, as a binary PGM (Tesseract reads it from stdin)."""
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        w, h, stride = bitmap.width, bitmap.height, bitmap.stride
        data = memoryview(bitmap.buffer).cast("B")
        # Rows may be padded to a multiple of 4 bytes; PGM rows are not.
        pixels = data.tobytes() if stride == w else b"".join(data[r * stride: r * stride + w] for r in range(h))
    finally:
        bitmap.close()
    return b"P5 %d %d 255\n" % (w, h) + pixels


def tesseract(image: bytes, dpi: int) -> str:
    """Tesseract's hOCR for one page image; one-line ReadError if it is missing, fails or takes too long."""
    program = shutil.which(TESSERACT)
    if program is None:
        raise ReadError(INSTALL_TESSERACT)
    command = [program, "-", "-", "-l", LANGUAGE, "--dpi", str(dpi), "--psm", PAGE_SEGMENTATION, "hocr"]
    try:
        done = subprocess.run(command, input=image, capture_output=True, timeout=TIMEOUT,
                              env={**os.environ, **THREADS})
    except subprocess.TimeoutExpired:  # run() has killed it
        raise ReadError(f"OCR of a page took longer than {TIMEOUT:.0f} s: Tesseract was stopped") from None
    except OSError as exc:
        raise ReadError(f"Tesseract could not be started: {exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = _first_line(done.stderr)
        if "Failed loading language" in detail:
            raise ReadError(f"Tesseract has no {LANGUAGE!r} language data: install tesseract-ocr-{LANGUAGE}")
        raise ReadError(f"Tesseract failed (exit code {done.returncode}): {detail or 'no message'}")
    return done.stdout.decode("utf-8", "replace")


def _first_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    # Tesseract's last words are the reason ("Error during processing."), its first often a notice.
    errors = [line for line in lines if "error" in line.lower() or "fail" in line.lower()]
    return (errors or lines or [""])[0][:200]


def words_of_hocr(hocr: str, scale: float) -> list[Word]:
    """Words from Tesseract's hOCR, in points (pixels ÷ ``scale``), each with its line's top, bottom and size."""
    try:
        root = ET.fromstring(hocr)
    except ET.ParseError:
        raise ReadError("Tesseract's output could not be read (malformed hOCR)") from None
    words: list[Word] = []
    for line in root.iter():
        spans = [child for child in line if _kind(child) == "ocrx_word"]
        if not spans or _kind(line) == "ocrx_word":
            continue
        props = _title(line)
        x0, _, x1, y1 = _box(props)
        slope, offset = (_numbers(props.get("baseline")) + [0.0, 0.0])[:2]
        size_px = (_numbers(props.get("x_size")) or [y1 - _box(props)[1]])[0]
        size = round(size_px / ROW_TO_SIZE / scale, 1)
        # Tesseract's baseline: offset from the line box's bottom left corner, sloping with a skewed scan;
        # taken at the line's middle, so that every word of the line stays on one line.
        baseline = (y1 + offset + slope * (x1 - x0) / 2) / scale
        bottom = baseline + DESCENT * size
        for span in spans:
            text = "".join(span.itertext()).strip()
            wprops = _title(span)
            confidence = (_numbers(wprops.get("x_wconf")) or [0.0])[0]
            if not text or confidence < MIN_CONFIDENCE:
                continue
            wx0, _, wx1, _ = _box(wprops)
            words.append(Word(text, wx0 / scale, wx1 / scale, bottom - size, bottom, size, False))
    return words


def _kind(element: ET.Element) -> str:
    return element.get("class", "")


def _title(element: ET.Element) -> dict[str, str]:
    """hOCR properties: ``title="bbox 1 2 3 4; x_wconf 95"`` → {"bbox": "1 2 3 4", "x_wconf": "95"}."""
    props = {}
    for part in element.get("title", "").split(";"):
        name, _, value = part.strip().partition(" ")
        props[name] = value
    return props


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        return []


def _box(props: dict[str, str]) -> tuple[float, float, float, float]:
    box = _numbers(props.get("bbox"))
    return (box[0], box[1], box[2], box[3]) if len(box) == 4 else (0.0, 0.0, 0.0, 0.0)
