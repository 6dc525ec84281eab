"""Word 97-2003 (``.doc``), OpenDocument (``.odt``) and RTF files, read by having LibreOffice convert them to .docx.

Archives of minutes hold these next to .docx and .pdf. Rather than a parser per
format, LibreOffice (which reads all three faithfully) converts the file to
.docx and the Word reader reads that, so tables keep their cells and an Actions
column stays with its row. The document keeps the file's own format ("doc",
"odt", "rtf"), so a record says what the file was.

- The file's first bytes are checked before anything is started: a misnamed
  file is named for what it is in a moment, not after a conversion. An OLE2
  file must also name a "WordDocument" stream: left to guess, LibreOffice
  reads an Excel file, or OLE2 junk, as a page of nonsense text.
- LibreOffice runs headless in a private, temporary user profile, so it neither
  meets a LibreOffice the user has open (which would take the job over, or
  refuse it) nor another batch worker's conversion; on a copy of the file, so
  nothing (its ``.~lock`` files) is written beside the user's file; in a
  process group of its own, killed whole at the time limit.
- All of that is run by a small watcher process (``soffice_watch.py``), which
  owns the temporary directory (copy, profile, scratch files, .docx) and
  removes it when this reader is done with the .docx, or dies: a batch worker
  is killed outright at ``--timeout`` or on Ctrl-C, and could then neither
  stop LibreOffice nor clean up after it.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..document import Document
from ..errors import EncryptedError, ReadError
from .docx import OLE2_MAGIC, PROTECTED, ole_names_stream, read_docx

CONVERT_TIMEOUT = 45.0
"""Seconds one conversion may take (a real file takes 1-3 s): under batch's default --timeout of 60 s,
so that a batch reports this limit's message, which says what to do, rather than a bare "timed out"."""

_RTF = b"{\\rtf"
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    # Word opens an RTF file named .doc as RTF, and old web systems exported RTF under that name
    "doc": (OLE2_MAGIC, _RTF),
    "odt": (b"PK\x03\x04",),
    "rtf": (_RTF,),
}
_WHAT = {"doc": "a Word 97-2003 .doc file", "odt": "an OpenDocument .odt file", "rtf": "an RTF file"}

_PROGRAMS = ("soffice", "libreoffice")
_MACOS_APP = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
"""Where the macOS app keeps the program when nothing put it on PATH."""
INSTALL_HINT = ("install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
                "macOS: brew install --cask libreoffice) or save the file as .docx")
_WATCHER = Path(__file__).with_name("soffice_watch.py")
_GRACE = 15.0
"""Seconds beyond the time limit the watcher may take to answer, or to clean up and exit (it needs well under one)."""


def read_legacy(path: Path, fmt: str) -> Document:
    """Read a .doc, .odt or .rtf file (``fmt`` is "doc", "odt" or "rtf") through LibreOffice."""
    check_signature(path, fmt)
    program = find_libreoffice()
    if program is None:
        raise ReadError(f"reading .{fmt} needs LibreOffice: {INSTALL_HINT}")
    with converted_to_docx(program, path, fmt) as converted:
        try:
            document = read_docx(converted)
        except ReadError as exc:
            raise type(exc)(f"{exc.reason} (in the .docx LibreOffice made of it)") from None
    document.format = fmt
    return document


def check_signature(path: Path, fmt: str) -> None:
    """Refuse, naming what it is, a file whose first bytes are not those of its format."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
        if head.startswith(OLE2_MAGIC) and fmt == "doc":
            if ole_names_stream(fh, "EncryptedPackage"):
                raise EncryptedError(PROTECTED)
            if not ole_names_stream(fh, "WordDocument"):
                raise ReadError("not a Word 97-2003 .doc file: it is another old Office file (Excel or PowerPoint?), "
                                "or a damaged one")
            return
    if head.lstrip().startswith(_SIGNATURES[fmt]):
        return
    from . import sniff

    kind = sniff(head)
    if kind is None and _is_text(head):
        kind = "plain text (rename it to .txt)"
    raise ReadError(f"not {_WHAT[fmt]}: it is {kind}" if kind else f"not {_WHAT[fmt]} (its first bytes are not those of one)")


def _is_text(head: bytes) -> bool:
    from .text import decode

    try:
        decode(head)
    except ReadError:
        return False
    return True


def find_libreoffice() -> str | None:
    """The LibreOffice program to run, or None when it is not installed."""
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return _MACOS_APP if os.access(_MACOS_APP, os.X_OK) else None


@contextmanager
def converted_to_docx(program: str, path: Path, fmt: str, *, timeout: float = CONVERT_TIMEOUT) -> Iterator[Path]:
    """The .docx LibreOffice makes of ``path``, for as long as the ``with`` block runs; then it is removed."""
    watcher = subprocess.Popen([sys.executable, "-I", str(_WATCHER), program, str(Path(path).resolve()), f".{fmt}",
                                str(timeout)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        report = _answer(watcher, timeout + _GRACE)
        status = report.get("status")
        if status == "timeout":
            raise ReadError(f"LibreOffice was stopped after {timeout:g} s converting it "
                            f"(a damaged or very large file?): save it as .docx in Word")
        if status == "failed":
            said = f" ({report['error']})" if report.get("error") else ""
            raise ReadError(f"LibreOffice could not convert it{said}: is it damaged, or not really {_WHAT[fmt]}?")
        if status != "done":
            raise ReadError(f"could not convert it with LibreOffice: {report.get('reason', 'no answer')}")
        yield Path(report["docx"])
    finally:
        watcher.stdin.close()  # the watcher stops LibreOffice if it still runs, removes its directory and exits
        try:
            watcher.wait(timeout=_GRACE)
        except subprocess.TimeoutExpired:
            watcher.kill()
            watcher.wait()
        watcher.stdout.close()


def _answer(watcher: subprocess.Popen, seconds: float) -> dict:
    """The watcher's one-line report, or an error report when it gives none in time."""
    ready, _, _ = select.select([watcher.stdout], [], [], seconds)
    line = watcher.stdout.readline() if ready else b""
    try:
        return json.loads(line)
    except ValueError:
        return {"status": "error", "reason": f"the conversion gave no answer within {seconds:g} s"}
