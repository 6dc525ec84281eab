"""Page source on pypdfium2 (PDFium, the C library of Chrome's PDF viewer): words and ruled tables, fast.

PDFium parses and interprets each page in C. From its text page we take the
page's text in one call and, per word, where its first character stands on
the baseline, where its last one ends, and its font (once per text object);
where the font changes inside a word it becomes two, as pdfplumber has it.
PDFium's own spacing, which inserts a space wherever
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as c

from cme_notes.errors import EncryptedError, ReadError

from .page import NEEDS_PASSWORD, WRONG_PASSWORD, RawPage, Word
from .ruling import Edge, tables_of

WORD = re.compile(r"[^\s\ufffe]+\ufffe?|\ufffe")
"""A run of characters up to a space, or up to and including a hyphen that ends a line: PDFium marks
that hyphen U+FFFE and puts no line break after it, so the word's other half is on the next line."""
LINE_END_HYPHEN = "\ufffe"
GLUED_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})+\.(?=\w)")
"""A sub-item number run into its first word ("13.2.Three", "23.3.3/13/0514"): the writer's space
after the number was drawn overlapping it, and PDFium leaves such a space out. Cut there, as
pdfplumber reads it, when the glyphs show a gap (a date "12.03.2024" has none)."""
GLUED_GAP = 0.05
"""Gap between glyphs, as a share of the font size, that is a space left out, not letter spacing."""
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
    address = ctypes.cast(handle, ctypes.c_void_p)
    box = c.FS_RECTF()
    pbox = ctypes.byref(box)
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    loose, origin, text_object = c.FPDFText_GetLooseCharBox, c.FPDFText_GetCharOrigin, _text_object
    fonts: dict[int, Font] = {}

    def font_of(index: int, key: int | None = None) -> Font:
        # The characters of one text object share its font and size: look them up once per object.
        if key is None:
            key = text_object(address, index)
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font(handle, index)
        return font

    words: list[Word] = []
    append = words.append

    def add(start: int, stop: int, font: Font) -> None:
        origin(handle, start, px, py)
        loose(handle, stop - 1, pbox)
        # Measured from the baseline, so that every word of a line has the same top whatever its
        # glyphs (a "g" reaches lower than an "a") or its font's own ascent and descent say.
        bottom = top - y.value + DESCENT * font.size
        x0 = x.value - left
        word = text[start:stop]
        if word[-1] == LINE_END_HYPHEN:
            word = word[:-1] + "-"
        x1 = box.right - left
        append(Word(word, x0, x1 if x1 > x0 else x0, bottom - font.size, bottom, font.shown_size, font.bold))

    previous = None  # the text object of the previous word's last character
    for match in WORD.finditer(text):
        first, end = match.span()
        last = text_object(address, end - 1)
        # A text object's characters come one after another, so a word ending in the object the
        # previous word ended in lies wholly inside it: one lookup a word, in most words.
        key = last if last == previous or end - first == 1 else text_object(address, first)
        previous = last
        font = font_of(first, key)
        if last != key and font_of(end - 1, last).face != font.face:
            # A change of font inside a run without spaces ("PRESENT" in bold, then ":"): a word for
            # each font, as pdfplumber makes them, so that a bold label or a list number stands alone.
            for run in _font_runs(first, end, font_of):
                add(*run)
            continue
        if text[first].isdigit() and (glued := GLUED_NUMBER.match(text, first, end)) \
                and _gap_after(handle, glued.end() - 1) > GLUED_GAP * font.size:
            add(first, glued.end(), font)
            add(glued.end(), end, font)
            continue
        add(first, end, font)
    return words


def _gap_after(handle, index: int) -> float:
    """Room between the character at ``index`` and the next one's origin, in points."""
    box = c.FS_RECTF()
    c.FPDFText_GetLooseCharBox(handle, index, ctypes.byref(box))
    x, y = ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharOrigin(handle, index + 1, ctypes.byref(x), ctypes.byref(y))
    return x.value - box.right


# FPDFText_GetTextObject with the object's address as a plain int, to key a dict with:
# pypdfium2's binding returns a ctypes pointer, which is neither hashable by address nor cheap to cast.
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


class Font(NamedTuple):
    size: float
    """In points, as set (exact)."""
    shown_size: float
    """Rounded as words give it."""
    bold: bool
    face: tuple[bytes, float]
    """Name and size: where either changes inside a run of characters, a word ends."""


def _font_runs(first: int, end: int, font_of: Callable[[int], Font]) -> list[tuple[int, int, Font]]:
    """The characters first..end-1 cut where the font's name or size changes, as (start, stop, font)."""
    runs = [(first, first + 1, font_of(first))]
    for i in range(first + 1, end):
        font = font_of(i)
        start, _, current = runs[-1]
        if font.face == current.face:
            runs[-1] = (start, i + 1, current)
        else:
            runs.append((i, i + 1, font))
    return runs


def _font(handle, index: int) -> Font:
    """Size and name of the font of the character at ``index``."""
    m = c.FS_MATRIX()
    c.FPDFText_GetMatrix(handle, index, ctypes.byref(m))
    # The size set by the font operator, times the text's vertical scale (text matrix and CTM):
    # text set at size 1 and scaled up 11 times reads as 11 pt, as pdfminer has it.
    size = c.FPDFText_GetFontSize(handle, index) * (math.hypot(m.c, m.d) or 1.0)
    name = ctypes.create_string_buffer(FONT_NAME_BYTES)
    c.FPDFText_GetFontInfo(handle, index, name, FONT_NAME_BYTES, None)
    return Font(size, round(size, 1), b"bold" in name.value.lower(), (name.value, round(size, 1)))


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
