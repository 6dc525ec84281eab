"""Meeting date, group name, place and next meetings, the ways real minutes write them.

Every set of minutes here is fictional: made-up councils, societies and people.
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import cme_notes
from cme_notes.readers import read, read_string


def parse(text: str, markdown: bool = False):
    return cme_notes.parse_text(text, markdown=markdown)


def next_dates(meeting) -> list[tuple[str, str | None]]:
    return [(m.date.isoformat(), m.time) for m in meeting.next_meetings]


# --------------------------------------------------------------------------- the meeting's own date


def test_a_date_line_after_the_people_list_is_the_meeting_date():
    meeting = parse(
        "Minutes week 4\n"
        "Participants: Aled Price, Nia Rowe, Tomas Hale.\n"
        "Apologies from Bryn Ellis for absence.\n"
        "Date: Thursday, 27/04/2023, 11 - 11.30am.\n"
        "What we discussed:\n"
    )
    assert meeting.date == dt.date(2023, 4, 27)
    assert meeting.where["date"].rule == "date.label"


def test_the_date_labelled_as_the_meeting_s_wins_over_an_agenda_date_before_it():
    meeting = parse(
        "Fernbrook Allotment Society\n"
        "Agenda circulated 1 March 2024\n"
        "Meeting date: 8 March 2024 | Room: Pavilion\n"
        "Present: Ruth Abbot, Colin Marsh\n"
    )
    assert meeting.date == dt.date(2024, 3, 8)


def test_a_date_in_prose_under_a_date_time_and_location_heading():
    meeting = parse(
        "# Minutes of the 5th meeting of the Lantern Foundation, Q4 2016\n\n"
        "## Summary\n\nThe board met and agreed the budget.\n\n"
        "## Date, Time and Location\n\n"
        "The meeting took place virtually at 6:00pm\n"
        "(local time) on Wednesday, November 30, 2016.\n",
        markdown=True,
    )
    assert meeting.date == dt.date(2016, 11, 30)


def test_a_heading_date_broken_over_two_lines_stays_one_date():
    meeting = parse(
        "Minutes of the meeting of Oakridge Parish Council held on Wednesday 9th May\n"
        "2012 at 7.30pm in Oakridge Village Hall\n"
        "PRESENT: Cllrs A Dunn, B Frost\n"
    )
    assert meeting.date == dt.date(2012, 5, 9)
    assert meeting.place == "Oakridge Village Hall"


def test_a_prose_heading_date_with_a_raised_ordinal_in_capitals():
    meeting = parse("MINUTES OF THE MEETING HELD ON WEDNESDAY 23rd JANUARY 2013\nPresent: Cllr J Moss\n")
    assert meeting.date == dt.date(2013, 1, 23)


def test_us_style_month_first_date_in_a_header():
    meeting = parse("City of Marlow Council\nWEDNESDAY, SEPTEMBER 30, 2015\nMEMBERS PRESENT\n")
    assert meeting.date == dt.date(2015, 9, 30)


def test_a_us_month_first_numeric_date():
    meeting = parse("Board of Directors\nDate: 09/30/2015\nDirectors present: Ann Lee\n")
    assert meeting.date == dt.date(2015, 9, 30)


def test_a_header_date_without_a_year_takes_the_year_the_document_names():
    meeting = parse(
        "Agenda for the July 10 video call of the Widget Working Group\n"
        "1. Opening\n"
        "2. Budget for the January 14, 2019 workshop and the 3 March 2019 sprint\n"
        "3. Review of the May 2018 release\n"
    )
    assert meeting.date == dt.date(2019, 7, 10)


def test_a_header_date_without_a_year_takes_the_front_matter_s_year():
    meeting = parse(
        "---\ntitle: Widget WG call\ndate: 2018-07-12\n---\n\n## Agenda for the July 10 video call of the Widget Working Group\n\n"
        "- **When**: July 10, 4pm-5pm UTC\n",
        markdown=True,
    )
    assert meeting.date == dt.date(2018, 7, 10)


def test_a_word_like_sun_after_next_meeting_is_not_a_weekday():
    meeting = parse("Minutes of the Garden Club held on 3 June 2024\nPresent: Ann Lee\nNext meeting: in the sun room, date to be agreed\n")
    assert meeting.next_meetings == []


def test_a_weekday_beside_a_date_decides_the_missing_year():
    # 14 May is a Wednesday in 2025, not in 2024 (the year the document names)
    meeting = parse(
        "Harbour Rowing Club Committee\n"
        "Meeting held Weds 14 May at the boathouse\n"
        "Present: Iris Lowe, Dan Pike\n"
        "1. Accounts for 2024 were approved; the 2024 regatta report was noted (9 June 2024).\n"
    )
    assert meeting.date == dt.date(2025, 5, 14)


def test_a_date_column_of_a_header_table():
    meeting = parse("Committee\tDate\nLearning and Wellbeing Committee\t7 MARCH 2022\nPresent: Jo Bright\n")
    assert meeting.date == dt.date(2022, 3, 7)


def test_previous_meeting_date_in_the_heading_is_not_the_meeting_date():
    meeting = parse(
        "# Committee Meeting\n\nPrevious meeting: 2023-04-01\n\nScheduled start: 2023-05-20, 13:00\n\n* Present: Kim Lowe\n",
        markdown=True,
    )
    assert meeting.date == dt.date(2023, 5, 20)


# --------------------------------------------------------------------------- front matter


TOML_POST = (
    "+++\n"
    'title = "Exec Minutes - 8th May 2007"\n'
    'date = "2007-05-08"\n'
    "\n[taxonomies]\n"
    'categories = ["Meeting Minutes"]\n'
    "+++\n\n"
    "**Present:** Rhys, Mali, Owain\n"
    "**Apologies:** Gwen\n\n"
    "#### Socials\n\nThe pub quiz was a success.\n\n"
    "#### Next Meeting: Tuesday, 16:00, Room 3.\n"
)


def test_toml_front_matter_gives_the_date_of_a_post_with_none_in_its_body():
    meeting = parse(TOML_POST, markdown=True)
    assert meeting.date == dt.date(2007, 5, 8)
    assert meeting.where["date"].rule == "date.front-matter"
    assert meeting.where["date"].line == 2  # the title's date: it names the meeting


def test_front_matter_is_not_read_as_the_minutes_text():
    document = read_string(TOML_POST, markdown=True)
    assert [b.text for b in document.front_matter][:2] == ["title: Exec Minutes - 8th May 2007", "date: 2007-05-08"]
    assert not any("categories" in b.text or b.text.startswith("+++") for b in document.blocks)


def test_a_yaml_edit_date_loses_to_the_date_in_the_minutes_heading():
    meeting = parse(
        "---\ntitle: Committee\ndate: 2023-11-15T17:53:30.865Z\n---\n\n# Committee Meeting - 2023-05-20\n\n* Present: Kim Lowe\n",
        markdown=True,
    )
    assert meeting.date == dt.date(2023, 5, 20)


def test_a_header_box_between_rules_is_not_front_matter():
    text = "---\nDate: 12 May 2024\nVenue: Kelby Village Hall\n---\nPresent: Ann Lee\n"
    for markdown in (True, False):
        document = read_string(text, markdown=markdown)
        assert document.front_matter == []
        assert "Date: 12 May 2024" in [b.text for b in document.blocks]
    meeting = parse(text, markdown=True)
    assert meeting.date == dt.date(2024, 5, 12)
    assert meeting.place == "Kelby Village Hall"


def test_a_horizontal_rule_that_opens_a_text_file_is_not_front_matter():
    document = read_string("---\nMinutes of the Tenants Forum\n---\nPresent: Ann Lee\n", markdown=True)
    assert document.front_matter == []
    assert "Minutes of the Tenants Forum" in [b.text for b in document.blocks]


# --------------------------------------------------------------------------- next meetings


def test_a_next_meeting_given_as_a_weekday_and_time_is_the_next_such_weekday():
    meeting = parse(TOML_POST, markdown=True)  # 8 May 2007 is a Tuesday
    assert next_dates(meeting) == [("2007-05-15", "16:00")]
    assert meeting.next_meetings[0].where.rule == "next-meeting.weekday"


def test_the_first_tuesday_of_each_month():
    meeting = parse(
        "Minutes of the Brookside Residents Association held on 20 March 2024\n"
        "Present: Ann Lee, Raj Mehta\n"
        "5. Next meeting: the first Tuesday of each month at 7pm\n"
    )
    assert next_dates(meeting) == [("2024-04-02", "19:00")]


def test_a_year_less_next_meeting_before_the_meeting_s_month_is_next_year():
    meeting = parse("Minutes of the Vale Arts Trust held on 4 December 2023\nPresent: Ann Lee\nDate of next meeting: 15th January, 10am\n")
    assert next_dates(meeting) == [("2024-01-15", "10:00")]


def test_a_next_meeting_heading_with_iso_date_and_time_below():
    meeting = parse(
        "# Plenum 2018-11-21\n\n### Credentials\n\n- Present: Ana, Ben\n\n### Next Meeting\n\n2018-12-19 20:00\n",
        markdown=True,
    )
    assert next_dates(meeting) == [("2018-12-19", "20:00")]


def test_a_later_mention_gives_the_time_an_earlier_one_left_out():
    meeting = parse(
        "# Committee Meeting - 2023-05-20\n\nNext meeting: [2023-06-24](/minutes/2023-06-24)\n\n* Present: Kim Lowe\n\n"
        "## Treasurer\n\nAll paid.\n\n## End of Meeting\n\n* Next meeting: 2023-06-24, 14:00\n",
        markdown=True,
    )
    assert next_dates(meeting) == [("2023-06-24", "14:00")]


def test_dates_of_next_meetings_with_two_dates():
    meeting = parse(
        "Notes of the Parents and Friends Association, 24 March 2022\nPresent: Amy Cole (AC)\n"
        "Date of next meetings: Friday 29th April 9am; Wednesday 1st June 4.30pm\n"
    )
    assert next_dates(meeting) == [("2022-04-29", "09:00"), ("2022-06-01", "16:30")]


def test_the_next_meeting_stated_in_the_last_item():
    meeting = parse(
        "Minutes of the Friends of Elmbridge Library meeting held on 22nd November 2016.\n"
        "Present: Dr Ada Moss, Chair (AM)\n"
        "1. Welcome by the Chair.\n"
        "2. Finance: a balance of £1,000 was reported.\n"
        "3. Any other business: none. The next meeting will be held on Wednesday 22nd February 2017 at 5.45pm in the library.\n"
        "Signed:\n"
    )
    assert next_dates(meeting) == [("2017-02-22", "17:45")]
    assert meeting.next_meetings[0].where.rule == "next-meeting.sentence"


def test_date_and_venue_of_next_meeting_in_the_last_numbered_item():
    meeting = parse(
        "Minutes of the Friends of Elmbridge Library meeting held on 22nd November 2016.\nPresent: Dr Ada Moss\n"
        "1. Welcome by the Chair.\n"
        "2. Date and venue of next meeting: Wednesday 22nd February 2017, 5.45pm, in Elmbridge Library. (AM sends apologies.)\n"
    )
    assert next_dates(meeting) == [("2017-02-22", "17:45")]
    assert meeting.next_meetings[0].place == "Elmbridge Library"


def test_another_body_s_next_meeting_mid_minutes_is_not_ours():
    lines = ["Minutes of the Kelby Parish Council meeting held on 13 June 2012", "Present: Cllr A Dunn"]
    lines += [f"{n}. Item {n}" for n in range(1, 4)]
    lines += ["4. Quarry liaison", "The next meeting is 10am on Thursday, 21st June at the quarry offices."]
    lines += [f"{n}. Item {n}" for n in range(5, 12)]
    assert parse("\n".join(lines) + "\n").next_meetings == []


def test_next_meeting_as_a_heading_at_the_end_with_the_date_below():
    meeting = parse(
        "OAKRIDGE PARISH COUNCIL\nMinutes of the meeting held on 12 June 2019 at 7.30pm\nPresent: Cllr A Dunn\n"
        "1. Planning\nNo applications.\nNEXT MEETING\nWednesday 10th July\n"
    )
    assert next_dates(meeting) == [("2019-07-10", None)]


def test_a_next_meeting_sentence_under_a_next_meeting_heading_mid_document():
    lines = ["Minutes of the Kelby Parish Council meeting held on 11 September 2019 at 7.30pm", "Present: Cllr A Dunn"]
    lines += ["1. Planning", "No applications.", "NEXT MEETING",
              "The next meeting will be held on October 10th 2019 at 7 p.m. in Kelby School."]
    lines += ["Payments", "Payee Description Net"] + [f"Supplier {n} 10.00" for n in range(10)]
    assert next_dates(parse("\n".join(lines) + "\n")) == [("2019-10-10", "19:00")]


def test_a_stale_next_meeting_date_before_the_meeting_is_not_a_next_meeting():
    meeting = parse("Minutes week 6\nDate: 07/03/2023, 5pm - 6pm\nParticipants: Aled Price\nNext meeting: Monday, 03/03/2023 2pm-3pm\n")
    assert meeting.next_meetings == []


def test_a_24_hour_time_without_a_colon():
    meeting = parse(
        "Governors' Resources Committee, 7 March 2022\nPresent: Jo Bright\n"
        "12. Date of next meeting\nMonday 9 May 2022 at 1830\n"
    )
    assert next_dates(meeting) == [("2022-05-09", "18:30")]


def test_a_bare_7_30_for_an_evening_council_is_half_past_seven_in_the_evening():
    meeting = parse(
        "Minutes of the meeting of Oakridge Parish Council held on 12 June 2019 at 7.30pm\nPresent: Cllr A Dunn\n"
        "Next Meeting: Wednesday 10th July 2019 at 7:30\n"
    )
    assert next_dates(meeting) == [("2019-07-10", "19:30")]


def test_a_bare_7_30_is_in_the_evening_when_the_meeting_closed_in_the_evening():
    meeting = parse(
        "Minutes of the meeting of Oakridge Parish Council held on 12 June 2019\nPresent: Cllr A Dunn\n"
        "1. Planning\nNo applications.\nThe Chairman closed the meeting at 9.05pm\nNext Meeting: Wednesday 10th July 2019 at 7:30\n"
    )
    assert next_dates(meeting) == [("2019-07-10", "19:30")]


def test_a_bare_9_00_after_a_morning_meeting_stays_in_the_morning():
    meeting = parse(
        "Minutes of the Tenants Forum held on 12 June 2019 at 10am\nPresent: Ann Lee\n"
        "Next Meeting: 10th July 2019 at 9:00\n"
    )
    assert next_dates(meeting) == [("2019-07-10", "09:00")]


# --------------------------------------------------------------------------- one group, one name


def test_an_all_caps_name_is_title_cased():
    meeting = parse("HERTFIELD PARISH COUNCIL\nMinutes of the meeting held on 12 June 2019\nPresent: Cllr A Dunn\n")
    assert meeting.title == "Hertfield Parish Council"
    assert meeting.where["title"].rule == "title.header"


def test_meeting_kind_words_are_not_part_of_the_name():
    for heading in (
        "AN EXTRAORDINARY MEETING OF OAKRIDGE PARISH COUNCIL",
        "OAKRIDGE PARISH COUNCIL PLANNING",
        "Minutes of the Annual Meeting of Oakridge Parish Council",
        "Minutes for Oakridge Parish Council",
        "MINUTES OF A MEETING OF OAKRIDGE PARISH COUNCIL HELD",
    ):
        meeting = parse(f"{heading}\nHeld on 12 June 2019\nPresent: Cllr A Dunn\n")
        assert meeting.title == "Oakridge Parish Council", heading


def test_a_planning_committee_keeps_its_name():
    meeting = parse("OAKRIDGE PARISH COUNCIL PLANNING COMMITTEE\nMinutes of the meeting held on 12 June 2019\nPresent: Cllr A Dunn\n")
    assert meeting.title == "Oakridge Parish Council Planning Committee"


def test_an_abbreviation_with_a_full_stop_is_still_a_name():
    meeting = parse("ST. MARY'S CHURCH COUNCIL\nMinutes of the meeting held on 12 June 2019\nPresent: Ann Lee\n")
    assert meeting.title == "St. Mary's Church Council"


def test_a_venue_line_under_the_title_is_the_place_not_the_name():
    meeting = parse(
        "MINUTES OF THE TRUSTEES OF THE FRIENDS OF ELMBRIDGE LIBRARY MEETING HELD ON 22nd NOVEMBER 2016.\n"
        "(Held in the Council Chamber, Mill Road, Elmbridge).\n"
        "Present: Dr Ada Moss\n"
    )
    assert meeting.title == "Trustees of the Friends of Elmbridge Library"
    assert meeting.place == "Council Chamber, Mill Road, Elmbridge"
    assert meeting.where["place"].rule == "place.header"


# --------------------------------------------------------------------------- PDF text


def test_a_raised_ordinal_in_a_pdf_does_not_split_the_date(tmp_path):
    path = tmp_path / "minutes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, y, "MINUTES OF A MEETING OF KELBY PARISH COUNCIL HELD")
    y -= 15
    head = "ON WEDNESDAY 10"
    c.drawString(72, y, head)
    x = 72 + c.stringWidth(head, "Helvetica-Bold", 12)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(x, y + 4, "TH")  # set raised and smaller, as Word sets it
    x += c.stringWidth("TH", "Helvetica-Bold", 8)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(x + 3, y, "DECEMBER 2014 AT 7.30PM IN KELBY SCHOOL")
    c.setFont("Helvetica", 11)
    c.drawString(72, y - 30, "PRESENT: Cllr A Dunn, Cllr B Frost")
    c.save()
    document = read(path)
    assert any("10TH DECEMBER 2014" in b.text for b in document.blocks)
    assert not any(b.text == "TH" for b in document.blocks)
    meeting = cme_notes.parse(path)
    assert meeting.date == dt.date(2014, 12, 10)
