"""Readers: one per file format, each returning a :class:`~cme_notes.document.Document`."""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import CmeNotesError, ReadError, TooLargeError, UnsupportedFormat
from .options import DEFAULT_MAX_BYTES, ReadOptions

__all__ = ["read", "read_string", "format_of", "sniff", "ReadOptions", "DEFAULT_MAX_BYTES"]

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
           ".doc": "doc", ".odt": "odt", ".rtf": "rtf"}
LEGACY_FORMATS = ("doc", "odt", "rtf")
"""Read by having LibreOffice convert them to .docx (readers/legacy.py)."""


def format_of(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(set(FORMATS)))
        raise UnsupportedFormat(f"unsupported file type {path.suffix or '(none)'!r}: cme-notes reads {known}") from None


def read(path: str | Path, options: ReadOptions | None = None) -> Document:
    """Read a file into a normalised document, choosing the reader by extension.

    Raises :class:`~cme_notes.errors.CmeNotesError` (with the path attached) for
    anything wrong with the file.
    """
    path = Path(path)
    options = options or ReadOptions()
    max_bytes = options.max_bytes
    try:
        fmt = format_of(path)
        _check_file(path, max_bytes)
        if fmt == "pdf":
            from .pdf import read_pdf

            return read_pdf(path, password=options.password, engine=options.pdf_engine, ocr=options.ocr)
        if fmt == "docx":
            from .docx import read_docx

            return read_docx(path)
        if fmt in LEGACY_FORMATS:
            from .legacy import read_legacy

            return read_legacy(path, fmt)
        from .text import decode, read_text

        data = _read_bytes(path, max_bytes)
        try:
            text = decode(data)
        except ReadError:
            kind = sniff(data[:1024])
            if kind:
                raise ReadError(f"not a text file: it is {kind}") from None
            raise
        return _nonempty(read_text(text, markdown=fmt == "md"))
    except CmeNotesError as exc:
        if exc.path is None:
            raise type(exc)(exc.reason, path) from None
        raise
    except MemoryError:
        raise ReadError("out of memory while reading", path) from None
    except RecursionError:
        raise ReadError("too deeply nested to read (damaged or hostile file?)", path) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), path) from None


def sniff(head: bytes) -> str | None:
    """What a file's first bytes show it to be, as words for a message ("a web page (HTML)..."), or None."""
    lowered = head.lstrip()[:64].lower()
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "a PDF (rename it to .pdf)"
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive (a .docx? rename it to .docx)"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an old Office file (Word 97-2003 .doc?): rename it to .doc"
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml version=\"1.0\"?>\n<!doctype html")):
        return "a web page (HTML), not the document: the download probably failed, download it again"
    if lowered.startswith(b"{\\rtf"):
        return "an RTF file (rename it to .rtf)"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "an image: run OCR on it first (e.g. ocrmypdf makes a PDF with text)"
    return None


def read_string(text: str, *, markdown: bool = False) -> Document:
    """Read text that is already in memory (e.g. from standard input)."""
    from .text import read_text

    return _nonempty(read_text(text, markdown=markdown))


def _check_file(path: Path, max_bytes: int | None) -> None:
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a directory (use `cme-notes actions` or `batch` for folders)")
    if not path.is_file():
        raise ReadError("not a regular file (a device, pipe or socket): give a file, or pipe text to `cme-notes parse -`")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if max_bytes is not None and size > max_bytes:
        shown, limit = _size(size), _size(max_bytes)
        if shown == limit:  # 100.3 MB against 100 MB
            shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
        raise TooLargeError(f"file is {shown}, over the {limit} limit (raise it with --max-size)")


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, never more than the limit even if the file grows while it is read."""
    with open(path, "rb") as fh:
        data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"file grew past the {_size(max_bytes)} limit while being read (raise it with --max-size)")
    return data


def _size(n: int) -> str:
    """Bytes as a person reads them: "12 MB", "1.5 MB", "900 KB", "20 bytes"."""
    if n >= 1048576:
        mb = n / 1048576
        return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _nonempty(document: Document) -> Document:
    if not document.blocks:
        raise ReadError("no text in the file")
    return document
