"""Scanned minutes read with --ocr (Tesseract), and refused with a hint without it.

The scans are made here: the pages of a sample PDF (fictional parish council
minutes) drawn at 200 dpi by PDFium and wrapped as an image-only PDF, as a
scanner would make them. Tesseract takes seconds a page, so the files are
built once for the module and each OCR run serves one test.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cli_helpers import assert_refused, parse, run
from cme_notes.readers.pdf.ocr import words_of_hocr

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ORIGINAL = SAMPLES / "oakridge-parish-2025-06-03.pdf"
SCAN_DPI = 200
"""An ordinary office scan's resolution."""

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract not installed: apt-get install tesseract-ocr")


def scan_of(pdf: Path, out: Path) -> Path:
    """``pdf`` as a scanner gives it back: one picture a page, no text."""
    document = pdfium.PdfDocument(str(pdf))
    images = [document[i].render(scale=SCAN_DPI / 72, grayscale=True).to_pil() for i in range(len(document))]
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return out


def mixed_of(text_pdf: Path, scan_pdf: Path, out: Path) -> Path:
    """Page 1 with its text (typed), page 2 from the scan (printed, signed, scanned back)."""
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(text_pdf)), [0])
    mixed.import_pages(pdfium.PdfDocument(str(scan_pdf)), [1])
    mixed.save(str(out))
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("scans")
    scan = scan_of(ORIGINAL, root / "scan.pdf")
    return {"scan": scan, "mixed": mixed_of(ORIGINAL, scan, root / "mixed.pdf"), "root": root}


@pytest.fixture(scope="module")
def original() -> dict:
    result = parse(ORIGINAL)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def names(people: list[dict]) -> list[str]:
    return [p["name"] for p in people]


# --------------------------------------------------------------------------- without --ocr


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_scan_is_refused_with_a_hint_to_use_ocr(files, engine):
    reason = assert_refused(parse(files["scan"], "--pdf-engine", engine), files["scan"])
    assert reason == "no text layer (a scan): run again with --ocr to read it with Tesseract OCR"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_scanned_page_among_typed_ones_is_named_in_a_warning(files, original, engine):
    result = parse(files["mixed"], "--pdf-engine", engine)
    assert result.returncode == 0, result.stderr
    mixed = json.loads(result.stdout)
    assert mixed["source"]["ocr_pages"] is None
    assert names(mixed["attendees"]) == names(original["attendees"])  # page 1 is read as usual
    assert ("page 2 has no text layer (a scan) and was not read: run again with --ocr to read it "
            "with Tesseract OCR") in mixed["warnings"]


def test_batch_ends_with_the_scans_it_could_not_read(files, tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copyfile(files["scan"], folder / "june-scan.pdf")
    shutil.copyfile(SAMPLES / "riverside-governors-2025-01-22.md", folder / "governors.md")
    result = run("batch", str(folder), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert " 1 parsed, " in lines[-3] and " 1 failed" in lines[-3]
    assert lines[-2] == ("cme-notes: 1 scanned PDF not read (no text layer): "
                         "run again with --ocr to read them with Tesseract OCR:")
    assert lines[-1] == f"  {folder / 'june-scan.pdf'}"


def test_without_tesseract_ocr_says_how_to_install_it(files, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = subprocess.run([sys.executable, "-m", "cme_notes", "parse", str(files["scan"]), "--ocr"],
                            capture_output=True, text=True, env=env, timeout=120)
    reason = assert_refused(result, files["scan"])
    assert reason.startswith("Tesseract OCR is not installed (needed by --ocr)")
    for how in ("apt-get install tesseract-ocr", "brew install tesseract", "UB Mannheim"):
        assert how in reason


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for a broken tesseract")
def test_a_failing_tesseract_gives_one_line(files, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "tesseract"  # a broken installation: the program runs and fails
    fake.write_text("#!/bin/sh\necho 'Error: libtesseract is missing a piece' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([sys.executable, "-m", "cme_notes", "parse", str(files["scan"]), "--ocr"],
                            capture_output=True, text=True, env=env, timeout=120)
    reason = assert_refused(result, files["scan"])
    assert reason == "Tesseract failed (exit code 3): Error: libtesseract is missing a piece"


# --------------------------------------------------------------------------- with --ocr


@needs_tesseract
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_with_ocr_a_scan_gives_the_record_of_the_original(files, original, engine):
    result = parse(files["scan"], "--ocr", "--pdf-engine", engine)
    assert result.returncode == 0, result.stderr
    scanned = json.loads(result.stdout)
    assert scanned["source"]["ocr_pages"] == [1, 2]
    assert scanned["date"] == original["date"] == "2025-06-03"
    assert scanned["title"] == original["title"]
    found = set(names(scanned["attendees"])) & set(names(original["attendees"]))
    assert len(found) >= len(original["attendees"]) - 1, names(scanned["attendees"])
    assert [i["number"] for i in scanned["items"]] == [i["number"] for i in original["items"]]
    titles = {i["title"] for i in scanned["items"]}
    assert sum(i["title"] in titles for i in original["items"]) >= len(original["items"]) - 2


@needs_tesseract
def test_with_ocr_only_the_scanned_page_of_a_mixed_file_is_read_by_ocr(files, original, tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copyfile(files["mixed"], folder / "signed.pdf")
    shutil.copyfile(SAMPLES / "riverside-governors-2025-01-22.md", folder / "governors.md")
    result = run("batch", str(folder), "-o", str(tmp_path / "out"), "--ocr", "--quiet")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert " 2 parsed, " in lines[-3]
    assert lines[-2] == "cme-notes: 1 scanned PDF read by OCR (check names and figures against the scans):"
    assert lines[-1] == f"  {folder / 'signed.pdf'} (1 of 2 pages)"
    mixed = json.loads((tmp_path / "out" / "signed.pdf.json").read_text(encoding="utf-8"))
    assert mixed["source"]["ocr_pages"] == [2]
    assert names(mixed["attendees"]) == names(original["attendees"])  # page 1: its own text
    last = original["items"][-1]
    assert last["where"]["page"] == 2 and last["title"] in {i["title"] for i in mixed["items"]}


@needs_tesseract
def test_a_scan_with_nothing_to_read_says_ocr_found_no_text(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "letterhead-only.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(72, 700, 450, 60, fill=1)  # a black band, as a blank form's header scans
    c.save()
    reason = assert_refused(parse(path, "--ocr"), path)
    assert reason == "no text layer, and OCR found no text on its pages (blank or unreadable scans)"


@needs_tesseract
def test_the_table_output_says_which_pages_were_read_by_ocr(files):
    result = run("parse", str(files["mixed"]), "--ocr", "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "OCR" in result.stdout
    assert "page 2 of 2 read by OCR" in " ".join(result.stdout.replace("│", " ").split())


# --------------------------------------------------------------------------- from Tesseract's hOCR to words


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
 <div class='ocr_page' title='bbox 0 0 2481 3508'>
  <span class='ocr_line' title="bbox 300 400 1500 460; baseline 0.01 -10; x_size 42; x_descenders 9; x_ascenders 10">
   <span class='ocrx_word' title='bbox 300 400 520 450; x_wconf 96'>Apologies</span>
   <span class='ocrx_word' title='bbox 1300 412 1500 460; x_wconf 91'>Cllr&amp;Co</span>
   <span class='ocrx_word' title='bbox 1510 430 1520 440; x_wconf 12'>~</span>
  </span>
 </div>
</body></html>"""


def test_words_of_a_line_share_its_top_and_size_and_specks_are_dropped():
    scale = 300 / 72
    words = words_of_hocr(HOCR, scale)
    assert [w.text for w in words] == ["Apologies", "Cllr&Co"]  # the 12% speck is gone
    first, second = words
    # A slightly skewed line stays one line: both words on the baseline at its middle.
    assert (first.top, first.bottom, first.size) == (second.top, second.bottom, second.size)
    assert first.size == pytest.approx(42 / 0.93 / scale, abs=0.05)
    assert (first.x0, second.x1) == pytest.approx((300 / scale, 1500 / scale))
    assert not first.bold
