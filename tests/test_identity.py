"""One person and one organisation across meetings, however the minutes write them."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

import cme_notes
from cme_notes.identity import AliasFileError, OrgAliases, PeopleRegistry, name_keys, person_key, strip_honorifics

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def aliases() -> OrgAliases:
    return OrgAliases.load()


# -- people -------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Paula Martin Evans", "Paula Martin-Evans"),
    ("Dr Jane Smith", "Jane Smith"),
    ("Cllr Mrs Ann Whitlock", "Ann Whitlock"),
    ("Priya Castell-Moore", "priya castell moore"),
    ("Zoë Brontë", "Zoe Bronte"),
    ("J. Marsh", "J Marsh"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize("a, b", [
    ("Hannah Patel", "Josh Patel"),
    ("Jane Smith", "John Smith"),
    ("Paula Evans", "Paula Martin-Evans"),
])
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)


def test_a_title_alone_is_not_stripped_to_nothing() -> None:
    assert strip_honorifics("Dr") == "Dr"
    assert person_key("Dr") == "dr"


def test_name_keys_cover_first_name_surname_and_initials() -> None:
    assert name_keys("Priya Castell-Moore") == {
        "full": "priya castell moore", "first": "priya", "surname": "castell moore", "last": "moore", "initials": "pcm",
    }
    assert name_keys("Chris") == {"full": "chris"}


def test_initials_join_the_one_full_name_they_can_stand_for() -> None:
    registry = PeopleRegistry().add_all(["Keith Armitage", "K Armitage", "P Castell-Moore", "Priya Castell Moore"])
    assert registry.resolve("K Armitage") == registry.resolve("Keith Armitage") == "keith armitage"
    assert registry.resolve("P Castell-Moore") == "priya castell moore"
    assert registry.identity("keith armitage").variants == ["Keith Armitage", "K Armitage"]


def test_initials_that_fit_two_people_join_neither() -> None:
    registry = PeopleRegistry().add_all(["Jane Smith", "John Smith", "J Smith"])
    assert registry.resolve("J Smith") == "j smith"
    assert len(registry.identities()) == 3


def test_people_sharing_a_surname_stay_apart() -> None:
    registry = PeopleRegistry().add_all(["Hannah Patel", "Josh Patel", "Dr Hannah Patel"])
    assert [i.name for i in registry.identities()] == ["Hannah Patel", "Josh Patel"]


def test_shown_name_is_the_spelling_written_most_often() -> None:
    registry = PeopleRegistry().add_all(["Priya Castell-Moore", "Priya Castell Moore", "Priya Castell-Moore"])
    assert registry.identity(registry.resolve("Priya Castell Moore")).name == "Priya Castell-Moore"


def test_a_user_alias_joins_what_no_rule_can() -> None:
    registry = PeopleRegistry({"Tommy Bradshaw": "Tom Bradshaw"}).add_all(["Tom Bradshaw", "Tommy Bradshaw"])
    assert registry.resolve("Tommy Bradshaw") == "tom bradshaw"
    assert len(registry.identities()) == 1


def test_the_samples_spellings_are_one_person_each() -> None:
    """Across the real Northvale minutes: hyphen or not, Dr or not, an initial or not."""
    names = []
    for name in ("northvale-cme-2024-03-14.docx", "northvale-cme-2024-06-13.docx", "northvale-cme-2024-09-19.docx",
                 "northvale-cme-2024-11-14.txt"):
        meeting = cme_notes.parse(SAMPLES / name)
        names += [p.name for p in meeting.attendees + meeting.apologies]
    registry = PeopleRegistry().add_all(names)
    assert {"Priya Castell-Moore", "Priya Castell Moore"} <= set(names)
    assert {"K Armitage", "Keith Armitage"} <= set(names)
    assert registry.resolve("Priya Castell Moore") == registry.resolve("Priya Castell-Moore")
    assert registry.resolve("K Armitage") == registry.resolve("Keith Armitage")
    assert registry.resolve("Josh Patel") != registry.resolve("Hannah Patel")
    assert len(registry.identities()) == 14


# -- organisations --------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [
    ("Hants", "Hampshire"),
    ("Hampshire County Council", "Hampshire"),
    ("W Berks", "West Berkshire"),
    ("West Berks", "West Berkshire"),
    ("West Berkshire Council", "West Berkshire"),
    ("E. Sussex", "East Sussex"),
    ("ESCC", "East Sussex"),
    ("East Sussex County Council", "East Sussex"),
    ("M Keynes", "Milton Keynes"),
    ("Milton Keynes City Council", "Milton Keynes"),
    ("RBWM", "Windsor and Maidenhead"),
    ("Royal Borough of Windsor & Maidenhead", "Windsor and Maidenhead"),
    ("BHCC", "Brighton and Hove"),
    ("Brighton & Hove City Council", "Brighton and Hove"),
    ("NE Lincs", "North East Lincolnshire"),
    ("B&NES", "Bath and North East Somerset"),
    ("London Borough of Hackney", "Hackney"),
    ("Kent CC", "Kent"),
    ("W Hollin", "West Hollin"),
    ("Kingsbridge & Eastmarsh", "Kingsbridge and Eastmarsh"),
    ("Northvale Council", "Northvale"),
    ("City of London", "City of London"),
    ("NCME", "NCME"),
])
def test_abbreviations_and_council_wording_give_the_canonical_name(aliases: OrgAliases, written: str,
                                                                    canonical: str) -> None:
    assert aliases.canonical(written) == canonical


@pytest.mark.parametrize("a, b", [
    ("East Sussex", "West Sussex"),
    ("North Somerset", "Somerset"),
    ("SCC", "Surrey"),  # SCC is Surrey, Suffolk, Somerset or Staffordshire: not guessed
    ("Kingsbridge", "Kingsbridge & Eastmarsh"),
])
def test_different_organisations_stay_apart(aliases: OrgAliases, a: str, b: str) -> None:
    assert aliases.key(a) != aliases.key(b)


def test_a_user_file_adds_aliases_and_wins_over_the_built_in_table(tmp_path: Path) -> None:
    mine = tmp_path / "aliases.toml"
    mine.write_text('[organisations]\n"SCC" = "Surrey"\n"Hants" = "Hampshire Children\'s Services"\n'
                    '[people]\n"Tommy Bradshaw" = "Tom Bradshaw"\n', encoding="utf-8")
    aliases = OrgAliases.load(mine)
    assert aliases.canonical("SCC") == "Surrey"
    assert aliases.canonical("Hants") == "Hampshire Children's Services"
    assert aliases.canonical("W Berks") == "West Berkshire"  # the built-in table is still there
    assert aliases.people == {"Tommy Bradshaw": "Tom Bradshaw"}
    assert aliases.fingerprint != OrgAliases.load().fingerprint


def test_the_sample_alias_file_joins_thornbury(aliases: OrgAliases) -> None:
    assert aliases.key("Thornbury") != aliases.key("Thornbury Vale")
    group = OrgAliases.load(SAMPLES / "northvale-aliases.toml")
    assert group.key("Thornbury") == group.key("Thornbury Vale")


@pytest.mark.parametrize("content, message", [
    ("[organisations\n", "not a valid TOML"),
    ('[organisations]\n"Hants" = 3\n', "must hold lines like"),
    ('[councils]\n"Hants" = "Hampshire"\n', "unknown table"),
])
def test_a_bad_user_file_is_refused_with_the_reason(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError, match=message):
        OrgAliases.load(bad)


def test_the_alias_table_ships_as_package_data() -> None:
    table = resources.files("cme_notes.data").joinpath("org_aliases.toml")
    data = tomllib.loads(table.read_text(encoding="utf-8"))
    assert data["organisations"]["RBWM"] == "Windsor and Maidenhead"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["cme_notes"]
