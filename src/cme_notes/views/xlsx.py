"""Views as real spreadsheets (openpyxl): a bold, frozen header row, an autofilter, set column widths, typed cells.

Dates are date cells and rates percentages, so a spreadsheet sorts and sums
them; lists are joined with "; " as in CSV.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from .columns import DATE, INT, LIST, PERCENT, Column

_MAX_WIDTH = 80
_MIN_WIDTH = 6


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    columns: list[Column]
    rows: list[dict]


def workbook_bytes(sheets: list[Sheet]) -> bytes:
    """The .xlsx file's bytes; written whole by the caller, so a failure leaves no half file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "cme-notes"
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_title(sheet.title))
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([_cell_value(row.get(c.key), c.kind) for c in sheet.columns])
        for n, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(n)
            ws.column_dimensions[letter].width = _width(column, sheet.rows)
            fmt = {DATE: "yyyy-mm-dd", PERCENT: "0%", INT: "0"}.get(column.kind)
            for cell in ws[letter][1:]:
                if fmt:
                    cell.number_format = fmt
                if column.wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    cell.alignment = Alignment(vertical="top")
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.columns))
        ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell_value(value, kind: str):
    if value is None:
        return None
    if kind == DATE:
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return value
    if kind == LIST:
        return "; ".join(value)
    return value


def _width(column: Column, rows: list[dict]) -> float:
    if column.width is not None:
        return column.width
    if column.kind == DATE:
        return 12
    values = (_cell_value(r.get(column.key), column.kind) for r in rows)
    longest = max([len(column.header)] + [len(str(v)) for v in values if v is not None])
    return max(_MIN_WIDTH, min(_MAX_WIDTH, longest + 2))


def _sheet_title(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Sheet"
