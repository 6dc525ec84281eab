"""Readers: one per file format, each returning a :class:`~cme_notes.document.Document`."""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import CmeNotesError, ReadError, TooLargeError, UnsupportedFormat

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def format_of(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(set(FORMATS)))
        raise UnsupportedFormat(f"unsupported file type {path.suffix or '(none)'!r}: cme-notes reads {known}") from None


def read(path: str | Path, *, password: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Read a file into a normalised document, choosing the reader by extension.

    Raises :class:`~cme_notes.errors.CmeNotesError` (with the path attached) for
    anything wrong with the file.
    """
    path = Path(path)
    try:
        fmt = format_of(path)
        _check_file(path, max_bytes)
        if fmt == "pdf":
            from .pdf import read_pdf

            return read_pdf(path, password=password)
        if fmt == "docx":
            from .docx import read_docx

            return read_docx(path)
        from .text import decode, read_text

        return _nonempty(read_text(decode(path.read_bytes()), markdown=fmt == "md"))
    except CmeNotesError as exc:
        if exc.path is None:
            raise type(exc)(exc.reason, path) from None
        raise
    except MemoryError:
        raise ReadError("out of memory while reading", path) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), path) from None


def read_string(text: str, *, markdown: bool = False) -> Document:
    """Read text that is already in memory (e.g. from standard input)."""
    from .text import read_text

    return _nonempty(read_text(text, markdown=markdown))


def _check_file(path: Path, max_bytes: int | None) -> None:
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a directory (use `cme-notes actions` or `batch` for folders)")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if max_bytes is not None and size > max_bytes:
        raise TooLargeError(
            f"file is {size / 1048576:.0f} MB, over the {max_bytes / 1048576:.0f} MB limit (raise it with --max-size)"
        )


def _nonempty(document: Document) -> Document:
    if not document.blocks:
        raise ReadError("no text in the file")
    return document
