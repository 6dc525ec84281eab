"""Items, actions, future meetings, decisions and the header, one rule at a time, on small texts."""
from __future__ import annotations

import datetime as dt

from cme_notes import parse_text
from cme_notes.extract.actions import action_score, due_date
from cme_notes.extract.decisions import is_decision
from cme_notes.extract.items import find_items, title_like
from cme_notes.extract.layout import build_layout
from cme_notes.extract.meetings import meetings_in
from cme_notes.readers.text import read_text


def items_of(text: str, markdown: bool = False):
    return [(h.number, h.title) for h in find_items(build_layout(read_text(text, markdown=markdown)).paras)]


def test_numbered_items_and_aob():
    text = "1. Welcome and introductions\nNotes agreed.\n2. Budget\nDiscussed.\nAOB\nNone."
    assert items_of(text) == [("1", "Welcome and introductions"), ("2", "Budget"), (None, "AOB")]


def test_numbered_points_inside_an_item_are_not_items():
    text = (
        "\t1.\n\tWelcome\nNotes agreed.\n\t2.\n\tJoint position statement\n"
        "1. An agreed, common definition of children missing education for all LAs.\n"
        "2. Press the DfE for a mandate.\n3. A short point\n\t3.\n\tCovid-19 impacts\n"
    )
    assert items_of(text) == [("1", "Welcome"), ("2", "Joint position statement"), ("3", "Covid-19 impacts")]


def test_minute_numbers_and_sub_items():
    text = "25/041 Apologies\nNone.\n25/044 Reports\n25/044.1 Highways\nPotholes.\n25/045 Finance\n"
    assert items_of(text) == [("25/041", "Apologies"), ("25/044", "Reports"), ("25/045", "Finance")]


def test_markdown_numbered_headings():
    assert items_of("## 1. Welcome\ntext\n## 2. Finance\n- 1. not an item\n", markdown=True) == [
        ("1", "Welcome"), ("2", "Finance"),
    ]


def test_a_sentence_is_not_a_title():
    assert not title_like("With the renewed emphasis on off-rolling, the group will press the DfE to review codes for attendance.")
    assert title_like("Ofsted thematic visit – children with SEND not in education")


def test_actions_column_entry_takes_the_action_sentence_of_its_row():
    record = parse_text(
        "Present: Chris Oakley, Mark Stanton (Portsmouth)\n"
        "Item\tActions\n"
        "1. Welcome\t\n"
        "Slow progress on the complaints. Chris to write to the ombudsman by 28th March.\tChris\n",
    )
    (action,) = record.actions
    assert action.description == "Chris to write to the ombudsman by 28th March"
    assert action.owners == ["Chris Oakley"] and action.owners_text == "Chris"
    assert action.item == "1"


def test_action_lines_with_initials_take_the_paragraph_above():
    record = parse_text(
        "Present:\nCllr Jane Sutton (Chair)\nCllr Peter Hale\n\n"
        "25/041 Footpaths\nThe stile is broken. Cllr Sutton will report it to the county.\nAction: JS\n"
        "25/042 Highways\nACTION: Clerk to write to the highways team by 30 June\n",
    )
    first, second = record.actions
    assert (first.item, first.owners, first.description) == ("25/041", ["Jane Sutton"], "Cllr Sutton will report it to the county")
    assert (second.item, second.owners_text, second.description) == ("25/042", "Clerk", "Clerk to write to the highways team by 30 June")


def test_action_score_prefers_a_named_task_to_a_discussion():
    names = {"chris", "owen", "co"}
    assert action_score("Chris to circulate the summary.", names) > action_score("The group discussed the summary.", names)
    assert action_score("Case examples to be drafted.", set()) > action_score("Update: not all members agree.", set())


def test_due_dates_take_the_meetings_year():
    meeting = dt.date(2025, 3, 12)
    assert due_date("members to respond by 28th March", meeting) == dt.date(2025, 3, 28)
    assert due_date("returned to Chris for 22nd May", meeting) == dt.date(2025, 5, 22)
    assert due_date("by 10 January", meeting) == dt.date(2026, 1, 10)
    assert due_date("Chris to circulate", meeting) is None


def test_future_meetings_with_times_and_places():
    found = meetings_in("30 th April 10am; 12 th June 1pm to 3.30pm at Hollin House; 17 th Sept", dt.date(2025, 3, 12))
    assert [(m.date.isoformat(), m.time, m.end_time, m.place) for m in found] == [
        ("2025-04-30", "10:00", None, None),
        ("2025-06-12", "13:00", "15:30", "Hollin House"),
        ("2025-09-17", None, None, None),
    ]


def test_next_meeting_line_in_a_record():
    record = parse_text("Minutes of the Finance Committee held on 6 May 2025\nDate of next meeting: Tuesday 3 June 2025 at 7.30pm, Village Hall.")
    (nxt,) = record.next_meetings
    assert (nxt.date, nxt.time, nxt.place) == (dt.date(2025, 6, 3), "19:30", "Village Hall")


def test_decisions():
    assert is_decision("Notes were agreed as an accurate record.")
    assert is_decision("RESOLVED that the payments be approved.")
    assert is_decision("Agreed: the group will meet quarterly.")
    assert not is_decision("Chris will circulate the paper.")


def test_header_title_date_and_place():
    record = parse_text("Notes of the South Vale Children Missing Education Group\n5th May 2020 via video conference.\nPresent: A Person")
    assert record.title == "South Vale Children Missing Education Group"
    assert record.date == dt.date(2020, 5, 5)
    assert record.place == "video conference"


def test_warnings_say_what_could_not_be_decided():
    record = parse_text("Some notes without a date.\nACTION: JS to call back.")
    assert any("no meeting date" in w for w in record.warnings)
    assert any("no list of people" in w for w in record.warnings)


def test_a_present_list_wrapped_over_lines():
    record = parse_text(
        "Minutes of the Vale Group 3 June 2025\n"
        "Present: Ann Lee (Kent), Jon Hart, Paula\nMartin Evans (Hants), Bryn\nRowlands (Southampton), Chris Oakley.\n"
        "Apologies: None\n1. Welcome\nNotes agreed.\n"
    )
    assert [p.name for p in record.attendees] == ["Ann Lee", "Jon Hart", "Paula Martin Evans", "Bryn Rowlands", "Chris Oakley"]
    assert record.apologies == []
    assert [i.title for i in record.items] == ["Welcome"]


def test_a_name_organisation_role_table_under_present(tmp_path):
    import docx

    import cme_notes

    d = docx.Document()
    d.add_paragraph("Minutes of the Eastfield Schools Forum, 4 March 2025")
    d.add_paragraph("Present:")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Name", "Organisation", "Role"), ("Amy Lowe", "Eastfield Academy", "Chair"), ("Ben Ray", "Westgate School", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Apologies: Cara Dunn (Northgate)")
    path = tmp_path / "forum.docx"
    d.save(path)
    record = cme_notes.parse(path)
    assert [(p.name, p.organisation, p.role) for p in record.attendees] == [
        ("Amy Lowe", "Eastfield Academy", "Chair"), ("Ben Ray", "Westgate School", None),
    ]
    assert [p.name for p in record.apologies] == ["Cara Dunn"]


def test_a_date_in_the_actions_cell_is_the_due_date():
    record = parse_text(
        "Notes of the Vale Group 12 March 2025\nPresent: Chris Oakley, Mark Stanton\n"
        "Item\tActions\n1. Welcome\t\nChris will share the dashboard with the network.\tChris – by 28th March\n",
    )
    (action,) = record.actions
    assert action.owners == ["Chris Oakley"]
    assert action.due == dt.date(2025, 3, 28)
    assert action.owners_text == "Chris – by 28th March"


def test_bullets_under_an_action_items_heading_are_actions():
    record = parse_text(
        "# Platform Steering Committee\n\n**Date:** 2025-02-04\n**Attendees:** Ana Souza, Ben Ito, Carla Diaz\n\n"
        "### 1. Governance\n- Agreed: move to a monthly cadence.\n- Action items:\n"
        "  - [ ] Carla to draft the charter update (due 2025-02-20)\n  - [ ] Ana to email the mailing list\n",
        markdown=True,
    )
    assert [(a.item, a.owners, a.due) for a in record.actions] == [
        ("1", ["Carla Diaz"], dt.date(2025, 2, 20)), ("1", ["Ana Souza"], None),
    ]
    assert [d.text for d in record.decisions] == ["Move to a monthly cadence"]


def test_an_online_meeting_says_so_in_place():
    record = parse_text("ACME Trust – Board of Trustees\nMinutes of the meeting held on 14 October 2024 at 6.30pm, Online (Zoom)\n")
    assert (record.title, record.place) == ("ACME Trust — Board of Trustees", "Online (Zoom)")


def test_two_header_lines_run_together_give_the_groups_name():
    record = parse_text("Northvale Sector-led Improvement Partnership Northvale Children Missing Education Group Meeting\n12th March 2025 Record of meeting\n")
    assert record.title == "Northvale Children Missing Education Group"
