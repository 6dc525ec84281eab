"""Who owns an action, and which short cells are not actions at all.

Fictional minutes of parish councils, governing bodies, charities and
open-source groups, parsed end to end through the real readers.
"""
from __future__ import annotations

from pathlib import Path

from cme_notes import parse, parse_text
from cme_notes.extract.owner_words import could_be_owner
from cme_notes.extract.owners import OwnerResolver, split_owners
from cme_notes.extract.people import parse_people


def owners_of(record) -> list[list[str]]:
    return [a.owners for a in record.actions]


# --- who an owner is -------------------------------------------------------------------------------------------


def test_role_words_resolve_to_the_person_holding_the_role():
    people = parse_people("Cllr Ann Whitlock (Chairman), Cllr Ravi Kapoor (Vice-Chair), Tom Brown (Clerk and RFO), "
                          "Judith Hale (Hon. Secretary), Oliver Penn (Treasurer)")
    resolver = OwnerResolver(people)
    assert resolver.owners("Chair") == ["Ann Whitlock"]
    assert resolver.owners("the Chairperson") == ["Ann Whitlock"]
    assert resolver.owners("Vice Chairman") == ["Ravi Kapoor"]
    assert resolver.owners("Clerk") == ["Tom Brown"]
    assert resolver.owners("RFO") == ["Tom Brown"]
    assert resolver.owners("Secretary / Treasurer") == ["Judith Hale", "Oliver Penn"]


def test_the_vice_chair_is_not_the_chair():
    resolver = OwnerResolver(parse_people("Cllr Ravi Kapoor (Vice-Chair), Tom Brown (Clerk)"))
    assert resolver.owners("Chair") == ["Chair"]  # nobody present chairs: kept as written


def test_clerk_in_an_action_line_is_the_clerk_of_the_attendee_list():
    record = parse_text(
        "Minutes of Elmstead Parish Council, 4 March 2024\n"
        "Present: Cllr Ann Whitlock (Chairman), Cllr Peter Dunn, Cllr Sue Marsh\n"
        "In attendance: Tom Brown (Clerk)\n"
        "1. Footpaths\n"
        "The stile on footpath 7 is broken. Action: Clerk\n"
    )
    assert owners_of(record) == [["Tom Brown"]]


def test_initials_given_in_brackets_resolve_even_when_they_are_not_the_plain_initials():
    resolver = OwnerResolver(parse_people("J Marsh (JM - Chair), Tom Reed (TRe), Anna Lee (AL)"))
    assert resolver.owners("JM") == ["J Marsh"]
    assert resolver.owners("TRe") == ["Tom Reed"]
    assert resolver.owners("TR/AL") == ["Tom Reed", "Anna Lee"]


def test_familiar_first_names_resolve_to_the_listed_person():
    resolver = OwnerResolver(parse_people("Samuel Coyle, Ceridwen Grey, Robert Ames, Benjamin Ford, Jasmine Fox"))
    assert resolver.owners("Sam & Ceri") == ["Samuel Coyle", "Ceridwen Grey"]
    assert resolver.owners("Bob") == ["Robert Ames"]
    assert resolver.owners("Ben, JF") == ["Benjamin Ford", "Jasmine Fox"]


def test_first_name_and_initial_in_either_the_list_or_the_owner():
    short = OwnerResolver(parse_people("Nick A. (Secretary), Ken M., Jeff L."))
    assert short.owners("Ken and Nick") == ["Ken M.", "Nick A."]
    full = OwnerResolver(parse_people("Nick Abbott, Nick Young"))
    assert full.owners("Nick A.") == ["Nick Abbott"]


def test_surnames_with_councillor_titles_and_names_run_together():
    resolver = OwnerResolver(parse_people("Cllr Magda Atkins, Cllr Niki Gordon, Roger Morris, Sam Edgell"))
    assert resolver.owners("Cllrs Atkins and Gordon") == ["Magda Atkins", "Niki Gordon"]
    assert resolver.owners("Councillor Gordon") == ["Niki Gordon"]
    assert resolver.owners("R Morris S Edgell") == ["Roger Morris", "Sam Edgell"]


def test_no_is_not_initials_unless_the_list_gives_them():
    plain = OwnerResolver(parse_people("Nora Owens, Paul Kerr"))
    assert plain.owners("NO") == []
    given = OwnerResolver(parse_people("Nora Owens (NO), Paul Kerr"))
    assert given.owners("NO") == ["Nora Owens"]


def test_runs_of_initials_are_several_owners():
    assert split_owners("PK TR") == ["PK", "TR"]
    assert split_owners("MS / CO") == ["MS", "CO"]
    assert split_owners("JF Bastien") == ["JF Bastien"]


def test_everyone_words_mean_all():
    resolver = OwnerResolver(parse_people("Jane Hollis, Mo Farooq"))
    for text in ("ALL", "everyone", "All members", "Governors", "all trustees"):
        assert resolver.owners(text) == ["all"], text


def test_a_body_stays_as_written_and_a_fragment_is_never_an_owner():
    resolver = OwnerResolver(parse_people("Jane Hollis, Mo Farooq"))
    assert resolver.owners("Tech Team") == ["Tech Team"]
    assert resolver.owners("Highways Authority") == ["Highways Authority"]
    assert resolver.owners("Discuss at next meeting. MF") == ["Mo Farooq"]
    for text in ("No objection", "Approved", "£70.00", "Cheque No.", "12/03/2024", "Dated ________", "PASSED", "S"):
        assert resolver.owners(text) == [], text
        assert not could_be_owner(text), text


# --- what is not an action -------------------------------------------------------------------------------------


def _docx(path: Path, header: list[str] | None, rows: list[list[str]], intro: str) -> Path:
    from docx import Document

    doc = Document()
    for line in intro.splitlines():
        doc.add_paragraph(line)
    table = doc.add_table(rows=0, cols=len(rows[0]))
    for cells in ([header] if header else []) + rows:
        row = table.add_row().cells
        for cell, text in zip(row, cells):
            cell.text = text
    doc.save(path)
    return path


INTRO = ("Minutes of Brackley Green Parish Council, 12 June 2024\n"
         "Present: Cllr Ann Whitlock (Chairman), Cllr Peter Dunn, Cllr Sue Marsh\n"
         "In attendance: Tom Brown (Clerk)\n"
         "7. Payments\n"
         "The following payments were approved:")


def test_a_payments_table_gives_no_actions(tmp_path):
    path = _docx(tmp_path / "payments.docx", ["Payee", "Description", "Net", "VAT", "Cheque No."],
                 [["T Brown", "Clerk expenses", "85.07", "3.00", "100231"],
                  ["Greenway Landscapes", "Grass cutting", "449.00", "89.80", "100232"],
                  ["Zurich", "Insurance", "280.34", "0.00", "BACS"]], INTRO)
    assert parse(path).actions == []


def test_a_headerless_payments_table_gives_no_actions(tmp_path):
    path = _docx(tmp_path / "payments.docx", None,
                 [["Greenway Landscapes", "449.00", "Grass Cutting"],
                  ["Zurich Municipal", "280.34", "Insurance"],
                  ["Hertsmere Association", "52.00", "Subs"]], INTRO)
    assert parse(path).actions == []


def test_a_planning_table_gives_no_actions(tmp_path):
    path = _docx(tmp_path / "planning.docx", None,
                 [["3/24/0101/HH", "12 Mill Lane, Brackley Green", "No objection"],
                  ["3/24/0117/FUL", "The Old Forge, Church Street", "Approved"],
                  ["3/24/0133/HH", "4 Orchard Close", "Noted"]], INTRO.replace("7. Payments", "8. Planning"))
    assert parse(path).actions == []


def test_an_actions_column_of_people_present_is_still_read_without_a_header(tmp_path):
    path = _docx(tmp_path / "actions.docx", None,
                 [["1", "The noticeboard glass is cracked. The clerk to order a new pane.", "Clerk"],
                  ["2", "Cllr Dunn to inspect the play area before the summer holidays.", "Cllr Dunn"]],
                 INTRO.replace("7. Payments\nThe following payments were approved:", ""))
    record = parse(path)
    assert owners_of(record) == [["Tom Brown"], ["Peter Dunn"]]


def test_noted_cells_of_a_headed_actions_column_are_no_actions():
    record = parse_text(
        "Minutes of the Friends of Ashby Library, 2 May 2024\n"
        "Present: Jane Hollis (Chair), Mo Farooq, Priya Nair (Treasurer)\n\n"
        "| Item | Discussion | Action |\n|---|---|---|\n"
        "| 1 | The accounts for the year were presented. | Noted |\n"
        "| 2 | The book sale raised £212. Treasurer to bank the takings. | Treasurer |\n"
        "| 3 | The summer fair date was set for 6 July. | Tech Team |\n",
        markdown=True,
    )
    assert owners_of(record) == [["Priya Nair"], ["Tech Team"]]


def test_a_signature_line_and_amounts_in_a_pdf_are_no_actions(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "minutes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = [
        (72, "Minutes of Brackley Green Parish Council, 12 June 2024", None),
        (72, "Present: Cllr Ann Whitlock (Chairman), Cllr Peter Dunn, Cllr Sue Marsh", None),
        (72, "7. Payments", None),
        (72, "Greenway Landscapes grass cutting", "449.00"),
        (72, "Clerk salary for May", "BACS"),
        (72, "Hertsmere Association subscription", "52.00"),
        (72, "Signed ______________________", "Dated ____________"),
    ]
    y = 780
    for x, left, right in lines:
        c.drawString(x, y, left)
        if right:
            c.drawString(420, y, right)
        y -= 20
    c.save()
    record = parse(path)
    assert record.actions == []


# --- offices named at the top of the minutes -------------------------------------------------------------------


def test_the_clerk_named_in_the_people_list_owns_clerk_actions():
    record = parse_text(
        "Minutes of Elmstead Parish Council, 4 March 2024\n"
        "Present: Cllr Ann Whitlock (Chairman), Cllr Peter Dunn\n"
        "In attendance: the Clerk: Tom Brown\n"
        "1. Footpaths\n"
        "The stile on footpath 7 is broken. Action: Clerk\n"
    )
    assert owners_of(record) == [["Tom Brown"]]


def test_an_office_nobody_is_named_for_stays_as_written():
    record = parse_text(
        "Minutes of Elmstead Parish Council, 4 March 2024\n"
        "Present: Cllr Ann Whitlock, Cllr Peter Dunn\n"
        "1. Verges\n"
        "The verge by the school is muddy. Action: Vice-Chairman\n"
    )
    assert owners_of(record) == [["Vice-Chairman"]]


def test_chaired_by_and_clerked_by_cells_name_the_officers(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Ashby Primary School — Curriculum Committee, 9 May 2024")
    doc.add_paragraph("Present: Rosa Lindqvist, Owen Tully, Farah Said")
    grid = doc.add_table(rows=2, cols=2)
    for row, (label, name) in zip(grid.rows, [("Chaired by", "Rosa Lindqvist"), ("Clerked by", "Gareth Pryce")]):
        row.cells[0].text, row.cells[1].text = label, name
    doc.add_paragraph("1. Policies")
    doc.add_paragraph("The attendance policy was approved. Action: Clerk")
    doc.add_paragraph("2. Visits")
    doc.add_paragraph("Governor visits for the summer term were planned. Action: Chair")
    doc.save(tmp_path / "minutes.docx")
    assert owners_of(parse(tmp_path / "minutes.docx")) == [["Gareth Pryce"], ["Rosa Lindqvist"]]


def test_an_office_after_a_name_in_the_list():
    record = parse_text(
        "Friends of Ashby Library, committee meeting, 2 May 2024\n"
        "Present: Dr Jane Hollis, Chair; Mo Farooq; Alan Penrose, Minutes Secretary\n"
        "1. Book sale\n"
        "The sale raised £212. Action: Minutes Secretary\n"
    )
    assert owners_of(record) == [["Alan Penrose"]]


def test_a_headerless_action_log_takes_its_owners_from_before_the_due_column(tmp_path):
    path = _docx(tmp_path / "log.docx", None,
                 [["1", "Renew the play area inspection contract", "Clerk", "asap"],
                  ["2", "Ask the county about the flooded culvert", "Cllr Dunn", "30 June"],
                  ["3", "Write to residents about the hedges", "All", "ongoing"]],
                 INTRO.replace("7. Payments\nThe following payments were approved:", "3. Actions agreed"))
    record = parse(path)
    assert owners_of(record) == [["Tom Brown"], ["Peter Dunn"], ["all"]]
    assert record.actions[0].description == "Renew the play area inspection contract"


def test_pronouns_are_nobody_but_names_that_are_also_words_are_people():
    resolver = OwnerResolver(parse_people("Shelley Marsh, Will Myers, May Lin"))
    assert resolver.owners("She") == []
    assert resolver.owners("Will") == ["Will Myers"]
    assert resolver.owners("May") == ["May Lin"]


def test_the_clerk_after_a_comma_and_the_chairman_in_brackets_of_the_people_list():
    record = parse_text(
        "Minutes of Elmstead Parish Council, 4 March 2024\n"
        "PRESENT: Cllrs R Lester (Chairman), D Bonner, E Bradbury\n"
        "In attendance: two electors and the clerk, Mr G Irwin.\n"
        "1. Footpaths\n"
        "The stile on footpath 7 is broken. Action: Clerk\n"
        "2. Verges\n"
        "The verge by the school is muddy. Action: Chairman\n"
    )
    clerk, chair = owners_of(record)
    assert clerk == ["G Irwin"]
    listed = {p.name for p in record.attendees}
    assert chair[0] in listed and chair[0].endswith("R Lester")  # the attendee, however the list spelled the name
