"""PDF reader: turns a PDF into the normalised :class:`Document`.

The reader exposes layout, nothing more: words become lines, lines become
paragraphs, ruled tables become table/row/column blocks, running headers and
footers are set aside. It knows nothing about minutes.

It works in two passes. The first takes one page at a time from a page source
(:mod:`.pdfium` by default, or :mod:`.plumber`): its words with their boxes and
its ruled tables (:mod:`.page`). Each word is filed under a table cell or the body
and grouped into lines (:mod:`.words`), and the page is closed so nothing piles
up over a long file. The second pass (:mod:`.assemble`), over those small
per-page summaries, needs the whole document: running headers are only
recognisable once every page has been seen (:mod:`.running`), and a table broken
by a page break is only one table once the next page is known (:mod:`.tables`).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cme_notes.document import Document
from cme_notes.errors import NoTextError, ReadError

from .assemble import assemble
from .guards import check_signature, check_streams
from .page import RawPage
from .words import layout_page

__all__ = ["read_pdf"]


NO_TEXT = "no text layer (a scan): run again with --ocr to read it with Tesseract OCR"


NO_TEXT_AFTER_OCR = "no text layer, and OCR found no text on its pages (blank or unreadable scans)"


def read_pdf(path: Path, *, password: str | None = None, engine: str = "pdfium", ocr: bool = False) -> Document:
    """Read a PDF into a :class:`Document` (format "pdf").

    ``engine``: the page source, "pdfium" or "pdfplumber". ``ocr``: pages
    without a text layer are read by OCR instead of being left empty.
    Raises ReadError, EncryptedError or NoTextError with a one-line message
    that does not name the file (the caller adds it).
    """
    path = Path(path)
    check_signature(path)
    check_streams(path)
    layouts = []
    damaged = False
    ocr_pages: list[int] = []
    unread: list[int] = []
    for number, raw in enumerate(_pages(path, password, engine, ocr), 1):
        damaged = damaged or raw.damaged
        if raw.ocr:
            ocr_pages.append(number)
        elif not raw.words and not raw.damaged:
            unread.append(number)
        layouts.append(layout_page(raw, number))
    if not layouts:
        raise ReadError("damaged or truncated PDF: no pages found")
    if not any(p.word_count for p in layouts):
        if damaged:
            # Not a scan: the pages' content could not be decompressed or parsed.
            raise ReadError("damaged PDF: no text could be read from its pages (corrupt page content)")
        raise NoTextError(NO_TEXT_AFTER_OCR if ocr else NO_TEXT)
    document = assemble(layouts)
    document.ocr_pages = ocr_pages
    document.unread_pages = [] if ocr else unread
    return document


def _pages(path: Path, password: str | None, engine: str, ocr: bool) -> Iterator[RawPage]:
    if engine == "pdfplumber":
        from .plumber import plumber_pages

        return plumber_pages(path, password, ocr=ocr)
    from .pdfium import pdfium_pages

    return pdfium_pages(path, password, ocr=ocr)
