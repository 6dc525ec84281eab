"""cme-notes actions: every action across files and folders."""
from __future__ import annotations

import sys

import click

from .common import CONTEXT, console, default_format, emit, error, max_bytes, max_size_option, password_option


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--owner", metavar="NAME", help="Only actions owed by NAME: full name, first name, surname or initials.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format. [default: table on a terminal, else json]")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@password_option
@max_size_option
def actions(paths: tuple[str, ...], owner: str | None, fmt: str | None, output: str | None,
            password: str | None, max_size: float) -> None:
    """List the actions in minutes files and folders (searched recursively), with meeting date and item.

    \b
    Examples:
      cme-notes actions minutes/
      cme-notes actions minutes/ --owner Chris
      cme-notes actions minutes/ --owner "Chris Owen" --format csv -o chris.csv
      cme-notes actions 2024/ 2025/ --owner MS --format json | jq '.[].description'
    """
    from ..engine import find_inputs, parse_many
    from ..extract.items import number_key
    from ..extract.owners import owner_matches
    from ..writers.records import action_row

    fmt = default_format(fmt, output)
    inputs, _skipped = find_inputs(paths)
    if not inputs:
        error("no .pdf, .docx, .txt or .md files in " + ", ".join(paths))
        sys.exit(1)
    rows, failed = [], 0
    for result in parse_many(inputs, password=password, max_bytes=max_bytes(max_size)):
        if not result.ok:
            failed += 1
            error(result.error)
            continue
        meeting = result.meeting
        people = meeting.attendees + meeting.apologies
        for action in meeting.actions:
            if owner is None or owner_matches(owner, action.owners, action.owners_text, people):
                rows.append(action_row(meeting, action))
    rows.sort(key=lambda r: (r["meeting_date"] or "", r["file"] or "", number_key(r["item"]) if r["item"] else (10**6,)))
    if fmt == "json":
        from ..writers.records import rows_json

        emit(rows_json(rows), output)
    elif fmt == "csv":
        from ..writers.records import rows_csv

        emit(rows_csv(rows), output)
    else:
        from ..writers.table import print_action_rows

        print_action_rows(rows, console())
    sys.exit(1 if failed else 0)
