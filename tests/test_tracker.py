"""Following actions across a series of meetings: raised, reviewed, carried over, closed or dropped.

A fictional village hall trust meets four times in 2025 (Markdown minutes with
action tables, and at each later meeting a table reviewing earlier actions);
an allotments association, a different group, reviews an action in the very
same words, which must never close the trust's.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import cme_notes
from cme_notes import views
from cme_notes.cli import main
from cme_notes.store import REVIEWED, SET, ActionRecord, Index, load_files
from cme_notes.views.tracker import (
    CARRIED_WINDOW, LINK_OWNER_TEXT, LINK_REF, LINK_TEXT, Past, cited_numbers, link_to, similarity, track,
)

HEAD = """\
# Ashcombe Village Hall Trust

Minutes of the trustees' meeting held on {date} at the Village Hall

**Present:** {present}

"""
EVERYONE = "Helen Marsh (Chair), Colin Webb, Priti Anand, Gareth Lloyd"
REVIEW_HEAD = "## 1. Actions from the last meeting\n\n| Ref | Action | Who | Status |\n| --- | --- | --- | --- |\n"
NEW_HEAD = "#### Action items\n\n| Ref | Action | Who | Due |\n| --- | --- | --- | --- |\n"

SERIES = {
    "hall-2025-01-14.md": HEAD.format(date="14 January 2025", present=EVERYONE) + (
        "## 1. Building\n\nThe boiler is failing and the insurance is due for renewal.\n\n" + NEW_HEAD +
        "| A1 | Obtain three quotes for replacing the boiler | Colin | 28 February 2025 |\n"
        "| A2 | Renew the public liability insurance | Priti | 31 March 2025 |\n"
        "| A3 | Repaint the fire exit signs in the main hall | Gareth | 15 February 2025 |\n"
        "| A4 | Draft a hiring policy for the small meeting room | Helen | 30 April 2025 |\n"
    ),
    "hall-2025-02-11.md": HEAD.format(date="11 February 2025", present=EVERYONE) + REVIEW_HEAD + (
        "| A1 | Obtain three quotes for replacing the boiler | Colin | Ongoing - two quotes received |\n"
        "| A2 | Renew the public liability insurance | Priti | Completed 3 February |\n"
        "| A3 | Repaint the fire exit signs | Gareth | Ongoing |\n\n"
        "## 2. Safety\n\nThe electrical test is due.\n\n" + NEW_HEAD +
        "| B1 | Book the electrician for the annual safety test | Colin | 14 March 2025 |\n"
    ),
    # A3 reviewed without its reference; the hiring policy set again in its own words (carried over, no reference);
    # the chairs' "due" date is before the meeting: a payment date, not a deadline
    "hall-2025-03-11.md": HEAD.format(date="11 March 2025", present="Helen Marsh (Chair), Colin Webb, Priti Anand")
    + "**Apologies:** Gareth Lloyd\n\n" + REVIEW_HEAD + (
        "| A1 | Obtain three quotes for replacing the boiler | Colin | Completed - Hallwood Heating appointed |\n"
        "|  | Repaint the fire exit signs in the main hall | Gareth | No longer required - the council replaced the signs |\n"
        "| B1 | Book the electrician for the annual safety test | Colin | Ongoing |\n\n"
        "## 2. Lettings\n\n#### Action items\n\n| Action | Who | Due |\n| --- | --- | --- |\n"
        "| Draft a hiring policy for the small meeting room | Helen |  |\n"
        "| Order forty stacking chairs for the main hall | Priti | 31 January 2025 |\n"
    ),
    "hall-2025-04-08.md": HEAD.format(date="8 April 2025", present=EVERYONE) + REVIEW_HEAD + (
        "| B1 | Book the electrician for the annual safety test | Colin | Done |\n\n"
        "## 2. Spring clean\n\n" + NEW_HEAD +
        "| D1 | Arrange the spring clean with the volunteers | Gareth | 10 May 2025 |\n"
    ),
    "allotments-2025-03-20.md": (
        "# Ashcombe Allotments Association\n\nMinutes of the meeting held on 20 March 2025 at the Pavilion\n\n"
        "**Present:** Helen Marsh (Chair), Dev Okafor, Rosa Finch\n\n"
        "## 1. Actions from the last meeting\n\n| Action | Who | Status |\n| --- | --- | --- |\n"
        "| Draft a hiring policy for the small meeting room | Helen | Completed |\n\n"
        "## 2. Water\n\n#### Action items\n\n| Action | Who | Due |\n| --- | --- | --- |\n"
        "| Fix the leaking trough by plot 12 | Dev | 30 April 2025 |\n"
    ),
}
TODAY = "2025-05-01"


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("series")
    for name, text in SERIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def actions(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["actions", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_task(rows: list[dict]) -> dict[str, dict]:
    """Rows by the first words of the action and the group: "boiler@Ashcombe Village Hall Trust"."""
    return {f"{' '.join(r['description'].split()[:3])}@{r['meeting']}": r for r in rows}


HALL, PLOTS = "Ashcombe Village Hall Trust", "Ashcombe Allotments Association"


# -- through the CLI ----------------------------------------------------------------------

def test_each_action_has_its_status_raised_and_last_seen_across_the_series(series: Path) -> None:
    rows = by_task(actions(str(series), "--status", "all"))
    assert len(rows) == 9  # 4 + 1 + 2 + 1 actions set in the hall's minutes, the allotments' own and its review
    boiler = rows[f"Obtain three quotes@{HALL}"]
    assert (boiler["status"], boiler["status_text"]) == ("done", "Completed - Hallwood Heating appointed")
    assert (boiler["raised"], boiler["last_seen"], boiler["mentions"]) == ("2025-01-14", "2025-03-11", 3)
    assert boiler["file"].endswith("hall-2025-01-14.md") and boiler["last_file"].endswith("hall-2025-03-11.md")
    assert (boiler["link"], boiler["due"]) == (LINK_REF, "2025-02-28")
    insurance = rows[f"Renew the public@{HALL}"]
    assert (insurance["status"], insurance["last_seen"], insurance["mentions"]) == ("done", "2025-02-11", 2)
    # reviewed by its reference, then without one (by its owner and words): dropped
    signs = rows[f"Repaint the fire@{HALL}"]
    assert (signs["status"], signs["mentions"], signs["link"]) == ("dropped", 3, LINK_OWNER_TEXT)
    assert 0.5 < signs["confidence"] <= 1
    electrician = rows[f"Book the electrician@{HALL}"]
    assert (electrician["status"], electrician["raised"], electrician["last_seen"]) == ("done", "2025-02-11", "2025-04-08")
    # set again two meetings later in the same words: carried over, still open, due date kept from when it was set
    policy = rows[f"Draft a hiring@{HALL}"]
    assert (policy["status"], policy["raised"], policy["last_seen"], policy["due"]) == ("open", "2025-01-14", "2025-03-11",
                                                                                         "2025-04-30")
    assert policy["link"] == LINK_OWNER_TEXT and (policy["item"], policy["ref"]) == ("1", "A4")
    # old keys are still there for scripts
    assert {"meeting_date", "meeting", "file", "item", "item_title", "description", "owners", "owners_text", "due"} <= set(policy)


def test_another_groups_review_in_the_same_words_is_never_linked(series: Path) -> None:
    rows = by_task(actions(str(series), "--status", "all"))
    review = rows[f"Draft a hiring@{PLOTS}"]
    # a review that continues nothing known: raised at an unknown earlier meeting, shown all the same
    assert (review["status"], review["raised"], review["meeting_date"], review["mentions"]) == ("done", None, "2025-03-20", 1)
    assert rows[f"Draft a hiring@{HALL}"]["status"] == "open"


def test_open_actions_by_default_and_each_status_on_request(series: Path) -> None:
    open_ = {r["description"] for r in actions(str(series))}
    assert open_ == {"Draft a hiring policy for the small meeting room", "Order forty stacking chairs for the main hall",
                     "Arrange the spring clean with the volunteers", "Fix the leaking trough by plot 12"}
    assert len(actions(str(series), "--status", "done")) == 4
    assert [r["description"] for r in actions(str(series), "--status", "dropped")] == [
        "Repaint the fire exit signs in the main hall"]
    assert all(r["status"] == "done" for r in actions(str(series), "--status", "done"))


def test_overdue_lists_open_actions_due_after_their_meeting(series: Path) -> None:
    overdue = actions(str(series), "--overdue", "--today", TODAY)
    assert [(r["due"], r["description"]) for r in overdue] == [
        ("2025-04-30", "Draft a hiring policy for the small meeting room"),
        ("2025-04-30", "Fix the leaking trough by plot 12"),
    ]
    # every action set, with no tracking, counts far more: the done ones, and the chairs "due" before their meeting
    with Index() as index:
        load_files(index, [series])
        assert len(index.actions(overdue_on=dt.date.fromisoformat(TODAY))) == 7


def test_overdue_with_another_status_is_refused(series: Path) -> None:
    result = CliRunner().invoke(main, ["actions", str(series), "--overdue", "--status", "done"])
    assert result.exit_code == 2
    assert "--overdue lists open actions only" in result.output


def test_the_table_shows_status_and_raised(series: Path, tmp_path: Path) -> None:
    out = tmp_path / "open.txt"
    result = CliRunner().invoke(main, ["actions", str(series), "--owner", "Helen", "--format", "table", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("1 open action(s)")
    header = next(line for line in text.splitlines() if "Action" in line and "Due" in line)
    assert "Raised" in header and "Status" in header
    assert "2025-01-14" in text and "seen 2025-03-11" in text


def test_the_library_gives_the_same_rows(series: Path) -> None:
    meetings = [m for p in sorted(series.glob("*.md")) for m in cme_notes.parse_all(p)]
    done = views.actions(meetings, status="done")
    assert {r["description"] for r in done} == {r["description"] for r in actions(str(series), "--status", "done")}
    assert [r["description"] for r in views.actions(meetings, overdue_on=dt.date(2025, 3, 20), owner="Colin")] == []
    with pytest.raises(ValueError, match="status must be one of"):
        views.actions(meetings, status="closed")


def test_the_index_keeps_reviews_apart_from_actions_set(series: Path, tmp_path: Path) -> None:
    with Index(tmp_path / "hall.db") as index:
        load_files(index, [series])
        reviewed = index.actions(kind=REVIEWED)
        assert len(index.actions()) == len(index.actions(kind=SET)) == index.counts()["actions"] == 9
        assert index.counts()["reviewed_actions"] == 8
        assert {(r.ref, r.status, r.status_text) for r in reviewed if r.meeting_date == "2025-02-11"} == {
            ("A1", "open", "Ongoing - two quotes received"), ("A2", "done", "Completed 3 February"), ("A3", "open", "Ongoing")}
    con = sqlite3.connect(tmp_path / "hall.db")
    assert con.execute("SELECT count(*) FROM actions WHERE kind = 'reviewed'").fetchone()[0] == len(reviewed) == 8
    con.close()
    # the same answers from the index as from the files
    assert actions("--db", str(tmp_path / "hall.db"), "--status", "all") == actions(str(series), "--status", "all")


def test_an_index_of_an_earlier_version_is_refused_when_read_and_upgraded_when_written(series: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Index(db) as index:
        load_files(index, [series])
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")  # their owners and passages go with them
    con.execute("DELETE FROM actions WHERE kind = 'reviewed'")  # what version 2 held: no reviewed actions
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    refused = CliRunner().invoke(main, ["actions", "--db", str(db)])
    assert refused.exit_code == 1
    assert "before action status tracking" in refused.output and f"cme-notes index PATH... --db {db}" in refused.output
    assert "Traceback" not in refused.output
    updated = CliRunner().invoke(main, ["index", str(series), "--db", str(db)])
    assert updated.exit_code == 0, updated.output
    assert "5 replaced" in updated.output  # every file read again, unchanged or not: its reviews are indexed now
    assert len(actions("--db", str(db), "--status", "done")) == 4


def test_both_meetings_of_one_file_are_kept(tmp_path: Path) -> None:
    (tmp_path / "fernley-2024-06-04.txt").write_text(
        "Fernley Village Hall Committee - Minutes of the annual meeting held on 4 June 2024\n"
        "Present: Ruth Amberley (Chair), Sean Doyle, Fay Ingram\n"
        "1. Accounts\nSean Doyle to send the accounts to the examiner by 30 June 2024.\n"
        "Fernley Village Hall Committee - Minutes of the meeting held on 4 June 2024\n"
        "Present: Ruth Amberley (Chair), Fay Ingram, Tom Brace\nApologies: Sean Doyle\n"
        "1. Summer fete\nFay Ingram to book the bouncy castle by 12 July 2024.\n", encoding="utf-8")
    rows = actions(str(tmp_path), "--status", "all")
    assert [(Path(r["file"]).name, r["owners"]) for r in rows] == [
        ("fernley-2024-06-04.txt", ["Sean Doyle"]), ("fernley-2024-06-04.txt#2", ["Fay Ingram"])]
    # same group, same evening, same file: two meetings, neither taken for a copy of the other, nor linked to it
    assert all(r["mentions"] == 1 for r in rows)
    with Index(tmp_path / "m.db") as index:
        load_files(index, [tmp_path])
        assert index.counts()["distinct_meetings"] == 2


# -- the linking functions alone --------------------------------------------------------

def mention(meeting_id: int, date: str, description: str, owners: tuple[str, ...] = (), *, kind: str = SET,
            item: str | None = None, ref: str | None = None, status: str | None = None, due: str | None = None,
            group: str = "ashcombe village hall trust", item_title: str | None = None, raised: str | None = None,
            position: int = 0) -> ActionRecord:
    return ActionRecord(
        id=meeting_id * 100 + position, meeting_id=meeting_id, meeting_date=date, group_name=group.title(),
        group_key=group, path=f"minutes-{date}.md", position=position, item=item, item_title=item_title,
        description=description, owners=owners, owners_text=None, due=due, kind=kind, ref=ref, status=status,
        status_text=status, raised=raised,
    )


def test_an_own_reference_links_surely_whatever_the_words():
    earlier = mention(1, "2025-01-14", "Obtain quotes for the boiler", ("Colin Webb",), ref="Jan25.01")
    later = mention(2, "2025-02-11", "Heating: see report", (), kind=REVIEWED, ref="Jan25.01", status="done")
    assert link_to(later, earlier) == link_to(later, earlier, Past({1: 1})) and link_to(later, earlier).kind == LINK_REF
    assert link_to(later, earlier).confidence == 1.0


def test_a_cited_minute_links_to_the_latest_meeting_with_that_minute():
    may_2024 = mention(1, "2024-05-14", "Cllr Lester to contact the quarry for an update", ("R Lester",), item="14")
    may_2025 = mention(9, "2025-05-13", "Cllr Lester to obtain information on stopping up highways", ("R Lester",),
                       item="14")
    review = mention(10, "2025-06-10", "(Minute 14.2) Cllr Lester to obtain information on stopping up highways",
                     ("R Lester",), kind=REVIEWED, item="25", item_title="Matters arising")
    assert cited_numbers(review) == {"14.2"}  # its own item (25, titled in its meeting) is not a citation
    past = Past({1: 12, 9: 1}, {1: frozenset({"14"}), 9: frozenset({"14", "15"})})
    assert link_to(review, may_2025, past).kind == LINK_REF
    # a year earlier minute 14 was another matter: the citation does not reach it, nor do the words
    assert link_to(review, may_2024, past) is None


def test_owners_and_words_link_a_review_and_say_how_sure():
    earlier = mention(1, "2025-01-14", "Repaint the fire exit signs in the main hall", ("Gareth Lloyd",))
    review = mention(2, "2025-03-11", "Fire exit signs repainted", ("Gareth Lloyd",), kind=REVIEWED, status="done")
    link = link_to(review, earlier)
    assert link.kind == LINK_OWNER_TEXT and 0.5 < link.confidence < 0.9
    nobody = mention(2, "2025-03-11", "Repaint the fire exit signs in the main hall", (), kind=REVIEWED)
    assert link_to(nobody, earlier).kind == LINK_TEXT
    checked = "Exit signs checked by the fire officer"
    assert link_to(mention(2, "2025-03-11", checked, ("Gareth Lloyd",), kind=REVIEWED), earlier).kind == LINK_OWNER_TEXT
    # the same words from someone else's review: too few in common without the owner
    assert link_to(mention(2, "2025-03-11", checked, ("Dev Okafor",), kind=REVIEWED), earlier) is None


def test_a_new_task_on_the_same_topic_is_not_a_carried_over_one():
    spring = mention(1, "2024-03-14", "Owen to update the dashboard with the spring term figures", ("Owen Price",),
                     due="2024-04-05")
    autumn = mention(5, "2025-01-23", "Owen to update the dashboard with the autumn term figures", ("Owen Price",),
                     due="2025-02-28")
    assert similarity(spring.description, autumn.description) > 0.6
    assert link_to(autumn, spring) is None  # a date of its own: a new task
    again = mention(2, "2024-06-13", "Owen to update the dashboard with the spring term figures", ("Owen Price",))
    assert link_to(again, spring).kind == LINK_OWNER_TEXT
    # set again many meetings later: a new occasion, not a carry-over
    assert link_to(again, spring, Past({1: CARRIED_WINDOW + 1})) is None


def test_track_follows_meetings_in_date_order_never_within_one_meeting_nor_across_groups():
    set_ = mention(1, "2025-01-14", "Draft a hiring policy for the small meeting room", ("Helen Marsh",))
    same_meeting = mention(1, "2025-01-14", "Draft a hiring policy for the small meeting room", ("Helen Marsh",),
                           kind=REVIEWED, status="done", position=1)
    other_group = mention(3, "2025-02-20", "Draft a hiring policy for the small meeting room", ("Helen Marsh",),
                          kind=REVIEWED, status="done", group="ashcombe allotments association")
    closed = mention(2, "2025-02-11", "Draft a hiring policy for the small meeting room", ("Helen Marsh",),
                     kind=REVIEWED, status="done")
    undated = mention(4, None, "Draft a hiring policy for the small meeting room", ("Helen Marsh",), kind=REVIEWED)
    tracked = track([closed, other_group, undated, same_meeting, set_])  # any order: meetings are put in date order
    chains = {(t.first.meeting_id, t.first.position): t for t in tracked}
    assert len(tracked) == 4
    followed = chains[(1, 0)]
    assert [m.meeting_id for m in followed.mentions] == [1, 2] and followed.status == "done"
    assert followed.raised == "2025-01-14" and followed.last_seen == "2025-02-11"
    assert chains[(1, 1)].mentions == [same_meeting] and chains[(1, 1)].raised is None
    assert chains[(3, 0)].mentions == [other_group]
    assert chains[(4, 0)].mentions == [undated]
