"""Views across the Northvale group's meetings: register, action tracker, calendar, search, spreadsheets, and the CLI."""
from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import icalendar
import openpyxl
import pytest
from click.testing import CliRunner, Result

import cme_notes
from cme_notes import views
from cme_notes.cli import main
from cme_notes.identity import OrgAliases
from cme_notes.store import Index

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NORTHVALE = sorted(p for p in SAMPLES.glob("northvale-cme-*") if p.suffix in (".docx", ".pdf", ".txt"))
ALIASES = SAMPLES / "northvale-aliases.toml"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("views") / "minutes.db"
    result = CliRunner().invoke(main, ["index", *map(str, NORTHVALE), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def meetings() -> list:
    """The records straight from the files (the views put them in an in-memory index)."""
    return [cme_notes.parse(p) for p in NORTHVALE]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def by_name(rows: list[dict], key: str = "name") -> dict[str, dict]:
    return {r[key]: r for r in rows}


# -- attendance register -------------------------------------------------------------

def test_people_register_counts_each_person_once_across_spellings(meetings) -> None:
    rows = by_name(views.register(meetings, aliases=OrgAliases.load(ALIASES)))
    assert len(rows) == 14
    keith = rows["Keith Armitage"]
    assert (keith["present"], keith["apologies"], keith["absent"], keith["meetings"]) == (3, 3, 1, 7)
    assert keith["names_as_written"] == ["Keith Armitage", "K Armitage"]
    assert keith["organisation"] == "Thornbury Vale"  # written "Thornbury" once: the group's alias file
    priya = rows["Priya Castell-Moore"]
    assert set(priya["names_as_written"]) == {"Priya Castell-Moore", "Priya Castell Moore"}
    assert priya["present"] == 7 and priya["organisation"] == "Kingsbridge and Eastmarsh"
    assert set(rows["Alan Webb"]["names_as_written"]) == {"Dr Alan Webb", "Alan Webb"}
    assert set(rows["Alan Webb"]["organisations_as_written"]) == {"Brackenford", "Brackenford Borough Council"}


def test_people_sharing_a_surname_are_two_rows(meetings) -> None:
    rows = by_name(views.register(meetings))
    assert rows["Hannah Patel"]["meetings"] == 7
    josh = rows["Josh Patel"]
    # joined in September 2024: not absent from the meetings before
    assert (josh["first_seen"], josh["meetings"], josh["present"], josh["apologies"]) == ("2024-09-19", 5, 4, 1)
    assert [a["status"] for a in josh["attendance"]][:2] == [None, None]


def test_someone_who_stopped_coming_is_marked_absent(meetings) -> None:
    lucy = by_name(views.register(meetings))["Lucy Fern"]
    assert [a["status"] for a in lucy["attendance"]] == ["present", "apologies", "apologies"] + ["absent"] * 4
    assert lucy["rate"] == round(1 / 7, 3)


def test_organisation_register_groups_spellings(meetings) -> None:
    plain = by_name(views.register(meetings, by="organisations"), "organisation")
    assert set(plain["West Hollin"]["names_as_written"]) == {"W Hollin", "West Hollin"}
    assert plain["West Hollin"]["people"] == ["Beth Rowley", "Tom Bradshaw"]
    assert {"Thornbury", "Thornbury Vale"} <= set(plain)  # no built-in rule joins these
    joined = by_name(views.register(meetings, by="organisations", aliases=OrgAliases.load(ALIASES)), "organisation")
    assert "Thornbury" not in joined
    thornbury = joined["Thornbury Vale"]
    assert (thornbury["present"], thornbury["apologies"], thornbury["absent"]) == (5, 2, 0)
    assert "Kingsbridge & Eastmarsh" not in joined and joined["Kingsbridge and Eastmarsh"]["present"] == 7


def test_register_from_the_index_equals_register_from_the_files(db: Path, meetings) -> None:
    with Index(db, readonly=True) as index:
        assert views.register(index) == views.register(meetings)


def test_attendance_csv_has_a_column_per_meeting(db: Path) -> None:
    result = run("attendance", "--db", str(db), "--format", "csv", "--aliases", str(ALIASES))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith(",2024-03-14,2024-06-13,2024-09-19,2024-11-14,2025-01-23,2025-03-20,2025-07-10")
    keith = next(line for line in lines if ",Keith Armitage," in line)
    assert keith.endswith(",A,-,A,P,P,A,P")


# -- actions ---------------------------------------------------------------------------

def test_actions_from_files_and_from_the_index_agree(db: Path) -> None:
    from_files = run("actions", *map(str, NORTHVALE), "--owner", "Owen", "--format", "json")
    from_db = run("actions", "--db", str(db), "--owner", "Owen", "--format", "json")
    assert from_files.exit_code == from_db.exit_code == 0
    assert json.loads(from_files.stdout) == json.loads(from_db.stdout)
    rows = json.loads(from_db.stdout)
    assert len(rows) == 9 and set(rows[0]) >= {"meeting_date", "meeting", "file", "item", "item_title", "description",
                                               "owners", "owners_text", "due", "status", "raised", "last_seen"}


def test_overdue_actions_on_a_fixed_day(db: Path) -> None:
    result = run("actions", "--db", str(db), "--overdue", "--today", "2025-04-01", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 14
    dues = [row["due"] for row in csv.DictReader(lines)]
    assert dues == sorted(dues) and dues[0] == "2024-03-28" and dues[-1] == "2025-03-07"


def test_actions_spreadsheet_reads_back_with_the_expected_cells(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "owen.xlsx"
    result = run("actions", "--db", str(db), "--owner", "Owen", "-o", str(out))  # xlsx from the extension
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Actions"
    assert [c.value for c in ws[1]][:10] == ["Meeting date", "Meeting", "File", "Item", "Item title", "Action", "Owners",
                                             "Owners as written", "Due", "Status"]
    assert all(c.font.bold for c in ws[1])
    assert ws.auto_filter.ref == "A1:S10"
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width == 70 and ws.column_dimensions["A"].width == 12
    row = [c.value for c in ws[2]]
    assert row[0] == dt.datetime(2024, 9, 19) and row[8] == dt.datetime(2024, 10, 31)
    assert row[3:7] == ["3", "Annual report 2023-24", "Owen to prepare a two-page summary for elected members by 31st October",
                        "Owen Price"]
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert ws.max_row == 10


def test_register_spreadsheet_has_both_registers(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    result = run("attendance", "--db", str(db), "--format", "xlsx", "-o", str(out), "--aliases", str(ALIASES))
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["People", "Organisations"]
    people = wb["People"]
    header = [c.value for c in people[1]]
    assert header[:8] == ["Group", "Name", "Organisation", "Present", "Apologies", "Absent", "Meetings", "Rate"]
    assert header[-7:] == ["2024-03-14", "2024-06-13", "2024-09-19", "2024-11-14", "2025-01-23", "2025-03-20", "2025-07-10"]
    lucy = next(r for r in people.iter_rows(min_row=2, values_only=True) if r[1] == "Lucy Fern")
    assert lucy[3:8] == (1, 2, 4, 7, 0.143) and lucy[-4:] == ("-", "-", "-", "-")
    assert people.cell(row=2, column=8).number_format == "0%"
    assert wb["Organisations"].max_row == 1 + 8


def test_xlsx_is_never_written_to_a_terminal_or_without_a_file(db: Path) -> None:
    result = run("actions", "--db", str(db), "--format", "xlsx")
    assert result.exit_code == 2 and "-o FILE" in result.stderr
    piped = run("actions", "--db", str(db), "--format", "xlsx", "-o", "-")  # not a terminal here: a pipe
    assert piped.exit_code == 0 and piped.stdout_bytes[:2] == b"PK"


def test_paths_and_db_together_are_a_usage_error(db: Path) -> None:
    result = run("actions", str(NORTHVALE[0]), "--db", str(db))
    assert result.exit_code == 2 and "not both" in result.stderr
    assert run("attendance").exit_code == 2


def test_a_missing_index_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    result = run("actions", "--db", str(tmp_path / "nope.db"))
    assert result.exit_code == 1 and "no such index" in result.stderr
    assert not (tmp_path / "nope.db").exists()


# -- index command --------------------------------------------------------------------------

def test_reindexing_from_the_command_line_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    first = run("index", str(SAMPLES), "--db", str(path))
    assert first.exit_code == 0 and "18 added" in first.stderr and "1 skipped" in first.stderr
    con = sqlite3.connect(path)
    before = con.execute("SELECT id, path, sha256, indexed_at FROM meetings ORDER BY id").fetchall()
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in ("attendance", "actions", "passages")]
    second = run("index", str(SAMPLES), "--db", str(path))
    assert second.exit_code == 0 and "0 added, 0 replaced, 18 unchanged" in second.stderr
    assert con.execute("SELECT id, path, sha256, indexed_at FROM meetings ORDER BY id").fetchall() == before
    assert [con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in ("attendance", "actions", "passages")] == counts


# -- calendar -----------------------------------------------------------------------------------

def test_calendar_reparses_with_one_event_per_future_meeting(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "meetings.ics"
    result = run("calendar", "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert b"\r\n" in raw  # RFC 5545 line endings
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and "cme-notes" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    assert all(e.get("UID") and e.get("DTSTAMP") and e.get("DTSTART") for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    starts = [e.decoded("DTSTART") for e in events]
    # 16 May, 11 Jul, 19 Sep, 14 Nov 2024; 23 Jan, 20 Mar, 15 May, 10 Jul, 18 Sep, 13 Nov 2025: each once
    assert [s.date() for s in starts] == [dt.date(*d) for d in (
        (2024, 5, 16), (2024, 7, 11), (2024, 9, 19), (2024, 11, 14), (2025, 1, 23), (2025, 3, 20), (2025, 5, 15),
        (2025, 7, 10), (2025, 9, 18), (2025, 11, 13))]
    november = events[3]
    # announced in June ("venue tbc") and in September (with the venue): one event, the venue kept
    assert str(november["LOCATION"]) == "Kingsbridge Civic Centre"
    assert "13 June 2024, 19 September 2024" in str(november["DESCRIPTION"])
    assert str(november["SUMMARY"]) == "Northvale Children Missing Education Group"
    start = november.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (10, 0, "Europe/London")
    july = events[1]
    assert july.decoded("DTEND") - july.decoded("DTSTART") == dt.timedelta(hours=2, minutes=30)
    assert len(list(cal.walk("VTIMEZONE"))) == 1


def test_calendar_all_day_events_for_dates_without_a_time_and_for_due_dates() -> None:
    minutes = cme_notes.parse_text(
        "Eastfield Safeguarding Forum\nMinutes of the meeting on 1st May 2025\n\n"
        "Present: Ann Lee (Eastfield), Bob Kaur (Westfield)\n\n1. Welcome\nAnn welcomed members.\n"
        "Action: Bob to send the report by 9th May.\n\n"
        "Dates of future meetings: 5th June; 3rd July 2pm at the Town Hall.\n", name="eastfield.txt")
    cal = icalendar.Calendar.from_ical(views.calendar([minutes], with_actions=True).to_ical())
    events = {e.decoded("DTSTART"): e for e in cal.walk("VEVENT")}
    june = events[dt.date(2025, 6, 5)]
    assert june.decoded("DTEND") == dt.date(2025, 6, 6)
    assert "VALUE=DATE" in june.to_ical().decode()
    due = events[dt.date(2025, 5, 9)]
    assert str(due["SUMMARY"]) == "Due: Bob to send the report by 9th May (Bob Kaur)"
    timed = next(e for e in cal.walk("VEVENT") if str(e.get("LOCATION")) == "Town Hall")
    assert timed.decoded("DTSTART").hour == 14


def test_calendar_is_the_same_on_every_export(db: Path) -> None:
    with Index(db, readonly=True) as index:
        assert views.calendar(index).to_ical() == views.calendar(index).to_ical()


# -- search --------------------------------------------------------------------------------------

def test_search_shows_which_meetings_discussed_it(db: Path) -> None:
    result = run("search", "reduced timetables", "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["meeting_date"], r["item"]) for r in rows] == [
        ("2024-03-14", "2"), ("2025-01-23", "4"), ("2025-03-20", "4"), ("2025-07-10", "5")]
    assert rows[0]["found_in"] == ["discussion", "title"]
    assert "[reduced] [timetable]" in rows[0]["snippet"]


def test_search_over_files_without_an_index() -> None:
    result = run("search", "port authority", *map(str, NORTHVALE), "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["meeting_date"], r["item"], r["found_in"]) for r in rows] == [
        ("2024-03-14", "5", ["discussion"]), ("2024-09-19", "5", ["discussion", "action"])]
