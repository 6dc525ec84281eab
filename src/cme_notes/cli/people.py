"""cme-notes people: who appears across the minutes, one row per person however each meeting wrote the name."""
from __future__ import annotations

import datetime as dt
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, reading_options
from .sources import (LISTING_FORMATS, aliases_option, choose_format, db_option, format_option, group_option,
                      load_aliases, open_source, quiet_option, say_none_match, since_option, until_option, write_view)


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@click.option("--name", metavar="TEXT", help="Only people one of whose spellings contains TEXT, or whose initials are TEXT.")
@group_option
@since_option
@until_option
@aliases_option
@format_option(*LISTING_FORMATS, note="A row per person.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@quiet_option
@reading_options
def people(paths: tuple[str, ...], db: str | None, name: str | None, group: str | None, since: dt.date | None,
           until: dt.date | None, aliases: str | None, fmt: str | None, output: str | None,
           reading: ReadOptions) -> None:
    """Who appears across the minutes: one row per person, with the spellings, initials,
    organisations and roles seen, the meetings attended (present, apologies, of how many),
    first and last seen, and the actions they own (and how many are still open).

    Spellings of one person ("Dr Alan Webb", "Alan Webb"; "K Armitage",
    "Keith Armitage") are one row; meetings count, in each group, from the
    first one that lists the person. A --name or --group that matches
    nothing says so on stderr and names the closest matches.

    \b
    Examples:
      cme-notes people minutes/
      cme-notes people --db minutes.db --name Keith
      cme-notes people --db minutes.db --group northvale --since 2025-01-01 --format csv
      cme-notes people --db minutes.db -o people.xlsx
      cme-notes people minutes/ --excel -o people.csv
    """
    from ..views import people as people_view
    from ..views.people import PERSON_COLUMNS

    fmt = choose_format(fmt, output, LISTING_FORMATS)
    table = load_aliases(aliases)
    index, failed = open_source(paths, db, reading=reading, aliases=table)
    rows = people_view(index, aliases=table, group=group, since=since, until=until, name=name)
    title = f"{len(rows)} people"
    if not rows:
        say_none_match("people", {"--name": name, "--group": group, "--since": since, "--until": until}, index)
    write_view(rows, PERSON_COLUMNS, fmt, output, title=title, sheet="People", table=_table(title))
    sys.exit(1 if failed else 0)


def _table(title: str):
    """What fits a terminal of 100 columns: spellings, groups, entries as written and exact dates are in json,
    csv and xlsx."""
    def show(rows: list[dict], console) -> None:
        from rich.table import Table
        from rich.text import Text

        from ..views.people import label

        table = Table(title=title, title_justify="left")
        table.add_column("Name", no_wrap=True)
        table.add_column("Organisation, role", overflow="fold")
        for header in ("Present", "Apol.", "Of"):
            table.add_column(header, justify="right", no_wrap=True)
        table.add_column("Seen", no_wrap=True)
        table.add_column("Actions", justify="right", no_wrap=True)
        table.add_column("Open", justify="right", no_wrap=True)
        for r in rows:
            table.add_row(Text(label(r)), Text(", ".join([*r["organisations"], *r["roles"]])),
                          *(str(r[k]) for k in ("present", "apologies", "meetings")),
                          _span(r["first_seen"], r["last_seen"]), str(r["actions"]), str(r["open_actions"]))
        console.print(table)

    return show


def _span(first: str | None, last: str | None) -> str:
    """"Mar 2024–Jul 2025", "Jan 2025": when someone was listed, to the month."""
    months = [f"{dt.date.fromisoformat(d):%b %Y}" for d in (first, last) if d]
    return "–".join(dict.fromkeys(months))
