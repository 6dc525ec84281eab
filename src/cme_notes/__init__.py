"""cme-notes: turn meeting minutes (PDF, DOCX, TXT, Markdown) into structured, validated records.

    >>> import cme_notes
    >>> meeting = cme_notes.parse("minutes.docx")
    >>> [a.owners for a in meeting.actions]

Heavy libraries (pdfplumber, python-docx, pydantic) load only when first needed,
so ``import cme_notes`` and ``cme-notes --help`` stay fast.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "1.0.0"
__all__ = ["parse", "parse_text", "parse_document", "__version__"]

if TYPE_CHECKING:
    from .document import Document
    from .models import Meeting


def parse(path: str | Path, *, password: str | None = None, max_bytes: int | None = None) -> "Meeting":
    """Read a minutes file (.pdf, .docx, .txt, .md) and return its validated record.

    Raises :class:`cme_notes.errors.CmeNotesError` with a one-line reason for a
    file that can't be read.
    """
    from .hashing import file_sha256
    from .models import Source
    from .readers import DEFAULT_MAX_BYTES, read

    path = Path(path)
    document = read(path, password=password, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    meeting = parse_document(document)
    meeting.source = Source(path=str(path), format=document.format, pages=document.pages, sha256=file_sha256(path))
    return meeting


def parse_text(text: str, *, markdown: bool = False, name: str = "-") -> "Meeting":
    """Parse minutes already in memory as text (plain or Markdown)."""
    from .models import Source
    from .readers import read_string

    document = read_string(text, markdown=markdown)
    meeting = parse_document(document)
    meeting.source = Source(path=name, format=document.format,
                            sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return meeting


def parse_document(document: "Document") -> "Meeting":
    """Extract the record from a document that a reader (or you) built."""
    from .extract import extract

    return extract(document)
