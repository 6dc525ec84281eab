"""What minutes say of their actions' progress: open, done or dropped, as written, and each action's own ref.

Each convention on a small fictional meeting, the words that look like a status and are not, payments lists
that look like action logs, and the Elmbrook sample series whose actions are closed over four meetings.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document as Docx

import cme_notes
from cme_notes import parse_text
from cme_notes.extract.actions.status import done_mark, status_of
from cli_helpers import parse, record

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PRESENT_MD = "**Present:** Priya Shah, Tom Ellis, Jo Smith (JS)\n\n"


def reviewed(meeting) -> list[tuple]:
    return [(a.ref, a.description, a.owners, a.status, a.status_text) for a in meeting.previous_actions]


def docx_minutes(path: Path, heading: str, rows: list[tuple[str, ...]]) -> Path:
    doc = Docx()
    doc.add_paragraph("Ashcombe Village Hall Committee, 12 May 2025")
    doc.add_paragraph("Present: Cllr Jo Smith (Chair), Cllr Amir Patel, Ann Reed (Clerk)")
    doc.add_paragraph(heading)
    table = doc.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    doc.add_paragraph("6. Date of next meeting")
    doc.save(path)
    return path


# --- how a status is written -------------------------------------------------------------------------------

@pytest.mark.parametrize("written, status", [
    ("Completed 3 May", "done"), ("Done", "done"), ("COMPLETE", "done"), ("Closed", "done"),
    ("This is now closed.", "done"), ("Completed; review in six months", "done"), ("Done – paid 2 May", "done"),
    ("Letter sent 3 May", "done"), ("Has been circulated", "done"), ("No further action", "done"),
    ("Ongoing – chase in June", "open"), ("ongoing", "open"), ("On-going", "open"), ("c/f", "open"),
    ("C/F to July", "open"), ("b/f from March", "open"), ("Carried forward", "open"), ("In progress", "open"),
    ("In hand", "open"), ("Outstanding", "open"), ("Not yet complete", "open"), ("Not done", "open"),
    ("incomplete", "open"), ("Partially complete", "open"), ("To be completed by June", "open"),
    ("Deferred to September", "open"), ("Chased 4 April", "open"), ("Quote received, awaiting invoice", "open"),
    ("No longer required", "dropped"), ("Closed – no longer required", "dropped"), ("Withdrawn", "dropped"),
    ("Cancelled", "dropped"), ("Superseded by EB-09", "dropped"), ("N/A", "dropped"), ("Not needed", "dropped"),
])
def test_a_status_as_written_reads_as_open_done_or_dropped(written, status):
    assert status_of(written) == status


@pytest.mark.parametrize("written", [
    "complete the survey", "Cllr Hale to complete the audit", "Will close the account", "open the hall at 9",
    "Agreed", "Approved", "Noted", "See item 7", "12/05/2025", "",
])
def test_words_that_are_no_status(written):
    """A status word as the verb of a task, a decision, a cross-reference or a bare date says nothing of progress."""
    assert status_of(written) is None


@pytest.mark.parametrize("cell, status", [
    ("12/05/2025", "done"), ("3 May", "done"), ("✓", "done"), ("Yes", "done"), ("Y", "done"),
    ("No", "open"), ("Completed 3 May", "done"), ("Ongoing", "open"), ("", None),
])
def test_a_completed_column_is_done_by_a_tick_or_a_date_alone(cell, status):
    assert done_mark(cell) == status


# --- action logs ---------------------------------------------------------------------------------------------

def test_ref_action_owner_due_update_log_under_a_review_of_previous_actions():
    text = PRESENT_MD + (
        "## 1. Review of previous actions\n\n| Ref | Action | Owner | Due | Update |\n|---|---|---|---|---|\n"
        "| A12 | Renew the insurance | Tom | 31/03/2025 | Completed 3 May |\n"
        "| Mar24.03 | Book the marquee | Priya | | Ongoing – chase in June |\n"
        "| 24/07 | Survey the hedge | Tom | | No longer required |\n"
        "| A15 | Paint the gate | Tom | | c/f |\n\n## 2. Fete\n\nThe fete was discussed.\n"
    )
    meeting = parse_text(text, markdown=True)
    assert meeting.actions == []
    assert reviewed(meeting) == [
        ("A12", "Renew the insurance", ["Tom Ellis"], "done", "Completed 3 May"),
        ("Mar24.03", "Book the marquee", ["Priya Shah"], "open", "Ongoing – chase in June"),
        ("24/07", "Survey the hedge", ["Tom Ellis"], "dropped", "No longer required"),
        ("A15", "Paint the gate", ["Tom Ellis"], "open", "c/f"),
    ]
    assert {a.item for a in meeting.previous_actions} == {"1"}
    assert meeting.previous_actions[0].due == dt.date(2025, 3, 31)


def test_action_who_by_when_status_log_keeps_new_rows_as_this_meetings_actions():
    text = PRESENT_MD + (
        "## 1. Actions\n\n| Action | Who | By when | Status |\n|---|---|---|---|\n"
        "| Renew the insurance | Tom | 31/03/2025 | Closed |\n"
        "| Order bunting | Priya | 30/06/2025 | New |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [(a.description, a.due, a.status) for a in meeting.actions] == [
        ("Order bunting", dt.date(2025, 6, 30), None)]
    assert [(a.description, a.status) for a in meeting.previous_actions] == [("Renew the insurance", "done")]


def test_a_review_row_citing_an_earlier_minute_keeps_it_as_the_ref_and_this_meetings_item():
    text = PRESENT_MD + (
        "## 1. Welcome\n\nAll were welcomed.\n\n## 2. Matters arising\n\n"
        "| Minute | Action | Who | Done? |\n|---|---|---|---|\n"
        "| 7.4 | Paint the gate | Tom | 12/05/2025 |\n| 7.5 | Mend the fence | Priya | No |\n| 7.6 | Fix the sign | Jo | ✓ |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [(a.ref, a.item, a.status, a.status_text) for a in meeting.previous_actions] == [
        ("7.4", "2", "done", "12/05/2025"), ("7.5", "2", "open", "No"), ("7.6", "2", "done", "✓"),
    ]


def test_a_completed_column_in_a_word_table(tmp_path):
    path = docx_minutes(tmp_path / "log.docx", "2. Actions log", [
        ("Ref", "Action", "Owner", "Date completed"),
        ("AH-01", "Replace the kitchen tap", "Clerk", "02/05/2025"),
        ("AH-02", "Write to the county about the verge", "Cllr Patel", "Not yet"),
    ])
    meeting = cme_notes.parse(path)
    assert [(a.ref, a.owners, a.status) for a in meeting.previous_actions] == [
        ("AH-01", ["Ann Reed"], "done"), ("AH-02", ["Amir Patel"], "open")]


def test_agreed_in_a_decision_column_is_no_status():
    text = PRESENT_MD + (
        "## 1. Fete\n\n| Action | Owner | Decision |\n|---|---|---|\n| Book the marquee | Priya | Agreed |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [(a.description, a.status) for a in meeting.actions] == [("Book the marquee", None)]
    assert meeting.previous_actions == []


def test_a_new_actions_ref_column_through_the_cli(tmp_path):
    path = tmp_path / "trust.md"
    path.write_text(PRESENT_MD + "## 1. Fete\n\n| Ref | Action | Owner | Due |\n|---|---|---|---|\n"
                    "| FT-07 | Order bunting | Priya | 30/06/2025 |\n", encoding="utf-8")
    [action] = record(parse(path))["actions"]
    assert (action["ref"], action["item"], action["owners"], action["due"], action["status"]) == (
        "FT-07", "1", ["Priya Shah"], "2025-06-30", None)


# --- markers in the text -------------------------------------------------------------------------------------

MATTERS_ARISING = (
    "Brackley Green Parish Council, 14 May 2025\n\n"
    "Present: Cllr Ann Lane, Cllr Paul Reeve, Cllr Bea Moss, Jo Smith (JS)\n\n"
    "1. MATTERS ARISING\n\n(Minute 121.1) Cllr Reeve will speak to the owner of the land by the lane. Closed.\n\n"
    "(Minute 121.3) Cllr Lane to chase the highways team about the verge (carried forward).\n\n"
    "2. PLAY AREA\n\nThe swings need new chains.\n\nAction: JS – ongoing\n\n"
    "Cllr Moss to inspect the swings before the summer. COMPLETED\n\n"
    "Cllr Lane to complete the survey of the play area.\n\n"
    "3. HALL\n\nAction (HB-07): Cllr Moss to book the hall for the fete.\n"
)


def test_matters_arising_cite_the_earlier_minute_and_end_with_a_status():
    meeting = parse_text(MATTERS_ARISING)
    assert [(a.ref, a.item, a.owners, a.status, a.status_text) for a in meeting.previous_actions] == [
        ("121.1", "1", ["Paul Reeve"], "done", "Closed"),
        ("121.3", "1", ["Ann Lane"], "open", "carried forward"),
    ]


def test_inline_markers_beside_this_meetings_actions():
    by_description = {a.description: a for a in parse_text(MATTERS_ARISING).actions}
    ongoing = by_description["The swings need new chains"]
    assert (ongoing.owners, ongoing.status, ongoing.status_text) == (["Jo Smith"], "open", "ongoing")
    inspected = by_description["Cllr Moss to inspect the swings before the summer"]
    assert (inspected.status, inspected.status_text) == ("done", "COMPLETED")
    survey = by_description["Cllr Lane to complete the survey of the play area"]
    assert (survey.status, survey.status_text) == (None, None)  # "complete" is the task's verb
    hall = by_description["Cllr Moss to book the hall for the fete"]
    assert (hall.ref, hall.item, hall.status) == ("HB-07", "3", None)


# --- payments lists ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rows", [
    [("Description", "Who", "When", "Total £"), ("Clerk's salary for May", "Ann Reed", "20/05/2025", "£450.00"),
     ("Mileage to the county briefing", "Cllr Patel", "31/05/2025", "£20.00")],
    [("£450.00", "Clerk's salary for May", "Ann Reed", "20/05/2025"),
     ("£20.00", "Mileage to the county briefing", "Cllr Patel", "31/05/2025")],
    [("Date", "Payee", "Details", "Amount"), ("14/05/2025", "Ann Reed", "Clerk's salary", "£450.00"),
     ("20/05/2025", "Cllr Patel", "Mileage to the county briefing", "£20.00")],
    [("Chq no.", "Paid to", "Action", "Date"), ("1043", "Greenways Ltd", "Clerk", "20/05/2025"),
     ("1044", "Ashcombe PCC", "Clerk", "31/05/2025")],
], ids=["description-who-when-total", "no-header", "date-payee-amount", "cheque-paid-to"])
def test_a_payments_list_gives_no_actions_and_no_due_dates(tmp_path, rows):
    """Payees look like owners and payment dates like due dates; a column of sums says what the table is."""
    meeting = cme_notes.parse(docx_minutes(tmp_path / "accounts.docx", "5. Accounts for payment", rows))
    assert meeting.actions == [] and meeting.previous_actions == []


def test_an_action_log_with_a_cost_column_is_still_an_action_log(tmp_path):
    meeting = cme_notes.parse(docx_minutes(tmp_path / "log.docx", "5. Actions", [
        ("Item", "Action", "Owner", "Due", "Cost"),
        ("5", "Pay the grass cutting contractor", "Clerk", "20/05/2025", "£120.00"),
    ]))
    assert [(a.owners, a.due) for a in meeting.actions] == [(["Ann Reed"], dt.date(2025, 5, 20))]


# --- the Elmbrook series -------------------------------------------------------------------------------------

ELMBROOK = sorted(p for p in SAMPLES.glob("elmbrook-trust-*") if p.suffix in (".docx", ".pdf", ".md", ".txt"))


def _states(record: dict) -> list[tuple]:
    return [(a["ref"], a["item"], tuple(a["owners"]), a["status"], a["status_text"])
            for a in record["actions"] + record["previous_actions"]]


@pytest.mark.parametrize("path", ELMBROOK, ids=lambda p: p.name)
def test_each_elmbrook_meeting_reads_its_actions_status_and_refs(path):
    want = json.loads((SAMPLES / f"{path.name[: -len(path.suffix)]}.expected.json").read_text(encoding="utf-8"))
    got = cme_notes.parse(path).model_dump(mode="json")
    assert _states(got) == _states(want)
    assert [a["description"] for a in got["previous_actions"]] == [a["description"] for a in want["previous_actions"]]


def test_the_elmbrook_series_closes_and_drops_actions_over_four_meetings():
    """The last word on each ref across the series, as a clerk's tracker would show it."""
    last: dict[str, str | None] = {}
    for path in [p for p in ELMBROOK if p.suffix != ".pdf"]:
        meeting = cme_notes.parse(path)
        for action in meeting.actions + meeting.previous_actions:
            if action.ref:
                last[action.ref] = action.status
    assert len(ELMBROOK) == 5
    assert last == {
        "EB-01": "done", "EB-02": "done", "EB-03": "dropped", "EB-04": "done", "EB-05": "done",
        "EB-06": "open", "EB-07": "done", "EB-08": "done", "EB-09": "done", "EB-10": None, "EB-11": "dropped",
    }
    july = cme_notes.parse(SAMPLES / "elmbrook-trust-2025-07-09.txt")
    [carried] = [a for a in july.previous_actions if a.ref is None]
    assert (carried.owners, carried.status, carried.status_text) == (["Daniel Okoro"], "open", "carried forward")
    assert "hall hire charges" in carried.description
