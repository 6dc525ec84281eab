"""Records as rich tables for reading on a terminal."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from ..models import Meeting, Person


def _people(people: list["Person"]) -> str:
    parts = []
    for p in people:
        extra = ", ".join(x for x in (p.organisation, p.role) if x)
        parts.append(f"{p.honorific + ' ' if p.honorific else ''}{p.name}" + (f" ({extra})" if extra else ""))
    return "; ".join(parts) or "-"


def _ocr(pages: list[int], total: int | None) -> str:
    """"pages 1, 2 of 3 read by OCR (scanned, no text layer)": OCR'd text may hold misread words."""
    listed = ", ".join(map(str, pages))
    of = f" of {total}" if total else ""
    return f"page{'s' if len(pages) > 1 else ''} {listed}{of} read by OCR (scanned: words may be misread)"


def meeting_view(meeting: "Meeting") -> Group:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("Meeting", meeting.title or "-")
    head.add_row("Date", meeting.date.strftime("%A %d %B %Y") if meeting.date else "-")
    if meeting.place:
        head.add_row("Place", meeting.place)
    head.add_row(f"Present ({len(meeting.attendees)})", _people(meeting.attendees))
    head.add_row(f"Apologies ({len(meeting.apologies)})", _people(meeting.apologies))
    if meeting.source and meeting.source.ocr_pages:
        head.add_row("OCR", _ocr(meeting.source.ocr_pages, meeting.source.pages))
    parts: list = [head]

    if meeting.items:
        items = Table(title="Items", title_justify="left", expand=False)
        items.add_column("#", justify="right")
        items.add_column("Title")
        for item in meeting.items:
            items.add_row(item.number or "", item.title)
        parts.append(items)
    actions = Table(title=f"Actions ({len(meeting.actions)})", title_justify="left")
    actions.add_column("Item", justify="right")
    actions.add_column("Action", ratio=3)
    actions.add_column("Owners", ratio=1)
    actions.add_column("Due")
    for a in meeting.actions:
        actions.add_row(a.item or "", a.description, ", ".join(a.owners) or "-", a.due.isoformat() if a.due else "")
    parts.append(actions)
    if meeting.decisions:
        decisions = Table(title="Decisions", title_justify="left", show_header=False)
        decisions.add_column("Item", justify="right")
        decisions.add_column("Decision")
        for d in meeting.decisions:
            decisions.add_row(d.item or "", d.text)
        parts.append(decisions)
    if meeting.next_meetings:
        nxt = Table(title="Next meetings", title_justify="left")
        for col in ("Date", "Time", "Place"):
            nxt.add_column(col)
        for m in meeting.next_meetings:
            time = m.time + (f"–{m.end_time}" if m.end_time else "") if m.time else ""
            nxt.add_row(m.date.strftime("%a %d %b %Y"), time, m.place or "")
        parts.append(nxt)
    parts.extend(_findings(meeting))
    source = meeting.source.path if meeting.source else ""
    return Group(Panel(Group(*parts), title=source, title_align="left"))


def _findings(meeting: "Meeting") -> list[Text]:
    """The record's findings under it, as `cme-notes check` words them (errors red, warnings yellow)."""
    from ..checks import ERROR, where_label

    out = []
    for found in meeting.findings:
        at = where_label(found.where)
        out.append(Text(f"{found.severity}: {at + ': ' if at else ''}{found.message} [{found.code}]",
                        style="red" if found.severity == ERROR else "yellow"))
    if not meeting.findings:  # a record written before findings: its warnings as they are
        out.extend(Text(f"warning: {w}", style="yellow") for w in meeting.warnings)
    return out


def print_meetings(meetings: list["Meeting"], console: Console) -> None:
    for meeting in meetings:
        console.print(meeting_view(meeting))
