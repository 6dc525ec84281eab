"""cme-notes actions: the action tracker, from minutes files and folders or from an index (--db)."""
from __future__ import annotations

import datetime as dt
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, reading_options
from .sources import (DATE, LISTING_FORMATS, choose_format, db_option, format_option, group_option, open_source,
                      say_none_match, warn, write_view)


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@click.option("--owner", metavar="NAME", help="Only actions owed by NAME: full name, first name, surname or initials.")
@click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="Only actions whose meeting or due date is on or after this day.")
@click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Only actions whose meeting or due date is on or before this day.")
@click.option("--search", "text", metavar="TEXT", help="Only actions whose words (or their item's title) include every word of TEXT.")
@click.option("--overdue", is_flag=True, help="Only actions whose due date is before --today.")
@click.option("--today", type=DATE, metavar="YYYY-MM-DD", help="The day --overdue counts from. [default: today]")
@group_option
@format_option(*LISTING_FORMATS, note="A row per action.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@reading_options
def actions(paths: tuple[str, ...], db: str | None, owner: str | None, since: dt.date | None, until: dt.date | None,
            text: str | None, overdue: bool, today: dt.date | None, group: str | None, fmt: str | None,
            output: str | None, reading: ReadOptions) -> None:
    """List the actions in minutes files and folders (searched recursively) or in an index, due date first.

    The same minutes found as several files (a .docx and its .pdf) count once.

    \b
    Examples:
      cme-notes actions minutes/
      cme-notes actions minutes/ --owner Chris
      cme-notes actions --db minutes.db --owner "Chris Oakley" --format csv -o chris.csv
      cme-notes actions --db minutes.db --overdue --today 2025-04-01
      cme-notes actions --db minutes.db --search "dashboard" -o actions.xlsx
      cme-notes actions minutes/ --excel -o actions.csv     # opens in Excel with accents intact
    """
    from ..views.actions import ACTION_COLUMNS, action_rows

    fmt = choose_format(fmt, output, LISTING_FORMATS)
    index, failed = open_source(paths, db, reading=reading)
    if text is not None and not index.has_fts:
        warn("this SQLite has no full-text search (FTS5): matching words with LIKE, without stemming")
    records = index.actions(owner=owner, since=since, until=until, search=text, group=group,
                            overdue_on=(today or dt.date.today()) if overdue else None)
    rows = action_rows(records)
    if not rows:
        say_none_match("actions", {"--owner": owner, "--since": since, "--until": until, "--search": text,
                                   "--overdue": overdue, "--group": group}, index)
    title = f"{len(rows)} action(s)" + (f" overdue on {(today or dt.date.today()).isoformat()}" if overdue else "")
    write_view(rows, ACTION_COLUMNS, fmt, output, title=title, sheet="Actions", table=_table(title))
    sys.exit(1 if failed else 0)


def _table(title: str):
    def show(rows: list[dict], console) -> None:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left")
        table.add_column("Meeting", no_wrap=True)
        table.add_column("Item", max_width=24)
        table.add_column("Action")  # Item and Owners are capped: the spare width goes to the action itself
        table.add_column("Owners", max_width=20)
        table.add_column("Due", no_wrap=True)
        for r in rows:
            item = f"{r['item'] or ''} {r['item_title'] or ''}".strip()
            table.add_row(r["meeting_date"] or "?", Text(item), Text(r["description"]), Text(", ".join(r["owners"]) or "-"),
                          r["due"] or "")
        console.print(table)

    return show
