"""Future meetings (and, if asked, action due dates) as an iCalendar file (RFC 5545).

Minutes announce the same meeting again and again ("19th Sept 10am" in March,
then in June); each meeting becomes one event, with the latest minutes' details
winning and gaps filled from earlier ones (June gives no venue, September
does). UIDs come from the group and the date, so importing a newer export
updates events instead of duplicating them. Times are UK local time
(Europe/London); a meeting with no time is an all-day event, and one with a
start time but no end time in the minutes lasts :data:`DEFAULT_DURATION`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Iterable

from .. import __version__
from ..store.records import ActionRecord, FutureRecord
from .columns import DATE, LIST, Column

PRODID = f"-//cme-notes//cme-notes {__version__}//EN"
TZID = "Europe/London"

DEFAULT_DURATION = dt.timedelta(hours=2)
"""A meeting whose minutes give a start but no end: long enough to block the afternoon in a calendar,
where an event with no end would show as a point in time."""

CALENDAR_COLUMNS = [
    Column("date", "Date", DATE),
    Column("start", "Start", width=7),
    Column("end", "End", width=7),
    Column("end_from", "End from", width=9),
    Column("event", "Event", width=10),
    Column("group", "Group", width=30),
    Column("place", "Place", width=30),
    Column("summary", "Summary", width=60, wrap=True),
    Column("announced_on", "Announced on", LIST, width=24),
]
"""end_from: "minutes" when they give the end time, "default" when it is start + the default duration."""


@dataclass(slots=True)
class PlannedMeeting:
    group_name: str | None
    group_key: str | None
    date: str
    time: str | None = None
    end_time: str | None = None
    place: str | None = None
    text: str | None = None
    announced_on: list[str] = field(default_factory=list)
    """Dates of the minutes that announced it, oldest first."""


def merge_announcements(futures: Iterable[FutureRecord]) -> list[PlannedMeeting]:
    """One meeting per group and date; the latest announcement's time and place, earlier ones filling gaps."""
    merged: dict[tuple[str | None, str], PlannedMeeting] = {}
    latest_first = sorted(futures, key=lambda f: f.announced_on or "", reverse=True)
    for f in latest_first:
        planned = merged.setdefault((f.group_key, f.date), PlannedMeeting(f.group_name, f.group_key, f.date))
        planned.time = planned.time or f.time
        # an end time belongs to its start time: don't pair a new start with an old end
        if planned.end_time is None and (planned.time == f.time):
            planned.end_time = f.end_time
        planned.place = planned.place or f.place
        planned.text = planned.text or f.text
        if f.announced_on and f.announced_on not in planned.announced_on:
            planned.announced_on.insert(0, f.announced_on)
    return sorted(merged.values(), key=lambda p: (p.date, p.time or "", p.group_name or ""))


def end_of(p: PlannedMeeting, duration: dt.timedelta | None) -> tuple[str | None, str | None]:
    """A timed meeting's end ("HH:MM") and where it came from: the minutes, or start + ``duration``
    ("default"; not past midnight); (None, None) for an all-day meeting or with no duration."""
    if p.end_time:
        return p.end_time, "minutes"
    if not p.time or duration is None:
        return None, None
    start = dt.datetime.combine(dt.date.fromisoformat(p.date), dt.time.fromisoformat(p.time))
    end = min(start + duration, start.replace(hour=23, minute=59))
    return end.strftime("%H:%M"), "default"


def calendar_rows(planned: list[PlannedMeeting], actions: Iterable[ActionRecord] = (), *,
                  duration: dt.timedelta | None = DEFAULT_DURATION) -> list[dict]:
    """The calendar's events as rows (see :data:`CALENDAR_COLUMNS`), by date: meetings, then due dates."""
    rows = []
    for p in planned:
        end, end_from = end_of(p, duration)
        rows.append({"date": p.date, "start": p.time, "end": end, "end_from": end_from, "event": "meeting",
                     "group": p.group_name, "place": p.place, "summary": p.text, "announced_on": list(p.announced_on)})
    for a in actions:
        if a.due:
            rows.append({"date": a.due, "start": None, "end": None, "end_from": None, "event": "action due",
                         "group": a.group_name, "place": None,
                         "summary": f"{a.description} ({', '.join(a.owners) or 'no owner given'})",
                         "announced_on": [a.meeting_date] if a.meeting_date else []})
    return sorted(rows, key=lambda r: (r["date"], r["event"] != "meeting", r["start"] or ""))


def build_calendar(planned: list[PlannedMeeting], actions: Iterable[ActionRecord] = (), *,
                   name: str | None = None, duration: dt.timedelta | None = DEFAULT_DURATION):
    """An ``icalendar.Calendar`` of the meetings, and of the actions' due dates as all-day events.
    A timed meeting without an end in the minutes lasts ``duration`` (None: no end given)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    groups = {p.group_name for p in planned if p.group_name}
    cal_name = name or (groups.pop() if len(groups) == 1 else "Meetings")
    cal.add("x-wr-calname", cal_name)
    tz = _london()
    timed = False
    for p in planned:
        cal.add_component(_meeting_event(p, tz, duration))
        timed = timed or (p.time is not None and tz is not None)
    for a in actions:
        if a.due:
            cal.add_component(_action_event(a))
    if timed:
        cal.add_component(_london_vtimezone())
    return cal


def _meeting_event(p: PlannedMeeting, tz, duration: dt.timedelta | None):
    import icalendar

    event = icalendar.Event()
    day = dt.date.fromisoformat(p.date)
    event.add("uid", _uid("meeting", p.group_key or "", p.date))
    event.add("dtstamp", _stamp(p.announced_on[-1] if p.announced_on else None))
    event.add("summary", p.group_name or "Meeting")
    if p.time:
        start = dt.datetime.combine(day, dt.time.fromisoformat(p.time), tzinfo=tz)
        event.add("dtstart", start)
        end, _end_from = end_of(p, duration)
        if end:
            event.add("dtend", dt.datetime.combine(day, dt.time.fromisoformat(end), tzinfo=tz))
    else:
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))  # all-day: the end date is exclusive
    if p.place:
        event.add("location", p.place)
    if p.announced_on:
        said = f"As announced in the minutes of {', '.join(_long_date(d) for d in p.announced_on)}"
        event.add("description", f"{said}: {p.text}" if p.text else said)
    return event


def _action_event(a: ActionRecord):
    import icalendar

    event = icalendar.Event()
    day = dt.date.fromisoformat(a.due)
    owners = ", ".join(a.owners) or "no owner given"
    event.add("uid", _uid("action", a.group_key or "", a.meeting_date or "", a.item or "", a.description))
    event.add("dtstamp", _stamp(a.meeting_date))
    event.add("summary", f"Due: {_short(a.description)} ({owners})")
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    where = f"item {a.item}" + (f" ({a.item_title})" if a.item_title else "") if a.item else "the minutes"
    meeting = f"{a.group_name or 'meeting'} of {_long_date(a.meeting_date)}" if a.meeting_date else (a.group_name or a.path)
    event.add("description", f"{a.description}\nOwners: {owners}\nFrom {where}, {meeting}")
    event.add("categories", ["Action"])
    return event


def _uid(*parts: str) -> str:
    """Stable across exports: the same meeting (or action) keeps its UID, so calendars update it."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{parts[0]}-{digest}@cme-notes"


def _stamp(iso_date: str | None) -> dt.datetime:
    """DTSTAMP: when this information was last revised, i.e. the date of the minutes that gave it (UTC midnight).

    Using the minutes' date rather than "now" keeps an export byte-for-byte the
    same when nothing changed.
    """
    if iso_date:
        return dt.datetime.combine(dt.date.fromisoformat(iso_date), dt.time(0, 0), tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _london():
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(TZID)
    except Exception:  # no time zone database (Windows without tzdata): floating local times
        return None


def _london_vtimezone():
    """Europe/London as RFC 5545 rules (BST from the last Sunday of March, GMT from the last Sunday of October)."""
    import icalendar

    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    for kind, name, offset_from, offset_to, start, month in (
        (icalendar.TimezoneDaylight, "BST", 0, 1, dt.datetime(1981, 3, 29, 1, 0), 3),
        (icalendar.TimezoneStandard, "GMT", 1, 0, dt.datetime(1996, 10, 27, 2, 0), 10),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        part.add("tzoffsetto", dt.timedelta(hours=offset_to))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


def _long_date(iso_date: str) -> str:
    d = dt.date.fromisoformat(iso_date)
    return f"{d.day} {d:%B %Y}"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
