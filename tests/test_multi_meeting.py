"""Several meetings in one file give one record each, and a file of one meeting is never split.

Fictional minutes: a team's running log with a dated section per meeting, a
parish council's annual meeting followed by its ordinary meeting in one PDF,
a charity's two board meetings in one Word file.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document as WordDocument
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import cme_notes
from cli_helpers import run
from cme_notes.extract.split import split_meetings
from cme_notes.readers import read, read_string
from cme_notes.store import Index, load_files

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TEAM_LOG = """\
# Website team meeting log

## 2024-03-05

Attendees: Ann Lowry, Bo Chandler, Cara Dunmore

### Notes
- The new booking page is on track.

### Actions
- Ann Lowry to draft the release notes by 12 March 2024

## 2024-03-12

Attendees: Ann Lowry, Bo Chandler, Dev Pillai

### Notes
- Release notes reviewed and agreed.

### Actions
- Bo Chandler to publish the booking page by 19 March 2024
"""

NUMBERED_LOG = """\
Allotment Society committee - running notes

Meeting 7: 5 March 2024
Present: Joan Fairley, Mike Osgood, Tariq Benn
1. Water troughs
Mike to order two new troughs.

Meeting 8: 2 April 2024
Present: Joan Fairley, Tariq Benn, Lena Hart
Apologies: Mike Osgood
1. Spring show
Lena to book the marquee.
"""

ANNUAL_THEN_ORDINARY = [
    "MINUTES OF THE ANNUAL MEETING OF BRAMBLEFORD PARISH COUNCIL",
    "held on Tuesday 7 May 2024 at 7pm in the Village Hall",
    "Present: Cllr Alice Marlow, Cllr Ben Torrance, Cllr Carol Pike",
    "In attendance: Denise Hollis (Clerk)",
    "24/01 Election of Chair",
    "Cllr Alice Marlow was elected Chair for the year.",
    "24/02 Election of Vice-Chair",
    "Cllr Ben Torrance was elected Vice-Chair.",
    "MINUTES OF THE ORDINARY MEETING OF BRAMBLEFORD PARISH COUNCIL",
    "held on Tuesday 7 May 2024 at 7.30pm in the Village Hall",
    "Present: Cllr Alice Marlow, Cllr Ben Torrance, Cllr Carol Pike, Cllr Dan Okoro",
    "In attendance: Denise Hollis (Clerk)",
    "24/03 Apologies for absence",
    "None.",
    "24/04 Planning",
    "Clerk to respond to the consultation on the village hall extension.",
]


# the view as version 1 of the index had it: one meeting per group and date, whatever file it came from
FIRST_SCHEMA_VIEW = """
DROP VIEW distinct_meetings;
CREATE VIEW distinct_meetings AS SELECT * FROM meetings WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (
    PARTITION BY coalesce(group_key, path), coalesce(date, path) ORDER BY path) AS n FROM meetings) WHERE n = 1);
PRAGMA user_version = 1;
"""


def write_pdf(path: Path, lines: list[str]) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        if y < 80:
            c.showPage()
            y = 800
        c.setFont("Helvetica", 10)
        c.drawString(50, y, line)
        y -= 22
    c.save()
    return path


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    doc = WordDocument()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def two_board_meetings() -> list[str]:
    return [
        "Harbour Lane Community Trust",
        "Minutes of the Board meeting held on 14 January 2025",
        "Present: Grace Whitfield (Chair), Omar Haddad, Priya Nandy",
        "Apologies: Tom Ashdown",
        "1. Minutes of the meeting held on 12 November 2024",
        "The minutes were agreed.",
        "2. Grants",
        "Action: Omar Haddad to submit the lottery bid by 31 January 2025.",
        "Minutes of the Board meeting held on 11 February 2025",
        "Present: Grace Whitfield (Chair), Tom Ashdown, Priya Nandy",
        "1. Minutes of the meeting held on 14 January 2025",
        "The minutes were agreed.",
        "2. Volunteers",
        "Action: Priya Nandy to draft the volunteer handbook by 28 February 2025.",
    ]


# ----------------------------------------------------------------------------- finding the meetings


def test_a_running_log_with_a_dated_section_per_meeting_gives_one_record_per_meeting():
    meetings = cme_notes.parse_text_all(TEAM_LOG, markdown=True)
    assert [m.date.isoformat() for m in meetings] == ["2024-03-05", "2024-03-12"]
    assert [p.name for p in meetings[1].attendees] == ["Ann Lowry", "Bo Chandler", "Dev Pillai"]
    assert [a.description for a in meetings[0].actions] == ["Ann Lowry to draft the release notes by 12 March 2024"]
    assert [a.owners for a in meetings[1].actions] == [["Bo Chandler"]]
    assert [m.source.part for m in meetings] == [1, 2]
    # the log's own title names every meeting in it
    assert meetings[1].title == meetings[0].title


def test_parse_text_keeps_giving_one_record_the_first_meeting():
    meeting = cme_notes.parse_text(TEAM_LOG, markdown=True)
    assert meeting.date.isoformat() == "2024-03-05"


def test_numbered_meetings_in_plain_text_are_split_at_each_meeting_line():
    meetings = cme_notes.parse_text_all(NUMBERED_LOG)
    assert [m.date.isoformat() for m in meetings] == ["2024-03-05", "2024-04-02"]
    assert [p.name for p in meetings[1].apologies] == ["Mike Osgood"]
    assert "Mike Osgood" in [p.name for p in meetings[0].attendees]


def test_an_annual_meeting_then_an_ordinary_one_on_the_same_evening_in_one_pdf(tmp_path: Path):
    path = write_pdf(tmp_path / "brambleford-2024-05-07.pdf", ANNUAL_THEN_ORDINARY)
    meetings = cme_notes.parse_all(path)
    assert len(meetings) == 2
    assert [m.date.isoformat() for m in meetings] == ["2024-05-07", "2024-05-07"]
    assert "Cllr Dan Okoro" not in [f"Cllr {p.name}" for p in meetings[0].attendees]
    assert "Dan Okoro" in [p.name for p in meetings[1].attendees]
    assert [i.number for i in meetings[0].items] == ["24/01", "24/02"]
    assert [i.number for i in meetings[1].items] == ["24/03", "24/04"]
    # the title lines above each dated line open their meeting
    second = split_meetings(read(path))[1]
    assert second.blocks[0].text.startswith("MINUTES OF THE ORDINARY MEETING")
    assert cme_notes.parse(path).items == meetings[0].items


def test_a_header_repeated_with_a_new_date_and_its_own_present_list_starts_a_meeting():
    text = (
        "Oakbrook Village Hall Committee - Minutes of the meeting held on 4 June 2024\n"
        "Present: Ruth Amberley (Chair), Sean Doyle, Fay Ingram\n"
        "1. Hall hire\nSean Doyle to update the hire charges by 30 June 2024.\n"
        "Oakbrook Village Hall Committee - Minutes of the meeting held on 2 July 2024\n"
        "Present: Ruth Amberley (Chair), Fay Ingram\nApologies: Sean Doyle\n"
        "1. Summer fete\nFay Ingram to book the bouncy castle by 12 July 2024.\n"
    )
    meetings = cme_notes.parse_text_all(text)
    assert [m.date.isoformat() for m in meetings] == ["2024-06-04", "2024-07-02"]
    assert [p.name for p in meetings[1].apologies] == ["Sean Doyle"]


def test_two_board_meetings_in_one_word_file(tmp_path: Path):
    path = write_docx(tmp_path / "trust-board.docx", two_board_meetings())
    meetings = cme_notes.parse_all(path)
    assert [m.date.isoformat() for m in meetings] == ["2025-01-14", "2025-02-11"]
    assert [a.owners for m in meetings for a in m.actions] == [["Omar Haddad"], ["Priya Nandy"]]


def test_every_sample_is_one_meeting():
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".pdf", ".docx", ".txt", ".md") and path.name != "README.md":
            assert len(split_meetings(read(path))) == 1, path.name


@pytest.mark.parametrize("text", [
    # the minutes of the last meeting and the next meeting's date are dated, but have no Present list of their own
    "Minutes of the meeting held on 5 March 2024\nPresent: Joan Fairley, Mike Osgood\n"
    "1. Minutes of the meeting held on 6 February 2024\nAgreed.\n2. Date of next meeting\n2 April 2024\n",
    # a dated section with no attendees of its own is part of the meeting above it
    "## 2024-03-05\n\nAttendees: Ann Lowry, Bo Chandler\n\n## 2024-03-12\n\nUpdate: the page went live.\n",
    # a sentence about the last meeting's minutes is not a title, even with a Present line after it
    "Minutes of the meeting held on 5 March 2024\nPresent: Joan Fairley, Mike Osgood\n1. Minutes\n"
    "Minutes of the meeting held on 6 February 2024 were approved.\nPresent for item 2: Lena Hart\n",
    # the same head repeated (the title then its dated line) opens one meeting
    "Minutes of the meeting held on 5 March 2024\nTuesday 5 March 2024\nPresent: Joan Fairley, Mike Osgood\n"
    "1. Water\nPresent: the water officer\n",
])
def test_a_single_meeting_is_never_split(text: str):
    assert len(split_meetings(read_string(text, markdown=text.startswith("#")))) == 1


# ----------------------------------------------------------------------------- the command line


def test_parse_prints_an_array_for_a_file_of_several_meetings_and_an_object_for_one(tmp_path: Path):
    log = tmp_path / "team-log.md"
    log.write_text(TEAM_LOG, encoding="utf-8")
    result = run("parse", str(log), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["date"], r["source"]["part"]) for r in records] == [("2024-03-05", 1), ("2024-03-12", 2)]
    single = json.loads(run("parse", str(SAMPLES / "oakridge-parish-2025-06-03.txt"), "--format", "json").stdout)
    assert isinstance(single, dict) and single["source"]["part"] is None


def test_explain_names_each_meeting_of_the_file(tmp_path: Path):
    log = tmp_path / "team-log.md"
    log.write_text(TEAM_LOG, encoding="utf-8")
    result = run("parse", str(log), "--explain")
    assert result.returncode == 0, result.stderr
    heads = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert heads == [f"== {log} (meeting 1 in the file) ==", f"== {log} (meeting 2 in the file) =="]
    assert "      at line 15 · rule people.label" in result.stdout


def test_batch_writes_one_record_per_meeting_and_drops_one_the_file_no_longer_holds(tmp_path: Path):
    src, out = tmp_path / "minutes", tmp_path / "records"
    src.mkdir()
    write_pdf(src / "brambleford.pdf", ANNUAL_THEN_ORDINARY)
    (src / "team-log.md").write_text(TEAM_LOG, encoding="utf-8")
    result = run("batch", str(src), "-o", str(out), "-q", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "brambleford.pdf.2.json", "brambleford.pdf.json", "team-log.md.2.json", "team-log.md.json"]
    second = json.loads((out / "team-log.md.2.json").read_text(encoding="utf-8"))
    assert second["date"] == "2024-03-12" and second["source"]["part"] == 2
    assert "2 parsed" in result.stderr
    # the log is cut down to its first meeting: its second record goes
    (src / "team-log.md").write_text(TEAM_LOG.split("## 2024-03-12")[0], encoding="utf-8")
    result = run("batch", str(src), "-o", str(out), "-q", "-j", "1")
    assert "1 parsed, 1 skipped as up to date" in result.stderr
    assert not (out / "team-log.md.2.json").exists()
    assert json.loads((out / "team-log.md.json").read_text(encoding="utf-8"))["source"]["part"] is None


def test_batch_jsonl_has_a_line_per_meeting(tmp_path: Path):
    path = write_docx(tmp_path / "trust-board.docx", two_board_meetings())
    result = run("batch", str(path), "--format", "jsonl", "-q", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["date"] for line in result.stdout.splitlines()] == ["2025-01-14", "2025-02-11"]


def test_the_index_keeps_both_meetings_of_one_file(tmp_path: Path):
    log = tmp_path / "team-log.md"
    log.write_text(TEAM_LOG, encoding="utf-8")
    with Index(tmp_path / "m.db") as index:
        report = load_files(index, [tmp_path])
        assert report.summary().startswith("1 file(s): 1 added")
        counts = index.counts()
        assert (counts["distinct_meetings"], counts["files"]) == (2, 1)
        assert [a.description for a in index.actions(owner="Bo Chandler")] == [
            "Bo Chandler to publish the booking page by 19 March 2024"]
        # the same bytes again: nothing changes, nothing is dropped as already seen
        assert load_files(index, [tmp_path]).summary().startswith("1 file(s): 0 added, 0 replaced, 1 unchanged")
        assert index.counts()["distinct_meetings"] == 2
        # the log loses its second meeting: so does the index
        log.write_text(TEAM_LOG.split("## 2024-03-12")[0], encoding="utf-8")
        assert load_files(index, [tmp_path]).summary().startswith("1 file(s): 0 added, 1 replaced")
        assert list(index.paths()) == [str(log)]
        # the file goes: --prune removes all its meetings
        log.write_text(TEAM_LOG, encoding="utf-8")
        load_files(index, [tmp_path])
        log.unlink()
        assert sorted(load_files(index, [], prune=True).pruned) == [str(log), f"{log}#2"]


def test_index_command_counts_meetings_and_files(tmp_path: Path):
    write_pdf(tmp_path / "brambleford.pdf", ANNUAL_THEN_ORDINARY)
    result = run("index", str(tmp_path), "--db", str(tmp_path / "m.db"))
    assert result.returncode == 0, result.stderr
    assert "the index holds 2 meeting(s) from 1 file(s)" in result.stderr


def test_an_index_of_the_first_schema_is_upgraded_when_written_and_refused_when_read(tmp_path: Path):
    import sqlite3

    from cme_notes.store import SchemaError

    db = tmp_path / "old.db"
    with Index(db) as index:
        load_files(index, [SAMPLES / "oakridge-parish-2025-06-03.txt"])
    con = sqlite3.connect(db)
    con.executescript(FIRST_SCHEMA_VIEW)
    con.close()
    with pytest.raises(SchemaError, match="before action status tracking.*cme-notes index PATH"):
        Index(db, readonly=True)
    with Index(db) as index:
        load_files(index, [write_pdf(tmp_path / "brambleford.pdf", ANNUAL_THEN_ORDINARY)])
        # the annual and the ordinary meeting share a group and a date, yet both count
        assert index.counts()["distinct_meetings"] == 3
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 3
    con.close()


def test_finding_meetings_takes_time_in_proportion_to_the_file():
    import time

    from cme_notes.extract.split import MAX_MEETINGS

    # every line a head with a Present list: the file's meetings are capped, the scan stops there
    flood = "\n".join(f"{day % 28 + 1} April {2000 + day // 28}\nPresent: Ann Lowry" for day in range(20000))
    # the same head and Present list again and again, and Present lines alone: each line is read once
    same = "\n".join("5 April 2024\nPresent: Ann Lowry" for _ in range(20000))
    alone = "\n".join("Present: Ann Lowry" for _ in range(40000))
    started = time.perf_counter()
    assert len(split_meetings(read_string(flood))) == MAX_MEETINGS
    assert len(split_meetings(read_string(same))) == 1
    assert len(split_meetings(read_string(alone))) == 1
    assert time.perf_counter() - started < 20
