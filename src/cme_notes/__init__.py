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
__all__ = ["parse", "parse_all", "parse_text", "parse_text_all", "parse_document", "record_schema", "__version__"]

from .readers.options import DEFAULT_PDF_ENGINE

if TYPE_CHECKING:
    from .document import Document
    from .models import Meeting, Source
    from .readers.options import ReadOptions


def parse(path: str | Path, *, password: str | None = None, max_bytes: int | None = None,
          pdf_engine: str = DEFAULT_PDF_ENGINE, ocr: bool = False) -> "Meeting":
    """Read a minutes file (.pdf, .docx, .txt, .md; .doc, .odt, .rtf through LibreOffice) and return its validated record.

    For a file holding several meetings this is the first of them (see :func:`parse_all`).
    Raises :class:`cme_notes.errors.CmeNotesError` with a one-line reason for a
    file that can't be read.
    """
    return parse_all(path, password=password, max_bytes=max_bytes, pdf_engine=pdf_engine, ocr=ocr)[0]


def parse_all(path: str | Path, *, password: str | None = None, max_bytes: int | None = None,
              pdf_engine: str = DEFAULT_PDF_ENGINE, ocr: bool = False) -> list["Meeting"]:
    """Every meeting a minutes file holds, in order: one record for ordinary minutes, one per
    meeting for a running log or an annual meeting followed by an ordinary one (``source.part`` tells which).

    ``max_bytes``: refuse larger files (None: the default limit, 100 MB). ``pdf_engine``:
    "pdfium" (fast, the default) or "pdfplumber". ``ocr``: read scanned PDF pages with
    Tesseract instead of refusing them.
    """
    from .readers import DEFAULT_MAX_BYTES, ReadOptions

    options = ReadOptions(password=password, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
                          pdf_engine=pdf_engine, ocr=ocr)
    return [meeting for meeting, _part in read_records(path, options)]


def read_records(path: str | Path, options: "ReadOptions", sha256: str | None = None
                 ) -> list[tuple["Meeting", "Document"]]:
    """Read one file and extract each meeting it holds, with the part of the document each was read from."""
    from .hashing import file_sha256
    from .readers import read

    path = Path(path)
    document = read(path, options)
    return records(document, source_of(document, str(path), sha256 or file_sha256(path)))


def source_of(document: "Document", name: str, sha256: str) -> "Source":
    """Where a record came from, as its ``source``."""
    from .models import Source

    return Source(path=name, format=document.format, pages=document.pages, sha256=sha256,
                  ocr_pages=document.ocr_pages or None)


def parse_text(text: str, *, markdown: bool = False, name: str = "-") -> "Meeting":
    """Parse minutes already in memory as text (plain or Markdown); the first meeting if it holds several."""
    return parse_text_all(text, markdown=markdown, name=name)[0]


def parse_text_all(text: str, *, markdown: bool = False, name: str = "-") -> list["Meeting"]:
    """Every meeting in minutes already in memory as text (see :func:`parse_all`)."""
    from .readers import read_string

    document = read_string(text, markdown=markdown)
    source = source_of(document, name, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return [meeting for meeting, _part in records(document, source)]


def records(document: "Document", source: "Source") -> list[tuple["Meeting", "Document"]]:
    """Each meeting of ``document`` with the part of the document it was read from, all from ``source``."""
    from .checks import add_finding, source_findings
    from .extract.split import split_meetings

    parts = split_meetings(document)
    out = []
    for n, part in enumerate(parts, 1):
        meeting = parse_document(part)
        meeting.source = source.model_copy(update={"part": n if len(parts) > 1 else None})
        for found in source_findings(document.ocr_pages, document.unread_pages):
            add_finding(meeting, found)
        if meeting.title is None and out:  # a log's later sections carry no title of their own: the log's name is theirs
            meeting.title = out[0][0].title
        out.append((meeting, part))
    return out


def parse_document(document: "Document") -> "Meeting":
    """Extract the record from a document that a reader (or you) built, with its findings (see :mod:`cme_notes.checks`)."""
    from .checks import set_findings
    from .extract import extract

    meeting = extract(document)
    return set_findings(meeting, meeting.warnings)


def record_schema() -> dict:
    """The JSON Schema of the record (what ``cme-notes schema`` prints), generated from the models: its
    ``$id`` and ``record_version`` carry :data:`cme_notes.models.RECORD_VERSION`."""
    from .schema import record_schema as generate

    return generate()
