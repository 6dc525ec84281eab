"""cme-notes batch: many files, folders and globs to one output per input, in parallel."""
from __future__ import annotations

import os
import sys

import click

from ..readers.options import ReadOptions
from .common import CONTEXT, Interrupted, error, quality_line, reading_options, record_cache

CORES = os.cpu_count() or 1


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", metavar="OUTDIR|FILE",
              help="Folder for the .json files (--format json, required); "
                   "file or - (stdout, the default) for --format jsonl and csv.")
@click.option("-f", "--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json",
              show_default=True,
              help="json: one OUTDIR/<path>.json per input; jsonl: one record per line; "
                   "csv: one row per action (meeting date, file, item...).")
@click.option("-j", "--workers", type=click.IntRange(min=1), metavar="N",
              help=f"Worker processes parsing at once. [default: all cores, here {CORES}]")
@click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Stop a file that takes longer than this (it is reported as failed); 0 for no limit.")
@click.option("--force", is_flag=True, help="Parse again even inputs whose output is up to date.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no quality line: only errors and the summary.")
@click.option("--shard", "shard_spec", metavar="K/N",
              help="Take only share K of N (K from 1 to N), for N machines running at once. "
                   "Shares are fixed by a hash of each input's path relative to the PATH it was found "
                   "under (the path its output mirrors), so every machine agrees wherever the archive "
                   "is mounted, as long as all are given the same folders. From a 0-based index "
                   "(Kubernetes $JOB_COMPLETION_INDEX) give --shard $((JOB_COMPLETION_INDEX+1))/N.")
@reading_options
def batch(paths: tuple[str, ...], output: str | None, fmt: str, workers: int | None, timeout: float,
          force: bool, quiet: bool, shard_spec: str | None, reading: ReadOptions) -> None:
    """Parse many minutes files in parallel: PATH may be a file, a folder (searched
    recursively) or a glob (quoted globs are expanded too, ** included).
    .pdf .docx .txt .md are read, and .doc .odt .rtf through LibreOffice;
    other files are ignored and counted.

    With --format json (the default) each input gets its own record, OUTDIR mirroring
    the input tree: in/2024/a.pdf gives OUTDIR/2024/a.pdf.json (and a.pdf.2.json,
    a.pdf.3.json... when the file holds several meetings). Every file is written
    whole or not at all, and a re-run skips the inputs whose output is up to date
    (same input bytes, by sha256, and same cme-notes version), so an interrupted
    batch simply resumes.

    A file that fails or runs past --timeout is reported on stderr and the batch
    carries on. A summary ends every run on stderr, then the list of scanned PDFs:
    those refused (run again with --ocr) or those read by OCR. OCR takes seconds
    a page: give --timeout room (e.g. --timeout 600) with --ocr.
    Exit codes: 0 all parsed, 1 some input failed, 2 usage error, 130 interrupted (Ctrl-C).

    On a cluster, --shard K/N splits the inputs into N shares that do not overlap
    and together hold every input; an input keeps its share when others are added.
    N jobs (a Slurm array, a Kubernetes indexed Job) can then write into one OUTDIR
    at the same time; with --format jsonl or csv give each its own -o part-K.jsonl.

    \b
    Examples:
      cme-notes batch minutes/ -o records/
      cme-notes batch 'minutes/**/*.pdf' minutes/2025/extra.docx -o records/ --workers 4
      cme-notes batch minutes/ --format jsonl -o all.jsonl
      cme-notes batch minutes/ --format jsonl | jq -r '.actions[].description'
      cme-notes batch minutes/ --format csv -o actions.csv
      cme-notes batch minutes/ -o records/ --force --timeout 300
      cme-notes batch /archive/minutes -o /archive/records --shard $SLURM_ARRAY_TASK_ID/8
      cme-notes batch minutes/ --format jsonl -o part-3.jsonl --shard 3/8
      cme-notes batch scans/ -o records/ --ocr --timeout 600
    """
    from .. import batch as engine
    from ..shard import ShardError, parse_shard

    try:
        shard = parse_shard(shard_spec) if shard_spec is not None else None
    except ShardError as exc:
        error(str(exc))
        sys.exit(2)
    if fmt == "json" and output is None:
        raise click.UsageError("give -o OUTDIR: --format json writes one .json file per input into it")
    if fmt == "json" and output == "-":
        raise click.UsageError("--format json writes one file per input into a folder; "
                               "use --format jsonl (or csv) for standard output")
    output = output or "-"
    reporter = _reporter(quiet)
    try:
        summary = engine.run(paths, output, fmt=fmt, workers=workers, timeout=timeout, force=force,
                             options=reading, reporter=reporter, shard=shard, cache=record_cache(reading))
    except engine.BatchError as exc:
        error(str(exc))
        sys.exit(2)
    except BrokenPipeError:
        # The reader of stdout has gone (e.g. `| head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    click.echo(f"cme-notes: {summary.text()}", err=True)
    for line in summary.scan_lines():
        click.echo(line if line.startswith(" ") else f"cme-notes: {line}", err=True)
    if not quiet:
        quality_line(summary.quality)
    if summary.interrupted:
        raise Interrupted  # the summary said so: exit as every command does on Ctrl-C
    sys.exit(1 if summary.failed else 0)


def _reporter(quiet: bool):
    from .progress import progress

    return _Reporter(progress(PROGRESS_ALWAYS, quiet=quiet))


PROGRESS_ALWAYS = 1 << 30
"""batch shows its bar whatever the number of files (it says how many were up to date)."""


class _Reporter:
    """The batch engine's reports (:class:`cme_notes.batch.Reporter`) on the shared progress bar."""

    def __init__(self, bar) -> None:
        self.bar = bar

    def begin(self, total, summary) -> None:
        label = "parsing" + (f" ({summary.skipped} up to date)" if summary.skipped else "")
        self.bar.start(total, label, failed=summary.failed)

    def done(self, name, error, summary) -> None:
        self.bar.advance(failed=summary.failed)

    def error(self, message: str) -> None:
        self.bar.error(message)

    def end(self) -> None:
        self.bar.stop()
