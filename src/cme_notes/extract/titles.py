"""Whether a line reads as an item's title, and the title cleaned of list punctuation."""
from __future__ import annotations

import re


def title_like(text: str, styled: bool = False) -> bool:
    text = text.strip()
    words = text.split()
    limit = 150 if styled else 100
    if not words or len(text) > limit or len(words) > (22 if styled else 15):
        return False
    if re.search(r"[.!?]\s+[A-Z]", text) and not styled:
        return False  # two sentences: prose, not a heading
    return not (text.endswith(".") and len(words) > 8 and not styled)


# "(Agenda 4) PLANNING": the agenda's number printed before a minute's title
_AGENDA_REF = re.compile(r"^\((?:agenda|item)\s*\d{1,3}[a-z]?\)\s*", re.I)


# "20:30 Finances", "19:05-19:20 Budget": a time slot before the topic
_TIME_SLOT = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s+(?=\S)")


def clean_title(title: str) -> str:
    title = _TIME_SLOT.sub("", _AGENDA_REF.sub("", title.strip())).lstrip("-–—: ")  # "Item 4 – Budget"
    return title.rstrip(":;,").strip().strip("*_").strip()
