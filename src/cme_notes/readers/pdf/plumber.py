"""Page source on pdfplumber (pdfminer): the 1.0 reader, pure Python, kept selectable to compare."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from cme_notes.errors import EncryptedError, ReadError

from .page import NEEDS_PASSWORD, WRONG_PASSWORD, Box, RawPage, Word

# pdfminer logs a warning for every oddity of a damaged file ("Data-loss while decompressing
# corrupted data", "Could not get FontBBox..."); with no logging set up, Python prints those on
# stderr, between our one-line errors. A NullHandler keeps them off stderr; an application that
# configures logging still receives them through the root logger.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class _Problems(logging.Handler):
    """Notes whether pdfminer met corrupt data while reading (it logs it and carries on)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.corrupt = False

    def emit(self, record: logging.LogRecord) -> None:
        # Any warning but a missing CropBox (common, harmless) means pdfminer met broken data.
        if "cropbox" not in str(record.msg).lower():
            self.corrupt = True


def plumber_pages(path: Path, password: str | None, *, ocr: bool = False) -> Iterator[RawPage]:
    """Yield each page's words and table boxes, one page open at a time.

    Every pdfminer/pdfplumber failure is turned into one of our errors here, so
    nothing of theirs reaches the caller. ``ocr``: a page without words is read
    by OCR (:mod:`.ocr`) instead.
    """
    problems = _Problems()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(problems)
    try:
        for index, raw in enumerate(_pages(path, password)):
            blank = raw.damaged  # no objects at all: nothing for OCR to see either
            raw.damaged = blank or problems.corrupt
            if ocr and not raw.words and not blank:
                from .ocr import ocr_file_page

                raw.words, raw.ocr = ocr_file_page(path, index, password), True
            yield raw
    finally:
        logger.removeHandler(problems)


def _pages(path: Path, password: str | None) -> Iterator[RawPage]:
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
    words = [_word(w) for w in page.extract_words(extra_attrs=["fontname", "size"]) if w["text"].strip()]
    tables: list[list[list[Box | None]]] = []
    # find_tables is cheap, but pointless on a page with no ruling at all.
    if page.lines or page.rects or page.curves:
        for table in page.find_tables():
            tables.append([list(row.cells) for row in table.rows])
    # As in the PDFium source: a page without any object is not a scan but a blank (or unparsable) page.
    empty = not words and not any(page.objects.values())
    return RawPage(float(page.width), float(page.height), words, tables, damaged=empty)


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
