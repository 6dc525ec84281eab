"""The attendance register: people and organisations across a group's meetings.

For each person (or organisation) and each meeting of the group from the first
one that lists them: present, apologies, or absent (listed in neither). Someone
who joined in the second year is not marked absent from the first; someone who
stopped coming is, until they are left off the minutes for good, which the
minutes cannot tell us. rate = present / meetings since first listed.

People are joined across spellings by :class:`~cme_notes.identity.PeopleRegistry`,
organisations by :class:`~cme_notes.identity.OrgAliases`; the spellings as
written are kept in each row.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..identity import OrgAliases, PeopleRegistry
from ..store.records import AttendanceRecord, MeetingRecord
from .columns import DATE, INT, LIST, PERCENT, Column

PRESENT, APOLOGIES, ABSENT = "present", "apologies", "absent"
MARKS = {PRESENT: "P", APOLOGIES: "A", ABSENT: "-"}

PEOPLE_COLUMNS = [
    Column("group", "Group", width=28),
    Column("name", "Name", width=22),
    Column("organisation", "Organisation", width=24),
    Column("present", "Present", INT),
    Column("apologies", "Apologies", INT),
    Column("absent", "Absent", INT),
    Column("meetings", "Meetings", INT),
    Column("rate", "Rate", PERCENT),
    Column("first_seen", "First listed", DATE),
    Column("last_seen", "Last listed", DATE),
    Column("names_as_written", "Names as written", LIST, width=30),
    Column("organisations_as_written", "Organisations as written", LIST, width=30),
]

ORGANISATION_COLUMNS = [
    Column("group", "Group", width=28),
    Column("organisation", "Organisation", width=26),
    Column("present", "Represented", INT),
    Column("apologies", "Apologies only", INT),
    Column("absent", "Absent", INT),
    Column("meetings", "Meetings", INT),
    Column("rate", "Rate", PERCENT),
    Column("people", "People", LIST, width=40),
    Column("names_as_written", "Names as written", LIST, width=30),
]


@dataclass(slots=True)
class Tally:
    group: str | None
    marks: dict[int, str] = field(default_factory=dict)
    """meeting id -> present / apologies (present wins when listed as both)."""
    written: Counter = field(default_factory=Counter)
    organisations: Counter = field(default_factory=Counter)
    last_organisation: str | None = None
    people: dict[str, str] = field(default_factory=dict)

    def mark(self, meeting_id: int, status: str) -> None:
        if self.marks.get(meeting_id) != PRESENT:
            self.marks[meeting_id] = status


def people_register(meetings: list[MeetingRecord], records: list[AttendanceRecord],
                    aliases: OrgAliases | None = None) -> list[dict]:
    """One row per person per group; ``records`` oldest meeting first (as ``Index.attendance`` gives them)."""
    aliases = aliases or OrgAliases.load()
    registry = PeopleRegistry(aliases.people).add_all(r.name for r in records)
    tallies: dict[tuple[str | None, str], Tally] = {}
    for r in records:
        ident = registry.resolve(r.name)
        tally = tallies.setdefault((r.group_key, ident), Tally(r.group_name))
        tally.mark(r.meeting_id, r.status)
        tally.written[f"{r.honorific} {r.name}" if r.honorific else r.name] += 1  # as written, title and all
        if r.organisation:
            tally.organisations[r.organisation] += 1
            tally.last_organisation = aliases.canonical(r.organisation)
    rows = []
    for (group_key, ident), tally in tallies.items():
        row = {"group": tally.group, "name": registry.identity(ident).name,
               "organisation": tally.last_organisation,
               **counts_since_first(group_meetings(meetings, group_key), tally.marks),
               "names_as_written": list(tally.written), "organisations_as_written": list(tally.organisations)}
        rows.append(row)
    return sorted(rows, key=lambda r: ((r["group"] or "").casefold(), r["name"].casefold()))


def organisation_register(meetings: list[MeetingRecord], records: list[AttendanceRecord],
                          aliases: OrgAliases | None = None) -> list[dict]:
    """One row per organisation per group: represented (someone present), apologies only, or absent."""
    aliases = aliases or OrgAliases.load()
    registry = PeopleRegistry(aliases.people).add_all(r.name for r in records)
    tallies: dict[tuple[str | None, str], Tally] = {}
    names: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        key = aliases.key(r.organisation)
        if key is None:
            continue  # a person listed without an organisation
        tally = tallies.setdefault((r.group_key, key), Tally(r.group_name))
        tally.mark(r.meeting_id, r.status)
        tally.written[r.organisation] += 1
        names[key][aliases.canonical(r.organisation)] += 1
        ident = registry.resolve(r.name)
        tally.people.setdefault(ident, registry.identity(ident).name)
    rows = []
    for (group_key, key), tally in tallies.items():
        rows.append({"group": tally.group, "organisation": names[key].most_common(1)[0][0],
                     **counts_since_first(group_meetings(meetings, group_key), tally.marks),
                     "people": sorted(tally.people.values(), key=str.casefold), "names_as_written": list(tally.written)})
    return sorted(rows, key=lambda r: ((r["group"] or "").casefold(), r["organisation"].casefold()))


def group_meetings(meetings: list[MeetingRecord], group_key: str | None) -> list[MeetingRecord]:
    return [m for m in meetings if m.group_key == group_key]


def counts_since_first(meetings: list[MeetingRecord], marks: dict[int, str]) -> dict:
    """Counts from the first meeting that lists them; attendance: every meeting of the group, None before that."""
    first = next((n for n, m in enumerate(meetings) if m.id in marks), len(meetings))
    since = meetings[first:]
    statuses = [marks.get(m.id, ABSENT) for m in since]
    present, apologies = statuses.count(PRESENT), statuses.count(APOLOGIES)
    listed = [m.date for m in since if m.id in marks]
    return {
        "present": present,
        "apologies": apologies,
        "absent": statuses.count(ABSENT),
        "meetings": len(since),
        "rate": round(present / len(since), 3) if since else None,
        "first_seen": listed[0] if listed else None,
        "last_seen": listed[-1] if listed else None,
        "attendance": [{"date": m.date, "status": marks.get(m.id, ABSENT) if n >= first else None}
                       for n, m in enumerate(meetings)],
    }


def mark_columns(rows: list[dict]) -> list[str]:
    """The meeting dates of a register, oldest first: one column each in CSV, spreadsheet and table."""
    return sorted({a["date"] for r in rows for a in r["attendance"] if a["date"]})


def with_marks(rows: list[dict]) -> list[dict]:
    """Rows with a "P" / "A" / "-" cell per meeting date (blank: before they were first listed, or another group's meeting)."""
    out = []
    for row in rows:
        marks = {a["date"]: MARKS.get(a["status"], "") for a in row["attendance"] if a["date"]}
        out.append({**row, **marks})
    return out
