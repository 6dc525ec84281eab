"""One CLI: every command shares the --format family, --excel CSV, Ctrl-C's exit 130, the progress bar,
the cache of parsed records, file permissions from the umask, and says so when nothing matches.

The minutes are fictional parish-council minutes written here; the commands run as a user runs them
(a subprocess, or click's CliRunner where no process matters).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import pty
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from cme_notes.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


TASKS = ["write to the county council about the hedge on Quarry Lane", "order two new litter bins for the playing field",
         "ask the vicar about the churchyard wall", "get three quotes for repainting the bus shelter",
         "report the pothole on Mill Road to Highways", "book the village hall for the annual parish meeting",
         "check the insurance cover for the defibrillator", "arrange the clearing of the footpath to Mill Farm",
         "write to residents about bonfires", "replace the broken bench by the pond",
         "renew the lease of the allotment field", "chase the grant for the play area"]
"""Tasks different enough that no two meetings' actions read as one carried over."""


def minutes(day: int, *, items: int = 3, owner: str = "Cllr Zoë Brontë", next_meeting: str = "Tuesday 3 June 2025 at 7pm") -> str:
    """Ashcombe Parish Council's minutes of ``day`` May 2025: ``items`` items, each with an action."""
    parts = [f"Ashcombe Parish Council — Minutes of the meeting held on {day} May 2025 at 7pm in the Reading Room",
             "Present: Cllr Zoë Brontë (Chair), Cllr Idris Pennant, Cllr Maud Tregarthen",
             "Apologies: Cllr Lowen Carne"]
    for i in range(1, items + 1):
        parts += [f"{i}. Quarry Lane matter {i}",
                  f"The council discussed the hedge on Quarry Lane and the bus shelter, matter {i} of meeting {day}.",
                  f"Action: {owner} to {TASKS[((day - 1) * items + i - 1) % len(TASKS)]} by 30 June."]
    parts.append(f"Date of next meeting: {next_meeting}")
    return "\n\n".join(parts) + "\n"


def folder(tmp_path: Path, count: int, *, items: int = 3, name: str = "minutes") -> Path:
    root = tmp_path / name
    root.mkdir()
    for n in range(count):
        (root / f"ashcombe-{n:03d}.txt").write_text(minutes(n % 28 + 1, items=items), encoding="utf-8")
    return root


def run(*args: str, cwd: Path | None = None, env: dict | None = None, umask: int | None = None,
        timeout: float = 180) -> subprocess.CompletedProcess:
    def child() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([sys.executable, "-m", "cme_notes", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=timeout, preexec_fn=child)


def cache_entries() -> list[Path]:
    return sorted((Path(os.environ["XDG_CACHE_HOME"]) / "cme-notes").rglob("*.json"))


# -- 1. one --format family ---------------------------------------------------------------------

@pytest.mark.parametrize("command, formats", [
    ("parse", "table json jsonl csv xlsx"),
    ("actions", "table json jsonl csv xlsx"),
    ("attendance", "table json jsonl csv xlsx"),
    ("search", "table json jsonl csv xlsx"),
    ("calendar", "table ics json jsonl csv xlsx"),
    ("batch", "json jsonl csv"),
])
def test_every_command_lists_its_formats_in_help(command: str, formats: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    choices = result.output.split("--format [", 1)[1].split("]", 1)[0]
    assert choices.split("|") == formats.split()


def test_jsonl_is_one_record_a_line_for_parse_and_one_row_a_line_for_actions(tmp_path: Path) -> None:
    root = folder(tmp_path, 2)
    parsed = run("parse", *map(str, sorted(root.iterdir())), "--format", "jsonl")
    assert parsed.returncode == 0, parsed.stderr
    records = [json.loads(line) for line in parsed.stdout.splitlines()]
    assert [r["date"] for r in records] == ["2025-05-01", "2025-05-02"]
    listed = run("actions", str(root), "-o", str(tmp_path / "actions.jsonl"))  # jsonl from the extension
    rows = [json.loads(line) for line in (tmp_path / "actions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert listed.returncode == 0 and len(rows) == 6
    assert rows[0]["owners"] == ["Zoë Brontë"] and rows[0]["due"] == "2025-06-30"


def test_parse_csv_is_a_row_per_fact(tmp_path: Path) -> None:
    path = tmp_path / "ashcombe.txt"
    path.write_text(minutes(6, items=2), encoding="utf-8")
    result = run("parse", str(path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    facts = [r["fact"] for r in rows]
    assert facts == ["present"] * 3 + ["apologies", "item", "item", "action", "action", "next_meeting"]
    action = rows[facts.index("action")]
    assert (action["item"], action["who"], action["date"], action["meeting_date"]) == (
        "1", "Zoë Brontë", "2025-06-30", "2025-05-06")
    assert rows[-1]["date"] == "2025-06-03" and rows[-1]["time"] == "19:00"
    assert rows[0]["who"] == "Zoë Brontë" and rows[0]["role"] == "Chair"


# -- 2. CSV that Excel opens with its accents ----------------------------------------------------

def test_excel_csv_starts_with_the_bom_has_crlf_and_keeps_accents(tmp_path: Path) -> None:
    root = folder(tmp_path, 1)
    out = tmp_path / "actions.csv"
    result = run("actions", str(root), "--excel", "-o", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 4 and b"\n" not in raw.replace(b"\r\n", b"")  # header and 3 rows
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert {r["owners"] for r in rows} == {"Zoë Brontë"}
    piped = subprocess.run([sys.executable, "-m", "cme_notes", "parse", str(root / "ashcombe-000.txt"), "--excel"],
                           capture_output=True, timeout=120)
    assert piped.stdout.startswith(b"\xef\xbb\xbffile,part,meeting_date") and "Zoë Brontë" in piped.stdout.decode("utf-8")


def test_excel_goes_with_csv_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["actions", str(folder(tmp_path, 1)), "--excel", "--format", "json"])
    assert result.exit_code == 2
    assert "--excel shapes CSV for Excel" in result.output


# -- 3. Ctrl-C ----------------------------------------------------------------------------------

def _ctrl_c(args: list[str], cwd: Path, *, sig: int = signal.SIGINT) -> subprocess.CompletedProcess:
    """Run cme-notes, and once it has parsed two files (their records are in the cache) send ``sig`` to
    its process group, as a terminal's Ctrl-C does."""
    proc = subprocess.Popen([sys.executable, "-m", "cme_notes", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        end = time.monotonic() + 60
        while len(cache_entries()) < 2 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.02)
        assert proc.poll() is None, "it finished before it could be interrupted"
        os.killpg(proc.pid, sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def _left_over(*folders: Path) -> list[Path]:
    return [p for f in folders for p in f.rglob("*") if p.name.endswith(".part") or p.name.endswith("-journal")]


@pytest.mark.parametrize("command", [
    ["parse", "--format", "json", "-o", "out/records.json"],
    ["actions", "--format", "csv", "-o", "out/actions.csv"],
    ["index", "--db", "out/minutes.db"],
])
def test_ctrl_c_exits_130_with_nothing_half_written(tmp_path: Path, command: list[str]) -> None:
    root = folder(tmp_path, 30, items=150)  # about a second a file: long enough to interrupt
    (tmp_path / "out").mkdir()
    inputs = sorted(str(p.relative_to(tmp_path)) for p in root.iterdir()) if command[0] == "parse" else ["minutes"]
    result = _ctrl_c([command[0], *inputs, *command[1:]], tmp_path)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "cme-notes: interrupted" in result.stderr
    cache = Path(os.environ["XDG_CACHE_HOME"])
    assert _left_over(tmp_path, cache) == []
    for entry in cache_entries():  # every entry stored is whole
        assert json.loads(entry.read_bytes())["meetings"]
    out = sorted(p.name for p in (tmp_path / "out").iterdir())
    if command[0] == "index":  # what was committed is a sound index of the files done
        assert out == ["minutes.db"]
        con = sqlite3.connect(tmp_path / "out/minutes.db")
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] < 30
    else:
        assert out == []


def test_sigterm_stops_a_command_as_ctrl_c_does_with_143(tmp_path: Path) -> None:
    folder(tmp_path, 30, items=150)
    result = _ctrl_c(["attendance", "minutes", "--format", "json"], tmp_path, sig=signal.SIGTERM)
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert result.stdout == "" and _left_over(tmp_path) == []


# -- 4. progress --------------------------------------------------------------------------------

def test_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    root = folder(tmp_path, 6, items=40)
    command = [sys.executable, "-m", "cme_notes", "actions", str(root), "--format", "json"]
    primary, secondary = pty.openpty()
    # stdout unread while the terminal is read: a pipe would fill with the JSON and stall the command
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=secondary, env={**os.environ, "COLUMNS": "100"}) as proc:
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        proc.wait(timeout=120)
    os.close(primary)
    assert proc.returncode == 0
    assert b"parsing" in seen and b"/6" in seen
    piped = run("actions", str(root), "--format", "json")
    assert piped.stderr == ""  # a pipe or a log file gets no bar


# -- 5. records reused by content hash ----------------------------------------------------------

def _tamper(description: str) -> int:
    """Rewrite every cached action's description: what a run that reuses the cache will then print."""
    for entry in cache_entries():
        data = json.loads(entry.read_bytes())
        for meeting in data["meetings"]:
            for action in meeting["actions"]:
                action["description"] = description
        entry.write_text(json.dumps(data), encoding="utf-8")
    return len(cache_entries())


def test_a_second_run_reuses_what_the_first_parsed(tmp_path: Path) -> None:
    root = folder(tmp_path, 3)
    first = run("actions", str(root), "--format", "json")
    assert first.returncode == 0 and len(json.loads(first.stdout)) == 9
    assert _tamper("read from the cache") == 3
    again = json.loads(run("actions", str(root), "--format", "json").stdout)
    assert {r["description"] for r in again} == {"read from the cache"}
    fresh = json.loads(run("actions", str(root), "--format", "json", "--no-cache").stdout)
    assert fresh == json.loads(first.stdout)
    off = json.loads(run("actions", str(root), "--format", "json", env={"CME_NOTES_NO_CACHE": "1"}).stdout)
    assert off == json.loads(first.stdout)


def test_index_reuses_what_batch_parsed_and_a_copy_keeps_its_own_name(tmp_path: Path) -> None:
    root = folder(tmp_path, 3)
    assert run("batch", str(root), "-o", str(tmp_path / "records")).returncode == 0
    _tamper("parsed by batch")
    (root / "copy-of-000.txt").write_bytes((root / "ashcombe-000.txt").read_bytes())
    indexed = run("index", str(root), "--db", str(tmp_path / "minutes.db"))
    assert indexed.returncode == 0, indexed.stderr
    con = sqlite3.connect(tmp_path / "minutes.db")
    assert {d for (d,) in con.execute("SELECT description FROM actions")} == {"parsed by batch"}
    paths = {p for (p,) in con.execute("SELECT path FROM meetings")}
    assert str(root / "copy-of-000.txt") in paths and len(paths) == 4


def test_a_damaged_cache_entry_is_parsed_again_and_rewritten(tmp_path: Path) -> None:
    root = folder(tmp_path, 1)
    expected = run("parse", str(root / "ashcombe-000.txt"), "--format", "json").stdout
    [entry] = cache_entries()
    entry.write_bytes(entry.read_bytes()[:100])  # as a full disk or a crash might leave it
    again = run("parse", str(root / "ashcombe-000.txt"), "--format", "json")
    assert again.returncode == 0 and again.stderr == "" and again.stdout == expected
    assert json.loads(entry.read_bytes())["meetings"][0]["date"] == "2025-05-01"
    assert stat.S_IMODE(entry.parent.parent.parent.stat().st_mode) == 0o700  # names of people: owner only


# -- 6. permissions from the umask --------------------------------------------------------------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_every_output_file_honours_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    root = folder(tmp_path, 2)
    out = tmp_path / "out"
    out.mkdir()
    for args in (["parse", str(root / "ashcombe-000.txt"), "-o", str(out / "record.json")],
                 ["actions", str(root), "-o", str(out / "actions.xlsx")],
                 ["calendar", str(root), "-o", str(out / "meetings.ics")],
                 ["index", str(root), "--db", str(out / "minutes.db")],
                 ["batch", str(root), "-o", str(out / "records")],
                 ["batch", str(root), "--format", "jsonl", "-o", str(out / "all.jsonl")]):
        assert run(*args, umask=umask).returncode == 0, args
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) == 7
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {p.name: oct(mode) for p in files}


# -- 7. nothing matches -------------------------------------------------------------------------

def test_a_filter_that_matches_nothing_says_so_and_exits_0(tmp_path: Path) -> None:
    root = folder(tmp_path, 1)
    result = run("actions", str(root), "--owner", "Zed", "--format", "json")
    assert (result.returncode, result.stdout) == (0, "[]\n")
    assert result.stderr == 'cme-notes: no actions owed by "Zed" — closest: Zoë Brontë\n'
    later = run("actions", str(root), "--since", "2026-01-01", "--format", "json")  # options with no name in them
    assert later.stderr == "cme-notes: no open actions match --since 2026-01-01\n"
    found = run("search", "swimming pool", str(root), "--format", "csv")
    assert found.returncode == 0 and found.stderr == "cme-notes: no items match 'swimming pool'\n"
    register = run("attendance", str(root), "--group", "Nowhere Town", "--format", "json")
    assert register.stderr.startswith('cme-notes: no meetings of a group named "Nowhere Town" — ')


# -- 8. calendar --------------------------------------------------------------------------------

def test_calendar_is_icalendar_in_a_pipe_with_stated_or_default_end_times(tmp_path: Path) -> None:
    root = tmp_path / "minutes"
    root.mkdir()
    (root / "may.txt").write_text(minutes(6, next_meeting="Tuesday 3 June 2025 at 7pm"), encoding="utf-8")
    (root / "june.txt").write_text(minutes(20, next_meeting="Tuesday 1 July 2025 from 6pm to 7.30pm"),
                                   encoding="utf-8")
    piped = run("calendar", str(root))
    assert piped.returncode == 0, piped.stderr
    events = {e.decoded("DTSTART").date(): e for e in icalendar.Calendar.from_ical(piped.stdout).walk("VEVENT")}
    june, july = events[dt.date(2025, 6, 3)], events[dt.date(2025, 7, 1)]
    assert june.decoded("DTEND") - june.decoded("DTSTART") == dt.timedelta(hours=2)  # the stated default
    assert (july.decoded("DTEND").hour, july.decoded("DTEND").minute) == (19, 30)  # as the minutes say
    shorter = icalendar.Calendar.from_ical(run("calendar", str(root), "--duration", "90m").stdout)
    june = next(e for e in shorter.walk("VEVENT") if e.decoded("DTSTART").month == 6)
    assert june.decoded("DTEND") - june.decoded("DTSTART") == dt.timedelta(minutes=90)
    rows = json.loads(run("calendar", str(root), "--format", "json", "--from", "2025-06-10").stdout)
    assert [(r["date"], r["start"], r["end"], r["end_from"]) for r in rows] == [
        ("2025-07-01", "18:00", "19:30", "minutes")]
    until = json.loads(run("calendar", str(root), "--format", "json", "--since", "2025-06-01",
                           "--until", "2025-06-30").stdout)
    assert [(r["date"], r["end"], r["end_from"]) for r in until] == [("2025-06-03", "21:00", "default")]
    table = run("calendar", str(root), "--format", "table")
    assert "Tue 03 Jun 2025" in table.stdout and "19:00–21:00*" in table.stdout


def test_calendar_format_follows_the_output_file(tmp_path: Path) -> None:
    root = folder(tmp_path, 1)
    assert run("calendar", str(root), "-o", str(tmp_path / "m.ics")).returncode == 0
    assert (tmp_path / "m.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert run("calendar", str(root), "-o", str(tmp_path / "m.csv")).returncode == 0
    assert (tmp_path / "m.csv").read_text().startswith("date,start,end,end_from,event,group")
    bad = CliRunner().invoke(main, ["calendar", str(root), "--duration", "soon"])
    assert bad.exit_code == 2 and "not a duration" in bad.output


# -- 9. the quality line ------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["actions", "attendance", "people", "calendar", "index"])
def test_the_quality_line_ends_reading_files_and_q_silences_it(tmp_path: Path, command: str) -> None:
    root = folder(tmp_path, 1)
    (root / "undated.txt").write_text(minutes(3).replace(" held on 3 May 2025", ""), encoding="utf-8")
    extra = ["--db", str(tmp_path / "m.db")] if command == "index" else ["--format", "json"]
    said = CliRunner().invoke(main, [command, str(root), *extra])
    assert said.exit_code == 0, said.output
    assert "cme-notes: quality: 1 of 2 records: 1 no date" in said.stderr
    quiet = CliRunner().invoke(main, [command, str(root), *extra, "-q"])
    assert quiet.exit_code == 0 and "cme-notes: quality" not in quiet.stderr
