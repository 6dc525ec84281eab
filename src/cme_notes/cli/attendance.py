"""cme-notes attendance: the register of people (or organisations) across a group's meetings."""
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
@click.option("--by", type=click.Choice(["people", "organisations"]), default="people", show_default=True,
              help="A row per person, or per organisation.")
@group_option
@since_option
@until_option
@aliases_option
@format_option(*LISTING_FORMATS, note="A row per person (or organisation); csv adds a column per meeting.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@quiet_option
@reading_options
def attendance(paths: tuple[str, ...], db: str | None, by: str, group: str | None, since: dt.date | None,
               until: dt.date | None, aliases: str | None, fmt: str | None, output: str | None,
               reading: ReadOptions) -> None:
    """The attendance register: present, apologies and absent for each person or organisation, with a rate.

    A person counts from the first meeting of the group that lists them;
    "absent" is a meeting since then where they are neither present nor
    sending apologies. Spellings of one person ("Dr Alan Webb", "Alan Webb")
    and of one organisation ("W Hollin", "West Hollin"; "Hants", "Hampshire
    County Council") are counted together and listed as written.

    \b
    Examples:
      cme-notes attendance minutes/
      cme-notes attendance --db minutes.db --by organisations --aliases our-aliases.toml
      cme-notes attendance --db minutes.db -o register.xlsx      # both registers, one sheet each
    """
    from ..views import register
    from ..views.register import ORGANISATION_COLUMNS, PEOPLE_COLUMNS, mark_columns, with_marks

    fmt = choose_format(fmt, output, LISTING_FORMATS)
    table = load_aliases(aliases)
    index, failed = open_source(paths, db, reading=reading, aliases=table)
    options = dict(aliases=table, group=group, since=since, until=until)
    rows = register(index, by=by, **options)
    columns = PEOPLE_COLUMNS if by == "people" else ORGANISATION_COLUMNS
    if not rows:
        say_none_match("people" if by == "people" else "organisations",
                       {"--group": group, "--since": since, "--until": until}, index)
    title = f"Attendance by {'person' if by == 'people' else 'organisation'} ({len(rows)})"

    def with_dates(rows: list[dict], columns: list) -> tuple[list[dict], list]:
        from ..views.columns import Column

        return with_marks(rows), columns + [Column(d, d, width=11) for d in mark_columns(rows)]

    def sheets() -> list:
        from ..views.xlsx import Sheet

        other_by = "organisations" if by == "people" else "people"
        other = register(index, by=other_by, **options)
        other_columns = ORGANISATION_COLUMNS if by == "people" else PEOPLE_COLUMNS
        first_rows, first_columns = with_dates(rows, columns)
        other_rows, other_columns = with_dates(other, other_columns)
        return [Sheet(by.capitalize(), first_columns, first_rows), Sheet(other_by.capitalize(), other_columns, other_rows)]

    def show(rows: list[dict], console) -> None:
        from ..views.tables import print_register

        print_register(rows, columns, console, title=title)

    if fmt == "csv":
        flat, flat_columns = with_dates(rows, columns)
        write_view(flat, flat_columns, fmt, output, title=title)
    else:
        write_view(rows, columns, fmt, output, title=title, sheets=sheets, table=show)
    sys.exit(1 if failed else 0)
