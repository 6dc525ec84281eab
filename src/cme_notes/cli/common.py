"""What every command shares: messages on stderr, output written whole, common options."""
from __future__ import annotations

import sys

import click

from ..readers.options import DEFAULT_PDF_ENGINE, PDF_ENGINES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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


def default_format(fmt: str | None, output: str | None) -> str:
    """A table for a person at a terminal, JSON for a pipe or a file."""
    if fmt:
        return fmt
    to_terminal = output in (None, "-") and sys.stdout.isatty()
    return "table" if to_terminal else "json"


def console():
    from rich.console import Console

    return Console(soft_wrap=False)


def reading_options(command):
    """The options that say how inputs are read (--password, --max-size, --pdf-engine, --ocr), given to
    the command as one ``reading`` argument (a :class:`~cme_notes.readers.ReadOptions`)."""
    import functools

    @functools.wraps(command)
    def wrapper(*args, password: str | None, max_size: float, pdf_engine: str, ocr: bool, **kwargs):
        from ..readers.options import ReadOptions

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
]
