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
  refuse it) nor another batch worker's conversion.
- It converts a copy of the file, so nothing (LibreOffice's ``.~lock`` files)
  is ever written next to the user's file.
- It runs in a process group of its own under a time limit; on timeout, or
  any other way out, the whole group is killed. The temporary directory
  (copy, profile, LibreOffice's scratch files, .docx) is removed whatever
  happens.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import EncryptedError, ReadError
from .docx import OLE2_MAGIC, PROTECTED, ole_names_stream, read_docx

CONVERT_TIMEOUT = 45.0
"""Seconds one conversion may take (a real file takes 1-3 s): under batch's default --timeout of 60 s,
so that this limit, which cleans up after LibreOffice, is reached first."""

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
_FILTER = "docx:MS Word 2007 XML"
"""LibreOffice's own "Word 2007-365" export: the .docx Word itself would write."""


def read_legacy(path: Path, fmt: str) -> Document:
    """Read a .doc, .odt or .rtf file (``fmt`` is "doc", "odt" or "rtf") through LibreOffice."""
    check_signature(path, fmt)
    program = find_libreoffice()
    if program is None:
        raise ReadError(f"reading .{fmt} needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="cme-notes-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt}"  # a plain name: no option-like or odd names reach LibreOffice's command line
        shutil.copyfile(path, source)
        converted = convert_to_docx(program, source, work, fmt=fmt)
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
    from .text import decode

    kind = sniff(head)
    if kind is None and _is_text(head, decode):
        kind = "plain text (rename it to .txt)"
    raise ReadError(f"not {_WHAT[fmt]}: it is {kind}" if kind else f"not {_WHAT[fmt]} (its first bytes are not those of one)")


def _is_text(head: bytes, decode) -> bool:
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


def convert_to_docx(program: str, source: Path, work: Path, *, fmt: str, timeout: float = CONVERT_TIMEOUT) -> Path:
    """Convert ``source`` to .docx in ``work`` (a private directory: profile and output go there); the .docx's path."""
    outdir, scratch = work / "out", work / "tmp"
    scratch.mkdir()
    # LibreOffice's own scratch files (lu*.tmp) go in TMPDIR, and a killed LibreOffice leaves them there
    env = {**os.environ, "TMPDIR": str(scratch)}
    command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", _FILTER, "--outdir", str(outdir), str(source)]
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True, env=env)
    except OSError as exc:
        raise ReadError(f"reading .{fmt} needs LibreOffice, which could not be started ({exc.strerror or exc}): "
                        f"{INSTALL_HINT}") from None
    timed_out = False
    with process:  # leaving it closes the pipes and reaps the process
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out, err = True, b""
        finally:
            _kill_group(process.pid)
    if timed_out:
        raise ReadError(f"LibreOffice was stopped after {timeout:g} s converting it "
                        f"(a damaged or very large file?): save it as .docx in Word")
    converted = outdir / f"{source.stem}.docx"
    if process.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
        reason = _libreoffice_error(err.decode("utf-8", "replace"))
        raise ReadError(f"LibreOffice could not convert it{reason}: is it damaged, or not really {_WHAT[fmt]}?")
    return converted


def _kill_group(group: int) -> None:
    """Kill LibreOffice and all it started (soffice is a script starting oosplash, which starts soffice.bin)."""
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group is gone: everything in it has exited


def _libreoffice_error(stderr: str) -> str:
    """LibreOffice's own reason (" (source file could not be loaded)"), or "": its other stderr lines are noise."""
    for line in stderr.splitlines():
        if line.startswith("Error:"):
            return f" ({line.removeprefix('Error:').strip()})"
    return ""
