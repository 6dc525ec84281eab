"""Views as rich tables for reading on a terminal."""
from __future__ import annotations

import datetime as dt

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .columns import INT, PERCENT, Column, cell_text
from .register import MARKS, mark_columns, with_marks


def print_rows(rows: list[dict], columns: list[Column], console: Console, *, title: str,
               wide: tuple[str, ...] = ()) -> None:
    """Rows under the columns' headers; ``wide`` columns take the spare width (and wrap)."""
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(c.header, ratio=3 if c.key in wide else None, overflow="fold",
                         justify="right" if c.kind in (INT, PERCENT) else "left", no_wrap=c.key not in wide)
    for row in rows:
        table.add_row(*(Text(cell_text(row.get(c.key), c.kind)) for c in columns))
    console.print(table)


def highlighted(snippet: str) -> Text:
    """A search snippet with the matched words (between [ and ]) in bold; the text itself never read as markup."""
    text = Text()
    for part in re.split(r"(\[[^\[\]]*\])", snippet):
        if part.startswith("[") and part.endswith("]"):
            text.append(part[1:-1], style="bold")
        else:
            text.append(part)
    return text


def print_register(rows: list[dict], columns: list[Column], console: Console, *, title: str) -> None:
    """The register's counts, and each meeting's mark in one "Record" column, oldest first.

    One column per meeting would not fit a terminal after a year of meetings;
    CSV and spreadsheets have them.
    """
    dates = mark_columns(rows)
    groups = {r["group"] for r in rows}
    keep = {"name", "organisation", "present", "apologies", "absent", "rate"} | ({"group"} if len(groups) > 1 else set())
    shown = [c for c in columns if c.key in keep]
    if len(groups) == 1 and None not in groups:
        title = f"{title} — {groups.pop()}"
    legend = ", ".join(f"{dt.date.fromisoformat(d):%d %b %y}" for d in dates)
    table = Table(title=title, title_justify="left", caption_justify="left",
                  caption=f"Record: P present, A apologies, - absent, . not yet listed; meetings of {legend}")
    for c in shown:
        if c.kind in (INT, PERCENT):
            table.add_column(c.header, justify="right", no_wrap=True, min_width=len(c.header))
        else:
            table.add_column(c.header, overflow="fold")  # names wrap before the counts and the record shrink
    table.add_column("Record", no_wrap=True, min_width=max(6, 2 * len(dates) - 1))
    for row in with_marks(rows):
        record = " ".join(row.get(d) or "." for d in dates)
        table.add_row(*(Text(cell_text(row.get(c.key), c.kind)) for c in shown), record)
    console.print(table)


__all__ = ["MARKS", "highlighted", "print_register", "print_rows"]
