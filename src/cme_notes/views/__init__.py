"""Views across meetings: the action tracker, the attendance register, the calendar, search.

Each takes either an :class:`~cme_notes.store.Index` (a database built by
``cme-notes index``) or meeting records straight from :func:`cme_notes.parse`,
which are put in an in-memory index first, so both give the same answers::

    import cme_notes, cme_notes.views as views
    meetings = [cme_notes.parse(p) for p in paths]
    views.register(meetings)                           # rows: one per person
    views.actions(meetings, owner="Owen", overdue_on=datetime.date(2025, 4, 1))   # open ones, overdue that day
    views.actions(meetings, status="all")              # open, done and dropped, each followed across meetings
    views.calendar(meetings).to_ical()                 # an icalendar.Calendar
    views.people(meetings, name="Owen")               # who appears, their meetings and actions
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable, Union

from ..identity import OrgAliases
from ..store import Index
from .actions import ACTION_COLUMNS, STATUSES, action_rows, tracked_actions
from .tracker import OPEN
from .calendar import CALENDAR_COLUMNS, DEFAULT_DURATION, build_calendar, calendar_rows, merge_announcements
from .columns import Column, rows_csv, rows_json
from .people import PERSON_COLUMNS, people_rows
from .register import ORGANISATION_COLUMNS, PEOPLE_COLUMNS, organisation_register, people_register
from .search import SEARCH_COLUMNS, search_rows

if TYPE_CHECKING:
    from ..models import Meeting

Source = Union[Index, Iterable["Meeting"]]

__all__ = [
    "ACTION_COLUMNS", "CALENDAR_COLUMNS", "DEFAULT_DURATION", "ORGANISATION_COLUMNS", "PEOPLE_COLUMNS", "PERSON_COLUMNS",
    "SEARCH_COLUMNS", "STATUSES", "Column", "actions", "calendar", "calendar_events", "calendar_rows", "index_of", "people", "register",
    "rows_csv", "rows_json", "search",
]


def index_of(source: Source, aliases: OrgAliases | None = None) -> Index:
    """``source`` itself when it is an Index, else a new in-memory index of the meetings."""
    if isinstance(source, Index):
        return source
    index = Index(aliases=aliases)
    with index.transaction():
        for meeting in source:
            index.add(meeting)
    return index


def actions(source: Source, *, owner: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
            search: str | None = None, overdue_on: dt.date | None = None, group: str | None = None,
            status: str = "open") -> list[dict]:
    """Action rows (see :data:`ACTION_COLUMNS`), each action followed across its group's meetings; due date first.

    ``status``: open (the default), done, dropped or all. ``overdue_on``: only open actions due before that day
    and on or after the meeting that set the date.
    """
    return action_rows(tracked_actions(index_of(source), owner=owner, since=since, until=until, search=search,
                                       group=group, status=status, overdue_on=overdue_on))


def register(source: Source, *, by: str = "people", aliases: OrgAliases | None = None, group: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None) -> list[dict]:
    """The attendance register ``by`` people or organisations: counts, rate and each meeting's status."""
    index = index_of(source, aliases)
    aliases = aliases or index.aliases  # an index remembers the alias file it was built with
    meetings = index.meetings(group=group, since=since, until=until)
    records = index.attendance(group=group, since=since, until=until)
    if by.startswith("org"):
        return organisation_register(meetings, records, aliases)
    return people_register(meetings, records, aliases)


def people(source: Source, *, aliases: OrgAliases | None = None, group: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None, name: str | None = None) -> list[dict]:
    """Who appears across the minutes (see :data:`PERSON_COLUMNS`): one row per person, by name.

    ``name`` keeps the people one of whose spellings contains it, or whose initials it is; actions count
    when raised at a meeting in ``since``..``until``.
    """
    index = index_of(source, aliases)
    meetings = index.meetings(group=group, since=since, until=until)
    held = {m.id for m in meetings}
    owned = [a for a in tracked_actions(index, group=group, status="all") if a.first.meeting_id in held]
    return people_rows(meetings, index.attendance(group=group, since=since, until=until), owned,
                       aliases or index.aliases, name=name)


def calendar(source: Source, *, with_actions: bool = False, group: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None, name: str | None = None,
             duration: dt.timedelta | None = DEFAULT_DURATION, aliases: OrgAliases | None = None):
    """An ``icalendar.Calendar``: one event per future meeting (announced once or many times), and due dates if asked.
    A meeting with a start time but no end in the minutes lasts ``duration``.

    ``aliases``: for meeting records, the tables whose [groups] say which titles are one group.
    """
    planned, due = calendar_events(source, with_actions=with_actions, group=group, since=since, until=until,
                                   aliases=aliases)
    return build_calendar(planned, due, name=name, duration=duration)


def calendar_events(source: Source, *, with_actions: bool = False, group: str | None = None,
                    since: dt.date | None = None, until: dt.date | None = None,
                    aliases: OrgAliases | None = None) -> tuple[list, list]:
    """The meetings to come (one per group and date, announcements merged) and, if asked, the actions due
    and still open, between ``since`` and ``until`` (both included)."""
    index = index_of(source, aliases)
    planned = merge_announcements(index.future_meetings(group=group, since=since, until=until))
    if not with_actions:
        return planned, []
    # an action a later meeting closed is no longer due: each open chain's action as it was set
    due = [t.first for t in tracked_actions(index, group=group, status=OPEN)]
    low, high = since.isoformat() if since else "", until.isoformat() if until else "9999"
    return planned, [a for a in due if a.due and low <= a.due <= high]


def search(source: Source, text: str, *, group: str | None = None, since: dt.date | None = None,
           until: dt.date | None = None) -> list[dict]:
    """Which meetings discussed ``text``: one row per meeting and item, with a snippet."""
    return search_rows(index_of(source).search(text, group=group, since=since, until=until))
