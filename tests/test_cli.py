"""The command line, run as a user runs it: a subprocess, real files, exit codes and stderr."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cme_notes", *args], capture_output=True, text=True, input=stdin, timeout=120)


def test_parse_one_file_prints_one_json_object():
    result = run("parse", str(SAMPLES / "northvale-cme-2024-03-14.docx"), "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["date"] == "2024-03-14"
    assert record["source"]["format"] == "docx"
    assert len(record["source"]["sha256"]) == 64


def test_parse_defaults_to_json_in_a_pipe_and_gives_an_array_for_several_files():
    result = run("parse", str(SAMPLES / "oakridge-parish-2025-06-03.txt"), str(SAMPLES / "riverside-governors-2025-01-22.md"))
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["date"] for r in records] == ["2025-06-03", "2025-01-22"]


def test_parse_table_format_shows_the_actions():
    result = run("parse", str(SAMPLES / "oakridge-parish-2025-06-03.txt"), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "Oakridge Parish Council" in result.stdout
    assert "Actions (6)" in result.stdout


def test_parse_reads_stdin():
    text = (SAMPLES / "oakridge-parish-2025-06-03.txt").read_text(encoding="utf-8")
    result = run("parse", "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["date"] == "2025-06-03"


def test_parse_output_file_is_written_whole(tmp_path):
    out = tmp_path / "record.json"
    result = run("parse", str(SAMPLES / "riverside-governors-2025-01-22.md"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text())["items"][0]["title"] == "Welcome and apologies"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    good_pdf = (SAMPLES / "northvale-cme-2024-03-14.pdf").read_bytes()
    files = {
        "missing": tmp / "nope.pdf",
        "directory": tmp / "folder",
        "unknown suffix": tmp / "minutes.xyz",
        "empty": tmp / "empty.txt",
        "truncated pdf": tmp / "truncated.pdf",
        "text renamed docx": tmp / "renamed.docx",
    }
    files["directory"].mkdir()
    files["unknown suffix"].write_text("Present: Jane Smith")
    files["empty"].write_bytes(b"")
    files["truncated pdf"].write_bytes(good_pdf[: len(good_pdf) // 3])
    files["text renamed docx"].write_text("Present: Jane Smith\n1. Welcome\n")
    return files


@pytest.mark.parametrize("case", ["missing", "directory", "unknown suffix", "empty", "truncated pdf", "text renamed docx"])
def test_bad_input_gives_one_line_on_stderr_and_exit_1(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    result = run("parse", str(path), "--format", "json")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"cme-notes: error: {path}: ")
    assert "Traceback" not in result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("parse", str(bad), str(SAMPLES / "oakridge-parish-2025-06-03.txt"), "--format", "json")
    assert result.returncode == 1
    assert [r["date"] for r in json.loads(result.stdout)] == ["2025-06-03"]
    assert "empty file" in result.stderr


def test_usage_errors_exit_2():
    assert run("parse").returncode == 2
    assert run("parse", "x.txt", "--format", "yaml").returncode == 2
    assert run("frobnicate").returncode == 2


def test_help_has_examples_and_version_is_printed():
    for command in ([], ["parse"], ["actions"]):
        result = run(*command, "--help")
        assert result.returncode == 0
        assert "Examples:" in result.stdout
    assert run("--version").stdout.strip().endswith("1.0.0")


def test_actions_across_a_folder_for_one_owner_by_first_name_or_initials():
    by_name = json.loads(run("actions", str(SAMPLES), "--owner", "Owen", "--format", "json").stdout)
    by_initials = json.loads(run("actions", str(SAMPLES), "--owner", "OP", "--format", "json").stdout)
    assert by_name == by_initials
    assert by_name and all("Owen Price" in row["owners"] for row in by_name)
    assert {"2024-03-14", "2024-06-13"} <= {row["meeting_date"] for row in by_name}
    # by due date (none last), then meeting date
    assert by_name == sorted(by_name, key=lambda r: (r["due"] is None, r["due"] or "", r["meeting_date"]))


def test_actions_as_csv():
    result = run("actions", str(SAMPLES / "oakridge-parish-2025-06-03.txt"), "--owner", "Clerk", "--format", "csv")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.strip().splitlines()
    assert header.startswith("meeting_date,meeting,file,item")
    assert len(rows) == 2 and all("David Crane" in r for r in rows)


def test_actions_in_a_folder_without_minutes_is_an_error(tmp_path):
    result = run("actions", str(tmp_path))
    assert result.returncode == 1
    assert "no .pdf .docx .txt .md .doc .odt .rtf files" in result.stderr


def test_parse_reads_windows_1252_from_stdin():
    data = (SAMPLES / "northvale-cme-2024-03-14.txt").read_bytes()
    result = subprocess.run([sys.executable, "-m", "cme_notes", "parse", "-", "--format", "json"], input=data, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["date"] == "2024-03-14"


def test_empty_stdin_is_a_one_line_error():
    result = run("parse", "-", stdin="")
    assert result.returncode == 1
    assert result.stderr.strip() == "cme-notes: error: -: no text in the file"


def test_one_file_that_fails_prints_no_data(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("parse", str(bad), "--format", "json")
    assert (result.returncode, result.stdout) == (1, "")
