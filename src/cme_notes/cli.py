"""The cme-notes command: a thin layer over the library.

Data goes to stdout, messages to stderr. Exit codes: 0 all good, 1 some input
failed (the others are still processed and printed), 2 usage error.
Only click is imported at start-up; everything else loads when a command runs.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _error(message: str) -> None:
    click.echo(f"cme-notes: error: {message}", err=True)


def _emit(text: str, output: str | None) -> None:
    if output in (None, "-"):
        click.echo(text, nl=False)
        return
    from .writers import atomic_writer

    try:
        with atomic_writer(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


def _default_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    to_terminal = output in (None, "-") and sys.stdout.isatty()
    return "table" if to_terminal else "json"


def _console():
    from rich.console import Console

    return Console(soft_wrap=False)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="cme-notes")
def main() -> None:
    """Turn meeting minutes (PDF, DOCX, TXT, Markdown) into structured records.

    \b
    Examples:
      cme-notes parse minutes.pdf                    # a table on the terminal
      cme-notes parse minutes.docx --format json     # the record as JSON
      cme-notes actions minutes/ --owner Chris       # what Chris owes, across meetings
      cat notes.txt | cme-notes parse -              # read text from stdin
    """


_password = click.option("--password", metavar="TEXT", help="Password for encrypted PDFs.")
_max_size = click.option(
    "--max-size", metavar="MB", type=click.FloatRange(min=0, min_open=True), default=100, show_default=True,
    help="Refuse inputs larger than this.",
)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), help="Output format. [default: table on a terminal, else json]")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@_password
@_max_size
def parse(files: tuple[str, ...], fmt: str | None, output: str | None, password: str | None, max_size: float) -> None:
    """Parse minutes into a record: one JSON object for one file, an array for several.

    FILE may be .pdf, .docx, .txt or .md; "-" reads plain text from stdin.

    \b
    Examples:
      cme-notes parse minutes.pdf
      cme-notes parse 2025-*.docx --format json -o records.json
      for f in *.docx; do cme-notes parse "$f" --format json > "${f%.docx}.json"; done
    """
    from .engine import parse_many

    fmt = _default_format(fmt, output)
    meetings, failed = [], 0
    for result in parse_many(files, password=password, max_bytes=int(max_size * 1024 * 1024)):
        if result.ok:
            meetings.append(result.meeting)
        else:
            failed += 1
            _error(result.error)
    if meetings or fmt == "json":
        if fmt == "json":
            from .writers.records import meetings_json

            _emit(meetings_json(meetings, single=len(files) == 1), output)
        else:
            from .writers.table import meeting_view

            if output in (None, "-"):
                from .writers.table import print_meetings

                print_meetings(meetings, _console())
            else:
                from rich.console import Console

                console = Console(record=True, width=120, file=open("/dev/null", "w"))
                for m in meetings:
                    console.print(meeting_view(m))
                _emit(console.export_text(), output)
    sys.exit(1 if failed else 0)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--owner", metavar="NAME", help="Only actions owed by NAME: full name, first name, surname or initials.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv"]), help="Output format. [default: table on a terminal, else json]")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@_password
@_max_size
def actions(paths: tuple[str, ...], owner: str | None, fmt: str | None, output: str | None, password: str | None, max_size: float) -> None:
    """List the actions in minutes files and folders (searched recursively), with meeting date and item.

    \b
    Examples:
      cme-notes actions minutes/
      cme-notes actions minutes/ --owner Chris
      cme-notes actions minutes/ --owner "Chris Owen" --format csv -o chris.csv
      cme-notes actions 2024/ 2025/ --owner MS --format json | jq '.[].description'
    """
    from .engine import find_inputs, parse_many
    from .extract.owners import owner_matches
    from .writers.records import action_row

    fmt = _default_format(fmt, output)
    inputs, _skipped = find_inputs(paths)
    if not inputs:
        _error("no .pdf, .docx, .txt or .md files in " + ", ".join(paths))
        sys.exit(1)
    rows, failed = [], 0
    for result in parse_many(inputs, password=password, max_bytes=int(max_size * 1024 * 1024)):
        if not result.ok:
            failed += 1
            _error(result.error)
            continue
        meeting = result.meeting
        people = meeting.attendees + meeting.apologies
        for action in meeting.actions:
            if owner is None or owner_matches(owner, action.owners, action.owners_text, people):
                rows.append(action_row(meeting, action))
    rows.sort(key=lambda r: (r["meeting_date"] or "", r["file"] or "", _item_key(r["item"])))
    if fmt == "json":
        from .writers.records import rows_json

        _emit(rows_json(rows), output)
    elif fmt == "csv":
        from .writers.records import rows_csv

        _emit(rows_csv(rows), output)
    else:
        from .writers.table import print_action_rows

        print_action_rows(rows, _console())
    sys.exit(1 if failed else 0)


def _item_key(item: str | None) -> tuple:
    from .extract.items import number_key

    return number_key(item) if item else (10**6,)


if __name__ == "__main__":  # pragma: no cover
    main()
