"""Columns of a view, and rows written as JSON or CSV from them.

A view is a list of plain dicts plus the columns that say how to show each
key; the same rows then go to a terminal table, JSON, CSV or a spreadsheet.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Iterable

TEXT, DATE, INT, PERCENT, LIST = "text", "date", "int", "percent", "list"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    """text, date (ISO text), int, percent (a 0-1 float) or list (of text, joined by "; ")."""
    width: int | None = None
    """Spreadsheet width in characters; None: from the content."""
    wrap: bool = False


def cell_text(value, kind: str) -> str:
    """A value as text in a CSV cell or a terminal table."""
    if value is None:
        return ""
    if kind == LIST:
        return "; ".join(value)
    if kind == PERCENT:
        return f"{value:.0%}"
    return str(value)


def rows_json(rows: list[dict]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def rows_jsonl(rows: Iterable[dict]) -> str:
    """One JSON object a line (JSON Lines): for jq, grep and streaming loaders."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


EXCEL_BOM = "\ufeff"
"""Excel reads a CSV as UTF-8 only when it starts with this mark; without it "Zoë" opens as "ZoÃ«"."""


def rows_csv(rows: Iterable[dict], columns: list[Column], *, excel: bool = False) -> str:
    """CSV with a header row of the columns' keys (stable names for scripts), lists joined by "; ".
    ``excel``: with the byte-order mark and CRLF line ends that Excel expects."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([_csv_value(row.get(c.key), c.kind) for c in columns])
    return (EXCEL_BOM if excel else "") + out.getvalue()


def _csv_value(value, kind: str) -> str:
    if kind == PERCENT and value is not None:
        return f"{value:.3f}"  # a number a spreadsheet can sum, not "86%"
    return cell_text(value, kind)
