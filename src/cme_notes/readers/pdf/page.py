"""What a page source gives for each page: its words with their boxes, and its ruled tables as cell boxes.

Two sources fill it: :mod:`.pdfium` (the C library, fast) and :mod:`.plumber`
(pdfplumber over pdfminer, pure Python); everything after reads only this.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom in points, top measured from the top of the page."""


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
class RawPage:
    width: float
    height: float
    words: list[Word]
    tables: list[list[list[Box | None]]] = field(default_factory=list)
    """Per ruled table, its rows of cell boxes as pdfplumber's ``Table.rows`` gives them (None: a merged cell)."""
    damaged: bool = False
    """Part of the page's content could not be read (corrupt data): no text then means damage, not a scan."""
    ocr: bool = False
    """The words were read by OCR from an image of the page (it had no text of its own)."""


NEEDS_PASSWORD = "PDF is encrypted: give the password with --password"


WRONG_PASSWORD = "PDF is encrypted: the password given is not correct"
