"""How to read an input: what the caller chose, carried unchanged from the CLI to the reader (and to worker processes)."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
PDF_ENGINES = ("pdfium", "pdfplumber")
"""pdfium (pypdfium2, the C library: fast) or pdfplumber (pdfminer, pure Python: the 1.0 reader, kept to compare)."""
DEFAULT_PDF_ENGINE = "pdfium"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    password: str | None = None
    """For an encrypted PDF."""
    max_bytes: int | None = DEFAULT_MAX_BYTES
    """Inputs larger than this are refused; None for no limit."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    ocr: bool = False
    """Run OCR on PDF pages that have no text layer (scans), instead of refusing them."""

    def __post_init__(self) -> None:
        if self.pdf_engine not in PDF_ENGINES:
            raise ValueError(f"unknown PDF engine {self.pdf_engine!r}: choose from {', '.join(PDF_ENGINES)}")
