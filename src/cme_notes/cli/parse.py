"""cme-notes parse: one record per file."""
from __future__ import annotations

import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, console, emit, reading_options, record_cache
from .sources import LISTING_FORMATS, choose_format, excel_wanted, format_option, write_view


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@format_option(*LISTING_FORMATS,
               note="json: the record (an array for several); jsonl: a record a line; csv and xlsx: a row per "
                    "fact (fact = present, apologies, item, action, decision, next_meeting or warning; "
                    "with file, meeting_date, item, text, who, organisation, role, date, time, status).")
@click.option("--explain", is_flag=True,
              help="Print each answer beside its source instead of the record: where it was read (page; "
                   "table, row and column, or paragraph; line), the rule that read it and the text as written. "
                   "Its own output: not combined with --format (the JSON record holds the same as 'where').")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
@click.option("-j", "--workers", type=click.IntRange(min=1), metavar="N",
              help="With several files: worker processes parsing at once. [default: all cores]")
@click.option("--timeout", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Stop a file that takes longer than this (reported as failed); 0 for no limit. "
                   "[default: 60 with several files; a single file runs in-process with no limit]")
@reading_options
def parse(files: tuple[str, ...], fmt: str | None, explain: bool, output: str | None, workers: int | None,
          timeout: float | None, reading: ReadOptions) -> None:
    """Parse minutes into a record: one JSON object for one file, an array for several.

    A file holding several meetings (a running log with a section per meeting) gives
    one record per meeting: an array, even for that one file.

    FILE may be .pdf, .docx, .txt or .md, or .doc, .odt or .rtf (read through
    LibreOffice, which must be installed); "-" reads plain text from stdin.
    A file that fails is reported on stderr and the others are still printed (exit 1).
    Several files are parsed in parallel; for many files, or folders, see `cme-notes batch`.

    \b
    Examples:
      cme-notes parse minutes.pdf
      cme-notes parse 2025-*.docx --format json -o records.json
      cme-notes parse 2025-*.docx --format jsonl | jq -r .date
      cme-notes parse minutes.docx --excel -o minutes.csv     # a row per fact, for Excel
      for f in *.docx; do cme-notes parse "$f" --format json > "${f%.docx}.json"; done
      cme-notes parse minutes.pdf --explain          # check each answer against the page it came from
      cme-notes parse minutes.pdf --explain | grep -A2 '^Actions'
      cme-notes parse scanned.pdf --ocr                # pages without text read by Tesseract OCR
      cme-notes parse minutes.pdf --pdf-engine pdfplumber   # the slower 1.0 reader, to compare
    """
    import os

    from ..engine import parse_many
    from .progress import progress

    if explain and (fmt or excel_wanted()):
        raise click.UsageError("--explain is an output of its own: leave out --format "
                               "(--format json already gives each answer's 'where')")
    fmt = "explain" if explain else choose_format(fmt, output, LISTING_FORMATS)
    several = len(files) > 1
    if timeout is None:
        timeout = 60.0 if several else 0.0
    meetings, failed = [], 0
    bar = progress(len(files))
    bar.start(len(files))
    try:
        for result in parse_many(files, workers=workers or os.cpu_count() or 1, timeout=timeout or None,
                                 options=reading, cache=record_cache(reading)):
            bar.advance()
            if result.ok:
                meetings.extend(result.meetings)
            else:
                failed += 1
                bar.error(result.error)
    finally:
        bar.stop()
    if fmt == "json" and (meetings or len(files) > 1):  # one file that failed: no data, not "[]"
        from ..writers.records import meetings_json

        emit(meetings_json(meetings, single=len(files) == 1), output)
    elif fmt == "jsonl":
        from ..writers.records import meetings_jsonl

        emit(meetings_jsonl(meetings), output)
    elif fmt in ("csv", "xlsx") and (meetings or len(files) > 1):
        from ..views.facts import FACT_COLUMNS, fact_rows

        write_view(fact_rows(meetings), FACT_COLUMNS, fmt, output, title="Facts", sheet="Facts")
    elif fmt == "explain" and meetings:
        _explain(meetings, output)
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


def _explain(meetings: list, output: str | None) -> None:
    """Rich tables for a person at a terminal; plain text (one answer per line) in a pipe or a file."""
    from ..writers.explain import explain_text, print_explained

    if output in (None, "-") and sys.stdout.isatty():
        print_explained(meetings, console())
    else:
        emit(explain_text(meetings), output)
