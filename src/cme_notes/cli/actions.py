"""cme-notes actions: the action tracker, from minutes files and folders or from an index (--db)."""
from __future__ import annotations

import datetime as dt
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, reading_options
from .sources import (DATE, LISTING_FORMATS, choose_format, db_option, format_option, group_option, open_source,
                      quiet_option, say_none_match, warn, write_view)


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@click.option("--owner", metavar="NAME", help="Only actions owed by NAME: full name, first name, surname or initials.")
@click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="Only actions whose meeting or due date is on or after this day.")
@click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Only actions whose meeting or due date is on or before this day.")
@click.option("--search", "text", metavar="TEXT", help="Only actions whose words (or their item's title) include every word of TEXT.")
@click.option("--status", type=click.Choice(["open", "done", "dropped", "all"]), default="open", show_default=True,
              help="Only actions whose last status across the meetings is this (all: every action).")
@click.option("--overdue", is_flag=True,
              help="Only open actions due before --today (and on or after the meeting that set the date).")
@click.option("--today", type=DATE, metavar="YYYY-MM-DD", help="The day --overdue counts from. [default: today]")
@group_option
@format_option(*LISTING_FORMATS, note="A row per action.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@quiet_option
@reading_options
def actions(paths: tuple[str, ...], db: str | None, owner: str | None, since: dt.date | None, until: dt.date | None,
            text: str | None, status: str, overdue: bool, today: dt.date | None, group: str | None, fmt: str | None,
            output: str | None, reading: ReadOptions) -> None:
    """List the actions in minutes files and folders (searched recursively) or in an index, due date first.

    Each action is followed across its group's meetings: raised at one, reviewed
    or carried over at later ones ("Ongoing", "Completed", "No longer
    required"), linked by its reference or by owners and wording (the link and
    how sure it is are in the JSON and CSV). Open actions are listed unless
    --status says otherwise. The same minutes found as several files (a .docx
    and its .pdf) count once.

    \b
    Examples:
      cme-notes actions minutes/
      cme-notes actions minutes/ --owner Chris
      cme-notes actions minutes/ --status done
      cme-notes actions --db minutes.db --owner "Chris Oakley" --format csv -o chris.csv
      cme-notes actions --db minutes.db --overdue --today 2025-04-01
      cme-notes actions --db minutes.db --search "dashboard" -o actions.xlsx
      cme-notes actions minutes/ --excel -o actions.csv     # opens in Excel with accents intact
    """
    from ..views.actions import ACTION_COLUMNS, action_rows, tracked_actions

    if overdue and status not in ("open", "all"):
        raise click.UsageError("--overdue lists open actions only: leave out --status or give --status open")
    fmt = choose_format(fmt, output, LISTING_FORMATS)
    index, failed = open_source(paths, db, reading=reading)
    if text is not None and not index.has_fts:
        warn("this SQLite has no full-text search (FTS5): matching words with LIKE, without stemming")
    day = today or dt.date.today()
    tracked = tracked_actions(index, owner=owner, since=since, until=until, search=text, group=group,
                              status="open" if overdue else status, overdue_on=day if overdue else None)
    rows = action_rows(tracked)
    if not rows:
        say_none_match(f"{status} actions" if status != "all" else "actions",
                       {"--owner": owner, "--since": since, "--until": until, "--search": text,
                        "--overdue": overdue, "--group": group}, index)
    kind = "" if status == "all" and not overdue else "open " if overdue else f"{status} "
    title = f"{len(rows)} {kind}action(s)" + (f" overdue on {day.isoformat()}" if overdue else "")
    write_view(rows, ACTION_COLUMNS, fmt, output, title=title, sheet="Actions", table=_table(title))
    sys.exit(1 if failed else 0)


def _table(title: str):
    def show(rows: list[dict], console) -> None:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left")
        table.add_column("Raised", no_wrap=True)
        # the action's own reference (EB-03) where the minutes give one, else its item's number: the item's
        # title is in json and csv, and the spare width goes to the action itself
        table.add_column("Ref", max_width=10)
        table.add_column("Action")
        table.add_column("Owners", max_width=20)
        table.add_column("Due", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        for r in rows:
            table.add_row(_raised(r), Text(r["ref"] or r["item"] or ""), Text(r["description"]),
                          Text(", ".join(r["owners"]) or "-"),
                          r["due"] or "", _status(r))
        console.print(table)

    return show


def _raised(row: dict) -> str:
    """The meeting that set it; "before DATE" for a review that names no earlier action found."""
    if row["raised"]:
        return row["raised"]
    return f"before {row['meeting_date']}" if row["meeting_date"] else "?"


def _status(row: dict) -> str:
    """The status, and the meeting that last mentioned it when that is a later one."""
    if row["last_seen"] and row["last_seen"] != row["meeting_date"]:
        return f"{row['status']}\nseen {row['last_seen']}"
    return row["status"]
