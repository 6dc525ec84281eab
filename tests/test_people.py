"""Who appears across the minutes (`cme-notes people`), "did you mean" for names that match nothing, and the
user's [groups] aliases deciding which titles are one group; on a fictional parish council's minutes."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import cme_notes
from cme_notes import views
from cme_notes.cli import main
from cme_notes.identity import closest

COUNCIL, PC, PLANNING = "Ashcombe Parish Council", "Ashcombe PC", "Ashcombe Parish Council Planning Committee"
GROUP_ALIASES = f'[groups]\n"{COUNCIL}" = ["{PC}"]\n'


def minutes(heading: str, date: str, present: list[str], apologies: list[str], actions: list[str],
            next_meeting: str | None = None) -> str:
    """Markdown minutes: an attendees table, one item holding the actions, and the next meeting if given."""
    rows = [f"| {p} | {a} |" for p, a in zip(present + [""] * len(apologies), apologies + [""] * len(present))
            if p or a]
    text = (f"# {heading}\n\nMinutes of the meeting held on {date} at 7pm in the Village Hall.\n\n## Attendees\n\n"
            "| Present | Apologies |\n|---|---|\n" + "\n".join(rows) + "\n\n## 1. Footpaths and playground\n\n"
            "Members discussed the footpaths and the playground.\n\n"
            + "".join(f"- **Action:** {a}\n" for a in actions))
    if next_meeting:
        text += f"\n## 2. Date of next meeting\n\n{next_meeting} at 7pm in the Village Hall.\n"
    return text


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """Four meetings: the council twice, once titled "Ashcombe PC", and its planning committee once."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2025-03-04.md").write_text(minutes(
        COUNCIL, "Tuesday 04/03/2025",
        ["Cllr John Baker (JB - Chair)", "Cllr Priya Lane (PL)", "Cllr Dr Colin Reeve (CR)"], ["Cllr Joan Marsh (JM)"],
        ["JB to report the broken stile to the county council by 31/03/2025.",
         "PL and CR to get three quotes for the new swings by 30/04/2025."],
        next_meeting="Tuesday 06/05/2025"), encoding="utf-8")
    (folder / "2025-04-01.md").write_text(minutes(
        f"{PC} Meeting", "Tuesday 01/04/2025",
        ["J Baker (JB - Chair)", "Cllr Joan Marsh (JM)"], ["Cllr Priya Lane (PL)"],
        ["JM to chase the county council about the stile by 30/04/2025."],
        next_meeting="Tuesday 06/05/2025"), encoding="utf-8")
    (folder / "2025-05-06.md").write_text(minutes(
        COUNCIL, "Tuesday 06/05/2025",
        ["Cllr John Baker (JB - Chair)", "Cllr Joan Marsh (JM)", "Cllr Priya Lane (PL)"], ["Cllr Dr Colin Reeve (CR)"],
        ["JB to write to the landowner at Brook Farm by 31/05/2025."],
        next_meeting="Tuesday 03/06/2025"), encoding="utf-8")
    (folder / "2025-04-15-planning.md").write_text(minutes(
        PLANNING, "Tuesday 15/04/2025",
        ["Cllr Priya Lane (PL - Chair)", "Cllr Dr Colin Reeve (CR)"], [],
        ["CR to reply to the planning authority on the Mill Lane application by 25/04/2025."],
        next_meeting="Tuesday 20/05/2025"), encoding="utf-8")
    return folder


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def run_json(*args: str):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def person(rows: list[dict], name: str) -> dict:
    return next(r for r in rows if r["name"] == name)


# -- the people view ------------------------------------------------------------------------------------------------

def test_each_person_is_one_row_with_spellings_initials_meetings_and_actions(archive: Path) -> None:
    rows, stderr = run_json("people", archive)
    assert stderr == ""
    assert [r["name"] for r in rows] == ["Colin Reeve", "Joan Marsh", "John Baker", "Priya Lane"]
    baker = person(rows, "John Baker")
    assert baker["spellings"] == ["Cllr John Baker", "J Baker"]  # "J Baker" is the one John Baker there is
    assert baker["initials"] == ["JB"] and baker["roles"] == ["Chair"]
    assert (baker["present"], baker["apologies"], baker["meetings"]) == (3, 0, 3)
    assert (baker["first_seen"], baker["last_seen"]) == ("2025-03-04", "2025-05-06")
    assert (baker["actions"], baker["open_actions"]) == (2, 2)
    reeve = person(rows, "Colin Reeve")
    assert reeve["spellings"] == ["Cllr Dr Colin Reeve"]
    # the council's two meetings that list him (not "Ashcombe PC": without aliases, a group of its own) and the committee
    assert reeve["groups"] == [COUNCIL, PLANNING]
    assert (reeve["present"], reeve["apologies"], reeve["meetings"], reeve["actions"]) == (2, 1, 3, 2)


def test_name_filter_answers_to_a_first_name_a_surname_or_initials(archive: Path) -> None:
    for text in ("John", "baker", "JB"):
        rows, _ = run_json("people", archive, "--name", text)
        assert [r["name"] for r in rows] == ["John Baker"], text


def test_a_name_answers_to_the_initials_of_its_words_too() -> None:
    from cme_notes.views.people import named

    owen = {"name": "Owen Price", "spellings": ["Owen Price"], "initials": []}
    assert named(owen, "OP") and named(owen, "price") and not named(owen, "OPR") and not named(owen, "Pryce")


def test_since_and_until_count_only_meetings_and_actions_in_the_range(archive: Path) -> None:
    rows, _ = run_json("people", archive, "--since", "2025-04-01", "--group", COUNCIL)
    baker = person(rows, "John Baker")
    assert (baker["present"], baker["meetings"], baker["first_seen"]) == (1, 1, "2025-05-06")
    assert baker["actions"] == 1  # the March action was raised before the range


def test_people_as_csv_and_a_spreadsheet(archive: Path, tmp_path: Path) -> None:
    result = cli("people", archive, "--name", "Reeve", "--format", "csv")
    header, row = result.stdout.splitlines()
    assert header.split(",")[:3] == ["name", "initials", "spellings"]
    assert row.startswith("Colin Reeve,CR,Cllr Dr Colin Reeve,")
    out = tmp_path / "people.xlsx"
    assert cli("people", archive, "-o", out).exit_code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(out)["People"]
    assert [c.value for c in sheet[1]][:2] == ["Name", "Initials"]
    assert sheet.max_row == 5  # a header and four people


def test_an_action_a_later_meeting_closes_is_not_open(tmp_path: Path) -> None:
    head = "# Ashcombe Village Hall Trust\n\nMinutes of the meeting held on {} at the Village Hall\n\n" \
           "**Present:** Helen Marsh (Chair), Colin Webb\n\n"
    (tmp_path / "hall-2025-01-14.md").write_text(head.format("14 January 2025") + (
        "## 1. Building\n\n#### Action items\n\n| Ref | Action | Who | Due |\n| --- | --- | --- | --- |\n"
        "| A1 | Obtain three quotes for replacing the boiler | Colin | 28 February 2025 |\n"
        "| A2 | Repaint the fire exit signs | Colin | 15 February 2025 |\n"
        "| A3 | Draft a hiring policy | Helen | 30 April 2025 |\n"), encoding="utf-8")
    (tmp_path / "hall-2025-02-11.md").write_text(head.format("11 February 2025") + (
        "## 1. Actions from the last meeting\n\n| Ref | Action | Who | Status |\n| --- | --- | --- | --- |\n"
        "| A1 | Obtain three quotes for replacing the boiler | Colin | Completed 3 February |\n"
        "| A2 | Repaint the fire exit signs | Colin | No longer required |\n"
        "| A3 | Draft a hiring policy | Helen | Ongoing |\n"), encoding="utf-8")
    rows = {r["name"]: r for r in views.people([cme_notes.parse(p) for p in sorted(tmp_path.glob("*.md"))])}
    assert (rows["Colin Webb"]["actions"], rows["Colin Webb"]["open_actions"]) == (2, 0)
    assert (rows["Helen Marsh"]["actions"], rows["Helen Marsh"]["open_actions"]) == (1, 1)


# -- "did you mean" ---------------------------------------------------------------------------------------------------

def test_closest_ranks_by_the_nearest_way_of_writing_each_name() -> None:
    forms = {"John Baker (JB)": ["John Baker", "john", "baker", "JB"], "Joan Marsh": ["Joan Marsh", "joan", "marsh"],
             "Priya Lane": ["Priya Lane", "priya", "lane"]}
    assert closest("Jon", forms) == ["Joan Marsh", "John Baker (JB)"]  # equally near: by name
    assert closest("Bakr", forms) == ["John Baker (JB)"]
    assert closest("Zebedee", forms) == []


def test_an_owner_nobody_is_says_so_with_the_closest_names(archive: Path) -> None:
    rows, stderr = run_json("actions", archive, "--owner", "Jon")
    assert rows == []
    assert stderr == 'cme-notes: no actions owed by "Jon" — closest: Joan Marsh (JM), John Baker (JB)\n'


def test_a_known_owner_filtered_out_gets_no_closest_names(archive: Path) -> None:
    rows, stderr = run_json("actions", archive, "--owner", "John", "--since", "2026-01-01")
    assert rows == [] and stderr == "cme-notes: no open actions match --owner John --since 2026-01-01\n"


def test_a_name_nobody_has_says_so(archive: Path) -> None:
    rows, stderr = run_json("people", archive, "--name", "Pria")
    assert rows == [] and stderr == 'cme-notes: nobody named "Pria" — closest: Priya Lane (PL)\n'
    _, stderr = run_json("people", archive, "--name", "Zebedee")
    assert stderr == 'cme-notes: nobody named "Zebedee" — nothing close in these minutes\n'


@pytest.mark.parametrize("command", [["attendance"], ["actions"], ["people"], ["search", "stile"]])
def test_a_group_that_matches_nothing_names_the_closest_on_every_command(archive: Path, command: list[str]) -> None:
    result = cli(*command, archive, "--group", "Ashcomb Parish Councl", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert result.stderr.startswith('cme-notes: no meetings of a group named "Ashcomb Parish Councl" — closest: ')
    assert COUNCIL in result.stderr


def test_calendar_with_an_unknown_group_says_so_too(archive: Path) -> None:
    result = cli("calendar", archive, "--group", "Ashcom PC")
    assert result.exit_code == 0 and "BEGIN:VEVENT" not in result.stdout
    assert f'no meetings of a group named "Ashcom PC" — closest: {PC}' in result.stderr


# -- group aliases ----------------------------------------------------------------------------------------------------

def groups_in_register(*args) -> dict[str, int]:
    rows, _ = run_json("attendance", *args)
    return {r["group"]: r["meetings"] for r in rows if r["name"] == "John Baker"} | {
        r["group"]: r["meetings"] for r in rows if r["name"] == "Colin Reeve"}


def test_without_aliases_each_title_is_its_own_group(archive: Path) -> None:
    assert groups_in_register(archive) == {COUNCIL: 2, PC: 1, PLANNING: 1}


def test_a_groups_table_joins_only_the_titles_it_lists(archive: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(GROUP_ALIASES, encoding="utf-8")
    assert groups_in_register(archive, "--aliases", aliases) == {COUNCIL: 3, PLANNING: 1}
    rows, _ = run_json("people", archive, "--aliases", aliases, "--name", "Baker")
    assert rows[0]["groups"] == [COUNCIL] and rows[0]["meetings"] == 3
    # --group naming a listed group or variant means that group, not the committee; other text, every group holding it
    for text in (PC, "ashcombe parish council"):
        rows, _ = run_json("attendance", archive, "--aliases", aliases, "--group", text)
        assert {r["group"] for r in rows} == {COUNCIL}, text
    rows, _ = run_json("attendance", archive, "--aliases", aliases, "--group", "Ashcombe")
    assert {r["group"] for r in rows} == {COUNCIL, PLANNING}


def test_listing_the_committee_too_makes_one_body(archive: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(f'[groups]\n"{COUNCIL}" = ["{PC}", "{PLANNING}"]\n', encoding="utf-8")
    assert groups_in_register(archive, "--aliases", aliases) == {COUNCIL: 4}


def test_calendar_merges_announcements_only_where_the_user_joins_groups(archive: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(GROUP_ALIASES, encoding="utf-8")

    def may_events(*args) -> list[str]:
        ics = cli("calendar", archive, *args).stdout
        return [line for line in ics.splitlines() if line.startswith("DTSTART") and "20250506" in line]

    # 6 May is announced in the March minutes of the council and in the April minutes titled "Ashcombe PC"
    assert len(may_events()) == 2
    assert len(may_events("--aliases", aliases)) == 1
    ics = cli("calendar", archive, "--aliases", aliases).stdout
    assert "SUMMARY:Ashcombe PC" not in ics and f"SUMMARY:{PLANNING}" in ics


def test_the_index_remembers_its_groups_and_regroups_when_they_change(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    aliases = tmp_path / "aliases.toml"
    assert cli("index", archive, "--db", db).exit_code == 0
    assert groups_in_register("--db", db) == {COUNCIL: 2, PC: 1, PLANNING: 1}
    # asked read-only with other aliases: answered regrouped, the file left as it was
    before = db.read_bytes()
    aliases.write_text(GROUP_ALIASES, encoding="utf-8")
    assert groups_in_register("--db", db, "--aliases", aliases) == {COUNCIL: 3, PLANNING: 1}
    assert db.read_bytes() == before
    result = cli("index", archive, "--db", db, "--aliases", aliases)
    assert result.exit_code == 0 and "meetings regrouped under the current [groups] aliases" in result.stderr
    assert groups_in_register("--db", db) == {COUNCIL: 3, PLANNING: 1}  # remembered
    keys = {r[0] for r in sqlite3.connect(db).execute("SELECT DISTINCT group_key FROM meetings")}
    assert keys == {"ashcombe parish council", "ashcombe parish council planning committee"}
    aliases.write_text("", encoding="utf-8")  # the table taken away: each title its own group again
    assert "regrouped" in cli("index", archive, "--db", db, "--aliases", aliases).stderr
    assert groups_in_register("--db", db) == {COUNCIL: 2, PC: 1, PLANNING: 1}


def test_a_library_user_gets_the_same_groups(archive: Path, tmp_path: Path) -> None:
    import cme_notes
    from cme_notes.identity import OrgAliases

    aliases = tmp_path / "aliases.toml"
    aliases.write_text(GROUP_ALIASES, encoding="utf-8")
    meetings = [cme_notes.parse(p) for p in sorted(archive.glob("*.md"))]
    rows = views.people(meetings, aliases=OrgAliases.load(aliases), name="Baker")
    assert rows[0]["groups"] == [COUNCIL] and rows[0]["present"] == 3
    events = views.calendar(meetings, aliases=OrgAliases.load(aliases)).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [COUNCIL, COUNCIL, PLANNING]  # 6 May once, 3 June, 20 May


@pytest.mark.parametrize("table, words", [
    (f'[groups]\n"{COUNCIL}" = "{PC}"\n', '[groups] must hold lines like "group name" = ["variant"'),
    (f'[groups]\n"{COUNCIL}" = ["{PC}"]\n"Ashcombe Village Hall Committee" = ["{PC}"]\n',
     f'"{PC}" is listed under both "{COUNCIL}" and "Ashcombe Village Hall Committee"'),
])
def test_a_bad_groups_table_is_one_line_naming_the_file(archive: Path, tmp_path: Path, table: str, words: str) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(table, encoding="utf-8")
    result = cli("people", archive, "--aliases", aliases)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert str(aliases) in result.stderr and words in result.stderr
