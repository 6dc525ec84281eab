"""Attendee and apology lists."""
from __future__ import annotations

from cme_notes.extract.people import parse_people, section_label


def people(text):
    return [(p.name, p.organisation, p.role) for p in parse_people(text)]


def test_organisation_and_role_in_brackets():
    assert people("Mark Stanton (Portsmouth and Chair)") == [("Mark Stanton", "Portsmouth", "Chair")]


def test_two_names_share_one_bracket():
    assert people("Simon Shaw & Jessie Rees (Kent)") == [("Simon Shaw", "Kent", None), ("Jessie Rees", "Kent", None)]


def test_ampersand_inside_brackets_is_part_of_the_organisation():
    assert people("Gareth Tomlin (Brighton & Hove), Beth Arnold (E. Sussex)") == [
        ("Gareth Tomlin", "Brighton & Hove", None), ("Beth Arnold", "E. Sussex", None),
    ]


def test_a_name_without_brackets_has_no_organisation():
    assert people("Jon Wilmot, Chris Oakley.") == [("Jon Wilmot", None, None), ("Chris Oakley", None, None)]


def test_honorifics_are_kept_apart():
    (a, b) = parse_people("Cllr Mrs Ann Whitlock, Dr Alan Webb (Brackenford)")
    assert (a.name, a.honorific) == ("Ann Whitlock", "Cllr Mrs")
    assert (b.name, b.honorific, b.organisation) == ("Alan Webb", "Dr", "Brackenford")


def test_initials_given_in_brackets():
    (p,) = parse_people("J Marsh (JM - Chair)")
    assert (p.name, p.initials, p.role, p.organisation) == ("J Marsh", "JM", "Chair", None)


def test_an_acronym_organisation_is_not_taken_for_initials():
    (p,) = parse_people("Claire Rossi (RBWM)")
    assert (p.organisation, p.initials) == ("RBWM", None)


def test_prose_list_with_and():
    assert [p.name for p in parse_people("Cllr Helen Ford, Cllr Tony Beale and Cllr Sarah Quinn.")] == [
        "Helen Ford", "Tony Beale", "Sarah Quinn",
    ]


def test_words_that_are_not_names_are_dropped():
    assert people("David Crane (Clerk and RFO) and four members of the public") == [("David Crane", None, "Clerk and RFO")]


def test_labels_that_open_a_list():
    assert section_label("Present: Jane Smith (Kent)") == ("attendees", "Jane Smith (Kent)")
    assert section_label("In attendance: Mrs J Smith (Clerk)") == ("attendees", "Mrs J Smith (Clerk)")
    assert section_label("Apologies for absence were received from A Bee and C Dee. RESOLVED that…") == (
        "apologies", "A Bee and C Dee.",
    )
    assert section_label("Regrets: Sam Lowe") == ("apologies", "Sam Lowe")
    assert section_label("Presentation of the budget") is None


def test_an_organisation_after_a_dash():
    assert people("Jane Smith – Kent, Tom Price - Clerk") == [("Jane Smith", "Kent", None), ("Tom Price", None, "Clerk")]


def test_none_is_nobody():
    assert people("None") == []
    assert people("N/A.") == []
