"""What every command shares: messages on stderr, output written whole, common options."""
from __future__ import annotations

import sys

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def error(message: str) -> None:
    click.echo(f"cme-notes: error: {message}", err=True)


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


password_option = click.option("--password", metavar="TEXT", help="Password for encrypted PDFs.")
max_size_option = click.option(
    "--max-size", metavar="MB", type=click.FloatRange(min=0, min_open=True), default=100, show_default=True,
    help="Refuse inputs larger than this.",
)


def max_bytes(max_size: float) -> int:
    return int(max_size * 1024 * 1024)
