"""Owners: initials, first names and ALL resolved against the people present."""
from __future__ import annotations

from cme_notes.extract.owners import OwnerResolver, owner_matches, split_owners
from cme_notes.extract.people import parse_people

PRESENT = parse_people("Mark Stanton (Portsmouth), Chris Oakley, Christine Carter (Medway), David Crane (Clerk and RFO), J Marsh (JM - Chair)")
resolver = OwnerResolver(PRESENT)


def test_owners_split_on_slash_comma_ampersand_and():
    assert split_owners("MS / CO") == ["MS", "CO"]
    assert split_owners("Ruth & Sam, Tom and Gareth") == ["Ruth", "Sam", "Tom", "Gareth"]


def test_initials_and_first_names_resolve_when_one_person_fits():
    assert resolver.resolve("MS").owner == "Mark Stanton"
    assert resolver.resolve("CO").owner == "Chris Oakley"
    assert resolver.resolve("Chris").owner == "Chris Oakley"
    assert resolver.resolve("JM").owner == "J Marsh"


def test_everyone():
    assert resolver.resolve("ALL").owner == "all"
    assert resolver.resolve("all members").owner == "all"


def test_a_role_resolves_to_the_person_holding_it():
    assert resolver.resolve("Clerk").owner == "David Crane"


def test_ambiguous_or_unknown_owners_are_kept_as_written():
    two = OwnerResolver(parse_people("Jane Smith, John Smart"))
    result = two.resolve("JS")
    assert result.owner == "JS" and set(result.ambiguous) == {"Jane Smith", "John Smart"}
    assert resolver.resolve("Bucks").owner == "Bucks"


def test_owner_text_is_recognised_only_when_it_is_all_owners():
    assert resolver.is_owner_text("MS / CO")
    assert resolver.is_owner_text("ALL")
    assert not resolver.is_owner_text("AOB")
    assert not resolver.is_owner_text("Kent")


def test_owner_query_matches_full_first_surname_and_initials():
    owners = ["Chris Oakley", "all"]
    for query in ("Chris Oakley", "chris", "Oakley", "CO"):
        assert owner_matches(query, owners)
    assert not owner_matches("Mike", owners)
