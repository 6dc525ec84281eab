"""Every finding's code, with its severity and the words the quality summary counts it under.

An **error** is a fault a clerk must fix before the minutes go out, or that
makes the record unusable where it is used: no date, nobody present, a due
date before the meeting that set it, a weekday that is not the date's, a
person both present and sending apologies, an item number used twice.
A **warning** is something missing or unsure that may be right as it is: an
action with no owner or no due date, an owner the lists don't name, a
skipped item number (an item withdrawn), no next meeting, scanned pages left
unread, an owner the extractor could not tell apart from another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Finding, Where

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    severity: str
    label: str
    """What the quality summary calls a file with this finding ("nobody present")."""
    summary: bool
    """Whether it spoils the data where it is used (shown in the summary), or only matters before circulating."""
    message: re.Pattern[str]
    """How the message reads: the code of a warning stored as text (an index keeps messages only)."""


CODES: dict[str, Code] = {
    "no-date": Code(ERROR, "no date", True, re.compile(r"^no meeting date found")),
    "nobody-present": Code(ERROR, "nobody present", True, re.compile(r"^no list of people present")),
    "present-and-apologies": Code(ERROR, "present and apologies", True, re.compile(r".* is listed as present and as sending apologies")),
    "due-before-meeting": Code(ERROR, "due before meeting", True, re.compile(r"^action .* is due .* before the meeting")),
    "weekday-mismatch": Code(ERROR, "weekday mismatch", True, re.compile(r"^.* is written as a \w+day but falls on")),
    "item-number-repeats": Code(ERROR, "item number repeated", False, re.compile(r"^item number .* is used twice")),
    "scanned-pages": Code(WARNING, "scanned", True, re.compile(r"^pages? [\d, ]+ (?:has|have) no text layer")),
    "ocr-pages": Code(WARNING, "read by OCR", True, re.compile(r"^pages? [\d, ]+ (?:was|were) read by OCR")),
    "owner-ambiguous": Code(WARNING, "ambiguous owner", True, re.compile(r"^owner .* could be any of")),
    "owner-not-listed": Code(WARNING, "owner not listed", True, re.compile(r"^action owner .* is not among the people listed")),
    "action-no-owner": Code(WARNING, "action without owner", True, re.compile(r"^action .* has no owner")),
    "action-no-due": Code(WARNING, "action without due date", False, re.compile(r"^action .* has no due date")),
    "item-number-skips": Code(WARNING, "item number skipped", False, re.compile(r"^item numbers? skips?")),
    "no-next-meeting": Code(WARNING, "no next meeting", False, re.compile(r"^no next meeting")),
    "note": Code(WARNING, "other", False, re.compile(r"$^")),
}
"""Errors first, then warnings; the summary lists codes in this order."""


def finding(code: str, message: str, where: Where | None = None) -> Finding:
    return Finding(code=code, severity=CODES[code].severity, message=message, where=where)


def code_of(message: str) -> str:
    """The code of a finding known only by its message (an extractor's note, an index's warnings column)."""
    for code, known in CODES.items():
        if known.message.match(message):
            return code
    return "note"


def from_message(message: str) -> Finding:
    """A finding for a message an extractor or reader wrote as text."""
    return finding(code_of(message), message)


def where_label(where: Where | None) -> str:
    """Where, as a clerk looks it up: "line 12", "p3", "p2 table 1 row 4", "para 21" (all 1-based)."""
    if where is None:
        return ""
    if where.line is not None:
        return f"line {where.line}"
    parts = [f"p{where.page}"] if where.page is not None else []
    if where.table is not None:
        parts.append(f"table {where.table + 1}" + (f" row {where.row + 1}" if where.row is not None else ""))
    elif where.paragraph is not None and where.page is None:
        parts.append(f"para {where.paragraph + 1}")
    return " ".join(parts)
