"""cme-notes check: lint minutes before they are circulated, one line per finding."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, emit, error, reading_options
from .sources import POOL

FORMATS = ("text", "json", "jsonl")


@dataclass(frozen=True, slots=True)
class Line:
    """One finding of one file, as printed."""

    file: str
    part: int | None
    code: str
    severity: str
    message: str
    at: str
    where: dict | None

    def text(self) -> str:
        meeting = f"meeting {self.part}: " if self.part else ""
        at = f"{self.at}:" if self.at else ""
        return f"{self.file}:{at} {self.severity}: {meeting}{self.message} [{self.code}]"

    def record(self) -> dict:
        return {"file": self.file, "part": self.part, "code": self.code, "severity": self.severity,
                "message": self.message, "at": self.at or None, "where": self.where}


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="FILE|DIR...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: FILE:WHERE: severity: message [code], one a line; json: one array; jsonl: one object a line.")
@click.option("-o", "--output", metavar="FILE", help="Write the findings to FILE (written whole) instead of stdout.")
@click.option("--errors-only", is_flag=True, help="Only errors, not warnings.")
@click.option("--ignore", "ignored", multiple=True, metavar="CODE",
              help="Leave out findings of CODE (repeatable), e.g. --ignore action-no-due.")
@click.option("-q", "--quiet", is_flag=True, help="No count line at the end.")
@reading_options
def check(paths: tuple[str, ...], fmt: str, output: str | None, errors_only: bool, ignored: tuple[str, ...],
          quiet: bool, reading: ReadOptions) -> None:
    """Lint minutes before they are circulated: what is missing, contradicts itself or could not be read.

    \b
    Errors (exit 1):  no-date, nobody-present, present-and-apologies, due-before-meeting,
                      weekday-mismatch, item-number-repeats
    Warnings:         action-no-owner, action-no-due, owner-not-listed, owner-ambiguous,
                      item-number-skips, no-next-meeting, scanned-pages, ocr-pages

    WHERE is the page (p3), line (line 12), table row (table 2 row 4) or paragraph
    (para 7) the finding was read at, where the minutes give one. A file that cannot
    be read is an error line too (exit 1). Files under a folder with no people, items
    or actions (a README, a letter) are skipped and counted. The same findings are in
    every record (`cme-notes parse --format json`: "findings").

    \b
    Examples:
      cme-notes check minutes-2025-06-03.docx
      cme-notes check minutes/ --errors-only
      cme-notes check minutes/ --ignore action-no-due --ignore no-next-meeting
      cme-notes check minutes/ --format jsonl | jq -r 'select(.severity=="error") | .file' | sort -u
    """
    from ..checks import CODES, ERROR, where_label
    from ..engine import INPUT_SUFFIXES, find_inputs, parse_many

    unknown = [c for c in ignored if c not in CODES]
    if unknown:
        raise click.UsageError(f"unknown code {unknown[0]!r} for --ignore: choose from {', '.join(CODES)}")
    inputs, _other = find_inputs(p for p in paths if p != "-")
    named = {str(Path(p)) for p in paths}
    if "-" in paths:
        inputs.append(Path("-"))
    if not inputs:
        error(f"no {' '.join(INPUT_SUFFIXES)} files in " + ", ".join(paths))
        sys.exit(1)
    lines: list[Line] = []
    failed = skipped = checked = 0
    for result in parse_many(inputs, options=reading, **POOL):
        if not result.ok:
            failed += 1
            error(result.error)
            continue
        if result.path not in named and not any(m.attendees or m.apologies or m.items or m.actions
                                                for m in result.meetings):
            skipped += 1  # a README or a letter in the minutes folder
            continue
        checked += 1
        several = len(result.meetings) > 1
        for meeting in result.meetings:
            for found in meeting.findings:
                if found.code in ignored or (errors_only and found.severity != ERROR):
                    continue
                lines.append(Line(result.path, meeting.source.part if several and meeting.source else None,
                                  found.code, found.severity, found.message, where_label(found.where),
                                  found.where.model_dump(mode="json") if found.where else None))
    _write(lines, fmt, output)
    errors = sum(line.severity == ERROR for line in lines)
    if not quiet:
        click.echo(f"cme-notes: {_count(checked, 'file')} checked: {_count(errors, 'error')}, "
                   f"{_count(len(lines) - errors, 'warning')}"
                   + (f"; {failed} unreadable" if failed else "")
                   + (f"; {skipped} skipped (no people, items or actions: not minutes?)" if skipped else ""), err=True)
    sys.exit(1 if errors or failed else 0)


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _write(lines: list[Line], fmt: str, output: str | None) -> None:
    if fmt == "json":
        text = json.dumps([line.record() for line in lines], indent=2, ensure_ascii=False) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(line.record(), ensure_ascii=False) + "\n" for line in lines)
    else:
        text = "".join(line.text() + "\n" for line in lines)
    if text or output not in (None, "-"):
        emit(text, output)
