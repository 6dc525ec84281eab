"""One progress bar for every command that parses many files: on stderr, and only when stderr is a terminal."""
from __future__ import annotations

import sys

import click

from .common import error

PROGRESS_MIN_FILES = 4
"""Fewer files take a second or two: a bar would only flicker."""


class Quiet:
    """No bar (not a terminal, --quiet, or a few files): errors as lines on stderr, nothing else."""

    def start(self, total: int, label: str = "parsing", failed: int = 0) -> None:
        pass

    def advance(self, failed: int | None = None) -> None:
        pass

    def error(self, message: str) -> None:
        error(message)

    def say(self, line: str) -> None:
        """A line of report on stderr (above the bar, when there is one)."""
        click.echo(line, err=True)

    def stop(self) -> None:
        pass


class Bar(Quiet):
    """A rich progress bar on stderr: done/total, failures, rate, time left; errors print above it."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Failed(ProgressColumn):
            def render(self, task) -> Text:
                failed = task.fields.get("failed", 0)
                return Text(f"{failed} failed", style="bold red" if failed else "dim")

        class Rate(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f} files/s" if speed else "- files/s", style="progress.data.speed")

        self.progress = Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), Failed(),
            Rate(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True,
        )
        self.task = None
        self.failed = 0

    def start(self, total: int, label: str = "parsing", failed: int = 0) -> None:
        self.failed = failed
        self.task = self.progress.add_task(label, total=total, failed=failed)
        self.progress.start()

    def advance(self, failed: int | None = None) -> None:
        """One more file done; ``failed``: the failures so far, when the caller counts them."""
        if self.task is not None:
            self.progress.update(self.task, advance=1, failed=self.failed if failed is None else failed)

    def error(self, message: str) -> None:
        self.failed += 1
        self.progress.console.print(f"cme-notes: error: {message}", markup=False, highlight=False)

    def say(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False)

    def stop(self) -> None:
        self.progress.stop()


def progress(files: int, *, quiet: bool = False) -> Quiet:
    """A bar for ``files`` files when a person watches stderr and there are enough to wait for; else :class:`Quiet`."""
    if quiet or files < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return Quiet()
    return Bar()
