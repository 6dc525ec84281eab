"""Agenda items as minutes of many kinds of body write them: numbered, prefixed, headed, tabled.

Every minute here is fictional: invented people, parishes, societies and projects.
"""
from __future__ import annotations

import docx

from cme_notes import parse, parse_text


def items(text: str, markdown: bool = False) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in parse_text(text, markdown=markdown).items]


def rules(text: str, markdown: bool = False) -> list[str]:
    return [i.where.rule for i in parse_text(text, markdown=markdown).items]


# --- headings carry the items when nothing is numbered ---------------------------------------------

MAKERSPACE = """# Committee Meeting - 2031-04-12

Held at the Larchford Makerspace.

# Minutes

## Members Present

* Present: Orla Penhallow, Ivo Trask, Mina Caddick

## Treasurer's Report

* Operations: $1,020.50

### Expenses for Approval

* Nil

## Correspondence

* Letter from the county arts fund.

## Other Business

* Tool library rota.
"""


def test_markdown_topics_are_the_headings_under_the_minutes_section():
    assert items(MAKERSPACE, markdown=True) == [
        (None, "Treasurer's Report"), (None, "Correspondence"), (None, "Other Business"),
    ]
    assert set(rules(MAKERSPACE, markdown=True)) == {"items.section-heading"}


COMMUNITY_GROUP = """## Agenda for the May call of the Lantern Format Community Group

## Agenda items

1. Opening and roll call
1. Adoption of the agenda
1. Proposals
1. Closure

## Logistics

### Registration

Sign up on the wiki.

## Meeting Notes

### Opening and roll call

#### Introduction of attendees

* Pella Quist
* Rowan Effingham

### Adoption of the agenda

Adopted.

### Proposals

#### Streaming decoder charter

Poll: adopt in a week.

### Closure
"""


def test_meeting_notes_children_are_the_items_not_the_logistics_headings():
    assert items(COMMUNITY_GROUP, markdown=True) == [
        (None, "Opening and roll call"), (None, "Adoption of the agenda"), (None, "Proposals"), (None, "Closure"),
    ]


PLENUM = """## Plenum 2031-06-12 Agenda/Minutes

- Present: Arlo Venn, Suki Marram, Teodor Blay

### 20:30 Finances

- Book-keeping is up to date.

### 20:40 Website

- Supporters page to go live.

### Market Survey

- Walkabout questions drafted.

### 21:30 Close
"""


def test_shallowest_repeated_heading_level_and_time_slots_are_not_part_of_the_title():
    assert items(PLENUM, markdown=True) == [
        (None, "Finances"), (None, "Website"), (None, "Market Survey"), (None, "Close"),
    ]


def test_a_people_heading_is_not_an_item():
    text = "#### Present\nIvo Trask, Mina Caddick\n#### Bunting\nOrdered.\n#### Summer Fete\nBooked.\n#### Socials\nQuiz night.\n"
    assert [t for _, t in items(text, markdown=True)] == ["Bunting", "Summer Fete", "Socials"]


def test_word_heading_styles_carry_the_items(tmp_path):
    d = docx.Document()
    d.add_heading("Thornbury Allotment Society", level=0)
    d.add_paragraph("Minutes of the committee meeting, 3 March 2031")
    for topic, note in (("Water Troughs", "Two troughs leak."), ("Plot Inspections", "Held in April."),
                        ("Compost Bays", "Rebuilt by volunteers.")):
        d.add_heading(topic, level=1)
        d.add_heading("Discussion", level=2)
        d.add_paragraph(note)
    path = tmp_path / "allotments.docx"
    d.save(path)
    record = parse(path)
    assert [(i.number, i.title) for i in record.items] == [
        (None, "Water Troughs"), (None, "Plot Inspections"), (None, "Compost Bays"),
    ]
    assert record.items[0].where.rule == "items.section-heading"


def test_numbered_items_win_over_headings():
    text = "# Minutes\n## 1. Welcome\nHello.\n## 2. Budget\nAgreed.\n## 3. Close\n"
    assert items(text, markdown=True) == [("1", "Welcome"), ("2", "Budget"), ("3", "Close")]


# --- minute references and their numbers -------------------------------------------------------------

def test_minute_references_with_a_meeting_prefix_are_top_level_items_kept_as_written():
    text = (
        "24.03.1 Apologies\nNone received.\n24.03.2 Minutes of the last meeting\nApproved.\n"
        "24.03.3 Finance\n1. Bank balance noted.\n2. Grant received.\n24.03.4 Highways\nPotholes on Mill Lane.\n"
    )
    assert items(text) == [
        ("24.03.1", "Apologies"), ("24.03.2", "Minutes of the last meeting"), ("24.03.3", "Finance"), ("24.03.4", "Highways"),
    ]


def test_a_committee_prefix_before_the_minute_number_is_kept():
    text = "QW 12/3031 Welcome\nAll welcomed.\nQW 13/3031 Declarations of interest\nNone.\nQW 14/3031 Safeguarding\nNoted.\n"
    assert items(text) == [("QW 12/3031", "Welcome"), ("QW 13/3031", "Declarations of interest"), ("QW 14/3031", "Safeguarding")]


def test_minute_numbers_continue_from_the_last_meeting_with_a_gap():
    text = "Minute 95 Apologies\nNone.\nMinute 96 Planning\nNo objection.\nMinute 99 Finance\nPaid.\n"
    assert items(text) == [("95", "Apologies"), ("96", "Planning"), ("99", "Finance")]


def test_sub_items_are_items_only_when_they_are_the_only_numbering():
    assert items("4.1 Trees\nFelled.\n4.2 Benches\nPainted.\n4.3 Signs\nOrdered.\n") == [
        ("4.1", "Trees"), ("4.2", "Benches"), ("4.3", "Signs"),
    ]
    text = "1. Welcome\nHi.\n2. Estates\n2.1 Trees\n2.2 Benches\n2.3 Signs\n2.4 Gates\n2.5 Paths\n3. Close\n"
    assert items(text) == [("1", "Welcome"), ("2", "Estates"), ("3", "Close")]


def test_numbers_outside_the_run_of_items_are_not_items():
    text = (
        "1. Call to order\nOpened at 10:30.\n2. Roll call\nFive directors present.\n"
        "3. Reports\n50 talks proposed, half expected to be accepted.\n"
        "* 14 Committers (no additions since last report)\n4. Adjournment\n"
    )
    assert items(text) == [("1", "Call to order"), ("2", "Roll call"), ("3", "Reports"), ("4", "Adjournment")]


def test_a_date_or_a_time_at_the_start_of_a_line_is_not_an_item_number():
    text = (
        "Ashcombe Parish Council\n14 March 2031 at 7pm\n1. Apologies\nNone.\n2. Planning\n"
        "19:05 Councillors returned.\n12 December 2031 was set for the precept meeting.\n3. Close\n"
    )
    assert items(text) == [("1", "Apologies"), ("2", "Planning"), ("3", "Close")]


def test_a_declarations_item_is_not_mistaken_for_a_date():
    text = "17. Apologies\nNone.\n18. Declarations of Interest\nNone.\n19. Dec 2031 budget\nSet.\n"
    assert [n for n, _ in items(text)] == ["17", "18", "19"]


# --- an agenda list and the minutes are one set of items ---------------------------------------------

def test_an_agenda_list_then_numbered_minutes_are_one_set_with_the_agendas_titles():
    text = (
        "Agenda\n1) Confirm quorum\n2) Secretary\n3) Lighting rig\n4) Next meeting\n\n"
        "1) Quorum was confirmed.\n2) Secretary was Nell Ambrose\n3) Lighting rig\nThe new rig is on order.\n"
        "4) Next meeting\nIn May.\n"
    )
    record = parse_text(text)
    assert [(i.number, i.title) for i in record.items] == [
        ("1", "Confirm quorum"), ("2", "Secretary"), ("3", "Lighting rig"), ("4", "Next meeting"),
    ]
    assert record.items[0].where.rule == "items.agenda-title"


def test_the_agenda_for_the_next_meeting_after_the_minutes_is_not_the_items():
    text = (
        "1. Staffing: the head gave an update on staff changes.\n2. Garden: the outdoor area was cleared.\n"
        "3. Newsletter: thanks were given for the newsletters.\n4. Hoodies: ordered and paid for.\n"
        "Agenda for next meeting:\n1. Fundraising\n2. Lottery licence\n"
    )
    assert items(text) == [("1", "Staffing"), ("2", "Garden"), ("3", "Newsletter"), ("4", "Hoodies")]


def test_a_numbered_paragraph_gives_its_lead_as_the_title():
    text = (
        "1. Welcome by the Chair: Dr Quill welcomed the trustees.\n2. Apologies for absence: Ada Brisk.\n"
        "3. Minutes of the last meeting held on 9th August 2031. Two corrections were made.\n"
        "4. Finance Report: a balance of £1,500 was reported.\n"
    )
    assert items(text) == [
        ("1", "Welcome by the Chair"), ("2", "Apologies for absence"),
        ("3", "Minutes of the last meeting held on 9th August 2031"), ("4", "Finance Report"),
    ]
    assert rules(text)[0] == "items.lead"


# --- council cabinets: "(Item N)" under the title ------------------------------------------------------

def test_an_item_line_numbers_the_unnumbered_title_above_it():
    text = (
        "Apologies and Substitutes\n(Item 1)\nApologies were received from Mr Fenwick.\n"
        "Chairman's Announcements\n(Item 2)\nThere were none.\n"
        "Participation Team Update\n(Item 3)\n(1) The team presented.\n(2) Following questions, it was noted that\n"
    )
    assert items(text) == [("1", "Apologies and Substitutes"), ("2", "Chairman's Announcements"), ("3", "Participation Team Update")]
    assert set(rules(text)) == {"items.item-ref"}


def test_a_minute_number_wins_over_the_agenda_item_line_below_it():
    text = "76. Apologies\n(Item 1)\nNone.\n77. Declarations of Interest\n(Item 2)\nNone.\n78. Risk Register\n(Item 3)\nNoted.\n"
    assert items(text) == [("76", "Apologies"), ("77", "Declarations of Interest"), ("78", "Risk Register")]


# --- items in tables ------------------------------------------------------------------------------------

def test_committee_report_tables_numbered_from_one_have_the_reports_as_items(tmp_path):
    d = docx.Document()
    d.add_paragraph("DISPOSITION OF ITEMS")
    for title, rows in (("REPORT OF THE FINANCE COMMITTEE dated May 2, 2031", ["Loan guarantee", "Audit plan"]),
                        ("REPORT OF THE WORKS COMMITTEE dated May 4, 2031", ["Bridge repairs", "Lane closures", "Depot"])):
        table = d.add_table(rows=len(rows) + 1, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 2))
        merged.text = title
        for r, subject in enumerate(rows, start=1):
            table.cell(r, 0).text = str(r)
            table.cell(r, 1).text = subject
            table.cell(r, 2).text = "ADOPTED"
    path = tmp_path / "disposition.docx"
    d.save(path)
    record = parse(path)
    assert [(i.number, i.title) for i in record.items] == [
        (None, "REPORT OF THE FINANCE COMMITTEE dated May 2, 2031"), (None, "REPORT OF THE WORKS COMMITTEE dated May 4, 2031"),
    ]
    assert record.items[0].where.rule == "items.table-title" and record.items[0].where.table is not None


def test_an_item_notes_action_table_with_prefixed_minute_numbers(tmp_path):
    d = docx.Document()
    table = d.add_table(rows=4, cols=3)
    for c, head in enumerate(("Item", "Notes", "Action")):
        table.cell(0, c).text = head
    for r, (ref, title) in enumerate((("QW 20/3031", "Welcome"), ("QW 21/3031", "Declaration of interests"),
                                       ("QW 22/3031", "Wellbeing")), start=1):
        table.cell(r, 0).text = ref
        table.cell(r, 1).text = title
        table.cell(r, 2).text = "All"
    path = tmp_path / "governors.docx"
    d.save(path)
    assert [(i.number, i.title) for i in parse(path).items] == [
        ("QW 20/3031", "Welcome"), ("QW 21/3031", "Declaration of interests"), ("QW 22/3031", "Wellbeing"),
    ]


def test_a_wider_gap_in_the_minute_numbers_does_not_end_the_items():
    text = ("83. APOLOGIES\nNone.\n84. PLANNING\nNo objection.\n85. MINUTES\nSigned.\n"
            "96. FINANCE\nPaid.\n97. CORRESPONDENCE\nFiled.\n")
    assert [n for n, _ in items(text)] == ["83", "84", "85", "96", "97"]


def test_two_items_given_the_same_number_are_both_kept():
    text = "132. ELECTION OF CHAIR\nCllr Ward.\n133. ACCEPTANCE OF OFFICE\nSigned.\n133. APOLOGIES\nNone.\n134. PLANNING\nNone.\n"
    assert items(text) == [("132", "ELECTION OF CHAIR"), ("133", "ACCEPTANCE OF OFFICE"), ("133", "APOLOGIES"), ("134", "PLANNING")]


def test_the_agenda_number_printed_before_a_minute_title_is_not_part_of_the_title():
    text = "42. (Agenda 1) APOLOGIES FOR ABSENCE\nNone.\n43. (Agenda 2) PLANNING\nNone.\n44. (Agenda 3) FINANCE\nPaid.\n"
    assert items(text) == [("42", "APOLOGIES FOR ABSENCE"), ("43", "PLANNING"), ("44", "FINANCE")]


# --- bold or capitalised lines when nothing is numbered or headed ---------------------------------------

def _pdf(path, lines: list[tuple[str, str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 72
    for font, text in lines:
        c.setFont(font, 11)
        c.drawString(72, y, text)
        y -= 40  # a blank line between paragraphs
    c.save()


def test_bold_lines_in_a_pdf_carry_the_items(tmp_path):
    bold, plain = "Helvetica-Bold", "Helvetica"
    path = tmp_path / "panel.pdf"
    _pdf(path, [
        (bold, "YOUTH PANEL - 4th June 2031"), (bold, "MINUTES of the meeting held in the Orchard Room"),
        (plain, "PRESENT: Mrs H Quayle (Chair), Mr T Ambler, Ms R Sefton"),
        (bold, "Apologies and Substitutes"), (plain, "Apologies were received from Mr Dunmore."),
        (bold, "Participation Team Update"), (plain, "The team described the summer programme."),
        (bold, "RESOLVED"), (plain, "that the update be noted."),
        (bold, "Work Programme"), (plain, "The panel noted its work programme."),
    ])
    record = parse(path)
    assert [(i.number, i.title) for i in record.items] == [
        (None, "Apologies and Substitutes"), (None, "Participation Team Update"), (None, "Work Programme"),
    ]
    assert {i.where.rule for i in record.items} == {"items.styled-heading"}


def test_capitalised_lines_carry_the_items_but_not_repeated_report_parts():
    text = (
        "Brackenford Cricket Club committee\nPresent: Nia Holt, Joss Farrant\n"
        "GROUND\nThe roller is repaired.\nFIXTURES\nTwo friendlies added.\nBAR\nNew supplier.\n"
    )
    assert items(text) == [(None, "GROUND"), (None, "FIXTURES"), (None, "BAR")]
    reports = "Board report\nAlpha project\nISSUES\nNone.\nRELEASES\nOne.\nBeta project\nISSUES\nTwo.\nRELEASES\nNone.\n"
    assert items(reports) == []


def test_lettered_sections_are_items_only_when_nothing_is_numbered():
    text = "A. Lighting\nNew lamps.\nB. Heating\nBoiler serviced.\nC. Roof\nTiles replaced.\n"
    assert items(text) == [("A", "Lighting"), ("B", "Heating"), ("C", "Roof")]
    text = "1. Welcome\nHi.\n2. Reports\nA. Lighting project\nB. Heating project\nC. Roof project\n3. Close\n"
    assert items(text) == [("1", "Welcome"), ("2", "Reports"), ("3", "Close")]


def test_a_time_slot_after_the_item_number_is_not_part_of_the_title():
    assert items("1. 19:05 Welcome\nHi.\n2. 19:10-19:40 Budget\nSet.\n3. 19:45 Close\n") == [
        ("1", "Welcome"), ("2", "Budget"), ("3", "Close"),
    ]


def test_a_numbered_agenda_then_a_heading_per_topic_is_one_set_of_items():
    text = (
        "# Tenants' Forum\n## Agenda\n1. Welcome\n2. Repairs backlog\n3. Garden project\n"
        "## Welcome\nEveryone was welcomed.\n## Repairs backlog\nForty jobs are open.\n"
        "## Garden project\nPlanting starts in May.\n"
    )
    record = parse_text(text, markdown=True)
    assert [(i.number, i.title) for i in record.items] == [("1", "Welcome"), ("2", "Repairs backlog"), ("3", "Garden project")]
    assert record.items[1].where.line == 8


def test_minute_number_words_and_a_dash_before_the_title():
    text = "Min. No. 95 Apologies\nNone.\nMinute No. 96 – Planning\nNo objection.\nItem 97 - Finance\nPaid.\n"
    assert items(text) == [("95", "Apologies"), ("96", "Planning"), ("97", "Finance")]
