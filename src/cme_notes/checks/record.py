"""Checks of the meeting as a whole: its date, who was there, its next meeting."""
from __future__ import annotations

from ..identity.names import person_key
from ..models import Finding, Meeting
from .codes import finding


def no_date(meeting: Meeting) -> list[Finding]:
    if meeting.date is not None:
        return []
    return [finding("no-date", "no meeting date found near the top of the minutes")]


def nobody_present(meeting: Meeting) -> list[Finding]:
    if meeting.attendees:
        return []
    return [finding("nobody-present", "no list of people present found")]


def present_and_apologies(meeting: Meeting) -> list[Finding]:
    """ "Present: … Ann Lee" and "Apologies: Ann Lee": one of the two lists is wrong."""
    present = {person_key(p.name) for p in meeting.attendees}
    return [finding("present-and-apologies", f"{p.name} is listed as present and as sending apologies", p.where)
            for p in meeting.apologies if person_key(p.name) in present]


def no_next_meeting(meeting: Meeting) -> list[Finding]:
    if meeting.next_meetings:
        return []
    return [finding("no-next-meeting", "no next meeting date found")]


def source_findings(ocr: list[int] | None, unread: list[int] | None) -> list[Finding]:
    """What the reader says of the file: pages read by OCR (names, numbers and dates may be misread), and
    scanned pages left unread (a signed page scanned back in)."""
    out = []
    if ocr:
        out.append(finding("ocr-pages", f"{_pages(ocr, 'was', 'were')} read by OCR (a scan): "
                                        "check names, numbers and dates against the page"))
    if unread:
        several = len(unread) > 1
        out.append(finding("scanned-pages", f"{_pages(unread, 'has', 'have')} no text layer (a scan) and "
                                            f"{'were' if several else 'was'} not read: run again with --ocr to read "
                                            f"{'them' if several else 'it'} with Tesseract OCR"))
    return out


def _pages(pages: list[int], one: str, many: str) -> str:
    """"page 3 was", "pages 2, 5 were"."""
    several = len(pages) > 1
    return f"page{'s' if several else ''} {', '.join(map(str, pages))} {many if several else one}"
