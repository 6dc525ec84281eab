"""cme-notes check: each planted fault of fictional minutes is found, clean minutes give no error, and the
same findings are the record's warnings and the quality line that ends batch, index and actions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cme_notes
from cme_notes.checks import CODES, summary_line, where_label
from cme_notes.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

HEAD = "Wexcombe Parish Council\nMinutes of the meeting held on {day} at 7.30pm in the Village Hall\n\n"
PEOPLE = ("Present: Cllr Jane Sutton (Chair), Cllr Peter Hale, Cllr Ann Whitlock, Tom Brown (Clerk)\n"
          "Apologies: Cllr Martin Greaves{also}\n\n")
CLEAN_BODY = """1. Apologies for absence
The apologies above were received and accepted.

2. Minutes of the last meeting
The minutes of 6 May 2025 were approved and signed.

3. Highways
3.1 Mill Lane
Potholes in Mill Lane were reported again.
ACTION: Clerk to write to the highways team by 30 June 2025
3.2 Bus shelter
The glass was replaced.

4. Playground
ACTION: Cllr Whitlock to get three quotes for the chains by 24 June 2025

5. Date of next meeting
Tuesday 1 July 2025 at 7.30pm in the Village Hall
"""
CLEAN = HEAD.format(day="Tuesday 3 June 2025") + PEOPLE.format(also="") + CLEAN_BODY


def minutes(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "jsonl"])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def codes(found: list[dict]) -> list[str]:
    return [f["code"] for f in found]


def test_clean_minutes_give_no_finding(tmp_path):
    code, found, stderr = check(str(minutes(tmp_path, "clean.txt", CLEAN)))
    assert (code, found) == (0, [])
    assert "1 file checked: 0 errors, 0 warnings" in stderr


# each planted fault: the text changed, the code it must give, at which line
FAULTS = [
    ("weekday-mismatch", CLEAN.replace("Tuesday 3 June 2025", "Tuesday 4 June 2025"), 2),
    ("weekday-mismatch", CLEAN.replace("Tuesday 1 July 2025", "Monday 1 July 2025"), 24),
    ("present-and-apologies", CLEAN.replace("Cllr Martin Greaves", "Cllr Martin Greaves, Cllr Ann Whitlock"), 5),
    ("item-number-repeats", CLEAN.replace("3. Highways", "2. Declarations of interest\nNone were declared.\n\n3. Highways"), 13),
    ("item-number-skips", CLEAN.replace("4. Playground", "6. Playground").replace("5. Date", "7. Date"), 20),
    ("due-before-meeting", CLEAN.replace("by 30 June 2025", "by 30 April 2025"), 16),
    ("action-no-due", CLEAN.replace(" by 24 June 2025", ""), 21),
    ("owner-not-listed", CLEAN.replace("Cllr Whitlock to get", "Cllr Dobson to get"), 21),
    ("no-next-meeting", CLEAN.split("5. Date")[0], None),
]


@pytest.mark.parametrize("fault, text, line", FAULTS, ids=[f"{f[0]}-{n}" for n, f in enumerate(FAULTS)])
def test_each_planted_fault_is_found_where_it_is(tmp_path, fault, text, line):
    path = minutes(tmp_path, "minutes.txt", text)
    code, found, _ = check(str(path))
    assert codes(found) == [fault]
    assert found[0]["severity"] == CODES[fault].severity
    assert found[0]["at"] == (f"line {line}" if line else None)
    assert code == (1 if CODES[fault].severity == "error" else 0)


def test_minutes_with_no_date_and_nobody_present_are_errors(tmp_path):
    path = minutes(tmp_path, "notes.txt", "Wexcombe Allotment Society\nNotes of the committee\n\n"
                                          "1. Water supply\nThe trough by plot 12 leaks.\n\n2. Rents\nRents are due.\n")
    code, found, _ = check(str(path))
    assert code == 1
    assert {"no-date", "nobody-present"} <= set(codes(found))
    assert all(f["severity"] == "error" for f in found if f["code"] in ("no-date", "nobody-present"))


def test_sub_items_and_minute_numbers_do_not_count_as_skips(tmp_path):
    numbered = CLEAN
    for n in range(1, 6):
        numbered = numbered.replace(f"\n{n}. ", f"\n25/0{40 + n} ", 1)
    path = minutes(tmp_path, "numbered.txt", numbered)
    record = cme_notes.parse(path)
    assert [i.number for i in record.items][:4] == ["25/041", "25/042", "25/043", "25/044"]
    assert not [c for c in codes(check(str(path))[1]) if c.startswith("item-number")]
    assert check(str(minutes(tmp_path, "clean.txt", CLEAN)))[1] == []  # 3.1 and 3.2 between 3 and 4


def test_the_findings_are_the_records_warnings(tmp_path):
    path = minutes(tmp_path, "minutes.txt", CLEAN.replace("Tuesday 3 June", "Monday 3 June").replace(" by 24 June 2025", ""))
    record = cme_notes.parse(path)
    assert [f.code for f in record.findings] == ["weekday-mismatch", "action-no-due"]
    assert record.warnings == [f.message for f in record.findings]
    assert where_label(record.findings[0].where) == "line 2"


def test_text_lines_errors_only_and_ignore(tmp_path):
    path = minutes(tmp_path, "minutes.txt", CLEAN.replace("Tuesday 3 June", "Monday 3 June").replace(" by 24 June 2025", ""))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:line 2: error: the meeting date 3 June 2025 is written as a Monday but falls on a Tuesday [weekday-mismatch]",
        f"{path}:line 21: warning: action 'Cllr Whitlock to get three quotes for the chains' (item 4) has no due date "
        "[action-no-due]",
    ]
    assert CliRunner().invoke(main, ["check", str(path), "--errors-only", "--format", "jsonl"]).stdout.count("\n") == 1
    ignored = CliRunner().invoke(main, ["check", str(path), "--ignore", "weekday-mismatch"])
    assert ignored.exit_code == 0 and "weekday" not in ignored.stdout
    assert CliRunner().invoke(main, ["check", str(path), "--ignore", "no-such-code"]).exit_code == 2


def test_a_docx_finding_points_at_its_table_row(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Wexcombe Parish Council")
    document.add_paragraph("Minutes of the meeting held on Tuesday 3 June 2025 at 7.30pm in the Village Hall")
    document.add_paragraph("Present: Cllr Jane Sutton (Chair), Cllr Peter Hale, Tom Brown (Clerk)")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("No.", "Item", "Action"),
                                       ("1", "Highways: potholes in Mill Lane were reported again to the county.", "Clerk"),
                                       ("2", "Playground: the swings need new chains before the summer.", "PH")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("Date of next meeting: Tuesday 1 July 2025 at 7.30pm")
    path = tmp_path / "minutes.docx"
    document.save(path)
    found = check(str(path))[1]
    assert codes(found) == ["action-no-due", "action-no-due"]
    assert [f["at"] for f in found] == ["table 1 row 2", "table 1 row 3"]


def test_an_unreadable_file_is_an_error_and_the_others_are_checked(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    good = minutes(tmp_path, "clean.txt", CLEAN)
    code, found, stderr = check(str(bad), str(good))
    assert code == 1 and found == []
    assert f"cme-notes: error: {bad}" in stderr
    assert "1 unreadable" in stderr


def test_a_readme_in_a_folder_is_skipped_not_flagged(tmp_path):
    minutes(tmp_path, "clean.txt", CLEAN)
    minutes(tmp_path, "README.md", "# Our minutes\n\nThe folder holds the council's minutes.\n")
    code, found, stderr = check(str(tmp_path))
    assert (code, found) == (0, [])
    assert "1 skipped" in stderr


def test_every_sample_checks_without_error():
    code, found, stderr = check(str(SAMPLES), "--errors-only")
    assert (code, found) == (0, []), found
    assert "0 errors" in stderr


def test_summary_line_counts_records_per_fault():
    assert summary_line([[], ["action-no-due"]]) is None
    line = summary_line([["no-date", "nobody-present"], ["nobody-present", "action-no-due"], []])
    assert line.startswith("quality: 2 of 3 records: 1 no date; 2 nobody present")


def test_batch_index_and_actions_end_with_the_quality_line(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    minutes(folder, "clean.txt", CLEAN)
    minutes(folder, "nobody.txt", CLEAN.replace(PEOPLE.format(also=""), ""))
    runner = CliRunner()
    batch = runner.invoke(main, ["batch", str(folder), "--format", "jsonl", "-o", str(tmp_path / "all.jsonl")])
    assert "cme-notes: quality: 1 of 2 records: 1 nobody present" in batch.stderr
    quiet = runner.invoke(main, ["batch", str(folder), "--format", "jsonl", "-o", str(tmp_path / "q.jsonl"), "-q"])
    assert "quality" not in quiet.stderr
    index = runner.invoke(main, ["index", str(folder), "--db", str(tmp_path / "m.db")])
    assert "1 nobody present" in index.stderr
    actions = runner.invoke(main, ["actions", str(folder), "--format", "json"])
    assert actions.exit_code == 0
    assert "1 nobody present" in actions.stderr
    clean_only = runner.invoke(main, ["actions", str(folder / "clean.txt"), "--format", "json"])
    assert clean_only.stderr == ""


def test_parse_table_shows_the_findings_under_the_record(tmp_path):
    path = minutes(tmp_path, "minutes.txt", CLEAN.replace("Tuesday 3 June", "Monday 3 June"))
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "table"])
    assert "error: line 2: the meeting date 3 June 2025 is written as a Monday" in " ".join(result.stdout.split())


def test_help_names_every_code_with_its_severity():
    text = CliRunner().invoke(main, ["check", "--help"]).stdout
    errors, warnings = text.split("Errors (exit 1):")[1].split("Warnings:")
    for code, known in CODES.items():
        if code != "note":
            assert code in (errors if known.severity == "error" else warnings.split("WHERE")[0]), code


def test_a_date_alone_on_its_line_under_the_people_is_the_meetings_date(tmp_path):
    """A student team's minutes give the date under the list of people, with its times: no false no-date."""
    import docx

    document = docx.Document()
    for text in ("Meeting 11:", "Week 9 of Project.", "Host: Yara Malik", "Participants: Awais Khan, Nia Rees",
                 "NO ABSENTEES", "14:00-16:00 | 18/03/2025", "Tasks from Team Minutes 9 are carried on."):
        document.add_paragraph(text)
    document.add_paragraph().add_run("TASKS:").bold = True
    for text in ("LOGIN PAGE:", "- Code the login form", "USERS PAGE:", "- List the users"):
        document.add_paragraph(text)
    path = tmp_path / "team.docx"
    document.save(path)
    record = cme_notes.parse(path)
    assert str(record.date) == "2025-03-18"
    assert record.where["date"].rule == "date.alone"
    assert "no-date" not in codes(check(str(path))[1])
