"""cme-notes parse: one record per file."""
from __future__ import annotations

import sys

import click

from .common import CONTEXT, console, default_format, emit, error, max_bytes, max_size_option, password_option


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]),
              help="Output format. [default: table on a terminal, else json]")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@click.option("-j", "--workers", type=click.IntRange(min=1), metavar="N",
              help="With several files: worker processes parsing at once. [default: all cores]")
@click.option("--timeout", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Stop a file that takes longer than this (reported as failed); 0 for no limit. "
                   "[default: 60 with several files; a single file runs in-process with no limit]")
@password_option
@max_size_option
def parse(files: tuple[str, ...], fmt: str | None, output: str | None, workers: int | None,
          timeout: float | None, password: str | None, max_size: float) -> None:
    """Parse minutes into a record: one JSON object for one file, an array for several.

    FILE may be .pdf, .docx, .txt or .md; "-" reads plain text from stdin.
    A file that fails is reported on stderr and the others are still printed (exit 1).
    Several files are parsed in parallel; for many files, or folders, see `cme-notes batch`.

    \b
    Examples:
      cme-notes parse minutes.pdf
      cme-notes parse 2025-*.docx --format json -o records.json
      for f in *.docx; do cme-notes parse "$f" --format json > "${f%.docx}.json"; done
    """
    import os

    from ..engine import parse_many

    fmt = default_format(fmt, output)
    several = len(files) > 1
    if timeout is None:
        timeout = 60.0 if several else 0.0
    meetings, failed = [], 0
    for result in parse_many(files, workers=workers or os.cpu_count() or 1, timeout=timeout or None,
                             password=password, max_bytes=max_bytes(max_size)):
        if result.ok:
            meetings.append(result.meeting)
        else:
            failed += 1
            error(result.error)
    if fmt == "json" and (meetings or len(files) > 1):  # one file that failed: no data, not "[]"
        from ..writers.records import meetings_json

        emit(meetings_json(meetings, single=len(files) == 1), output)
    elif meetings:
        from ..writers.table import print_meetings

        if output in (None, "-"):
            print_meetings(meetings, console())
        else:
            import io

            from rich.console import Console

            record = Console(record=True, width=120, file=io.StringIO())
            print_meetings(meetings, record)
            emit(record.export_text(), output)
    sys.exit(1 if failed else 0)
