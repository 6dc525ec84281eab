"""cme-notes index: minutes files and folders into a SQLite database the other views (and any SQLite tool) read."""
from __future__ import annotations

import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, error, index_quality_line, reading_options, record_cache
from .sources import POOL, aliases_option, is_quiet, load_aliases, quiet_option


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--db", required=True, metavar="FILE", help="The SQLite database to create or update.")
@aliases_option
@click.option("--prune", is_flag=True, help="Also remove meetings whose file no longer exists.")
@click.option("-v", "--verbose", is_flag=True, help="One line per file on stderr: added, replaced, unchanged.")
@quiet_option
@reading_options
def index(paths: tuple[str, ...], db: str, aliases: str | None, prune: bool, verbose: bool,
          reading: ReadOptions) -> None:
    """Index minutes files and folders (searched recursively) into a SQLite database.

    Re-running is cheap and safe: unchanged files (same content hash) are
    skipped, a changed file replaces its meeting's rows in one transaction.

    \b
    Examples:
      cme-notes index minutes/ --db minutes.db
      cme-notes index minutes/ --db minutes.db --aliases our-aliases.toml --prune
      sqlite3 minutes.db 'SELECT date, group_name FROM distinct_meetings'
    """
    import sqlite3

    from ..engine import INPUT_SUFFIXES, find_inputs
    from ..store import FAILED, SKIPPED, Index, SchemaError, load_files
    from .progress import progress

    if "-" in paths:
        raise click.UsageError("index reads files and folders, not stdin: save the text to a file first")
    table = load_aliases(aliases)
    try:
        store = Index(db, aliases=table)
    except (SchemaError, sqlite3.Error, OSError) as exc:
        error(f"cannot use {db} as an index: {exc.strerror if isinstance(exc, OSError) else exc}")
        sys.exit(1)
    with store:
        if store.relink_organisations():
            click.echo("cme-notes: organisations relinked under the current alias tables", err=True)
        if store.relink_groups():
            click.echo("cme-notes: meetings regrouped under the current [groups] aliases", err=True)

        total = len(find_inputs(paths)[0])
        bar = progress(total)

        def report(result) -> None:
            bar.advance()
            if result.status == FAILED:
                bar.error(result.error)
            elif verbose:
                note = "  (no people, items or actions: not minutes?)" if result.status == SKIPPED else ""
                bar.say(f"{result.status:>9}  {result.path}{note}")

        bar.start(total)
        try:
            done = load_files(store, paths, options=reading, prune=prune, on_result=report,
                              cache=record_cache(reading), **POOL)
        finally:
            bar.stop()
        if not done.results:
            error(f"no {' '.join(INPUT_SUFFIXES)} files in " + ", ".join(paths))
            sys.exit(1)
        for path in done.pruned:
            if verbose:
                click.echo(f"{'removed':>9}  {path}", err=True)
        counts = store.counts()
        click.echo(
            f"cme-notes: {db}: {done.summary()}; the index holds {counts['distinct_meetings']} meeting(s)"
            f" from {counts['files']} file(s), {counts['people']} people, {counts['actions']} action(s)",
            err=True,
        )
        if not is_quiet():
            index_quality_line(store)
    sys.exit(1 if done.failed else 0)
