"""Who was there, as many bodies' minutes write it: labels, groups, grids, roles, notes and initials.

Every example is fictional minutes of a parish council, a governing board, a
charity or an open-source project, read through the real readers.
"""
from __future__ import annotations

from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cme_notes import parse as parse_file, parse_text
from cme_notes.extract.people import parse_people


def names(people) -> list[str]:
    return [p.name for p in people]


def who(text: str, markdown: bool = False) -> tuple[list[str], list[str]]:
    record = parse_text(text, markdown=markdown)
    return names(record.attendees), names(record.apologies)


# --- labels and groups -------------------------------------------------------------------------

def test_roll_call_with_directors_officers_and_guests_sub_headings():
    text = (
        "Board of Directors Meeting Minutes\n12 March 2024\n\n1. Roll Call\n\n"
        "    Directors Present:\n\n        Ann Fowler\n        Ravi Menon left at 11:04\n\n"
        "    Directors Absent:\n\n        none\n\n"
        "    Executive Officers Present:\n\n        Lucy Tran\n\n"
        "    Guests:\n\n        Omar Haddad\n        Jo Kerr\n\n2. Minutes of the last meeting\nApproved.\n"
    )
    attendees, apologies = who(text)
    assert attendees == ["Ann Fowler", "Ravi Menon", "Lucy Tran", "Omar Haddad", "Jo Kerr"]
    assert apologies == []


def test_absent_without_apologies_is_neither_attendee_nor_apology():
    text = "Committee Meeting 3 June 2024\nPresent: Ann Fowler, Tom Reed\nAbsent: Carl Moss\nApologies: Dee Platt\n1. Welcome\n"
    attendees, apologies = who(text)
    assert attendees == ["Ann Fowler", "Tom Reed"]
    assert apologies == ["Dee Platt"]


def test_participants_hosted_by_and_no_absentees():
    text = "Meeting 7:\nHosted by Priya Nair.\nParticipants: Priya Nair, Sam Ojo, Lena Fisk.\nNO ABSENTEES.\n15:00 | 22/02/2025\n"
    record = parse_text(text)
    assert names(record.attendees) == ["Priya Nair", "Sam Ojo", "Lena Fisk"]
    assert record.apologies == []
    assert str(record.date) == "2025-02-22"  # the header goes on past the lists


def test_regrets_missing_and_apologies_as_a_sentence():
    assert who("Sync 2 May 2024\nAttendees: Ann Fowler\nRegrets: Tom Reed\n")[1] == ["Tom Reed"]
    assert who("Sync 2 May 2024\nAttendees: Ann Fowler\nMissing: Tom Reed\n")[1] == ["Tom Reed"]
    assert who("Minutes week 10\nParticipants: Ann Fowler.\nApologies from Tom Reed for absence.\n")[1] == ["Tom Reed"]
    text = "Panel 4 May 2024\nPresent: Ann Fowler\n1. Apologies for absence: Carl Moss.\n2. Minutes\n"
    assert who(text)[1] == ["Carl Moss"]


def test_numbered_apologies_heading_with_names_below():
    text = "Parish Council 12 June 2024\nPRESENT: Cllrs Ann Fowler, Tom Reed\n17. APOLOGIES FOR ABSENCE\nCllr Carl Moss\n18. DECLARATIONS\nNone.\n"
    attendees, apologies = who(text)
    assert attendees == ["Ann Fowler", "Tom Reed"]
    assert apologies == ["Carl Moss"]


def test_group_labels_inside_a_list_continue_it():
    text = (
        "Parish Council 10 June 2024\nPresent: Cllr G. Lane (in the Chair)\n"
        "Councillors: Fowler, Reed, Moss, Mrs Platt, Mrs\nKerr\n"
        "In attendance: Ms Nina Hale (Parish Clerk)\n1. Apologies\nNone\n"
    )
    record = parse_text(text)
    assert names(record.attendees) == ["G. Lane", "Fowler", "Reed", "Moss", "Platt", "Kerr", "Nina Hale"]
    assert (record.attendees[0].role, record.attendees[-1].role) == ("Chair", "Parish Clerk")


def test_also_present_after_a_sentence_break_and_a_role_after_a_comma():
    (a, b, c) = parse_people("Dr Alan Roy, Chair (AR) Eve Lund (EL). Also, present, Ali Moss, Library Manager.")
    assert [(p.name, p.role, p.initials) for p in (a, b, c)] == [
        ("Alan Roy", "Chair", "AR"), ("Eve Lund", None, "EL"), ("Ali Moss", "Library Manager", None),
    ]


def test_a_label_without_a_colon_needs_names_after_it():
    assert who("Vale Forum 1 May 2024\nPresent CE, HB, GOL, EB\nApologies KC, NV\n1. Welcome\n") == (
        ["CE", "HB", "GOL", "EB"], ["KC", "NV"])
    assert who("Vale Forum 1 May 2024\nPresent: Ann Fowler\nAttendance varies but generally OK\nOther\n")[0] == ["Ann Fowler"]


def test_none_and_no_absentees_are_nobody():
    for nobody in ("None", "N/A", "No absentees", "NO ABSENTEES.", "No apologies were received."):
        assert parse_people(nobody) == [], nobody


# --- Markdown -------------------------------------------------------------------------------------

def test_markdown_bullets_nested_under_present_apologies_and_absent():
    text = (
        "# Committee Meeting - 2024-05-20\n\n## Members Present\n\n* Present:\n    * Bea Scott\n    * Lewis Yap\n"
        "* Apologies:\n    * Joel Chua\n* Absent:\n    * Vin Dale\n* Observing:\n    * None\n"
        "* Minute taker: Lewis\n* Chair: Bea\n\n## Meeting Times\n\n* Opened: 1315hrs\n"
    )
    record = parse_text(text, markdown=True)
    assert names(record.attendees) == ["Bea Scott", "Lewis Yap"]
    assert [p.role for p in record.attendees] == ["Chair", "Minute taker"]
    assert names(record.apologies) == ["Joel Chua"]


def test_bold_labels_emphasis_and_escaped_underscores():
    text = "**Present:** Mull, Si, Fluff\\_ee, Pete  \n**Apologies:** Tim\n\n#### Finance\n"
    assert who(text, markdown=True) == (["Mull", "Si", "Fluff_ee", "Pete"], ["Tim"])
    text = "Minutes of the 4th TSC meeting, 9 April 2020\n\nAttendees: *Nick* A., *Jeff* L.\n\nRegrets: **Dana** B.\n"
    assert who(text, markdown=True) == (["Nick A.", "Jeff L."], ["Dana B."])


def test_attendees_heading_with_sub_groups_of_name_and_organisation():
    text = (
        "# Minutes of the 3rd board meeting\n\n## Attendees\n\n### Attendees present\n\n"
        "The following new board members were present:\n\n- Jan Berg, Harbour Bank\n- Lea Holm, community/Typeflow\n\n"
        "For the Centre:\n\n- Jon Prior, Propel\n- Hana Mill, EPFL\n\nAlso present:\n\n- Eli Burke, Chirp\n\n"
        "## Proceedings\n\n### Opening Remarks\n\nThe chair opened the meeting.\n"
    )
    record = parse_text(text, markdown=True)
    assert [(p.name, p.organisation) for p in record.attendees] == [
        ("Jan Berg", "Harbour Bank"), ("Lea Holm", "community/Typeflow"), ("Jon Prior", "Propel"),
        ("Hana Mill", "EPFL"), ("Eli Burke", "Chirp"),
    ]


def test_introduction_of_attendees_heading_over_a_bullet_list():
    text = "## Opening\n\n#### Introduction of attendees\n\n* Alan Zak\n* Ben Smyth\n* Gaplin\n\n### Adoption of the agenda\n\nDone.\n"
    record = parse_text(text, markdown=True)
    assert names(record.attendees) == ["Alan Zak", "Ben Smyth", "Gaplin"]
    assert {p.where.rule for p in record.attendees} == {"people.heading"}


def test_short_all_capital_names_among_names_are_names_but_alone_are_not():
    assert names(parse_people("Gibson, Will Myers, LJ, Valentine, CJ")) == ["Gibson", "Will Myers", "LJ", "Valentine", "CJ"]
    assert parse_people("HCC") == []


# --- one person, many spellings ----------------------------------------------------------------

def test_role_prefixes_before_a_name():
    people = parse_people("District Councillor Linda Hale. Mr N Hunt, the Clerk: Tom Brand, Chief Inspector Jon Speed")
    assert [(p.name, p.role) for p in people] == [
        ("Linda Hale", "District Councillor"), ("N Hunt", None), ("Tom Brand", "Clerk"), ("Jon Speed", "Chief Inspector"),
    ]
    (p,) = parse_people("His Worship Mayor Bowden")
    assert (p.name, p.role) == ("Bowden", "Mayor")


def test_a_post_with_its_holder_in_brackets():
    people = parse_people("The Mayor (Cllr J Sims), Deputy Mayor Cllr K Bron, Town Clerk (Mrs L Hay)")
    assert [(p.name, p.role) for p in people] == [("J Sims", "Mayor"), ("K Bron", "Deputy Mayor"), ("L Hay", "Town Clerk")]


def test_apologies_received_and_accepted_and_a_remark_after_a_dash():
    text = "Parish Council 3 May 2023\nPresent: Cllr A Sims\nApologies were received and accepted from Cllrs Reed and Moss.\n"
    assert who(text)[1] == ["Reed", "Moss"]
    assert who("Board 3 May 2023\nPresent: Ann Lee (AL)\nApologies: Kim Ode (KO) - accepted\n1. Welcome\n")[1] == ["Kim Ode"]
    assert [p.organisation for p in parse_people("Alice Sims (Acme Ltd), Bob Jay (@bobj)")] == ["Acme Ltd", None]


def test_job_titles_in_brackets_are_roles_not_organisations():
    people = parse_people(
        "Dr A Gee (Director of Public Health), Mrs S Hale (Corporate Director Children, Young People and Education), "
        "Joanne Cole (Participation and Engagement Manager), Mark Lowe (Portsmouth and Chair), Ann Lee (Chair, Vale Trust)"
    )
    assert [(p.name, p.organisation, p.role) for p in people] == [
        ("A Gee", None, "Director of Public Health"),
        ("S Hale", None, "Corporate Director Children, Young People and Education"),
        ("Joanne Cole", None, "Participation and Engagement Manager"),
        ("Mark Lowe", "Portsmouth", "Chair"),
        ("Ann Lee", "Vale Trust", "Chair"),
    ]


def test_initials_and_notes_in_brackets_are_neither_organisation():
    people = parse_people("Kate Lyle (KL) - Chair, Ned Moss-Evans (N M-E), Roger Morse (late arrival), Sal Ng (online), "
                          "Ian Platt (from item 5), Tom Reed (arr. 20:00), Jo Kerr (parishioner)")
    assert [(p.name, p.organisation, p.role, p.initials) for p in people] == [
        ("Kate Lyle", None, "Chair", "KL"), ("Ned Moss-Evans", None, None, "NME"), ("Roger Morse", None, None, None),
        ("Sal Ng", None, None, None), ("Ian Platt", None, None, None), ("Tom Reed", None, None, None),
        ("Jo Kerr", None, None, None),
    ]


def test_post_nominals_and_organisations_after_a_comma():
    people = parse_people("Mr R C Love, OBE, Mr D Marsh and Cllr Mrs Linda Hale, East Vale District Council")
    assert [(p.name, p.organisation) for p in people] == [
        ("R C Love", None), ("D Marsh", None), ("Linda Hale", "East Vale District Council")]


def test_name_with_a_title_after_a_comma_or_run_on():
    people = parse_people("Mr. R. Kent, City Clerk, The Speaker, Councillor Shah, Mike Pond Estates Manager Quarryco")
    assert [(p.name, p.role) for p in people] == [
        ("R. Kent", "City Clerk"), ("Shah", "Speaker"), ("Mike Pond", "Estates Manager Quarryco")]


def test_shared_surnames_and_names_whose_comma_was_lost():
    assert names(parse_people("Jo Kerr, Steve & Emma Dale, Rob and Karen Groom, Mr & Mrs Platt")) == [
        "Jo Kerr", "Steve Dale", "Emma Dale", "Rob Groom", "Karen Groom", "Platt"]
    assert names(parse_people("Cllrs R Lane (Chairman), D Bond, C Eden N Hunt, B Jones")) == [
        "R Lane", "D Bond", "C Eden", "N Hunt", "B Jones"]
    assert names(parse_people("Lia Bray, Tom Bell, Sue Egan, Gary Lane Barry Sims, Paul Roch")) == [
        "Lia Bray", "Tom Bell", "Sue Egan", "Gary Lane", "Barry Sims", "Paul Roch"]


def test_remarks_after_a_name_are_cut_off():
    people = parse_people("Ruth Dent and Sara Carr sanctioned (Sara sent her views by email as she could not join the call)")
    assert [(p.name, p.organisation) for p in people] == [("Ruth Dent", None), ("Sara Carr", None)]
    assert names(parse_people("Dylan Jay, Rory Lowe and Nancy Sayle who was substituted by Rox Hill.")) == [
        "Dylan Jay", "Rory Lowe", "Nancy Sayle"]


def test_headings_labels_and_fragments_are_never_people():
    for text in ("Budget", "Highlights", "HCC", "Signed ……", "Agenda", "Opening Remarks", "Other", "Proceedings"):
        assert parse_people(text) == [], text


# --- layout: wrapped lists, tables, grids, PDF columns -----------------------------------------

def test_a_list_wrapped_after_and_or_a_role_goes_on():
    text = (
        "CABINET\n9 January 2025\nPRESENT: Mr R W Gale (Chairman), Mr N Bake,\nMr D Jeff, Mr R C Love, OBE, Mr M Wain (Chief Analyst) and\n"
        "Mr D Whit (Director of Strategy, Policy and Assurance)\nUNRESTRICTED ITEMS\n76. Apologies\n(Item 1)\nNo apologies were received.\n"
    )
    attendees, apologies = who(text)
    assert attendees == ["R W Gale", "N Bake", "D Jeff", "R C Love", "M Wain", "D Whit"]
    assert apologies == []


def test_sent_apologies_wins_over_the_expected_list():
    text = "Board 28 July 2024\nAttendees: Ann Fowler, Tom Reed, Carl Moss\nApologies were received from Carl Moss.\n1. Welcome\n"
    assert who(text) == (["Ann Fowler", "Tom Reed"], ["Carl Moss"])


def _docx(path: Path, rows: list[list[str]], before: str = "Learning Committee 7 March 2024") -> Path:
    d = docx.Document()
    d.add_paragraph(before)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    d.add_paragraph("1. Welcome")
    d.add_paragraph("The chair welcomed everyone.")
    d.save(path)
    return path


def test_attendance_grid_takes_the_last_filled_meeting_column(tmp_path: Path):
    rows = [
        ["Governor", "Oct", "Jan", "Mar", "May"],
        ["Paula Even", "P", "P", "P", ""],
        ["Sandra Carr", "P", "A", "S", ""],
        ["Helen Post", "P", "S", "L", ""],
        ["Ruth Dent", "P", "P", "A", ""],
        ["Alex Gale", "", "", "P", ""],
    ]
    record = parse_file(_docx(tmp_path / "grid.docx", rows))
    assert names(record.attendees) == ["Paula Even", "Helen Post", "Alex Gale"]
    assert names(record.apologies) == ["Sandra Carr"]
    assert {p.where.rule for p in record.attendees + record.apologies} == {"people.grid"}


def test_attendance_grid_takes_the_column_headed_with_the_meeting_date(tmp_path: Path):
    rows = [
        ["Trustee", "12/01/2024", "07/03/2024", "09/05/2024"],
        ["Paula Even", "P", "A", "P"],
        ["Sandra Carr", "P", "P", "S"],
        ["Helen Post", "S", "P", "P"],
    ]
    record = parse_file(_docx(tmp_path / "dated.docx", rows, before="Trustees meeting 7 March 2024"))
    assert names(record.attendees) == ["Sandra Carr", "Helen Post"]
    assert record.apologies == []


def test_present_and_apologies_as_table_columns_or_as_an_attendance_column(tmp_path: Path):
    record = parse_file(_docx(tmp_path / "cols.docx", [["Present", "Apologies"], ["Jane Sims (Chair)", "Tom Reed"], ["Ann Lee", ""]]))
    assert ([(p.name, p.role) for p in record.attendees], names(record.apologies)) == (
        [("Jane Sims", "Chair"), ("Ann Lee", None)], ["Tom Reed"])
    rows = [["Name", "Attendance"], ["Jane Sims", "Present"], ["Tom Reed", "Apologies"], ["Ann Lee", "Absent"]]
    record = parse_file(_docx(tmp_path / "marks.docx", rows))
    assert (names(record.attendees), names(record.apologies)) == (["Jane Sims"], ["Tom Reed"])


def test_attendees_organisation_role_table(tmp_path: Path):
    rows = [["Attendees", "Role", "Organisation"], ["Jane Sims", "Chair", "Vale Trust"], ["Tom Reed", "", "Kent CC"]]
    record = parse_file(_docx(tmp_path / "names.docx", rows))
    assert [(p.name, p.role, p.organisation) for p in record.attendees] == [
        ("Jane Sims", "Chair", "Vale Trust"), ("Tom Reed", None, "Kent CC")]


def test_label_and_value_cells_on_one_table_row(tmp_path: Path):
    rows = [
        ["Date", "28th July 2024"],
        ["Attendees", "Tony Bray (Chair), Sue Buck, Ian Tate (VCC)"],
        ["Invited", "Nikki Stone (Governance Manager)"],
    ]
    record = parse_file(_docx(tmp_path / "kv.docx", rows))
    assert [(p.name, p.organisation, p.role) for p in record.attendees] == [
        ("Tony Bray", None, "Chair"), ("Sue Buck", None, None), ("Ian Tate", "VCC", None),
        ("Nikki Stone", None, "Governance Manager"),
    ]
    rows = [["Chaired by", "Paula Even", "Clerked by", "Pete Orr"]]
    assert names(parse_file(_docx(tmp_path / "chair.docx", rows)).attendees) == ["Paula Even", "Pete Orr"]


def test_people_table_columns_under_a_group_header_are_attendees(tmp_path: Path):
    rows = [
        ["MEMBERS PRESENT", "CITY PUBLIC SERVICE"],
        ["His Worship Mayor Bowden", "Mr. R. Kent, City Clerk"],
        ["Deputy Speaker Councillor Gray", "Mr. M. Lamb, Deputy City Clerk"],
        ["Councillor Allen", ""],
    ]
    record = parse_file(_docx(tmp_path / "council.docx", rows))
    assert names(record.attendees) == ["Bowden", "Gray", "Allen", "R. Kent", "M. Lamb"]


def _pdf(path: Path, lines: list[tuple[float, float, str]]) -> Path:
    """A one-page PDF with each (x, distance from the top, text) drawn where it says."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    for x, top, text in lines:
        c.drawString(x, A4[1] - top, text)
    c.save()
    return path


def test_pdf_present_label_beside_a_list_wrapped_over_lines(tmp_path: Path):
    path = _pdf(tmp_path / "parish.pdf", [
        (72, 72, "Minutes of the meeting of Vale Parish Council held on Wednesday 23rd January 2013"),
        (72, 100, "PRESENT:"),
        (160, 100, "Cllrs C Eden, G Lane, P Roch, T Bren, B Jones, S Egan, H Blake, K Bard,"),
        (72, 113, "E Bray., R Moss"),
        (72, 126, "District Councillor Linda Hale. Mr N Hunt, the Clerk: Tom Brand"),
        (72, 160, "95. APOLOGIES FOR ABSENCE"),
        (72, 180, "None"),
        (72, 210, "96. CHAIRMAN'S REMARKS"),
        (72, 230, "The chairman reminded members of the code of conduct."),
    ])
    record = parse_file(path)
    assert names(record.attendees) == [
        "C Eden", "G Lane", "P Roch", "T Bren", "B Jones", "S Egan", "H Blake", "K Bard", "E Bray", "R Moss",
        "Linda Hale", "N Hunt", "Tom Brand",
    ]
    assert record.apologies == []
    assert all(p.where is not None and p.where.page == 1 for p in record.attendees)


def test_pdf_present_block_set_out_in_two_columns(tmp_path: Path):
    rows = [("Present:", "Cllr A Fowler (Chair)", "Cllr B Jones"), ("", "Cllr C Brown", "Cllr D Green"),
            ("", "Cllr E White", ""), ("In attendance:", "Mrs F Hale (Clerk)", "2 members of the public"),
            ("Apologies:", "Cllr G Moss", "Cllr H Reed")]
    lines = [(72, 72, "Minutes of the meeting of Vale Parish Council held on 3 May 2023")]
    for n, row in enumerate(rows):
        lines += [(x, 100 + 14 * n, text) for x, text in zip((72, 170, 340), row) if text]
    lines += [(72, 190, "1. Minutes of the last meeting"), (72, 204, "The minutes were approved and signed.")]
    path = _pdf(tmp_path / "columns.pdf", lines)
    record = parse_file(path)
    assert [(p.name, p.role) for p in record.attendees] == [
        ("A Fowler", "Chair"), ("B Jones", None), ("C Brown", None), ("D Green", None), ("E White", None),
        ("F Hale", "Clerk"),
    ]
    assert names(record.apologies) == ["G Moss", "H Reed"]
    assert record.actions == []


def test_an_officer_named_beside_the_list_was_at_the_meeting():
    record = parse_text(
        "Minutes of the meeting of Brackley Green Parish Council held on Wednesday 13th March 2024\n"
        "PRESENT: Cllrs A Lane, B Moss, C Eden.\nJo Reed, 1 elector and the Clerk: Tom Brand\n"
        "107. APOLOGIES FOR ABSENCE\nCllr D Bond.\n"
        "108. HIGHWAYS\nThe clerk was asked to write to the county about the flooded lane.\n"
    )
    clerk = next(p for p in record.attendees if p.name == "Tom Brand")
    assert (clerk.role, clerk.where.rule) == ("Clerk", "people.office")
    assert [a.owners for a in record.actions] == [["Tom Brand"]]


def test_an_office_inside_a_listed_persons_brackets_is_no_one_else():
    record = parse_text("Forum, 4 March 2025\nPresent: Amy Lowe (Eastfield, Chair), Ben Ray (Westgate)\n1. Welcome\n")
    assert names(record.attendees) == ["Amy Lowe", "Ben Ray"]


def test_a_serial_comma_and_before_the_last_name():
    assert names(parse_people("Cllrs P Reeve, E Bray, G O'Neill, and R Lane")) == ["P Reeve", "E Bray", "G O'Neill", "R Lane"]


def test_an_officer_named_mid_sentence_ends_at_the_full_stop():
    record = parse_text(
        "Minutes of the meeting of Brackley Green Parish Council held on Wednesday 14th March 2012\n"
        "PRESENT: Cllrs A Lane, B Moss.\n"
        "In attendance: 4 electors and the Clerk: Tom Brand. District Councillor L Hale joined at 8pm.\n"
        "140. HIGHWAYS\nThe clerk was asked to report the pothole.\n"
    )
    assert "Tom Brand" in names(record.attendees)
    assert [a.owners for a in record.actions] == [["Tom Brand"]]
