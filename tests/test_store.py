"""The SQLite index, over the Northvale group's minutes in samples/ (two years, three formats)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

import cme_notes
from cme_notes.extract.owners import owner_matches
from cme_notes.store import ADDED, REPLACED, SKIPPED, UNCHANGED, Index, SchemaError, load_files, schema

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# Seven meetings; the one of 14 March 2024 in three renditions (docx, pdf, txt).
NORTHVALE = sorted(p for p in SAMPLES.glob("northvale-cme-*") if p.suffix in (".docx", ".pdf", ".txt"))
MEETING_DATES = ["2024-03-14", "2024-06-13", "2024-09-19", "2024-11-14", "2025-01-23", "2025-03-20", "2025-07-10"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "minutes.db"
    with Index(path) as index:
        report = load_files(index, NORTHVALE)
    assert report.count(ADDED) == len(NORTHVALE) == 9, report.failed
    return path


@pytest.fixture()
def index(db: Path):
    with Index(db, readonly=True) as index:
        yield index


def dump(path: Path) -> dict[str, list]:
    """Every row of every table, as the index stores it (the indexing time aside)."""
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'passages_fts%'")]
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    out["meetings"] = [row[:-1] for row in out["meetings"]]  # indexed_at
    con.close()
    return out


# -- schema ---------------------------------------------------------------------

def test_plain_tables_with_readable_columns(db: Path) -> None:
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"meetings", "people", "organisations", "attendance", "items", "actions", "action_owners", "owner_names",
            "decisions", "future_meetings", "passages", "passages_fts", "distinct_meetings"} <= names
    columns = {r[1] for r in con.execute("PRAGMA table_info(actions)")}
    assert {"meeting_id", "item", "item_title", "description", "owners_text", "due"} <= columns
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_dates_are_iso_text(db: Path) -> None:
    con = sqlite3.connect(db)
    for table, column in (("meetings", "date"), ("actions", "due"), ("future_meetings", "date")):
        values = con.execute(f"SELECT typeof({column}), {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()
        assert values and all(kind == "text" and re.fullmatch(r"\d{4}-\d\d-\d\d", v) for kind, v in values)


def test_owners_are_rows_of_their_own(db: Path) -> None:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT o.owner, o.written, p.key FROM action_owners o JOIN actions a ON a.id = o.action_id"
        " JOIN meetings m ON m.id = a.meeting_id LEFT JOIN people p ON p.id = o.person_id"
        " WHERE m.path LIKE '%2024-06-13%' AND a.owners_text = 'PCM / BR' ORDER BY o.position").fetchall()
    assert rows == [("Priya Castell Moore", "PCM", "priya castell moore"), ("Beth Rowley", "BR", "beth rowley")]


def test_renditions_of_one_meeting_count_once(index: Index) -> None:
    assert index.counts()["meetings"] == 9
    meetings = index.meetings()
    assert [m.date for m in meetings] == MEETING_DATES
    assert next(m for m in meetings if m.date == "2024-03-14").format == "docx"  # the most structured rendition


def test_deleting_a_meeting_cascades_to_all_its_rows(tmp_path: Path) -> None:
    copy = tmp_path / "m.db"
    with Index(copy) as index:
        load_files(index, [SAMPLES / "northvale-cme-2024-09-19.docx", SAMPLES / "northvale-cme-2024-11-14.txt"])
        before = index.counts()
        assert index.remove(SAMPLES / "northvale-cme-2024-09-19.docx")
        after = index.counts()
        con = index.con
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert after["meetings"] == 1 and after["actions"] == 4 and after["attendance"] == 13
        assert before["passages"] > after["passages"] > 0
        # the full-text index follows its table (triggers fire on cascaded deletes too)
        assert con.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'slides'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM owner_names WHERE action_id NOT IN (SELECT id FROM actions)").fetchone()[0] == 0


# -- re-indexing ------------------------------------------------------------------

def test_reindexing_unchanged_files_changes_nothing(db: Path) -> None:
    before = dump(db)
    with Index(db) as index:
        report = load_files(index, NORTHVALE)
    assert report.count(UNCHANGED) == 9 and report.count(ADDED) == report.count(REPLACED) == 0
    assert dump(db) == before


def test_a_changed_file_replaces_its_rows(tmp_path: Path) -> None:
    minutes = tmp_path / "northvale-cme-2024-11-14.txt"
    shutil.copy(SAMPLES / minutes.name, minutes)
    with Index(tmp_path / "m.db") as index:
        assert load_files(index, [minutes]).results[0].status == ADDED
        old_id = index.meetings()[0].id
        text = minutes.read_bytes().replace(b"by 10th January", b"by 17th January")
        minutes.write_bytes(text)
        assert load_files(index, [minutes]).results[0].status == REPLACED
        assert index.counts()["meetings"] == 1
        assert index.meetings()[0].id != old_id
        alan = index.actions(owner="Alan")
        assert [a.due for a in alan] == ["2025-01-17"]
        assert index.con.execute("SELECT count(*) FROM actions").fetchone()[0] == 4
        assert index.con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_files_that_are_not_minutes_are_skipped(tmp_path: Path) -> None:
    with Index() as index:
        report = load_files(index, [SAMPLES / "README.md"])
    assert report.results[0].status == SKIPPED


def test_library_records_are_indexed_without_files() -> None:
    meeting = cme_notes.parse(SAMPLES / "northvale-cme-2024-06-13.docx")
    with Index() as index:
        assert index.add(meeting) == ADDED
        assert index.add(meeting) == UNCHANGED
        meeting.source = None  # a record built in code: keyed by its own content
        assert index.add(meeting) == ADDED
        assert index.add(meeting) == UNCHANGED
        assert index.counts()["meetings"] == 2 and index.counts()["distinct_meetings"] == 1


# -- actions --------------------------------------------------------------------------

def test_one_owners_actions_sorted_by_due_date_then_meeting_date(index: Index) -> None:
    owen = index.actions(owner="Owen")
    assert [(a.meeting_date, a.due) for a in owen] == [
        ("2024-09-19", "2024-10-31"), ("2025-01-23", "2025-02-14"), ("2025-01-23", "2025-02-28"),
        ("2025-03-20", "2025-04-04"), ("2025-07-10", "2025-09-05"),
        ("2024-03-14", None), ("2024-03-14", None), ("2024-03-14", None), ("2024-06-13", None),
    ]
    assert all("Owen Price" in a.owners for a in owen)
    assert [a.description for a in index.actions(owner="OP")] == [a.description for a in owen]


@pytest.mark.parametrize("query", ["Owen", "OP", "Owen Price", "Priya", "PCM", "Moore", "Sam", "Patel", "HP",
                                   "JP", "Keith", "GL", "Alan Webb", "all", "Nobody"])
def test_owner_query_matches_what_each_meeting_says(index: Index, query: str) -> None:
    """The index answers --owner as the file-based command always has (owner_matches on each record)."""
    expected = set()
    for path in NORTHVALE:
        if path.name == "northvale-cme-2024-03-14.pdf" or path.name == "northvale-cme-2024-03-14.txt":
            continue  # the same meeting as the .docx
        meeting = cme_notes.parse(path)
        for a in meeting.actions:
            if owner_matches(query, a.owners, a.owners_text, meeting.attendees + meeting.apologies):
                expected.add((meeting.date.isoformat(), a.description))
    got = {(a.meeting_date, a.description) for a in index.actions(owner=query)}
    assert got == expected
    assert query == "Nobody" or got


def test_an_owner_is_found_under_every_spelling_of_their_name(index: Index) -> None:
    priya = index.actions(owner="Priya Castell-Moore")
    spellings = {o for a in priya for o in a.owners if o.startswith("Priya")}
    assert spellings == {"Priya Castell-Moore", "Priya Castell Moore"}
    assert len(priya) == 5
    # a surname of two words answers as a whole (owner_matches only knows the last word)
    assert {a.id for a in index.actions(owner="Castell Moore")} == {a.id for a in priya}


def test_overdue_on_a_fixed_day(index: Index) -> None:
    overdue = index.actions(overdue_on=dt.date(2025, 4, 1))
    assert len(overdue) == 14
    assert all(a.due < "2025-04-01" for a in overdue)
    assert [a.due for a in overdue] == sorted(a.due for a in overdue)
    assert overdue[-1].description.startswith("Sam to share the anonymised review meeting template")
    assert "Owen to complete the dashboard by 4th April" not in {a.description for a in overdue}


def test_since_and_until_take_the_meeting_or_the_due_date(index: Index) -> None:
    window = index.actions(since=dt.date(2025, 1, 1), until=dt.date(2025, 3, 31))
    dates = {(a.meeting_date, a.due) for a in window}
    assert ("2024-11-14", "2025-01-10") in dates  # from a 2024 meeting, due in the window
    assert all("2025-01-01" <= (a.meeting_date or "") <= "2025-03-31" or "2025-01-01" <= (a.due or "") <= "2025-03-31"
               for a in window)
    assert not any(a.meeting_date == "2024-03-14" for a in window)


def test_search_finds_actions_by_their_words_or_their_items_title(index: Index) -> None:
    found = {(a.meeting_date, a.description[:30].strip()) for a in index.actions(search="dashboard")}
    assert ("2025-03-20", "Owen to complete the dashboard") in found
    assert ("2025-01-23", "Owen will update the dashboard") in found
    # under the item "NCME dashboard and annual report", without the word itself
    assert ("2024-03-14", "Priya noted that the joint Kin") in found


# -- search ---------------------------------------------------------------------------

def test_full_text_search_stems_and_covers_each_items_text(index: Index) -> None:
    assert index.has_fts
    hits = index.search("reduced timetable")
    assert {h.meeting_date for h in hits} == {"2024-03-14", "2025-01-23", "2025-03-20", "2025-07-10"}
    body = [h for h in hits if h.kind == "text" and h.meeting_date == "2024-03-14"]
    assert body and body[0].item == "2" and "[reduced]" in body[0].snippet.casefold()
    # words only said in an item's discussion, not in any title, action or decision
    assert {(h.meeting_date, h.item, h.kind) for h in index.search("fair access panel")} == {("2024-09-19", "2", "text")}


def test_search_text_is_words_not_query_syntax(index: Index) -> None:
    assert index.search('NEAR( "x" -') == []  # FTS5 syntax would raise; here it is the words "near" and "x"
    assert index.search("AND") and all("[and]" in h.snippet.casefold() for h in index.search("AND"))


def test_without_fts5_search_falls_back_to_like(monkeypatch) -> None:
    monkeypatch.setattr(schema, "fts5_available", lambda: False)  # as on a SQLite built without FTS5
    with Index() as index:
        load_files(index, [SAMPLES / "northvale-cme-2024-09-19.docx"])
        assert not index.has_fts
        hits = index.search("port authority")
        assert {(h.item, h.kind) for h in hits} == {("5", "text"), ("5", "action")}
        assert [a.item for a in index.actions(search="slides")] == ["5"]


# -- opening ------------------------------------------------------------------------------

def test_refuses_a_database_that_is_not_an_index(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="not an index"):
        Index(other)
    assert [r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")] == ["invoices"]


def test_refuses_another_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Index(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="version 99"):
        Index(path)


def test_reading_a_missing_index_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Index(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_organisations_are_relinked_when_the_aliases_change(tmp_path: Path) -> None:
    from cme_notes.identity import OrgAliases

    path = tmp_path / "m.db"
    files = [SAMPLES / "northvale-cme-2024-11-14.txt", SAMPLES / "northvale-cme-2025-01-23.pdf"]
    with Index(path) as index:
        load_files(index, files)
        assert not index.relink_organisations()  # same tables: nothing to do
    query = ("SELECT t.organisation, o.name FROM attendance t JOIN organisations o ON o.id = t.organisation_id"
             " WHERE t.name = 'Keith Armitage' ORDER BY t.meeting_id")
    assert sqlite3.connect(path).execute(query).fetchall() == [("Thornbury", "Thornbury"), ("Thornbury Vale", "Thornbury Vale")]
    with Index(path, aliases=OrgAliases.load(SAMPLES / "northvale-aliases.toml")) as index:
        assert index.relink_organisations()
    con = sqlite3.connect(path)
    assert con.execute(query).fetchall() == [("Thornbury", "Thornbury Vale"), ("Thornbury Vale", "Thornbury Vale")]
    assert con.execute("SELECT count(*) FROM organisations WHERE name LIKE 'Thornbury%'").fetchone()[0] == 1
    # the canonical names: "W Hollin" and "West Hollin" are one organisation, as written kept beside it
    rows = con.execute("SELECT DISTINCT t.organisation, o.name FROM attendance t JOIN organisations o"
                       " ON o.id = t.organisation_id WHERE o.name = 'West Hollin' ORDER BY 1").fetchall()
    assert rows == [("W Hollin", "West Hollin"), ("West Hollin", "West Hollin")]


def test_an_index_remembers_the_alias_file_it_was_built_with(tmp_path: Path) -> None:
    from cme_notes import views
    from cme_notes.identity import OrgAliases

    path = tmp_path / "m.db"
    with Index(path, aliases=OrgAliases.load(SAMPLES / "northvale-aliases.toml")) as index:
        load_files(index, [SAMPLES / "northvale-cme-2024-11-14.txt", SAMPLES / "northvale-cme-2025-01-23.pdf"])
    with Index(path, readonly=True) as index:  # no aliases given: the remembered ones
        organisations = {r["organisation"] for r in views.register(index, by="organisations")}
        assert "Thornbury Vale" in organisations and "Thornbury" not in organisations
        given = views.register(index, by="organisations", aliases=OrgAliases.load())  # given ones win
        assert "Thornbury" in {r["organisation"] for r in given}


def test_loading_files_in_worker_processes_gives_the_same_index_as_in_process(tmp_path):
    from cme_notes.store import Index, load_files

    samples = Path(__file__).resolve().parent.parent / "samples"
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    paths = [samples, bad]
    one, two = Index(), Index()
    report_one = load_files(one, paths)
    report_two = load_files(two, paths, workers=2, timeout=60)
    assert [(r.path, r.status, r.error) for r in report_one.results] == [(r.path, r.status, r.error) for r in report_two.results]
    assert one.actions() == two.actions()
    assert any(r.status == "failed" for r in report_two.results)
