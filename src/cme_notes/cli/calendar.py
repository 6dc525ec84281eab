"""cme-notes calendar: future meetings (and action due dates): a table to read, or an iCalendar file to import."""
from __future__ import annotations

import datetime as dt
import re
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, emit, reading_options
from .sources import (DATE, aliases_option, choose_format, db_option, format_option, group_option, load_aliases,
                      open_source, quiet_option, say_none_match, write_view)

CALENDAR_FORMATS = ("table", "ics", "json", "jsonl", "csv", "xlsx")

_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m?)?$|^(\d+):([0-5]\d)$")


class Duration(click.ParamType):
    """2h, 90m, 1h30 or 1:30 (a bare number is minutes)."""

    name = "duration"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.timedelta):
            return value
        m = _DURATION.match(value.strip().lower().replace(" ", ""))
        if not m or not any(m.groups()):
            self.fail(f"{value!r} is not a duration such as 2h, 90m, 1h30 or 1:30", param, ctx)
        hours, minutes = (m[1], m[2]) if m[3] is None else (m[3], m[4])
        duration = dt.timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        if not duration:
            self.fail("a meeting lasts more than no time", param, ctx)
        return duration


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@format_option(*CALENDAR_FORMATS, pipe="ics", note="A row per event in table, json, jsonl, csv and xlsx.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (e.g. meetings.ics) instead of stdout.")
@click.option("--actions", "with_actions", is_flag=True, help="Add each open action's due date as an all-day event (one a later meeting closed is left out).")
@group_option
@click.option("--from", "--since", "start", type=DATE, metavar="YYYY-MM-DD",
              help="Only events on or after this day (--since is the same).")
@click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Only events on or before this day.")
@click.option("--duration", type=Duration(), default="2h", show_default=True, metavar="DURATION",
              help="How long a meeting lasts when the minutes give its start time but no end (2h, 90m, 1h30).")
@click.option("--name", metavar="TEXT", help="The calendar's name. [default: the group's name]")
@aliases_option
@quiet_option
@reading_options
def calendar(paths: tuple[str, ...], db: str | None, fmt: str | None, output: str | None, with_actions: bool,
             group: str | None, start: dt.date | None, until: dt.date | None, duration: dt.timedelta,
             name: str | None, aliases: str | None, reading: ReadOptions) -> None:
    """Future meetings announced in the minutes: a table on a terminal, iCalendar (.ics) events to
    import into any calendar in a pipe or a file.

    A meeting announced in several sets of minutes is one event (the latest
    minutes' time and place win). Times are UK local time; a date without a
    time is an all-day event; a start time without an end ("10am") lasts
    --duration (2 hours unless told), and the table's "End from" says which
    ends the minutes gave. Event UIDs are stable, so importing a newer export
    updates events rather than duplicating them.

    \b
    Examples:
      cme-notes calendar minutes/                          # a table on the terminal
      cme-notes calendar minutes/ -o meetings.ics          # iCalendar, to import
      cme-notes calendar --db minutes.db --actions --from 2025-01-01 --until 2025-12-31 -o group.ics
      cme-notes calendar --db minutes.db --duration 90m | grep DTEND
      cme-notes calendar --db minutes.db --format csv --excel -o meetings.csv
    """
    from ..views import CALENDAR_COLUMNS, build_calendar, calendar_events, calendar_rows

    fmt = choose_format(fmt, output, CALENDAR_FORMATS, pipe="ics")
    index, failed = open_source(paths, db, reading=reading, aliases=load_aliases(aliases))
    planned, due = calendar_events(index, with_actions=with_actions, group=group, since=start, until=until)
    if not planned and not due:
        say_none_match("meetings to come" + (" or due dates" if with_actions else ""),
                       {"--group": group, "--from": start, "--until": until}, index)
    if fmt == "ics":
        cal = build_calendar(planned, due, name=name, duration=duration)
        emit(cal.to_ical().decode("utf-8"), output)
        if output not in (None, "-"):
            meetings, dates = len(planned), sum(1 for a in due if a.due)
            click.echo(f"cme-notes: wrote {meetings} meeting(s) and {dates} action due date(s) to {output}", err=True)
    else:
        rows = calendar_rows(planned, due, duration=duration)
        title = f"{len(rows)} event(s)"
        write_view(rows, CALENDAR_COLUMNS, fmt, output, title=title, sheet="Calendar", table=_table(title))
    sys.exit(1 if failed else 0)


def _table(title: str):
    def show(rows: list[dict], console) -> None:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left", caption="* end time not in the minutes: start + --duration",
                      caption_justify="left")
        table.add_column("Date", no_wrap=True)
        table.add_column("Time", no_wrap=True)
        table.add_column("Group", max_width=30)
        table.add_column("Place", max_width=24)
        table.add_column("Event")  # the spare width goes to what the minutes said
        for r in rows:
            day = dt.date.fromisoformat(r["date"]).strftime("%a %d %b %Y")
            time = f"{r['start']}–{r['end']}{'*' if r['end_from'] == 'default' else ''}" if r["end"] else (r["start"] or "all day")
            what = r["summary"] or "" if r["event"] == "meeting" else f"Due: {r['summary']}"
            table.add_row(day, time, Text(r["group"] or ""), Text(r["place"] or ""), Text(what))
        console.print(table)

    return show
