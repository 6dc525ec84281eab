"""Hostile and broken PDFs, through the command line as a user meets them.

Every input is built here (from the samples, or drawn with reportlab) in
tmp_path. A file that cannot be read must give exit 1 and exactly one stderr
line ``cme-notes: error: <path>: <reason>`` saying what to do where there is
something to do, never a traceback, and never stop the other files.
"""
from __future__ import annotations

import io
import json
import os
import random
import time
import zlib
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

from cli_helpers import assert_refused, parse, record, run
from cli_helpers import parse_measuring_memory as _parse_measuring_memory

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF_SAMPLES = sorted(SAMPLES.glob("*.pdf"))
TEXT = SAMPLES / "oakridge-parish-2025-06-03.txt"

rl_config.invariant = 1  # the same drawing gives the same bytes


def draw_minutes(path: Path, *, encrypt: str | None = None) -> Path:
    """The Oakridge minutes (text sample) drawn line by line on A4 pages."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    y = 800
    for line in TEXT.read_text(encoding="utf-8").splitlines():
        for part in simpleSplit(line.replace("\t", "    "), "Helvetica", 10, 450) or [""]:
            if y < 60:
                c.showPage()
                y = 800
            c.setFont("Helvetica", 10)
            c.drawString(72, y, part)
            y -= 13
    c.save()
    return path


# --------------------------------------------------------------------------- damaged files


TRAILER_BYTES = 40
"""'startxref', its offset and '%%EOF': what a download cut short loses first."""


@pytest.mark.parametrize("share", [0.05, 0.5, 0.9, 0.999])
@pytest.mark.parametrize("sample", PDF_SAMPLES, ids=lambda p: p.stem)
def test_truncated_pdf(tmp_path, sample, share):
    data = sample.read_bytes()
    path = tmp_path / "half-downloaded.pdf"
    # At least the trailer goes: a 4 KB file cut by 0.1% loses only the 'EOF' of '%%EOF', and is whole.
    path.write_bytes(data[: min(int(len(data) * share), len(data) - TRAILER_BYTES)])
    assert_refused(parse(path), path, "damaged or truncated PDF")


def flipped(sample: Path, seed: int) -> bytes:
    """A copy of ``sample`` with 1 to 100 bytes set at random positions (reproducible by seed)."""
    rng = random.Random(seed)
    damaged = bytearray(sample.read_bytes())
    for _ in range(rng.choice([1, 5, 20, 100])):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged)


def test_bytes_flipped_at_many_positions_never_crash(tmp_path):
    """Each damaged copy gives a record or one clean error line; all in one run, none stops the others."""
    paths = []
    for sample in PDF_SAMPLES:
        for seed in range(8):
            paths.append(tmp_path / f"{sample.stem}-{seed}.pdf")
            paths[-1].write_bytes(flipped(sample, seed))
    result = run("parse", *map(str, paths), "--format", "json", "--timeout", "60")
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    failed = set()
    for line in errors:  # nothing but our error lines: pdfminer's warnings stay off stderr
        assert line.startswith("cme-notes: error: "), line
        name, _, reason = line[len("cme-notes: error: "):].partition(": ")
        assert Path(name) in paths and reason, line
        assert "internal error" not in reason and "timed out" not in reason, line
        failed.add(name)
    assert len(failed) == len(errors), "one line per failed file"
    records = json.loads(result.stdout)
    assert len(records) + len(errors) == len(paths)
    assert result.returncode == (1 if errors else 0)
    assert errors, "some of these copies are damaged beyond reading"


def test_flipped_bytes_in_one_file_give_the_same_outcome_every_time(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(flipped(PDF_SAMPLES[0], 4))
    first, second = parse(path), parse(path)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)
    assert "Traceback" not in first.stderr


def test_a_damaged_file_that_still_reads_prints_no_library_warnings(tmp_path):
    """pdfminer logs "Data-loss while decompressing corrupted data" for this one and reads on: stderr stays empty."""
    path = tmp_path / "damaged.pdf"
    path.write_bytes(flipped(SAMPLES / "northvale-cme-2024-03-14.pdf", 7))
    result = parse(path)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["date"] == "2024-03-14"


def test_corrupt_page_content_is_damage_not_a_scan(tmp_path):
    """The page's content stream is broken (pdfminer warns and finds no text): not "scanned, run OCR"."""
    path = tmp_path / "damaged.pdf"
    path.write_bytes(flipped(SAMPLES / "northvale-cme-2025-01-23.pdf", 5))
    assert_refused(parse(path), path, "damaged PDF: no text could be read from its pages (corrupt page content)")


# --------------------------------------------------------------------------- not a PDF


@pytest.mark.parametrize("content, words", [
    (b"Present: Jane Smith\n1. Welcome\n", "not a PDF file (no %PDF header)"),
    (bytes(random.Random(3).randbytes(4096)), "not a PDF file"),
    (b"<!DOCTYPE html>\n<html><body>Your session has expired</body></html>",
     "not a PDF file: it is a web page (HTML), not the document: the download probably failed, download it again"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a PDF file: it is an image: run OCR on it first"),
    (None, "not a PDF file: it is a zip archive (a .docx? rename it to .docx)"),
], ids=["text", "random", "html", "png", "docx"])
def test_not_a_pdf(tmp_path, content, words):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(content if content is not None else (SAMPLES / "oakridge-parish-2025-06-03.docx").read_bytes())
    assert_refused(parse(path), path, words)


def test_a_pdf_with_no_pages(tmp_path):
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    xref = len(body)
    body += (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
             b"trailer << /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    path = tmp_path / "empty.pdf"
    path.write_bytes(body)
    assert_refused(parse(path), path, "damaged or truncated PDF: no pages found")


# --------------------------------------------------------------------------- encrypted


@pytest.fixture(scope="module")
def encrypted_pair(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("encrypted")
    return draw_minutes(folder / "plain.pdf"), draw_minutes(folder / "locked.pdf", encrypt="secret")


def test_encrypted_pdf_says_to_give_the_password(encrypted_pair):
    _, locked = encrypted_pair
    assert_refused(parse(locked), locked, "PDF is encrypted: give the password with --password")


def test_the_password_opens_it_and_gives_the_same_record(encrypted_pair):
    plain, locked = encrypted_pair
    opened = record(parse(locked, "--password", "secret"))
    assert opened == record(parse(plain))
    assert opened["date"] == "2025-06-03" and opened["actions"]


def test_a_wrong_password_says_so(encrypted_pair):
    _, locked = encrypted_pair
    assert_refused(parse(locked, "--password", "guess"), locked, "the password given is not correct")


# --------------------------------------------------------------------------- scanned


def test_a_scanned_pdf_says_to_run_ocr(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 1000, 30):  # lines of "text", as pixels
        draw.rectangle([80, y, 80 + (y * 7) % 600 + 100, y + 12], fill=0)
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.drawImage(ImageReader(png), 0, 0, *A4)
        c.showPage()
    c.save()
    assert_refused(parse(path), path, "no text layer (a scan)", "--ocr", "Tesseract OCR")


def test_a_pdf_of_shapes_only_says_to_run_ocr(tmp_path):
    path = tmp_path / "shapes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(72, 500, 300, 200, fill=1)
    c.line(72, 400, 500, 400)
    c.save()
    assert_refused(parse(path), path, "no text layer", "--ocr")


# --------------------------------------------------------------------------- a bomb inside a PDF


def _pdf_with_content(content: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_content_stream_that_inflates_to_gigabytes_is_refused(tmp_path):
    """pdfminer would inflate it whole in memory: refused before, with bounded memory."""
    deflate = zlib.compressobj(1)
    parts = [deflate.compress(b"BT /F1 12 Tf 72 700 Td (Present: Jane Smith) Tj ET\n")]
    spaces = b" " * (1 << 20)
    parts += [deflate.compress(spaces) for _ in range(300)]  # 300 MB of spaces, ~300 KB compressed
    parts.append(deflate.flush())
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_content(b"".join(parts)))
    rss, result = _parse_measuring_memory(path, tmp_path)
    assert_refused(result, path, "refused: one of its compressed streams inflates to over 256 MB")
    assert rss < 150 * 1024 * 1024


# --------------------------------------------------------------------------- hundreds of pages

PAGES = 300


@pytest.fixture(scope="module")
def board_pack(tmp_path_factory) -> Path:
    """A 300-page PDF: minutes on page 1, then page after page of report text and a ruled table now and then."""
    path = tmp_path_factory.mktemp("big") / "board-pack.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, PAGES + 1):
        c.setFont("Helvetica", 10)
        c.drawString(72, 815, "Northvale Sector-led Improvement Programme")
        y = 780
        if page == 1:
            for line in ("Northvale Children Missing Education Group", "Minutes of the meeting held on 14 March 2024",
                         "Present: Hannah Patel (Eastmarsh, Chair), Owen Price (Northvale), Chris Oakley (Westby)",
                         "1. Welcome and matters arising",
                         "Action: Owen will circulate the draft for comment before it is submitted."):
                c.drawString(72, y, line)
                y -= 16
        c.drawString(72, y, f"Appendix {page}: quarterly figures")
        y -= 16
        for n in range(8):
            c.drawString(72, y, f"Members noted the figures for area {n} on page {page}; no change since the last report.")
            y -= 14
        if page % 10 == 0:
            for row in range(4):
                c.rect(72, y - 20 * (row + 1), 200, 20)
                c.rect(272, y - 20 * (row + 1), 200, 20)
                c.drawString(78, y - 20 * row - 14, f"Row {row}")
                c.drawString(278, y - 20 * row - 14, f"{page * row}")
        c.drawString(290, 30, f"Page {page} of {PAGES}")
        c.showPage()
    c.save()
    return path


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4 for the child's peak memory")
def test_hundreds_of_pages_in_bounded_memory_and_time(board_pack, tmp_path):
    started = time.monotonic()
    rss, result = _parse_measuring_memory(board_pack, tmp_path)
    elapsed = time.monotonic() - started
    data = json.loads(result.stdout)
    assert result.returncode == 0, result.stderr
    assert data["source"]["pages"] == PAGES
    assert data["date"] == "2024-03-14"
    assert [p["name"] for p in data["attendees"]] == ["Hannah Patel", "Owen Price", "Chris Oakley"]
    assert rss < 250 * 1024 * 1024, f"peak RSS {rss / 1048576:.0f} MB"
    assert elapsed < 60, f"{elapsed:.1f} s"
