"""Batch runs: many inputs, one output per input (or one JSONL/CSV stream), in parallel, resumable.

The pieces, each usable on its own:

- :func:`expand` (:mod:`.inputs`) turns files, folders and glob patterns into a sorted list of
  :class:`Input` (each with its path relative to the root it was found under),
  and counts what was ignored;
- :func:`output_path` (:mod:`.outputs`) maps an input to ``OUTDIR/<relative path>.json`` and
  refuses any path that would leave OUTDIR;
- :func:`up_to_date` tells whether an existing output already holds the record
  of this exact input (same sha256, same cme-notes version);
- :func:`render` is what a worker process runs for one input;
- :mod:`cme_notes.shard` picks one machine's share of the inputs (``shard=(k, n)``);
- :func:`run` ties them together, with :mod:`cme_notes.pool` doing the parsing.

Nothing here prints: :func:`run` reports through a :class:`Reporter` and
returns a :class:`Summary`, and the command line (``cli/batch.py``) decides how
to show them.
"""
from __future__ import annotations

import json
import os
import sys
import time
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Protocol

from ..engine import parse_one
from ..shard import shard_of, take_shard
from .inputs import Input, Plan, expand
from .outputs import VERSION_KEY, clean_temp_files, output_path, part_path, record, up_to_date, write_parts

if TYPE_CHECKING:
    from ..cache import RecordCache
    from ..readers import ReadOptions

__all__ = [
    "FORMATS", "VERSION_KEY", "BatchError", "Input", "Plan", "Reporter", "Summary",
    "expand", "output_path", "part_path", "record", "render", "run", "up_to_date", "write_parts",
]

FORMATS = ("json", "jsonl", "csv")


class BatchError(Exception):
    """The batch cannot start at all (e.g. OUTDIR is a file). One line, shown as is."""


# --------------------------------------------------------------------------- finding inputs


# --------------------------------------------------------------------------- outputs


def render(path: str, *, fmt: str, options: ReadOptions | None = None, cache: "RecordCache | None" = None
           ) -> tuple[list[str] | None, str | None, int, int | None, list[list[str]], tuple[str, bytes] | None]:
    """Parse one input and format it; runs in a worker process. Returns (texts, error, pages, scanned, codes, entry):
    one text per meeting the input holds (a JSON record, a JSONL line, CSV rows without the header);
    ``scanned``: how many pages were read by OCR, 0 for a scan refused (no --ocr), None for text;
    ``codes``: each meeting's finding codes, for the quality summary;
    ``entry``: (sha256, bytes) of a new cache entry, for the parent to store."""
    result = parse_one(path, options, cache)
    if not result.ok:
        return None, result.error, 0, _refused_scan(result.error), [], None
    first = result.meetings[0]
    pages = (first.source.pages or 0) if first.source else 0
    scanned = len(first.source.ocr_pages) if first.source and first.source.ocr_pages else None
    if fmt == "json":
        texts = [json.dumps(record(m), indent=2, ensure_ascii=False) + "\n" for m in result.meetings]
    elif fmt == "jsonl":
        texts = [json.dumps(record(m), ensure_ascii=False) + "\n" for m in result.meetings]
    else:
        from ..writers.records import action_row, rows_csv

        # rows without the header
        texts = [rows_csv([action_row(m, a) for a in m.actions]).partition("\n")[2] for m in result.meetings]
    entry = (result.sha256, result.entry) if result.entry is not None and result.sha256 else None
    return texts, None, pages, scanned, [[f.code for f in m.findings] for m in result.meetings], entry


def _refused_scan(error: str | None) -> int | None:
    """0 when the input was refused as a scan (a PDF without a text layer, read without --ocr)."""
    from ..readers.pdf import NO_TEXT

    return 0 if error and error.endswith(f": {NO_TEXT}") else None


# --------------------------------------------------------------------------- running


@dataclass
class Summary:
    parsed: int = 0
    skipped: int = 0
    """Up to date: an output from the same input bytes and cme-notes version exists."""
    failed: int = 0
    ignored: int = 0
    pages: int = 0
    """PDF pages parsed."""
    not_done: int = 0
    """Inputs left when the run was interrupted."""
    scans: list[tuple[str, int, int]] = field(default_factory=list)
    """(input, pages read by OCR, its pages) for every scanned PDF: 0 pages read when refused (no --ocr)."""
    quality: list[list[str]] = field(default_factory=list)
    """Each record's finding codes (see :func:`cme_notes.checks.summary_line`)."""
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    shard: tuple[int, int] | None = None
    """(K, N) when the run took share K of N."""
    share: int = 0
    """With ``shard``: the inputs in this share, of ``found`` inputs found."""
    found: int = 0

    def text(self) -> str:
        taken = f"shard {self.shard[0]}/{self.shard[1]}: {self.share} of {self.found} inputs; " if self.shard else ""
        parts = [f"{self.parsed} parsed", f"{self.skipped} skipped as up to date", f"{self.failed} failed",
                 f"{self.ignored} ignored (other suffixes)"]
        if self.interrupted:
            parts.append(f"{self.not_done} not done")
        head = "interrupted: " if self.interrupted else ""
        return f"{head}{taken}{', '.join(parts)} in {self.seconds:.1f} s"

    def scan_lines(self) -> list[str]:
        """The scanned PDFs of the run, to end it with: those refused, to run again with --ocr, and those OCR'd."""
        from ..errors import one_line

        refused = sorted(name for name, read, _ in self.scans if not read)
        ocrd = sorted((name, read, pages) for name, read, pages in self.scans if read)
        lines = []
        if refused:
            lines.append(f"{_scans(len(refused))} not read (no text layer): "
                         "run again with --ocr to read them with Tesseract OCR:")
            lines += [f"  {one_line(name)}" for name in refused]
        if ocrd:
            lines.append(f"{_scans(len(ocrd))} read by OCR (check names and figures against the scans):")
            lines += [f"  {one_line(name)} ({read} of {pages} page{'s' if pages != 1 else ''})"
                      for name, read, pages in ocrd]
        return lines


def _scans(count: int) -> str:
    return f"{count} scanned PDF{'s' if count != 1 else ''}"


class Reporter(Protocol):
    def begin(self, total: int, summary: Summary) -> None:
        """Parsing starts: ``total`` inputs to parse (skipped and failed-at-planning ones excluded)."""

    def done(self, name: str, error: str | None, summary: Summary) -> None:
        """One input finished (``error`` None when it succeeded)."""

    def error(self, message: str) -> None:
        """A one-line failure (already starting with the file name) to show now."""

    def end(self) -> None:
        """Parsing is over (finished or interrupted)."""


class _Silent:
    def begin(self, total, summary): ...
    def done(self, name, error, summary): ...
    def error(self, message): print(f"cme-notes: error: {message}", file=sys.stderr)
    def end(self): ...


def run(paths: Iterable[str | Path], output: str | Path, *, fmt: str = "json", workers: int | None = None,
        timeout: float | None = 60.0, force: bool = False, options: ReadOptions | None = None,
        reporter: Reporter | None = None, shard: tuple[int, int] | None = None,
        cache: "RecordCache | None" = None) -> Summary:
    """Parse every input and write the outputs; never raises for a bad input (see :class:`Summary`).

    ``fmt="json"``: one ``OUTDIR/<relative path>.json`` per input, ``output`` being
    OUTDIR; inputs whose output is up to date are skipped unless ``force``.
    ``fmt="jsonl"`` / ``"csv"``: one file (``output``), or stdout for ``"-"``; a
    record per line / a row per action, in sorted input order.
    ``workers``: processes (default: all cores); ``timeout``: seconds per input
    (None or 0: no limit). Ctrl-C stops the workers and returns the summary so
    far with ``interrupted`` set. Raises :class:`BatchError` if OUTDIR cannot be used.
    ``shard=(k, n)``: only the inputs of share k of n (see :mod:`cme_notes.shard`), so that
    n runs, on as many machines, share the work into one OUTDIR (or one FILE each).
    ``cache``: records parsed before are taken from it, new ones stored in it (:mod:`cme_notes.cache`).
    """
    if fmt not in FORMATS:
        raise BatchError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    if shard is not None and not 1 <= shard[0] <= shard[1]:
        raise BatchError(f"shard {shard[0]}/{shard[1]}: K must be between 1 and N")
    owns = (lambda rel: shard_of(rel, shard[1]) == shard[0]) if shard else None
    reporter = reporter or _Silent()
    summary = Summary()
    workers = workers or os.cpu_count() or 1
    timeout = timeout or None
    to_dir = fmt == "json"
    outdir = Path(output)
    if to_dir:
        if str(output) == "-":
            raise BatchError("--format json writes one file per input into a folder: give -o OUTDIR "
                             "(or use --format jsonl for standard output)")
        if outdir.exists() and not outdir.is_dir():
            raise BatchError(f"{outdir} is not a folder (--format json writes one file per input into -o OUTDIR)")
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BatchError(f"cannot create {outdir}: {exc.strerror or exc}") from None
        clean_temp_files(outdir, owns)

    try:
        plan = expand(paths, exclude=outdir if to_dir else None)
        summary.ignored = len(plan.ignored)
        if shard:
            summary.shard, summary.found = shard, len(plan.inputs)
            plan.inputs = take_shard(plan.inputs, *shard, key=lambda i: i.rel)
            summary.share = len(plan.inputs)
        for name, reason in plan.problems:
            summary.failed += 1
            reporter.error(f"{name}: {reason}")

        todo: list[Input] = []
        targets: list[Path | None] = []
        if to_dir:
            owners: dict[Path, Input] = {}
            for item in plan.inputs:
                try:
                    target = output_path(outdir, item.rel)
                except ValueError as exc:
                    summary.failed += 1
                    reporter.error(f"{item.name}: {exc}")
                    continue
                if target in owners:
                    summary.failed += 1
                    shown = os.path.join(str(outdir), os.path.normpath(item.rel) + ".json")
                    reporter.error(f"{item.name}: its output {shown} would overwrite that of "
                                   f"{owners[target].name}; name their common parent folder instead")
                    continue
                owners[target] = item
                if not force and target.exists() and up_to_date(item.path, target):
                    summary.skipped += 1
                    continue
                todo.append(item)
                targets.append(target)
        else:
            todo = list(plan.inputs)

        summary.not_done = len(todo)
        reporter.begin(len(todo), summary)
        try:
            if to_dir:
                _run_to_dir(todo, targets, fmt, workers, timeout, options, reporter, summary, cache)
            else:
                _run_to_stream(todo, output, fmt, workers, timeout, options, reporter, summary, cache)
        finally:
            reporter.end()
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.monotonic() - summary.started
    return summary


def _outcomes(todo: list[Input], fmt, workers, timeout, options, cache):
    from .. import pool

    task = partial(render, fmt=fmt, options=options, cache=cache)
    # Largest first, so that a big file does not start last and leave one worker busy
    # alone at the end; the outputs do not depend on this order.
    order = sorted(range(len(todo)), key=lambda i: -_size(todo[i].path))
    return closing(pool.run(task, [i.name for i in todo], workers=workers, timeout=timeout, order=order))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _finish(item: Input, outcome, summary: Summary, reporter: Reporter, options, cache) -> list[str] | None:
    """Count one outcome, store its new cache entry; return its texts when it succeeded."""
    summary.not_done -= 1
    texts, error, pages, scanned, codes, entry = (outcome.value if outcome.ok
                                                  else (None, f"{item.name}: {outcome.error}", 0, None, [], None))
    summary.quality.extend(codes)
    if entry is not None and cache is not None:
        cache.put(entry[0], options, entry[1])
    if error is None:
        summary.parsed += 1
        summary.pages += pages
    else:
        summary.failed += 1
        reporter.error(error)
    if scanned is not None:
        summary.scans.append((item.name, scanned, pages))
    reporter.done(item.name, error, summary)
    return texts


def _run_to_dir(todo, targets, fmt, workers, timeout, options, reporter, summary, cache) -> None:
    with _outcomes(todo, fmt, workers, timeout, options, cache) as outcomes:
        for outcome in outcomes:
            item, target = todo[outcome.index], targets[outcome.index]
            texts = outcome.value[0] if outcome.ok else None
            if texts is not None:
                try:
                    write_parts(target, texts)
                except OSError as exc:
                    outcome.value = (None, f"{item.name}: cannot write {target}: {exc.strerror or exc}", 0, None,
                                     [], outcome.value[5])
            _finish(item, outcome, summary, reporter, options, cache)


def _run_to_stream(todo, output, fmt, workers, timeout, options, reporter, summary, cache) -> None:
    from ..writers import atomic_writer

    to_stdout = str(output) == "-"
    if to_stdout:
        sink = nullcontext(sys.stdout)
    else:
        if os.path.isdir(output):
            raise BatchError(f"{output} is a folder: --format {fmt} writes one file (or - for standard output)")
        try:
            sink = atomic_writer(output, "w", encoding="utf-8", newline="")
            fh = sink.__enter__()
        except OSError as exc:
            raise BatchError(f"cannot write {output}: {exc.strerror or exc}") from None
        sink = _Entered(sink, fh)
    try:
        _stream(sink, to_stdout, todo, fmt, workers, timeout, options, reporter, summary, cache)
    except OSError as exc:
        if to_stdout or isinstance(exc, BrokenPipeError):
            raise
        raise BatchError(f"cannot write {output}: {exc.strerror or exc}") from None


def _stream(sink, to_stdout, todo, fmt, workers, timeout, options, reporter, summary, cache) -> None:
    with sink as out:
        if fmt == "csv":
            from ..writers.records import rows_csv

            out.write(rows_csv([]))
        ready: dict[int, list[str] | None] = {}
        following = 0
        with _outcomes(todo, fmt, workers, timeout, options, cache) as outcomes:
            for outcome in outcomes:
                ready[outcome.index] = _finish(todo[outcome.index], outcome, summary, reporter, options, cache)
                # Written in sorted input order, whatever order the workers finish in.
                while following in ready:
                    texts = ready.pop(following)
                    following += 1
                    if texts:
                        out.write("".join(texts))
                        if to_stdout:
                            out.flush()


class _Entered:
    """An already entered context manager, re-entered by ``with`` (so OSError on open is ours to word)."""

    def __init__(self, cm, value) -> None:
        self.cm, self.value = cm, value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return self.cm.__exit__(*exc)
