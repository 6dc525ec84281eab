"""What every command shares: messages on stderr, output written whole, common options."""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

import click

from ..readers.options import DEFAULT_PDF_ENGINE, PDF_ENGINES

if TYPE_CHECKING:
    from ..cache import RecordCache
    from ..readers.options import ReadOptions

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

EXIT_INTERRUPTED = 128 + signal.SIGINT
"""130: what shells report for a program stopped by Ctrl-C (and 128 + 15 for SIGTERM), not 1 ("a file failed")."""

_USE_CACHE = "cme_notes.use_cache"
"""Key in the click context's meta: False when --no-cache was given."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that the command has already reported (batch's summary): exit 130 without saying it again."""


@contextmanager
def interrupts() -> Iterator[list[int]]:
    """Ctrl-C and SIGTERM (kill, a scheduler stopping a job) both raise KeyboardInterrupt in the command,
    so the same cleanup runs (temporary files removed, workers stopped); yields the signals received."""
    received: list[int] = []

    def on_sigterm(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    except ValueError:  # not the main thread (a caller embedding the CLI): leave SIGTERM alone
        yield received
        return
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def error(message: str) -> None:
    click.echo(f"cme-notes: error: {message}", err=True)


def quality_line(codes_per_record) -> None:
    """The records' quality in one line on stderr (``35 nobody present; 20 no date``), when any has a fault."""
    from ..checks import summary_line

    line = summary_line(codes_per_record)
    if line:
        click.echo(f"cme-notes: {line}", err=True)


def index_quality_line(index) -> None:
    """The quality line of what an index holds (it keeps warnings as text: their codes are read back from it)."""
    from ..checks import code_of, summary_line

    line = summary_line([code_of(w) for w in warnings] for warnings in index.warnings())
    if line:
        click.echo(f"cme-notes: {line}", err=True)


def emit(text: str, output: str | None) -> None:
    """Data to stdout, or to a file that appears whole or not at all."""
    if output in (None, "-"):
        click.echo(text, nl=False)
        return
    from ..writers import atomic_writer

    try:
        with atomic_writer(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


def console():
    from rich.console import Console

    return Console(soft_wrap=False)


def reading_options(command):
    """The options that say how inputs are read (--password, --max-size, --pdf-engine, --ocr), given to
    the command as one ``reading`` argument (a :class:`~cme_notes.readers.ReadOptions`)."""
    import functools

    @functools.wraps(command)
    def wrapper(*args, password: str | None, max_size: float, pdf_engine: str, ocr: bool, no_cache: bool, **kwargs):
        from ..readers.options import ReadOptions

        click.get_current_context().meta[_USE_CACHE] = not no_cache
        reading = ReadOptions(password=password, max_bytes=int(max_size * 1024 * 1024), pdf_engine=pdf_engine, ocr=ocr)
        return command(*args, reading=reading, **kwargs)

    for option in reversed(_READING_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


_READING_OPTIONS = [
    click.option("--password", metavar="TEXT", help="Password for encrypted PDFs."),
    click.option("--max-size", metavar="MB", type=click.FloatRange(min=0, min_open=True), default=100,
                 show_default=True, help="Refuse inputs larger than this."),
    click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default=DEFAULT_PDF_ENGINE, show_default=True,
                 help="What reads PDFs: pdfium (fast) or pdfplumber (the 1.0 reader, slower; to compare)."),
    click.option("--ocr", is_flag=True,
                 help="Read scanned PDF pages (no text layer) with Tesseract OCR instead of refusing them."),
    click.option("--no-cache", is_flag=True,
                 help="Parse every file again instead of reusing the records parsed before from the same bytes "
                      "(kept in $XDG_CACHE_HOME/cme-notes, default ~/.cache/cme-notes; "
                      "CME_NOTES_NO_CACHE=1 turns it off too)."),
]


def record_cache(reading: "ReadOptions") -> "RecordCache | None":
    """The cache of parsed records this run may use: none with --no-cache, CME_NOTES_NO_CACHE or a password."""
    from ..cache import RecordCache

    context = click.get_current_context(silent=True)
    if context is not None and not context.meta.get(_USE_CACHE, True):
        return None
    cache = RecordCache.default()
    return cache if cache is not None and cache.usable(reading) else None
