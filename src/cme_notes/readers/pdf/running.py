"""Running headers, footers and page numbers: recognised across pages and set aside."""
from __future__ import annotations

import re

from .paragraphs import words_text
from .words import Line, PageLayout


MARGIN_SHARE = 0.08
"""Share of the page height, at top and at bottom, where running headers live."""


PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.IGNORECASE
)


def strip_running_text(layouts: list[PageLayout]) -> list[str]:
    """Remove running headers/footers and bare page numbers from the body; return the headers.

    A margin line is running text when the same line (digits aside, so "Page 3
    of 9" matches "Page 4 of 9") stands in the margins of at least two pages.
    """
    pages_of: dict[str, set[int]] = {}
    for layout in layouts:
        for line in layout.body:
            if _in_margin(line, layout):
                pages_of.setdefault(_running_key(line), set()).add(layout.number)
    running = {key for key, pages in pages_of.items() if len(pages) >= 2}

    headers: list[str] = []
    listed: set[str] = set()
    for layout in layouts:
        kept: list[Line] = []
        for line in layout.body:
            if not _in_margin(line, layout):
                kept.append(line)
                continue
            text = words_text(line.words)
            if PAGE_NUMBER.match(text):
                continue
            key = _running_key(line)
            if key not in running:
                kept.append(line)
            elif key not in listed:
                listed.add(key)
                headers.append(text)
        layout.body = kept
    return headers


def _in_margin(line: Line, layout: PageLayout) -> bool:
    band = MARGIN_SHARE * layout.height
    return line.top < band or line.bottom > layout.height - band


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(w.text for w in line.words)).casefold()
