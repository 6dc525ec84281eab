"""Word 97-2003 .doc, OpenDocument .odt and RTF minutes, read through LibreOffice.

The minutes are written as a .docx here, LibreOffice saves them as .doc, .odt
and .rtf (once for the module: a conversion takes a second or two), and each
rendition must give the very record the .docx gives. Misnamed files are named
for what they are before LibreOffice is started, and a machine without
LibreOffice is told how to install it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

import cme_notes
from cme_notes.errors import ReadError
from cme_notes.readers.legacy import converted_to_docx
from cli_helpers import assert_refused, record

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NO_SOFFICE = "LibreOffice not installed: apt-get install libreoffice-writer-nogui"
LEGACY = ("doc", "odt", "rtf")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def write_minutes(path: Path) -> None:
    """Fictional charity trustees' minutes: a page header, people, numbered items in a table with an Actions column."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Ashcombe Village Hall Charity"
    title = d.add_paragraph().add_run("Minutes of the Trustees' Meeting held on Tuesday 11 February 2025 at 7pm")
    title.bold, title.font.size = True, Pt(14)
    d.add_paragraph("Present: Margaret Holloway (Chair), Tomasz Brennan (Treasurer), Priya Castell, Gwen Oduya")
    d.add_paragraph("Apologies: Felix Ardent")
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Item", "Actions"
    rows = [
        ("1. Minutes of the last meeting\nThe minutes of 12 November 2024 were agreed as a true record.", ""),
        ("2. Treasurer's report\nTomasz Brennan to circulate the quarterly accounts by 28 February 2025.", "TB"),
        ("3. Boiler replacement\nPriya Castell to obtain three quotes for the new boiler.", "PC"),
        ("4. Spring fair\nGwen Oduya to book the marquee for 10 May.", "GO"),
    ]
    for item, owner in rows:
        cells = table.add_row().cells
        head, *rest = item.split("\n")
        cells[0].paragraphs[0].add_run(head).bold = True
        for line in rest:
            cells[0].add_paragraph(line)
        cells[1].text = owner
    d.add_paragraph("Date of next meeting: Tuesday 13 May 2025 at 7pm in the Committee Room")
    d.save(path)


def soffice_convert(source: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=120)
    return outdir / f"{source.stem}.{fmt}"


@pytest.fixture(scope="module")
def renditions(tmp_path_factory) -> dict[str, Path]:
    """The minutes as .docx, and as LibreOffice's .doc, .odt and .rtf of it."""
    if SOFFICE is None:
        pytest.skip(NO_SOFFICE)
    folder = tmp_path_factory.mktemp("renditions")
    source = folder / "ashcombe-trustees-2025-02-11.docx"
    write_minutes(source)
    profile = tmp_path_factory.mktemp("profile")
    return {"docx": source, **{fmt: soffice_convert(source, fmt, folder / fmt, profile) for fmt in LEGACY}}


def without_source(meeting) -> dict:
    data = meeting.model_dump(mode="json")
    data.pop("source")
    return data


@pytest.mark.parametrize("fmt", LEGACY)
def test_each_rendition_gives_the_record_of_the_docx(renditions, fmt):
    expected = cme_notes.parse(renditions["docx"])
    assert expected.date.isoformat() == "2025-02-11"
    assert len(expected.attendees) == 4 and len(expected.actions) == 3  # the record compared is not an empty one
    started = time.perf_counter()
    meeting = cme_notes.parse(renditions[fmt])
    seconds = time.perf_counter() - started
    assert without_source(meeting) == without_source(expected)
    assert meeting.source.format == fmt
    assert seconds < 30, f"reading the .{fmt} took {seconds:.1f} s"


def test_the_cli_reads_a_doc_and_leaves_no_temporary_files(renditions, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = run_cli(["parse", str(renditions["doc"]), "--format", "json"], TMPDIR=str(scratch))
    assert record(result) == without_source(cme_notes.parse(renditions["docx"]))
    assert list(scratch.iterdir()) == []


def test_a_damaged_doc_is_one_line_and_leaves_no_temporary_files(renditions, tmp_path):
    damaged = bytearray(renditions["doc"].read_bytes())
    damaged[512:20000] = bytes(20000 - 512)  # the text and its tables gone; the OLE2 directory at the end kept
    path = tmp_path / "damaged.doc"
    path.write_bytes(damaged)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = run_cli(["parse", str(path), "--format", "json"], TMPDIR=str(scratch))
    assert_refused(result, path, "LibreOffice could not convert it", "damaged")
    assert result.stdout == ""
    assert list(scratch.iterdir()) == []


def test_batch_over_a_folder_reads_doc_odt_and_rtf_side_by_side(renditions, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for fmt, path in renditions.items():
        shutil.copyfile(path, folder / f"trustees-2025-02.{fmt}")
    out = tmp_path / "records"
    result = run_cli(["batch", str(folder), "-o", str(out), "--workers", "4", "--quiet"])
    assert result.returncode == 0, result.stderr
    records = {}
    for fmt in renditions:
        data = record_file(out / f"trustees-2025-02.{fmt}.json")
        assert data.pop("source")["format"] == fmt
        records[fmt] = data
    assert records["doc"] == records["odt"] == records["rtf"] == records["docx"]


def test_a_conversion_past_its_time_limit_is_stopped_and_leaves_nothing(renditions, tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # where the conversion, run by a child process, makes its directory
    started = time.perf_counter()
    with pytest.raises(ReadError, match=r"^LibreOffice was stopped after 0.3 s converting it"):
        with converted_to_docx(SOFFICE, renditions["doc"], "doc", timeout=0.3):  # a fresh profile alone takes ~1 s
            pass
    assert time.perf_counter() - started < 5
    assert nothing_left(scratch)


def test_a_batch_worker_killed_mid_conversion_leaves_nothing_behind(renditions, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copyfile(renditions["doc"], folder / "trustees.doc")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # batch kills a worker outright at --timeout: the worker cannot stop LibreOffice or clean up itself
    result = run_cli(["batch", str(folder), "-o", str(tmp_path / "records"), "--timeout", "0.3", "--quiet"],
                     TMPDIR=str(scratch))
    assert result.returncode == 1 and "timed out after 0.3 s" in result.stderr
    assert nothing_left(scratch)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("notes.doc", b"Present: Margaret Holloway, Tomasz Brennan\r\n",
     "not a Word 97-2003 .doc file: it is plain text (rename it to .txt)"),
    ("minutes.odt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not an OpenDocument .odt file: it is a PDF (rename it to .pdf)"),
    ("minutes.rtf", OLE2 + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000),
     "not an RTF file: it is an old Office file (Word 97-2003 .doc?): rename it to .doc"),
    ("budget.doc", OLE2 + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1000),
     "not a Word 97-2003 .doc file: it is another old Office file (Excel or PowerPoint?), or a damaged one"),
    ("locked.doc", OLE2 + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000),
     "this Word file is password-protected"),
    ("download.rtf", b"<!DOCTYPE html><html><body>Sign in</body></html>", "not an RTF file: it is a web page (HTML)"),
], ids=["text-as-doc", "pdf-as-odt", "doc-as-rtf", "excel-as-doc", "protected-docx-as-doc", "web-page-as-rtf"])
def test_a_misnamed_file_is_named_for_what_it_is_before_libreoffice_is_started(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    # with no LibreOffice on PATH, the message shows that the first bytes were looked at first
    result = run_cli(["parse", str(path)], PATH=str(empty_bin(tmp_path)))
    assert_refused(result, path, reason)


@pytest.mark.parametrize(("name", "data"), [
    ("minutes.doc", OLE2 + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000)),
    ("minutes.odt", b"PK\x03\x04" + bytes(100)),
    ("minutes.rtf", b"{\\rtf1\\ansi Present: Margaret Holloway}"),
], ids=["doc", "odt", "rtf"])
def test_without_libreoffice_the_message_says_how_to_install_it(tmp_path, name, data):
    if sys.platform == "darwin":
        pytest.skip("on macOS the LibreOffice app is found outside PATH")
    path = tmp_path / name
    path.write_bytes(data)
    result = run_cli(["parse", str(path)], PATH=str(empty_bin(tmp_path)))
    assert_refused(result, path, f"reading {path.suffix} needs LibreOffice", "apt-get install libreoffice-writer-nogui",
                   "brew install --cask libreoffice", "save the file as .docx")


def run_cli(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """The real CLI in a child process, with ``env`` over this environment (PATH without LibreOffice, TMPDIR)."""
    return subprocess.run([sys.executable, "-m", "cme_notes", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def record_file(path: Path) -> dict:
    """A batch output's record, without the version stamp batch adds."""
    data = json.loads(path.read_text())
    data.pop("cme_notes_version")
    return data


def empty_bin(tmp_path: Path) -> Path:
    """A PATH with nothing on it: this machine as one without LibreOffice installed."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    return folder


def nothing_left(scratch: Path, seconds: float = 10) -> bool:
    """Whether, within ``seconds``, ``scratch`` is empty and no process (LibreOffice) mentions it."""
    deadline = time.monotonic() + seconds
    while list(scratch.iterdir()) or processes_mentioning(str(scratch)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def processes_mentioning(text: str) -> list[str]:
    """Command lines and environments of running processes that mention ``text`` (Linux; none elsewhere)."""
    found = []
    if not Path("/proc/self/environ").exists():
        return found
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):  # not this test's own environment
            try:
                seen = b" ".join((entry / part).read_bytes() for part in ("cmdline", "environ"))
            except OSError:
                continue
            if text.encode() in seen:
                found.append(seen.decode("utf-8", "replace"))
    return found
