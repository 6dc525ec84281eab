"""cme-notes search: which meetings discussed something, with the item and a snippet."""
from __future__ import annotations

import datetime as dt
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, reading_options
from .sources import (LISTING_FORMATS, choose_format, db_option, format_option, group_option, open_source,
                      say_none_match, since_option, until_option, warn, write_view)


@click.command(context_settings=CONTEXT)
@click.argument("text")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@group_option
@since_option
@until_option
@format_option(*LISTING_FORMATS, note="A row per meeting and item.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@reading_options
def search(text: str, paths: tuple[str, ...], db: str | None, group: str | None, since: dt.date | None,
           until: dt.date | None, fmt: str | None, output: str | None, reading: ReadOptions) -> None:
    """Find the meetings and items where TEXT was discussed: every word of TEXT, in any form ("timetables" finds "timetable").

    Searched: item titles, what each item's text says, actions and decisions.

    \b
    Examples:
      cme-notes search "reduced timetables" minutes/
      cme-notes search dashboard --db minutes.db --since 2025-01-01 --format csv
    """
    from ..views import search as find
    from ..views.search import SEARCH_COLUMNS

    fmt = choose_format(fmt, output, LISTING_FORMATS)
    index, failed = open_source(paths, db, reading=reading)
    if not index.has_fts:
        warn("this SQLite has no full-text search (FTS5): matching words with LIKE, without stemming")
    rows = find(index, text, group=group, since=since, until=until)
    title = f"{len(rows)} item(s) mention {text!r}"
    if not rows:
        say_none_match("items", {"TEXT": text, "--group": group, "--since": since, "--until": until}, index)
    write_view(rows, SEARCH_COLUMNS, fmt, output, title=title, table=_table(title))
    sys.exit(1 if failed else 0)


def _table(title: str):
    def show(rows: list[dict], console) -> None:
        from rich.table import Table
        from rich.text import Text

        from ..views.tables import highlighted

        table = Table(title=title, title_justify="left")
        table.add_column("Meeting", no_wrap=True)
        table.add_column("Item", max_width=28)
        table.add_column("Found in", max_width=12)
        table.add_column("Snippet")
        for r in rows:
            item = f"{r['item'] or ''} {r['item_title'] or ''}".strip()
            table.add_row(r["meeting_date"] or "?", Text(item), ", ".join(r["found_in"]), highlighted(r["snippet"]))
        console.print(table)

    return show
