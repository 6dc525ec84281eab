"""Hostile and broken text input, through the command line as a user meets it.

Every case builds its file in tmp_path from a sample and checks the outcome: the
exit code, exactly one stderr line ``cme-notes: error: <path>: <reason>`` for a
file that cannot be read, no traceback, and for files that can be read the same
record as the clean original. Also the input-size limit (--max-size) and the
limits the text reader puts on pathological lines.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import time
from pathlib import Path

import pytest

from cme_notes.readers.text import MAX_LINE, read_text, split_long_line

from cli_helpers import assert_refused, parse, record, run

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE = SAMPLES / "oakridge-parish-2025-06-03.txt"


@pytest.fixture(scope="module")
def clean() -> dict:
    return record(parse(SAMPLE))


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- not text at all


def test_binary_data_named_txt_is_refused(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(random.Random(5).randbytes(20_000))
    assert_refused(parse(path), path, "binary data, not text")


def test_a_pdf_renamed_txt_is_refused(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes((SAMPLES / "oakridge-parish-2025-06-03.pdf").read_bytes())
    assert_refused(parse(path), path, "not a text file: it is a PDF (rename it to .pdf)")


def test_a_web_page_saved_as_txt_is_still_text(tmp_path):
    # HTML is text: it is read (and gives a record with warnings), not refused as binary
    path = tmp_path / "minutes.txt"
    path.write_text("<!DOCTYPE html><html><body>Present: Jane Smith</body></html>", encoding="utf-8")
    assert parse(path).returncode == 0


def test_a_few_nul_bytes_are_dropped_and_the_text_parsed(tmp_path, clean):
    text = sample_text()
    lines = text.split("\n")
    lines[0] = lines[0][:5] + "\0" + lines[0][5:]
    lines[3] += "\0\0"
    path = tmp_path / "minutes.txt"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    result = parse(path)
    assert record(result) == clean
    assert "\\u0000" not in result.stdout


def test_mostly_nul_bytes_is_refused_as_binary(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(b"Present: Jane Smith\n" + b"\0" * 4000)
    assert_refused(parse(path), path, "binary data", "NUL")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_a_bom_gives_the_same_record(tmp_path, clean, encoding, bom):
    path = tmp_path / "minutes.txt"
    path.write_bytes(bom + sample_text().replace("\n", "\r\n").encode(encoding))
    assert record(parse(path)) == clean


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(tmp_path, clean, encoding):
    path = tmp_path / "minutes.txt"
    path.write_bytes(sample_text().encode(encoding))
    assert record(parse(path)) == clean


def test_utf16_cut_in_the_middle_of_a_character_is_a_clear_error(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + sample_text().encode("utf-16-le")[:-1])
    assert_refused(parse(path), path, "not valid UTF-16 text")


def test_windows_1252_reads_like_utf8(tmp_path):
    text = sample_text().replace("Jane Sutton", "Zoë Sutton").replace("Village Hall", "Village Hall – Annexe")
    utf8, cp1252 = tmp_path / "utf8.txt", tmp_path / "cp1252.txt"
    utf8.write_bytes(text.encode("utf-8"))
    cp1252.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    a, b = record(parse(utf8)), record(parse(cp1252))
    assert a == b
    assert any(p["name"] == "Zoë Sutton" for p in a["attendees"])


# --------------------------------------------------------------------------- nothing to read


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(b"")
    assert_refused(parse(path), path, "empty file")


@pytest.mark.parametrize("content", [b"   \n\t\n  \r\n", b"\xef\xbb\xbf\n\n", "\u00a0\u2003\n".encode("utf-8")])
def test_only_whitespace_is_no_text(tmp_path, content):
    path = tmp_path / "minutes.txt"
    path.write_bytes(content)
    assert_refused(parse(path), path, "no text in the file")


def test_only_whitespace_in_markdown_is_no_text(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text("\n\n#   \n\n| |\n|---|\n", encoding="utf-8")
    assert_refused(parse(path), path, "no text in the file")


def test_a_device_named_txt_is_refused_not_read_forever(tmp_path):
    path = tmp_path / "minutes.txt"
    os.symlink("/dev/zero", path)
    assert_refused(parse(path, timeout=20), path, "not a regular file")


# --------------------------------------------------------------------------- pathological lines


def test_a_single_10_mb_line_finishes_quickly(tmp_path, clean):
    sentence = "Members discussed the report and agreed the figures for the quarter with the treasurer. "
    body = (sentence * (10_000_000 // len(sentence) + 1))[:10_000_000]
    path = tmp_path / "minutes.txt"
    path.write_text(sample_text() + body + "\n", encoding="utf-8")
    started = time.monotonic()
    result = parse(path, timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == clean["date"] and data["attendees"] == clean["attendees"]
    assert elapsed < 20, f"a 10 MB line took {elapsed:.1f} s"


@pytest.mark.parametrize("line", [
    "# a" + " " * 20_000 + "b",          # was cubic in the Markdown heading pattern
    "Action: " + " " * 20_000 + "!",     # quadratic in the extractor's owner pattern, before spaces were squashed
    "Present: " + "\u00a0" * 20_000 + ".",
    "x\t" * 200_000,                     # 200,000 "columns"
    "- " * 100_000,
    "[" * 50_000 + "](",
])
def test_pathological_lines_finish_quickly(line):
    from cme_notes import parse_text
    from cme_notes.errors import CmeNotesError

    for markdown in (False, True):
        started = time.monotonic()
        try:
            parse_text(line, markdown=markdown)
        except CmeNotesError:
            pass
        assert time.monotonic() - started < 5, (line[:20], markdown)


def test_split_long_line_keeps_every_character_and_prefers_sentence_ends():
    sentence = "Owen will circulate the draft. "
    line = sentence * 1000
    pieces = split_long_line(line)
    assert "".join(pieces) == line
    assert all(len(p) <= MAX_LINE for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-1])
    no_spaces = "x" * (3 * MAX_LINE + 7)
    assert "".join(split_long_line(no_spaces)) == no_spaces
    assert [len(p) for p in split_long_line(no_spaces)] == [MAX_LINE] * 3 + [7]
    assert split_long_line("short line") == ["short line"]


def test_a_long_line_is_read_as_several_lines_of_text():
    words = "word " * 5000  # 25,000 characters
    doc = read_text(f"Present: Jane Smith\n{words}\nEnd.")
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "Present: Jane Smith" and texts[-1] == "End."
    assert len(texts) == 5 and all(len(t) <= MAX_LINE for t in texts)
    assert " ".join(texts[1:-1]) == words.strip()


def test_a_line_with_too_many_tabs_is_prose_not_columns():
    doc = read_text("\t".join(["cell"] * 40))
    assert [(b.text, b.col) for b in doc.blocks] == [(" ".join(["cell"] * 40), 0)]


def test_markdown_heading_closing_hashes_are_trimmed_as_before():
    doc = read_text("## Finance ##  \n# C# #\n####### seven\n#nospace", markdown=True)
    assert [(b.text, b.style) for b in doc.blocks] == [
        ("Finance", "heading"), ("C#", "heading"), ("####### seven", ""), ("#nospace", ""),
    ]


# --------------------------------------------------------------------------- size limit


def test_max_size_refuses_a_file_over_the_limit_and_says_how_to_raise_it(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(SAMPLE.read_bytes())
    reason = assert_refused(parse(path, "--max-size", "0.001"), path, "over the 1 KB limit", "--max-size")
    assert reason.startswith("file is 3 KB")


def test_raising_max_size_lets_the_file_through(tmp_path, clean):
    path = tmp_path / "minutes.txt"
    path.write_bytes(SAMPLE.read_bytes())
    assert record(parse(path, "--max-size", "0.01")) == clean


def test_the_default_limit_is_100_mb(tmp_path):
    path = tmp_path / "minutes.txt"
    with open(path, "wb") as fh:  # sparse: no 101 MB written to disk
        fh.write(b"Present: Jane Smith\n")
        fh.truncate(101 * 1024 * 1024)
    assert_refused(parse(path), path, "file is 101 MB, over the 100 MB limit (raise it with --max-size)")


# --------------------------------------------------------------------------- messages stay one line


def test_a_file_name_with_a_newline_still_gives_one_error_line(tmp_path):
    path = tmp_path / "bad\nname.txt"
    path.write_bytes(b"")
    result = parse(path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [f"cme-notes: error: {tmp_path}/bad\\nname.txt: empty file"]


def test_one_bad_file_among_good_ones(tmp_path, clean):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(random.Random(1).randbytes(5000))
    good = tmp_path / "good.txt"
    good.write_bytes(SAMPLE.read_bytes())
    result = run("parse", str(bad), str(good), "--format", "json")
    assert result.returncode == 1
    assert [line.split(": ")[2] for line in result.stderr.splitlines()] == [str(bad)]
    (data,) = json.loads(result.stdout)
    data.pop("source")
    assert data == clean


# --------------------------------------------------------------------------- the extractor stays linear
# Inputs that once cost quadratic time in the extractor (minutes for these sizes). The bounds are
# hang guards, many times the linear cost, not speed targets: those are in `make bench`.


def test_a_paragraph_of_initials_is_read_in_linear_time():
    from cme_notes import parse_text

    started = time.monotonic()
    parse_text("A. " * 30_000)
    assert time.monotonic() - started < 10


def test_many_action_column_entries_are_read_in_linear_time():
    from cme_notes import parse_text

    started = time.monotonic()
    parse_text("Members agreed the figures.\tChris\n" * 20_000)
    assert time.monotonic() - started < 20
