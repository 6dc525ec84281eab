"""Page source on pypdfium2 (PDFium, the C library of Chrome's PDF viewer): words and ruled tables, fast.

PDFium parses and interprets each page in C. From its text page we take the
page's text in one call and, per word, the boxes of its first and last
characters and its font; PDFium's own spacing, which inserts a space wherever
the gap between two glyphs says so, separates the words of files written
without space characters (browsers' "Save as PDF"). A page's count of
characters is known before anything looks at its images: a page without any is
a scan, known in a millisecond. Ruled tables come from the page's path objects
(lines and rectangles, inside forms too), as edges handed to pdfplumber's own
table algorithm (:mod:`.ruling`), so tables are found exactly as pdfplumber
finds them.
"""
from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as c

from cme_notes.errors import EncryptedError, ReadError

from .page import NEEDS_PASSWORD, WRONG_PASSWORD, RawPage, Word
from .ruling import Edge, tables_of

WORD = re.compile(r"[^\s\ufffe]+\ufffe?|\ufffe")
"""A run of characters up to a space, or up to and including a hyphen that ends a line: PDFium marks
that hyphen U+FFFE and puts no line break after it, so the word's other half is on the next line."""
LINE_END_HYPHEN = "\ufffe"
FONT_NAME_BYTES = 128
"""Room for a font's name ("ABCDEF+Calibri-BoldItalic"); PDFium cuts longer names, which still say "Bold"."""
STRAIGHT = 0.01
"""A segment whose ends differ by less than this (pt) across its direction is horizontal or vertical:
points pass through matrices, so an exact test would lose lines to rounding."""
DESCENT = 0.2
"""How far a line's box reaches below its baseline, as a share of the font size (most text fonts' descent)."""
MAX_FORM_DEPTH = 12
"""Forms nest inside forms; deeper than this is a hostile file, not a table."""


def pdfium_pages(path: Path, password: str | None, *, ocr: bool = False) -> Iterator[RawPage]:
    """Yield each page's words and table boxes, one page loaded at a time.

    ``ocr``: a page without characters is read by OCR (:mod:`.ocr`) instead of
    being given no words. Every PDFium failure becomes one of our errors here.
    """
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) in (c.FPDF_ERR_PASSWORD, c.FPDF_ERR_SECURITY):
            raise _translate(e, password) from None
        # PDFium gives up on structures that pdfminer repairs or names ("no pages found"):
        # the slower parser reads such a file, or says what is wrong with it.
        from .plumber import plumber_pages

        yield from plumber_pages(path, password, ocr=ocr)
        return
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                yield RawPage(0.0, 0.0, [], damaged=True)
                continue
            try:
                raw = read_page(page)
                if ocr and not raw.words and not raw.damaged:  # no objects at all: nothing to see either
                    from .ocr import ocr_page

                    # OCR reads the page as it is shown: turned by its /Rotate, so its size is the turned one.
                    raw.width, raw.height = page.get_size()
                    raw.words, raw.ocr = ocr_page(page, raw.width, raw.height), True
            finally:
                page.close()
            yield raw
    finally:
        pdf.close()


def read_page(page: pdfium.PdfPage) -> RawPage:
    """A loaded page's words and ruled tables, in points from the page's top left corner."""
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        words = _words(textpage, count, left, top) if count > 0 else []
    finally:
        textpage.close()
    if not words:
        # A scan (an image, or text drawn as outlines) has objects; a page whose content could
        # not be decompressed or parsed has none: no text there is damage, not a scan.
        return RawPage(width, height, [], damaged=c.FPDFPage_CountObjects(page.raw) == 0)
    return RawPage(width, height, words, tables_of(list(_edges(page, left, top))))


def _words(textpage: pdfium.PdfTextPage, count: int, left: float, top: float) -> list[Word]:
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        # A character outside the BMP is two UTF-16 units in the text but one character to PDFium:
        # index by character, so that boxes stay with their glyphs.
        text = "".join(_char(textpage, i) for i in range(count))
    handle = textpage.raw
    box = c.FS_RECTF()
    pbox = ctypes.byref(box)
    name = ctypes.create_string_buffer(FONT_NAME_BYTES)
    flags = ctypes.c_int()
    pflags = ctypes.byref(flags)
    loose = c.FPDFText_GetLooseCharBox
    font_size = c.FPDFText_GetFontSize
    font_info = c.FPDFText_GetFontInfo
    char_matrix = c.FPDFText_GetMatrix
    origin = c.FPDFText_GetCharOrigin
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    matrix = c.FS_MATRIX()
    pmatrix = ctypes.byref(matrix)
    words: list[Word] = []
    for match in WORD.finditer(text):
        first, last = match.start(), match.end() - 1
        loose(handle, first, pbox)
        x0 = box.left
        if last != first:
            loose(handle, last, pbox)
        x1 = box.right
        origin(handle, first, px, py)
        # The size set by the font operator, times the text's vertical scale (text matrix and CTM):
        # text set at size 1 and scaled up 11 times reads as 11 pt, as pdfminer has it.
        char_matrix(handle, first, pmatrix)
        size = font_size(handle, first) * (math.hypot(matrix.c, matrix.d) or 1.0)
        font_info(handle, first, name, FONT_NAME_BYTES, pflags)
        # Measured from the baseline, so that every word of a line has the same top whatever its
        # glyphs (a "g" reaches lower than an "a") or its font's own ascent and descent say.
        bottom = top - y.value + DESCENT * size
        words.append(Word(match.group().replace(LINE_END_HYPHEN, "-"), x0 - left, max(x1, x0) - left,
                          bottom - size, bottom, round(size, 1), b"bold" in name.value.lower()))
    return words


def _char(textpage: pdfium.PdfTextPage, index: int) -> str:
    code = c.FPDFText_GetUnicode(textpage.raw, index)
    try:
        return chr(code) if code else " "
    except ValueError:
        return " "


def _edges(page: pdfium.PdfPage, left: float, top: float) -> Iterator[Edge]:
    """The straight pieces of every painted path of the page, as pdfplumber's edges (top-down)."""
    handle = page.raw
    for i in range(c.FPDFPage_CountObjects(handle)):
        yield from _object_edges(c.FPDFPage_GetObject(handle, i), (1.0, 0.0, 0.0, -1.0, -left, top), 0)


def _object_edges(obj, outer: tuple[float, ...], depth: int) -> Iterator[Edge]:
    kind = c.FPDFPageObj_GetType(obj)
    if kind == c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
        inner = _then(_matrix(obj), outer)
        for i in range(c.FPDFFormObj_CountObjects(obj)):
            yield from _object_edges(c.FPDFFormObj_GetObject(obj, i), inner, depth + 1)
    elif kind == c.FPDF_PAGEOBJ_PATH and _painted(obj):
        yield from _path_edges(obj, _then(_matrix(obj), outer))


def _painted(obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    return bool(fill.value or stroke.value)


def _matrix(obj) -> tuple[float, ...]:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _then(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` and then ``outer`` (PDF's row-vector convention)."""
    a, b, cc, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, cc * A + d * C, cc * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(obj, m: tuple[float, ...]) -> Iterator[Edge]:
    """Edges of a path's straight segments; ``m`` takes its points to the page, y measured from the top."""
    a, b, cc, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    start = current = None
    for i in range(c.FPDFPath_CountSegments(obj)):
        segment = c.FPDFPath_GetPathSegment(obj, i)
        if not c.FPDFPathSegment_GetPoint(segment, px, py):
            continue
        point = (a * x.value + cc * y.value + e, b * x.value + d * y.value + f)
        kind = c.FPDFPathSegment_GetType(segment)
        if kind == c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == c.FPDF_SEGMENT_LINETO and current is not None:
            edge = _edge(current, point)
            if edge:
                yield edge
        current = point
        if c.FPDFPathSegment_GetClose(segment) and start is not None and current != start:
            edge = _edge(current, start)
            if edge:
                yield edge
            current = start


def _edge(p0: tuple[float, float], p1: tuple[float, float]) -> Edge | None:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    if x1 - x0 < STRAIGHT:
        return {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                "orientation": "v", "object_type": "line"}
    if bottom - top < STRAIGHT:
        return {"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    return None  # a slanted line or a curve's chord: never a table's ruling


def _translate(error: pdfium.PdfiumError, password: str | None) -> ReadError:
    if getattr(error, "err_code", None) == c.FPDF_ERR_PASSWORD:
        return EncryptedError(WRONG_PASSWORD if password else NEEDS_PASSWORD)
    return EncryptedError("PDF is encrypted in a way that cannot be read: unsupported security handler")
