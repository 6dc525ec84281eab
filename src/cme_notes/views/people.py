"""Who appears across the minutes: one row per person, however each meeting wrote the name.

A person is the identity :class:`~cme_notes.identity.PeopleRegistry` joins
(``Dr Alan Webb`` / ``Alan Webb``, ``K Armitage`` / ``Keith Armitage``); the
row keeps every spelling, the initials the minutes gave, organisations and
roles, the meetings attended and the actions owned. Meetings are counted as in
the register: in each group, from the first meeting that lists the person.

It also answers "did you mean": :func:`nearest` names the people or groups
closest to an ``--owner``, ``--name`` or ``--group`` that matched nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..extract.owners import ALL, fold
from ..identity import OrgAliases, PeopleRegistry, closest, name_keys
from ..store.records import ActionRecord, AttendanceRecord, MeetingRecord
from .columns import DATE, INT, LIST, Column
from .register import Tally, counts_since_first, group_meetings

if TYPE_CHECKING:
    from ..store import Index
    from .tracker import Tracked

CLOSED = frozenset({"done", "dropped"})
"""An action is open unless the minutes say it was done or dropped (no status: a new action, open)."""

PERSON_COLUMNS = [
    Column("name", "Name", width=22),
    Column("initials", "Initials", LIST, width=10),
    Column("spellings", "Spellings", LIST, width=30),
    Column("organisations", "Organisations", LIST, width=28),
    Column("roles", "Roles", LIST, width=20),
    Column("groups", "Groups", LIST, width=30),
    Column("present", "Present", INT),
    Column("apologies", "Apologies", INT),
    Column("meetings", "Meetings", INT),
    Column("first_seen", "First seen", DATE),
    Column("last_seen", "Last seen", DATE),
    Column("actions", "Actions", INT),
    Column("open_actions", "Open", INT),
    Column("as_written", "As written", LIST, width=40),
]


def is_open(action: "Tracked | ActionRecord") -> bool:
    """Whether an action still wants doing: the one place that reads an action's status."""
    return action.status not in CLOSED


@dataclass(slots=True)
class _Person:
    tallies: dict[str | None, Tally] = field(default_factory=dict)
    """group key -> that group's marks."""
    spellings: Counter = field(default_factory=Counter)
    initials: Counter = field(default_factory=Counter)
    organisations: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    written: Counter = field(default_factory=Counter)
    actions: int = 0
    open_actions: int = 0


def people_rows(meetings: list[MeetingRecord], records: list[AttendanceRecord], actions: "Iterable[Tracked | ActionRecord]",
                aliases: OrgAliases | None = None, *, name: str | None = None) -> list[dict]:
    """One row per person listed in ``records`` (oldest meeting first), with the ``actions`` they own.

    ``name`` keeps the people one of whose spellings contains it, or whose initials it is.
    """
    aliases = aliases or OrgAliases.load()
    registry = PeopleRegistry(aliases.people).add_all(r.name for r in records)
    people: dict[str, _Person] = {}
    for r in records:
        person = people.setdefault(registry.resolve(r.name), _Person())
        person.tallies.setdefault(r.group_key, Tally(r.group_name)).mark(r.meeting_id, r.status)
        person.spellings[f"{r.honorific} {r.name}" if r.honorific else r.name] += 1
        _count(person.initials, r.initials)
        _count(person.organisations, aliases.canonical(r.organisation))
        _count(person.roles, r.role)
        _count(person.written, r.as_written)
    for action in actions:
        for ident in {registry.resolve(o) for o in action.owners if o != ALL}:
            if ident in people:
                people[ident].actions += 1
                people[ident].open_actions += is_open(action)
    rows = [_row(registry.identity(ident).name, person, meetings) for ident, person in people.items()]
    if name is not None:
        rows = [r for r in rows if named(r, name)]
    return sorted(rows, key=lambda r: r["name"].casefold())


def _count(counter: Counter, value: str | None) -> None:
    if value:
        counter[value] += 1


def _row(name: str, person: _Person, meetings: list[MeetingRecord]) -> dict:
    counts = [counts_since_first(group_meetings(meetings, key), t.marks) for key, t in person.tallies.items()]
    seen = [c[k] for c in counts for k in ("first_seen", "last_seen") if c[k]]
    return {
        "name": name,
        "initials": list(person.initials),
        "spellings": list(person.spellings),
        "organisations": [o for o, _ in person.organisations.most_common()],
        "roles": [r for r, _ in person.roles.most_common()],
        "groups": sorted({t.group for t in person.tallies.values() if t.group}, key=str.casefold),
        "present": sum(c["present"] for c in counts),
        "apologies": sum(c["apologies"] for c in counts),
        "meetings": sum(c["meetings"] for c in counts),
        "first_seen": min(seen, default=None),
        "last_seen": max(seen, default=None),
        "actions": person.actions,
        "open_actions": person.open_actions,
        "as_written": list(person.written),
    }


def named(row: dict, text: str) -> bool:
    """Whether a person row answers to ``text``: part of a spelling ("Keith", "armitage"), or their initials
    (those the minutes gave, or those of the name: "OP" for Owen Price)."""
    wanted = fold(text)
    initials = {fold(i) for i in row["initials"]} | {name_keys(row["name"]).get("initials")}
    return bool(wanted) and (any(wanted in fold(s) for s in (row["name"], *row["spellings"])) or wanted in initials)


# -- "did you mean" ---------------------------------------------------------------------------------------------


def nearest(index: "Index", option: str, text: str) -> list[str] | None:
    """None when ``--option TEXT`` matches something in the index; else the closest names (maybe none).

    ``option`` is "owner" (actions owed), "name" (people) or "group" (meetings of a group).
    """
    if option == "group":
        return None if index.meetings(group=text) else closest(text, group_forms(index))
    if option == "owner" and index.actions(owner=text, kind=None):
        return None
    rows = people_rows(index.meetings(), index.attendance(), [], index.aliases)
    if option == "name" and any(named(r, text) for r in rows):
        return None
    forms = {label(r): [r["name"], *r["spellings"], *r["initials"], *name_keys(r["name"]).values()] for r in rows}
    if option == "owner":  # owners no list names ("Clerk", "Highways team") can be meant too
        listed = {fold(s) for r in rows for s in (r["name"], *r["spellings"])}
        for action in index.actions():
            forms.update({o: [o] for o in action.owners if o != ALL and fold(o) not in listed})
    return closest(text, forms)


def label(row: dict) -> str:
    """"John Baker (JB)": the name, and the initials the minutes use for them."""
    return f"{row['name']} ({', '.join(row['initials'])})" if row["initials"] else row["name"]


def group_forms(index: "Index") -> dict[str, list[str]]:
    """Each group's name, and what it may be typed as: its words, and the titles the user's [groups] table joins."""
    forms: dict[str, list[str]] = {}
    for m in index.meetings():
        if m.group_name:
            forms.setdefault(m.group_name, [m.group_name, *m.group_name.split()])
    for variant, group in index.aliases.groups.table.items():
        if group in forms:
            forms[group].append(variant)
    return forms
