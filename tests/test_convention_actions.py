"""How minutes say who is to do what: each convention on a small fictional meeting."""
from __future__ import annotations

import datetime as dt

from docx import Document as Docx

import cme_notes
from cme_notes import parse_text


def actions_of(meeting):
    return [(a.description, a.owners) for a in meeting.actions]


def test_action_word_then_the_owner_and_task():
    text = (
        "**Present:** Priya Shah, Tom Ellis, Bruno\n\n#### Summer fair\n\nWe discussed stalls.\n\n"
        "**Action** Priya to book the hall\n\n**Action** Bruno is to order bunting\n\n"
        "**Action** Tech Team to set up the card reader\n"
    )
    meeting = parse_text(text, markdown=True)
    assert actions_of(meeting) == [
        ("Priya to book the hall", ["Priya Shah"]),
        ("Bruno is to order bunting", ["Bruno"]),
        ("Tech Team to set up the card reader", ["Tech Team"]),
    ]
    assert {a.where.rule for a in meeting.actions} == {"actions.label"}


def test_markdown_escapes_are_not_part_of_an_owner():
    meeting = parse_text("**Present:** Fizz\\_bot, Ann Lee\n\nAction Fizz\\_bot to archive the channel\n", markdown=True)
    assert meeting.actions[0].owners_text == "Fizz_bot"


def test_action_label_inside_a_numbered_paragraph_keeps_each_owner_apart():
    text = (
        "Present: Katie Lowe (KL), Mandy Wren (MW), Mel Kerr (MK)\n"
        "1. Book scheme: Needs promoting. Action: MW to take photo in shop. KL has press release ready.\n"
        "2. Swap shop: Popular. Action: Discuss at next meeting. MK to ask the church. (DONE)\n"
        "3. Garden: Action: MW to buy seeds. MK to water the beds.\n"
    )
    meeting = parse_text(text)
    assert actions_of(meeting) == [
        ("MW to take photo in shop", ["Mandy Wren"]),
        ("Discuss at next meeting. MK to ask the church", ["Mel Kerr"]),
        ("MW to buy seeds", ["Mandy Wren"]),
        ("MK to water the beds", ["Mel Kerr"]),
    ]


def test_ai_brackets_and_at_names():
    text = (
        "Attendees:\n\n* Ben Fox\n* Jo Fern\n\n## Notes\n\n"
        "Ben: what about a broader standard?\n\n"
        "AI(Ben, Jo): create a meeting page for the summit.\n\n"
        "@Jo: Follow up with the venue about access\n"
    )
    meeting = parse_text(text, markdown=True)
    assert actions_of(meeting) == [
        ("create a meeting page for the summit", ["Ben Fox", "Jo Fern"]),
        ("Follow up with the venue about access", ["Jo Fern"]),
    ]
    assert [a.where.rule for a in meeting.actions] == ["actions.ai", "actions.at"]


def test_bullets_led_by_owners_and_a_colon():
    text = (
        "- Present: Luther, Soares, Roland, Hazel\n\n### 20:30 Finances\n\n**Resolved**\n\n"
        "- Luther: Introduce Soares to the bookkeeper, by June 26\n"
        "- Luther/Hazel: Sort out questions for visitors tomorrow.\n"
        "- Chair: Roland\n"
        "- (none)\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [(a.owners, a.due) for a in meeting.actions] == [
        (["Luther"], None if meeting.date is None else dt.date(meeting.date.year, 6, 26)),
        (["Luther", "Hazel"], None),
    ]
    assert "Present" not in str(meeting.actions)


def test_bullets_ending_in_the_owner_under_a_tasks_heading():
    text = (
        "Present: Joanna Oak, Sam Cole, Ceri Grey\n"
        "In today's meeting we have:\n"
        "- Linked the pages together – Joanna.\n"
        "Tasks to do:\n"
        "- Complete the Gantt chart, merge the CSS – Joanna.\n"
        "- Continue with the dashboard page – Sam & Ceri.\n"
        "- Write a paragraph on peer review – everyone writes their own.\n"
    )
    meeting = parse_text(text)
    assert actions_of(meeting) == [
        ("Complete the Gantt chart, merge the CSS", ["Joanna Oak"]),
        ("Continue with the dashboard page", ["Sam Cole", "Ceri Grey"]),
        ("Write a paragraph on peer review – everyone writes their own", ["all"]),
    ]
    assert all(a.where.rule == "actions.owner-last" for a in meeting.actions)


def test_task_then_colon_and_owner_under_plan_for_next_week():
    text = (
        "Present: Ayesha Khan, Naqib Rahman\n"
        "Plan for Next Week:\n"
        "Begin week 6 tasks which are as follows:\n"
        "LOGIN PAGE:\n"
        "- Code JS to gather input details: Khan\n"
        "- Code PHP to compare login data: Naqib\n"
        "These tasks will carry over onto week 7.\n"
    )
    meeting = parse_text(text)
    assert actions_of(meeting) == [
        ("Code JS to gather input details", ["Ayesha Khan"]),
        ("Code PHP to compare login data", ["Naqib Rahman"]),
    ]


def test_a_table_of_one_persons_tasks_with_hours(tmp_path):
    doc = Docx()
    doc.add_paragraph("Meeting date: 14/11/2017")
    for who, tasks in (("Connor tasks:", ["Work on the editor", "Fix the Android build"]), ("Jamie tasks", ["Create UI assets"])):
        table = doc.add_table(rows=0, cols=2)
        for left, right in [(who, "Hours"), *[(t, "2h") for t in tasks]]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = left, right
    path = tmp_path / "team.docx"
    doc.save(path)
    meeting = cme_notes.parse(path)
    assert [(a.description, a.owners, a.due) for a in meeting.actions] == [
        ("Work on the editor", ["Connor"], None),
        ("Fix the Android build", ["Connor"], None),
        ("Create UI assets", ["Jamie"], None),
    ]
    assert meeting.actions[0].where.rule == "actions.person-table"


def test_action_items_tables_new_and_reviewed():
    text = (
        "* Present:\n  * Lewis Young\n  * Fern Boyd\n\n"
        "### Review Previous Meeting's Action Items\n\n"
        "| Action Items | Who | Status |\n| --- | --- | --- |\n| Send the rules to the registrar | Lewis | Done |\n\n"
        "## General business\n\nNothing else.\n\n#### Action items\n\n"
        "| Action Items | Who |\n| --- | --- |\n| Contact the comic fair organisers | Fern |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert actions_of(meeting) == [("Contact the comic fair organisers", ["Fern Boyd"])]
    assert [(a.description, a.owners, a.status) for a in meeting.previous_actions] == [
        ("Send the rules to the registrar", ["Lewis Young"], "done")
    ]


def test_review_of_outstanding_action_items_with_status_lines():
    text = (
        " 1. Roll Call\n    Directors Present:\n      Brett Pike\n      Greg Stone\n"
        " 2. Committee Reports\n    @Brett: Request a better report for next month\n"
        " 3. Review Outstanding Action Items\n"
        "    * Greg: Any info about the community?\n          Status: COMPLETE\n"
        "    * Brett: Remind PMCs to report on dates\n          Status: still to reach out\n"
        " 4. Adjournment\n"
    )
    meeting = parse_text(text)
    assert [a.description for a in meeting.actions] == ["Request a better report for next month"]
    assert [(a.owners_text, a.status, a.status_text) for a in meeting.previous_actions] == [
        ("Greg", "done", "COMPLETE"), ("Brett", "open", "still to reach out"),
    ]


def test_plain_sentences_giving_a_person_of_the_meeting_a_task():
    text = (
        "Present: Priya Shah, Ken Moss, Nick Avery, Ali Hart (AH), Cllr Dan Blake\n"
        "1. Village hall\n"
        "Priya to book the hall by 3 March. Ken has already sent the invoice.\n"
        "Nick proposed a rota, with an agreement with Ken and Nick to share the work.\n"
        "Patrick Swan will start in the summer term.\n"
        "2. Plans\n"
        "Ali would send copies of the plans to all Trustees and AH would collate any comments.\n"
        "The clerk agreed to put a notice up. Cllr Blake to attend the liaison meeting.\n"
    )
    meeting = parse_text(text)
    got = [(a.item, a.description, a.owners, a.due) for a in meeting.actions]
    year = meeting.date.year if meeting.date else None
    assert got[0] == ("1", "Priya to book the hall by 3 March", ["Priya Shah"], dt.date(year, 3, 3) if year else got[0][3])
    assert [(i, o) for i, _, o, _ in got[1:]] == [("2", ["Ali Hart"]), ("2", ["Ali Hart"]), ("2", ["clerk"]), ("2", ["Dan Blake"])]
    assert got[1][1] == "Ali would send copies of the plans to all Trustees"
    assert got[2][1] == "AH would collate any comments"
    assert all(a.where.rule == "actions.sentence" for a in meeting.actions)


def test_a_sentence_wrapped_over_lines_is_read_whole():
    text = (
        "Attendees: Nick Avery, Jeff Lo\n\n1) Documentation\n\nAgreement that the docs need a revamp. Nick to\n"
        "create a ticket listing the tools missing documentation.\n\n2) Close\n"
    )
    meeting = parse_text(text, markdown=True)
    assert actions_of(meeting) == [("Nick to create a ticket listing the tools missing documentation", ["Nick Avery"])]


def test_minutes_that_label_their_actions_add_only_firm_sentences():
    text = (
        "Present: Mel Kerr (MK), Toby Fay (TF)\n"
        "1. Website: TF will tidy the menus. Action: MK to buy the domain name.\n"
        "2. Garden: The school joined the project – TF to send an update in the newsletter.\n"
    )
    meeting = parse_text(text)
    assert actions_of(meeting) == [
        ("MK to buy the domain name", ["Mel Kerr"]),
        ("The school joined the project – TF to send an update in the newsletter", ["Toby Fay"]),
    ]


def test_a_status_column_beside_motions_names_no_owner():
    text = (
        "* Present:\n  * Fern Boyd\n  * Beau Lim\n\n## Motions\n\n"
        "| Motion Text | Moved by | Seconded by | Status |\n| --- | --- | --- | --- |\n"
        "| Accept previous meeting's minutes | Fern | Beau | Passed |\n"
    )
    assert parse_text(text, markdown=True).actions == []


def test_a_resolution_directing_a_body():
    text = "Present: Mayor Ann Hill\n1. Motions\nThat the Public Works Department be directed to report back on the pathway.\n"
    meeting = parse_text(text)
    assert actions_of(meeting) == [
        ("That the Public Works Department be directed to report back on the pathway", ["Public Works Department"])
    ]


def test_action_who_when_table_with_a_due_date():
    text = (
        "**Present:** Priya Shah, Tom Ellis\n\n## 1. Fete\n\nPlans were discussed.\n\n"
        "| Action | Who | When |\n| --- | --- | --- |\n| Book the marquee | Tom | 3 March 2025 |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [(a.description, a.owners, a.due) for a in meeting.actions] == [
        ("Book the marquee", ["Tom Ellis"], dt.date(2025, 3, 3))
    ]
    assert meeting.actions[0].where.rule == "actions.table"


def test_to_as_a_preposition_after_a_name_is_no_task():
    text = (
        "Present: Cllr Ann Smith, Cllr Bob Jones\n1. Correspondence\n"
        "A letter from Cllr Smith to the residents was read. Cllr Jones to the planning committee: no comment.\n"
    )
    assert parse_text(text).actions == []


def test_the_whole_body_as_owner_only_with_a_firm_task():
    text = (
        "Present: Cllr Jo Smith (Chairman), Cllr Amir Patel\n1. Finance\n"
        "Members will recall the audit. All councillors to review the draft plan. Governors to complete the skills audit.\n"
    )
    assert actions_of(parse_text(text)) == [
        ("All councillors to review the draft plan", ["all"]),
        ("Governors to complete the skills audit", ["all"]),
    ]


def test_owner_led_bullets_reporting_work_or_figures_are_no_tasks():
    text = (
        "Present: Cllr Jo Smith (Chairman), Cllr Amir Patel, Cllr Rob Brown, Lee Green (Treasurer)\n1. Reports\n"
        "- Treasurer: £1,234 in the bank\n- Cllr Patel: reported the verge was cut\n"
        "- Cllr Brown: Obtain a quote for the bench\n"
    )
    assert actions_of(parse_text(text)) == [("Cllr Brown: Obtain a quote for the bench", ["Rob Brown"])]


def test_the_one_asked_to_do_something_owns_it():
    text = (
        "Present: Cllr Jo Smith (Chairman), Nina Shah (Governance Manager)\n1. Closure\n"
        "The Board asked the Governance Manager to inform them of the closing date. "
        "Cllr Smith invited Members to visit the centres.\n"
    )
    assert actions_of(parse_text(text)) == [
        ("The Board asked the Governance Manager to inform them of the closing date", ["Nina Shah"])
    ]


def test_names_beside_payments_are_no_actions(tmp_path):
    doc = Docx()
    doc.add_paragraph("Present: Cllr Jo Smith (Chairman), Cllr Amir Patel")
    doc.add_paragraph("1. Payments")
    table = doc.add_table(rows=0, cols=2)
    for left, right in (("12-07-17 Other Payments", "BACS"), ("Street lighting maintenance", "Cllr Patel"),
                        ("The general fund is the cash less earmarked reserves", "General Fund"),
                        ("Quarry liaison", "Nothing to note"), ("Cllr Patel to report the broken lamp", "AP")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right
    path = tmp_path / "payments.docx"
    doc.save(path)
    assert actions_of(cme_notes.parse(path)) == [("Cllr Patel to report the broken lamp", ["Amir Patel"])]


def test_asked_in_the_passive_and_people_met_with():
    text = (
        "Present: Cllr Barry Simms, Cllr Ann Hale\nIn attendance: Amanda Glen (Clerk)\n1. Fencing\n"
        "The Clerk was asked to arrange a meeting with Beatrice Ramsey and Cllr Simms to discuss the fencing.\n"
    )
    meeting = parse_text(text)
    assert [a.owners for a in meeting.actions] == [["Amanda Glen"]]


def test_an_action_log_with_timescales_and_where_each_was_raised():
    text = (
        "**Present:** Priya Shah, Tom Ellis\n\n## 1. Matters arising\n\n"
        "| Date raised | Action | Action owner | Timescale | Status |\n| --- | --- | --- | --- | --- |\n"
        "| 12 Jan 2025 | Renew the insurance | Tom | 3 March 2025 | Ongoing |\n\n"
        "## 2. Fete\n\n| Action point | Responsibility | Completion date |\n| --- | --- | --- |\n"
        "| Book the marquee | Priya | 4 April 2025 |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [(a.description, a.owners, a.due) for a in meeting.actions] == [
        ("Book the marquee", ["Priya Shah"], dt.date(2025, 4, 4))
    ]
    [old] = meeting.previous_actions
    assert (old.description, old.owners, old.status, old.status_text, old.raised) == (
        "Renew the insurance", ["Tom Ellis"], "open", "Ongoing", "12 Jan 2025")


def test_an_action_table_under_a_review_of_last_meetings_actions():
    text = (
        "**Present:** Priya Shah, Tom Ellis\n\n## Actions from the last meeting\n\n"
        "| Action | Who |\n| --- | --- |\n| Renew the insurance | Tom |\n\n"
        "## Fete\n\n| Action | Who |\n| --- | --- |\n| Book the marquee | Priya |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert [a.description for a in meeting.actions] == ["Book the marquee"]
    assert [a.description for a in meeting.previous_actions] == ["Renew the insurance"]


def test_people_to_attend_a_meeting_set_in_the_sentence_before():
    text = (
        "Present: Cllr Gail Lowe, Cllr Ron Moss\n1. Quarry\n"
        "Liaison meeting set for 14:00 on 4th February 2013. Cllrs Lowe and Moss to attend.\n"
    )
    [action] = parse_text(text).actions
    assert action.description == "Liaison meeting set for 14:00 on 4th February 2013. Cllrs Lowe and Moss to attend"
    assert (action.owners, action.due) == (["Gail Lowe", "Ron Moss"], dt.date(2013, 2, 4))


def test_plain_lines_under_an_actions_label_and_action_required():
    text = (
        "Present: Jo Smith (JS), Mark Bell (MB)\n1. Fete\nThe fete was discussed at length.\n"
        "Actions agreed:\nJS: send the minutes to the school\nBook the hall for June – MB\n"
        "2. Hall\nThe roof leaks. Action required: MB to call the roofer.\n"
    )
    assert actions_of(parse_text(text)) == [
        ("JS: send the minutes to the school", ["Jo Smith"]),
        ("Book the hall for June", ["Mark Bell"]),
        ("MB to call the roofer", ["Mark Bell"]),
    ]


def test_an_action_table_whose_header_is_a_line_above_it(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "governors.pdf"
    c = canvas.Canvas(str(path))
    y = 780
    for line in ("Oakridge Primary School Learning Committee, 7 March 2022",
                 "Present: Paul Evans (Chair), Heather Price, Peter Oliver (Clerk)",
                 "ACTIONS TO BE TAKEN"):
        c.drawString(72, y, line)
        y -= 18
    for x, label in ((72, "ITEM"), (362, "BY WHOM"), (492, "BY WHEN")):
        c.drawString(x, y, label)
    y -= 8
    rows = (("51/2122", "Minutes to website", "Heather Price/Clerk", "asap"),
            ("58/2122", "Publicise the wellbeing policy to all staff", "Heather Price", "asap"))
    widths = ((72, 60), (132, 230), (362, 130), (492, 60))
    for n, row in enumerate(rows):
        top = y - 20 * (n + 1)
        for (x, w), text in zip(widths, row):
            c.rect(x, top, w, 20)
            c.drawString(x + 4, top + 6, text)
    c.showPage()
    c.save()
    meeting = cme_notes.parse(path)
    assert [(a.item, a.description, a.owners_text, a.owners[0]) for a in meeting.actions] == [
        ("51/2122", "Minutes to website", "Heather Price/Clerk", "Heather Price"),
        ("58/2122", "Publicise the wellbeing policy to all staff", "Heather Price", "Heather Price"),
    ]
    assert {a.where.rule for a in meeting.actions} == {"actions.table"}


def test_the_clause_with_the_task_is_its_description():
    text = (
        "Present: Cllr Ann Hale\nIn attendance: Tom Bright (Clerk)\n1. Greens\n"
        "The pathway at the green had been cleared but sods of earth were left behind; the clerk to chase the contractor.\n"
    )
    assert actions_of(parse_text(text)) == [("the clerk to chase the contractor", ["Tom Bright"])]


def test_an_update_column_outside_an_action_log_stays_text():
    text = (
        "**Present:** Priya Shah, Tom Ellis\n\n## 1. Reports\n\n"
        "| Item | Update |\n| --- | --- |\n| Hall | Priya to book the hall for the fete |\n"
    )
    meeting = parse_text(text, markdown=True)
    assert actions_of(meeting) == [("Priya to book the hall for the fete", ["Priya Shah"])]
    assert meeting.previous_actions == []


def test_the_meeting_an_owner_reports_back_to_is_the_due_date():
    record = parse_text(
        "Eastfield Allotments Committee, 4 February 2025\nPresent: Tom Reed, Ann Fowler\n"
        "1. Water supply\nTom to report back to the 12 March 2025 meeting on the cost of new troughs.\n"
    )
    assert [(a.owners, a.due) for a in record.actions] == [(["Tom Reed"], dt.date(2025, 3, 12))]


def test_a_task_reported_on_under_an_earlier_minute_is_a_previous_action():
    record = parse_text(
        "Brackley Green Parish Council, 14 May 2008\nPresent: Cllrs A Lane, P Reeve, B Moss\n"
        "140. MATTERS ARISING\n(Minute 121.1) Cllr Reeve will speak to the owner of the land by the lane.\n"
        "141. PLAY AREA\nCllr Moss to inspect the swings before the summer.\n"
    )
    assert [a.owners for a in record.actions] == [["B Moss"]]
    assert [a.owners for a in record.previous_actions] == [["P Reeve"]]
