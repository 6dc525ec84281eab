"""Hostile and broken Word files, through the command line as a user meets them.

Every input is built here in tmp_path, from a sample .docx or from scratch: not
a zip, a zip that is not a Word document, zip bombs (honest and lying about
their size), XML with entity declarations, tables nested in tables, an old
.doc and a password-protected .docx. A file that cannot be read gives exit 1
and exactly one stderr line ``cme-notes: error: <path>: <reason>``, never a
traceback, and never takes unbounded time or memory.
"""
from __future__ import annotations

import json
import struct
import subprocess
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from cli_helpers import assert_refused, parse
from cli_helpers import parse_measuring_memory as measured_parse

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE = SAMPLES / "northvale-cme-2024-03-14.docx"


def parse_measuring_memory(path: Path, tmp_path: Path) -> tuple[int, float, subprocess.CompletedProcess]:
    """Run ``cme-notes parse`` on ``path``: the child's peak RSS (bytes), the seconds it took, its result."""
    started = time.monotonic()
    rss, result = measured_parse(path, tmp_path)
    return rss, time.monotonic() - started, result


def members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info.filename)) for info in zf.infolist()]


def rewrite(src: Path, dst: Path, changes: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> Path:
    """Copy a .docx, replacing (or, with None, dropping) members and adding ``extra`` ones."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members(src):
            if name in changes:
                if changes[name] is None:
                    continue
                data = changes[name]
            out.writestr(name, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return dst


# --------------------------------------------------------------------------- not a Word document


@pytest.mark.parametrize("content, words", [
    (b"Present: Jane Smith\n1. Welcome\n", "not a .docx file (not a zip archive)"),
    (b"<!DOCTYPE html><html><body>Sign in to download</body></html>",
     "not a .docx file: it is a web page (HTML), not the document: the download probably failed"),
    (b"{\\rtf1\\ansi Minutes}", "not a .docx file: it is an RTF file (rename it to .rtf)"),
    (None, "not a .docx file: it is a PDF (rename it to .pdf)"),
], ids=["text", "html", "rtf", "pdf"])
def test_not_a_zip(tmp_path, content, words):
    path = tmp_path / "minutes.docx"
    path.write_bytes(content if content is not None else (SAMPLES / "oakridge-parish-2025-06-03.pdf").read_bytes())
    assert_refused(parse(path), path, words)


def test_a_zip_without_word_document_xml(tmp_path):
    path = tmp_path / "minutes.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("minutes.txt", "Present: Jane Smith")
    assert_refused(parse(path), path, "not a Word document (no word/document.xml in the archive)")


def test_an_excel_file_renamed_docx(tmp_path):
    path = tmp_path / "minutes.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert_refused(parse(path), path, "not a Word document")


@pytest.mark.parametrize("share", [0.1, 0.5, 0.95])
def test_a_half_downloaded_docx(tmp_path, share):
    data = SAMPLE.read_bytes()
    path = tmp_path / "minutes.docx"
    path.write_bytes(data[: int(len(data) * share)])
    assert_refused(parse(path), path, "damaged or truncated .docx (bad zip archive): get a fresh copy of the file")


def test_a_damaged_member_fails_its_checksum(tmp_path):
    path = rewrite(SAMPLE, tmp_path / "minutes.docx", {})
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert_refused(parse(path), path, "damaged", "word/document.xml")


def test_an_old_word_97_file_renamed_docx_says_to_rename_it_doc(tmp_path):
    path = tmp_path / "minutes.docx"
    # An OLE2 compound file header, as Word 97-2003 writes it, then its "WordDocument" stream name.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000))
    assert_refused(parse(path), path,
                   "this is an old Word 97-2003 (.doc) file: rename it to .doc")


def test_a_password_protected_docx_says_to_remove_the_password(tmp_path):
    path = tmp_path / "minutes.docx"
    # Word keeps an encrypted .docx in an OLE2 container with an "EncryptedPackage" stream.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1016)
                     + "EncryptionInfo".encode("utf-16-le") + bytes(50)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(2000))
    assert_refused(parse(path), path, "password-protected", "remove the password in Word")


# --------------------------------------------------------------------------- zip bombs


def test_a_zip_bomb_is_refused_from_its_declared_sizes(tmp_path):
    """word/document.xml plus 2 GB of zeros (about 9 MB on disk): refused before python-docx opens it."""
    path = tmp_path / "bomb.docx"
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in members(SAMPLE):
            zf.writestr(name, data)
        with zf.open("word/media/image1.png", "w", force_zip64=True) as fh:
            for _ in range(2048):
                fh.write(zeros)
    rss, elapsed, result = parse_measuring_memory(path, tmp_path)
    assert_refused(result, path, "refused: the archive would expand to 2048 MB (zip bomb?)")
    assert rss < 150 * 1024 * 1024 and elapsed < 10


def test_a_smaller_bomb_is_refused_by_its_compression_ratio(tmp_path):
    path = tmp_path / "bomb.docx"
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members(SAMPLE):
            zf.writestr(name, data)
        with zf.open("word/media/image1.png", "w") as fh:
            for _ in range(300):
                fh.write(zeros)
    assert_refused(parse(path), path, "refused: the archive would expand to 300 MB (zip bomb?)")


def _lying_docx(src: Path, dst: Path, member: str, extra_spaces: int) -> Path:
    """Copy ``src`` so that ``member`` inflates to its content plus ``extra_spaces`` spaces,
    while its headers (local and central) declare only the content's size and CRC.

    ``ZipFile.read`` (what python-docx uses) inflates a member's compressed data in one
    call, whatever size it declares, then cuts the result to the declared size: the
    CRC matches, and without a check the whole inflated mass passes through memory.
    """
    body, central, count = bytearray(), bytearray(), 0
    for name, data in members(src):
        deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
        compressed = deflate.compress(data)
        if name == member:
            spaces = b" " * (1 << 20)
            for _ in range(extra_spaces // len(spaces)):
                compressed += deflate.compress(spaces)
        compressed += deflate.flush()
        crc, raw = zlib.crc32(data), name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(compressed), len(data), len(raw), 0)
        body += raw + compressed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(compressed),
                               len(data), len(raw), 0, 0, 0, 0, 0, offset) + raw
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(body), 0)
    dst.write_bytes(bytes(body + central + end))
    return dst


def test_the_lying_bomb_really_is_one_for_zipfile(tmp_path):
    """The premise of the next test: zipfile alone reads the member "fine" (cut to its declared size)."""
    path = _lying_docx(SAMPLE, tmp_path / "lie.docx", "word/document.xml", 8 << 20)
    with zipfile.ZipFile(path) as zf:
        assert zf.read("word/document.xml") == dict(members(SAMPLE))["word/document.xml"]


def test_a_bomb_that_lies_about_its_size_is_refused_in_bounded_memory(tmp_path):
    """document.xml declares 14 KB and inflates to 1 GB: refused, and never inflated in memory."""
    path = _lying_docx(SAMPLE, tmp_path / "lie.docx", "word/document.xml", 1 << 30)
    rss, elapsed, result = parse_measuring_memory(path, tmp_path)
    assert_refused(result, path, "refused: word/document.xml inflates to more than the", "its header declares")
    assert rss < 150 * 1024 * 1024, f"peak RSS {rss / 1048576:.0f} MB"
    assert elapsed < 10


def test_a_lying_member_python_docx_would_not_even_read_is_refused_too(tmp_path):
    donor = rewrite(SAMPLE, tmp_path / "donor.docx", {}, {"word/media/unused.bin": b"x" * 100})
    path = _lying_docx(donor, tmp_path / "lie.docx", "word/media/unused.bin", 64 << 20)
    assert_refused(parse(path), path, "refused: word/media/unused.bin inflates to more than the 100 bytes")


def test_too_many_members_is_refused(tmp_path):
    path = rewrite(SAMPLE, tmp_path / "many.docx", {}, {f"word/extra/part{i}.xml": b"" for i in range(10_001)})
    assert_refused(parse(path), path, "refused: the archive has 10019 members")


# --------------------------------------------------------------------------- XML entities


def _with_doctype(declaration: bytes, reference: bytes) -> bytes:
    xml = dict(members(SAMPLE))["word/document.xml"]
    head, rest = xml.split(b"?>", 1)
    return head + b"?>" + declaration + rest.replace(b"<w:t>", b"<w:t>" + reference, 1)


def test_billion_laughs_is_refused_quickly(tmp_path):
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    xml = _with_doctype(b"<!DOCTYPE w:document [" + entities + b"]>", b"&lol9;")
    path = rewrite(SAMPLE, tmp_path / "laughs.docx", {"word/document.xml": xml})
    rss, elapsed, result = parse_measuring_memory(path, tmp_path)
    assert_refused(result, path, "refused: word/document.xml declares XML entities (<!DOCTYPE>)")
    assert elapsed < 10 and rss < 150 * 1024 * 1024
    assert "lollol" not in result.stdout


def test_an_external_entity_is_never_fetched(tmp_path):
    xml = _with_doctype(b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', b"&x;")
    path = rewrite(SAMPLE, tmp_path / "xxe.docx", {"word/document.xml": xml})
    result = parse(path)
    assert_refused(result, path, "declares XML entities")
    assert "root:" not in result.stdout + result.stderr


def test_a_doctype_in_another_part_is_refused_too(tmp_path):
    styles = dict(members(SAMPLE))["word/styles.xml"]
    head, rest = styles.split(b"?>", 1)
    xml = head + b"?>" + b'<!DOCTYPE w:styles [<!ENTITY x SYSTEM "http://example.invalid/x">]>' + rest
    path = rewrite(SAMPLE, tmp_path / "xxe.docx", {"word/styles.xml": xml})
    assert_refused(parse(path), path, "refused: word/styles.xml declares XML entities")


def test_a_doctype_in_utf16_xml_is_refused(tmp_path):
    xml = dict(members(SAMPLE))["word/document.xml"].decode("utf-8")
    head, rest = xml.split("?>", 1)
    head = head.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    doc = (head + '?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rest).encode("utf-16")
    path = rewrite(SAMPLE, tmp_path / "xxe16.docx", {"word/document.xml": doc})
    assert_refused(parse(path), path, "declares XML entities")


# --------------------------------------------------------------------------- odd but genuine


def test_tables_nested_in_tables_still_give_a_record(tmp_path):
    d = docx.Document()
    d.add_paragraph("Oakridge Parish Council")
    d.add_paragraph("Minutes of the meeting held on 3 June 2025")
    d.add_paragraph("Present: Cllr Jane Sutton (Chair), Cllr Peter Hale")
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Item", "Actions"
    outer.cell(1, 0).text = "1. Budget"
    middle = outer.cell(1, 0).add_table(rows=1, cols=2)
    middle.cell(0, 0).text = "Income"
    inner = middle.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Precept", "£20,000"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Grants", "£1,500"
    outer.cell(1, 1).text = "PH"
    path = tmp_path / "nested.docx"
    d.save(path)
    result = parse(path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2025-06-03"
    assert [p["name"] for p in data["attendees"]] == ["Jane Sutton", "Peter Hale"]
    assert [i["number"] for i in data["items"]] == ["1"]


def test_a_very_long_paragraph_is_read_in_pieces_quickly(tmp_path):
    d = docx.Document()
    d.add_paragraph("Oakridge Parish Council")
    d.add_paragraph("Minutes of the meeting held on 3 June 2025")
    d.add_paragraph("Members discussed the budget and agreed it. " * 50_000)  # 2.2 MB, one paragraph
    path = tmp_path / "long.docx"
    d.save(path)
    started = time.monotonic()
    result = parse(path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["date"] == "2025-06-03"
    assert time.monotonic() - started < 30


def test_the_sample_still_reads_after_every_check(tmp_path):
    clean = rewrite(SAMPLE, tmp_path / "copy.docx", {})
    a, b = parse(SAMPLE), parse(clean)
    assert a.returncode == b.returncode == 0
    ra, rb = json.loads(a.stdout), json.loads(b.stdout)
    ra.pop("source"), rb.pop("source")
    assert ra == rb
