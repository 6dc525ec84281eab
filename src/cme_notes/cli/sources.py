"""What the cross-meeting commands share: reading --db or files, dates, formats, writing views out."""
from __future__ import annotations

import datetime as dt
import functools
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from ..readers.options import ReadOptions
from .common import emit, error, index_quality_line, record_cache

if TYPE_CHECKING:
    from ..identity import OrgAliases
    from ..store import Index
    from ..views.columns import Column


class IsoDate(click.ParamType):
    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)


DATE = IsoDate()

db_option = click.option("--db", metavar="FILE", help="Read the index FILE built by `cme-notes index` instead of PATHs.")
group_option = click.option("--group", metavar="TEXT", help="Only meetings of groups whose name contains TEXT "
                            "(a group or title listed in the aliases' [groups]: that group alone).")
aliases_option = click.option(
    "--aliases", metavar="FILE", type=click.Path(dir_okay=False),
    help="TOML file of organisation, people and group aliases (see README), added to the built-in table.",
)
_QUIET = "cme_notes.quiet"
"""Key in the click context's meta: -q was given."""
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False,
    callback=lambda ctx, param, value: ctx.meta.__setitem__(_QUIET, value),
    help="No quality line on stderr after reading files (errors are still said).")


def is_quiet() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context is not None and context.meta.get(_QUIET))


since_option = click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="Only meetings on or after this day.")
until_option = click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Only meetings on or before this day.")

_BY_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xlsx": "xlsx",
              ".txt": "table", ".ics": "ics"}

LISTING_FORMATS = ("table", "json", "jsonl", "csv", "xlsx")
"""The --format family of every command that lists records; a command takes those that fit it."""

_FORMAT_WORDS = {
    "table": "table (for reading)",
    "json": "json (one array)",
    "jsonl": "jsonl (one object a line)",
    "csv": "csv",
    "xlsx": "xlsx (needs -o FILE)",
    "ics": "ics (iCalendar)",
}

_EXCEL = "cme_notes.excel"
"""Key in the click context's meta: --excel was given."""


def format_option(*formats: str, pipe: str = "json", note: str = ""):
    """``-f/--format`` with the family's choices this command takes, its help listing them (``note``: what
    the rows are), and ``--excel`` when csv is one of them. The command still gets ``fmt`` (None when not
    given: :func:`choose_format` decides); --excel is read by :func:`choose_format` and :func:`write_view`."""
    listed = ", ".join(_FORMAT_WORDS[f] for f in formats)
    help_text = (f"Output format: {listed}.{' ' + note if note else ''} "
                 f"[default: from -o's extension, else table on a terminal, else {pipe}]")

    def decorate(command):
        wrapper = command
        if "csv" in formats:
            @functools.wraps(command)
            def with_excel(*args, excel: bool, **kwargs):
                click.get_current_context().meta[_EXCEL] = excel
                return command(*args, **kwargs)

            wrapper = click.option(
                "--excel", is_flag=True,
                help="CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends, so accents (Zoë) "
                     "survive a double-click. Implies --format csv.")(with_excel)
        return click.option("-f", "--format", "fmt", type=click.Choice(formats), help=help_text)(wrapper)

    return decorate


def excel_wanted() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context is not None and context.meta.get(_EXCEL))


POOL = {"workers": os.cpu_count() or 1, "timeout": 60.0}
"""How commands that read many files use the engine of `batch`: every core, 60 s at most a file."""


def warn(message: str) -> None:
    click.echo(f"cme-notes: warning: {message}", err=True)


def choose_format(fmt: str | None, output: str | None, allowed: tuple[str, ...], pipe: str = "json") -> str:
    """--format, else what -o's extension says (report.xlsx), else csv for --excel, else a table on a
    terminal and ``pipe`` (JSON, or iCalendar for the calendar) in a pipe or a file."""
    excel = excel_wanted()
    if fmt is None and output not in (None, "-"):
        guessed = _BY_SUFFIX.get(Path(output).suffix.lower())
        fmt = guessed if guessed in allowed else None
    if fmt is None and excel:
        fmt = "csv"
    if excel and fmt != "csv":
        raise click.UsageError(f"--excel shapes CSV for Excel: it does not go with --format {fmt}")
    if fmt is None:
        fmt = "table" if output in (None, "-") and sys.stdout.isatty() else pipe
    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("--format xlsx writes a file: give -o FILE.xlsx")
        if output == "-" and sys.stdout.isatty():
            raise click.UsageError("refusing to write a binary spreadsheet to a terminal; give -o FILE.xlsx")
    return fmt


def load_aliases(path: str | None) -> "OrgAliases | None":
    """The tables with the user's file; None without one (an index then uses the file it was built with)."""
    from ..identity import AliasFileError, OrgAliases

    if path is None:
        return None
    try:
        return OrgAliases.load(path)
    except AliasFileError as exc:
        raise click.UsageError(str(exc)) from None


def open_source(paths: tuple[str, ...], db: str | None, *, reading: ReadOptions | None = None,
                aliases: "OrgAliases | None" = None) -> tuple["Index", int]:
    """The index to answer from: --db FILE, or an in-memory index of PATHs. Also how many inputs failed.

    Reading PATHs ends with the records' quality line on stderr (unless -q: :func:`is_quiet`)."""
    from ..store import Index, SchemaError, load_files

    if db and paths:
        raise click.UsageError("give either PATHs or --db FILE, not both (to add files to an index: cme-notes index)")
    if not db and not paths:
        raise click.UsageError("give minutes files or folders, or --db FILE")
    if db:
        try:
            return Index(db, readonly=True, aliases=aliases), 0
        except (FileNotFoundError, SchemaError) as exc:
            error(str(exc))
            sys.exit(1)
    from ..engine import INPUT_SUFFIXES, find_inputs
    from .progress import progress

    inputs = find_inputs(paths)[0]
    if not inputs:
        error(f"no {' '.join(INPUT_SUFFIXES)} files in " + ", ".join(paths))
        sys.exit(1)
    index = Index(aliases=aliases)
    bar = progress(len(inputs))
    bar.start(len(inputs))
    try:
        with index.transaction():
            report = load_files(index, paths, options=reading, cache=record_cache(reading or ReadOptions()),
                                on_result=lambda loaded: bar.advance(), **POOL)
    finally:
        bar.stop()
    for failed in report.failed:
        error(failed.error)
    if not is_quiet():
        index_quality_line(index)
    return index, len(report.failed)


_UNMATCHED = {"owner": "no actions owed by", "group": "no meetings of a group named", "name": "nobody named"}
"""How each option's miss is said: `cme-notes: no actions owed by "Jon" — closest: John Baker (JB), Joan Marsh`."""


def say_unmatched(index: "Index", **given: str | None) -> bool:
    """For each of owner=, group=, name= given that matches nothing in the index: say so on stderr, naming the
    closest; whether any was said."""
    from ..views.people import nearest

    said = False
    for option, text in given.items():
        found = nearest(index, option, text) if text else None
        if found is not None:
            near = f"closest: {', '.join(found)}" if found else "nothing close in these minutes"
            click.echo(f'cme-notes: {_UNMATCHED[option]} "{text}" — {near}', err=True)
            said = True
    return said


def write_view(rows: list[dict], columns: list["Column"], fmt: str, output: str | None, *, title: str,
               sheet: str = "Sheet", sheets: Callable[[], list] | None = None, table: Callable | None = None) -> None:
    """Rows out as json, jsonl, csv (for Excel with --excel), xlsx (one ``sheet``, or the sheets ``sheets``
    builds) or a table titled ``title`` (none on a terminal when there are no rows: :func:`say_none_match` says so)."""
    from ..views.columns import rows_csv, rows_json, rows_jsonl

    if fmt == "json":
        emit(rows_json(rows), output)
    elif fmt == "jsonl":
        emit(rows_jsonl(rows), output)
    elif fmt == "csv" and excel_wanted():
        emit_bytes(rows_csv(rows, columns, excel=True).encode("utf-8"), output)
    elif fmt == "csv":
        emit(rows_csv(rows, columns), output)
    elif fmt == "xlsx":
        from ..views.xlsx import Sheet, workbook_bytes

        emit_bytes(workbook_bytes(sheets() if sheets else [Sheet(sheet, columns, rows)]), output)
    else:
        from ..views.tables import print_rows

        printer = table or (lambda rows, console: print_rows(rows, columns, console, title=title))
        if output in (None, "-"):
            from .common import console

            if rows:
                printer(rows, console())
        else:
            import io

            from rich.console import Console

            record = Console(record=True, width=120, file=io.StringIO())
            printer(rows, record)
            emit(record.export_text(), output)


def emit_bytes(data: bytes, output: str | None) -> None:
    """Binary data to a file that appears whole or not at all (or to a pipe with -o -)."""
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from ..writers import atomic_writer

    try:
        with atomic_writer(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


def say_none_match(noun: str, filters: dict[str, object], index: "Index | None" = None) -> None:
    """Tell stderr that nothing matched (``no actions match --owner Zed``); the exit stays 0 and stdout
    still gets the empty data ([] or a CSV header). ``filters``: each option as typed and its value
    (None, False or "" when not given). The one place to explain an empty answer, e.g. by naming the
    closest names in ``index`` to an --owner or --group that matches nobody."""
    named = {option.lstrip("-"): value for option, value in filters.items()
             if option in ("--owner", "--group", "--name") and value}
    if index is not None and say_unmatched(index, **named):
        return  # a name nobody has is the reason, and its closest matches the help
    given = " ".join(_typed(option, value) for option, value in filters.items() if value not in (None, False, ""))
    said = f"no {noun} match {given}" if given else f"no {noun} in the minutes given"
    click.echo(f"cme-notes: {said}", err=True)


def _typed(option: str, value: object) -> str:
    """``--owner Zed``, ``--overdue``; an argument (``TEXT``) as its value alone."""
    if value is True:
        return option
    shown = shlex.quote(value.isoformat() if isinstance(value, dt.date) else str(value))
    return f"{option} {shown}" if option.startswith("-") else shown
