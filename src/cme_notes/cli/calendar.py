"""cme-notes calendar: future meetings (and action due dates) as an iCalendar file."""
from __future__ import annotations

import datetime as dt
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, emit, reading_options
from .sources import DATE, aliases_option, db_option, group_option, load_aliases, open_source, say_unmatched


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (e.g. meetings.ics) instead of stdout.")
@click.option("--actions", "with_actions", is_flag=True, help="Add each action's due date as an all-day event.")
@group_option
@click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="Only events on or after this day.")
@click.option("--name", metavar="TEXT", help="The calendar's name. [default: the group's name]")
@aliases_option
@reading_options
def calendar(paths: tuple[str, ...], db: str | None, output: str | None, with_actions: bool, group: str | None,
             since: dt.date | None, name: str | None, aliases: str | None, reading: ReadOptions) -> None:
    """Future meetings announced in the minutes as iCalendar (.ics) events, to import into any calendar.

    A meeting announced in several sets of minutes is one event (the latest
    minutes' time and place win). Times are UK local time; a date without a
    time is an all-day event. Event UIDs are stable, so importing a newer
    export updates events rather than duplicating them.

    \b
    Examples:
      cme-notes calendar minutes/ -o meetings.ics
      cme-notes calendar --db minutes.db --actions --since 2025-01-01 -o group.ics
    """
    from ..views import calendar as build

    index, failed = open_source(paths, db, reading=reading, aliases=load_aliases(aliases))
    cal = build(index, with_actions=with_actions, group=group, since=since, name=name)
    emit(cal.to_ical().decode("utf-8"), output)
    if output not in (None, "-"):
        uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
        due = sum(uid.startswith("action-") for uid in uids)
        click.echo(f"cme-notes: wrote {len(uids) - due} meeting(s) and {due} action due date(s) to {output}", err=True)
    say_unmatched(index, group=group)
    sys.exit(1 if failed else 0)
