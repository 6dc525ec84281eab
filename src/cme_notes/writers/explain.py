"""A record beside its sources: each answer, where it was read, the rule that read it and the text as written.

This is what ``cme-notes parse --explain`` prints, so that a clerk can check a
record against the minutes before trusting it. Positions are counted from 1 here
(page 1, table 1, row 1), the way a person counts them; the ``where`` objects in
the JSON record keep the reader's 0-based table, row, column and paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from rich.console import Console

    from ..models import Action, Meeting, Person, Where

# an answer with no recorded source still gets a row, so that a missing provenance is seen, not hidden
UNKNOWN = "(not recorded)"
# repeated source text is shown once per run of answers read from one paragraph (a Present: line of ten names)
SAME = "〃"


@dataclass(frozen=True, slots=True)
class Row:
    answer: str
    location: str
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    label: str
    rows: list[Row]


def location(where: "Where | None") -> str:
    """``page 2, table 1, row 4, column 1`` / ``paragraph 12`` / ``line 37``: where to look, counted from 1."""
    if where is None:
        return UNKNOWN
    parts = []
    if where.page is not None:
        parts.append(f"page {where.page}")
    if where.table is not None:
        parts.append(f"table {where.table + 1}")
        if where.row is not None:
            parts.append(f"row {where.row + 1}")
        if where.col is not None:
            parts.append(f"column {where.col + 1}")
        if where.paragraph:
            parts.append(f"paragraph {where.paragraph + 1} of the cell")
    elif where.paragraph is not None and where.line is None:  # a text line number is the handier pointer
        parts.append(f"paragraph {where.paragraph + 1}")
    if where.line is not None:
        parts.append(f"line {where.line}")
    return ", ".join(parts) or UNKNOWN


def _row(answer: str, where: "Where | None") -> Row:
    if where is None:
        return Row(answer, UNKNOWN, UNKNOWN, "")
    return Row(answer, location(where), where.rule or UNKNOWN, where.text)


def _person(p: "Person") -> str:
    name = f"{p.honorific} {p.name}" if p.honorific else p.name
    extra = "; ".join(x for x in (p.organisation, p.role) if x)
    return f"{name} ({extra})" if extra else name


def _action(a: "Action") -> str:
    head = f"[item {a.item}] " if a.item else ""
    owners = ", ".join(a.owners) or "no owner"
    due = f"; due {a.due.isoformat()}" if a.due else ""
    status = f"; {a.status_text or a.status}" if a.status or a.status_text else ""
    return f"{head}{a.description} → {owners}{due}{status}"


def sections(meeting: "Meeting") -> list[Section]:
    """The record's answers in reading order of the record, each with its source."""
    out: list[Section] = []
    heads = []
    for key, where in meeting.where.items():
        value = getattr(meeting, key, None)
        shown = value.isoformat() if hasattr(value, "isoformat") else str(value) if value is not None else "-"
        heads.append(_row(f"{key}: {shown}", where))
    if meeting.where.get("date") is None:
        heads.insert(0, Row(f"date: {meeting.date.isoformat() if meeting.date else 'not found'}", UNKNOWN, UNKNOWN, ""))
    out.append(Section("Meeting", heads))
    out.append(Section(f"Present ({len(meeting.attendees)})", [_row(_person(p), p.where) for p in meeting.attendees]))
    out.append(Section(f"Apologies ({len(meeting.apologies)})", [_row(_person(p), p.where) for p in meeting.apologies]))
    out.append(Section(f"Items ({len(meeting.items)})",
                       [_row(" ".join(x for x in (i.number, i.title) if x), i.where) for i in meeting.items]))
    out.append(Section(f"Actions ({len(meeting.actions)})", [_row(_action(a), a.where) for a in meeting.actions]))
    if meeting.previous_actions:
        out.append(Section(f"Earlier actions reviewed ({len(meeting.previous_actions)})",
                           [_row(_action(a), a.where) for a in meeting.previous_actions]))
    out.append(Section(f"Decisions ({len(meeting.decisions)})",
                       [_row((f"[item {d.item}] " if d.item else "") + d.text, d.where) for d in meeting.decisions]))
    out.append(Section(f"Next meetings ({len(meeting.next_meetings)})", [_row(_future(m), m.where) for m in meeting.next_meetings]))
    return out


def _future(m) -> str:
    time = f" {m.time}" + (f"–{m.end_time}" if m.end_time else "") if m.time else ""
    place = f" at {m.place}" if m.place else ""
    return f"{m.date.isoformat()}{time}{place}"


def _title(meeting: "Meeting") -> str:
    source = meeting.source
    if source is None:
        return meeting.title or "meeting"
    part = f" (meeting {source.part} in the file)" if source.part else ""
    return f"{source.path}{part}"


def _same_source(a: Row, b: Row) -> bool:
    return (a.location, a.rule, a.text) == (b.location, b.rule, b.text) and a.location != UNKNOWN


def explain_text(meetings: Iterable["Meeting"]) -> str:
    """Plain text: one line per answer (answer, then where and rule), the source text under each run of answers."""
    lines: list[str] = []
    for meeting in meetings:
        if lines:
            lines.append("")
        lines.append(f"== {_title(meeting)} ==")
        for section in sections(meeting):
            lines.append(section.label)
            for i, row in enumerate(section.rows):
                lines.append(f"  {row.answer}")
                lines.append(f"      at {row.location} · rule {row.rule}")
                following = section.rows[i + 1] if i + 1 < len(section.rows) else None
                if row.text and not (following is not None and _same_source(row, following)):
                    lines.append(f"      > {row.text}")
        for warning in meeting.warnings:
            lines.append(f"warning: {warning}")
    return "\n".join(lines) + "\n"


def print_explained(meetings: Iterable["Meeting"], console: "Console") -> None:
    """Rich tables for a terminal: one per part of the record, the source text beside each answer."""
    from rich.table import Table
    from rich.text import Text

    for meeting in meetings:
        console.rule(Text(_title(meeting), style="bold"), align="left")
        for section in sections(meeting):
            if not section.rows:
                console.print(Text(section.label, style="italic"))
                continue
            table = Table(title=section.label, title_justify="left", expand=True, show_lines=False)
            table.add_column("Answer", ratio=3)
            table.add_column("Where", ratio=2, style="cyan")
            table.add_column("Rule", style="magenta", no_wrap=True)
            table.add_column("As written", ratio=4, style="dim")
            previous = None
            for row in section.rows:
                text = SAME if previous is not None and _same_source(previous, row) else row.text
                table.add_row(row.answer, row.location, row.rule, text)
                previous = row
            console.print(table)
        for warning in meeting.warnings:
            console.print(Text(f"warning: {warning}", style="yellow"))
