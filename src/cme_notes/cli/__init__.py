"""The cme-notes command: a thin layer over the library, one module per command.

Data goes to stdout, messages to stderr. Exit codes: 0 all good, 1 some input
failed (the others are still processed and printed), 2 usage error, 130
interrupted (Ctrl-C; 143 for SIGTERM), with nothing half-written left behind.
Only click is imported at start-up; everything else loads when a command runs.
"""
from __future__ import annotations

import click

from .. import __version__
from .actions import actions
from .attendance import attendance
from .batch import batch
from .calendar import calendar
from .check import check
from .common import CONTEXT, EXIT_INTERRUPTED, Interrupted, interrupts
from .index import index
from .parse import parse
from .people import people
from .schema import schema
from .search import search


class _Commands(click.Group):
    """The cme-notes group: every command stops the same way on Ctrl-C or SIGTERM.

    The KeyboardInterrupt unwinds the command first, so its own cleanup runs (a file
    being written is removed, worker processes are stopped, an index transaction is
    rolled back); then the exit is 130 (143 for SIGTERM) instead of click's 1.
    """

    def invoke(self, ctx: click.Context):
        with interrupts() as received:
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt as exc:
                if not isinstance(exc, Interrupted):
                    click.echo("cme-notes: interrupted", err=True)
                ctx.exit(128 + received[0] if received else EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="cme-notes")
def main() -> None:
    """Turn meeting minutes (PDF, DOCX, TXT, Markdown) into structured records.

    \b
    Examples:
      cme-notes parse minutes.pdf                    # a table on the terminal
      cme-notes parse minutes.docx --format json     # the record as JSON
      cme-notes actions minutes/ --owner Chris       # what Chris owes, across meetings
      cme-notes check minutes/                       # lint minutes before they go out
      cat notes.txt | cme-notes parse -              # read text from stdin
    """


main.add_command(parse)
main.add_command(check)
main.add_command(actions)
main.add_command(batch)
main.add_command(index)
main.add_command(attendance)
main.add_command(people)
main.add_command(calendar)
main.add_command(search)
main.add_command(schema)
