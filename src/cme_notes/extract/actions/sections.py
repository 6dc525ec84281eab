"""Which part of the minutes a paragraph sits in: a list of tasks ("Tasks to do:", "Plan for Next Week"),
a review of earlier actions ("Review Outstanding Action Items"), or neither.

A section starts at a heading or a short label ending in a colon and lasts to
the next one; an upper-case label inside a task list ("LOGIN PAGE:") only
groups its tasks and does not end the list.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..layout import Para

TASKS, PREVIOUS = "tasks", "previous"
_TASKS = re.compile(
    r"\b(?:tasks|to[\s-]?dos?|next steps|action(?:s| items?| points| list| log| summary)|actions? agreed|agreed actions"
    r"|resolved|plan for (?:the )?(?:next|coming)|for (?:the )?next (?:week|meeting|time))\b",
    re.IGNORECASE,
)
_PREVIOUS = re.compile(
    r"\b(?:review|outstanding|previous|progress on|carried (?:forward|over)|update on)\b.{0,40}\bactions?\b"
    r"|\bactions? (?:from|of) (?:the )?(?:last|previous|earlier)\b",
    re.IGNORECASE,
)
# a label: "Tasks to do:", "Resolved", a heading; longer lines are text
_LABEL_MAX = 90
_STATUS_LINE = re.compile(r"^status\s*:", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^\d{1,3}[.)]\s+[A-Z]")
# a numbered line this short is a heading, not a numbered point of text
_TITLE_MAX = 60
# "Action items" and its kin on their own line: each bullet below is an action
_ACTION_LIST = re.compile(
    r"^(?:action items|actions?|action points|actions agreed|agreed actions|actions arising|next steps|to do)\s*:?$", re.I
)


def is_label(para: Para, titles: set[int]) -> bool:
    text = para.text.strip()
    if para.index in titles or para.style == "heading":
        return True
    if len(text) > _LABEL_MAX or para.group is not None and para.group[0] not in ("line", "para", "pdfline"):
        return False
    if _STATUS_LINE.match(text):
        return False  # "Status:" with nothing after it reports on the action above
    if _NUMBERED_TITLE.match(text) and len(text) <= _TITLE_MAX and not text.endswith("."):
        return True  # "9. Review Outstanding Action Items", whether or not the items rule took it
    return para.style == "bold" or text.endswith(":") or bool(_ACTION_LIST.match(text))


def section_kinds(paras: list[Para], titles: set[int]) -> dict[int, str]:
    """Paragraph index -> TASKS or PREVIOUS, for paragraphs under such a label."""
    kinds: dict[int, str] = {}
    current: str | None = None
    for para in paras:
        text = para.text.strip()
        if para.group is not None and para.group[0] not in ("line", "para", "pdfline") and para.index not in titles:
            current = None  # a table ends a list written in the text above it
            continue
        if is_label(para, titles):
            if _PREVIOUS.search(text):
                current = PREVIOUS
            elif _TASKS.search(text):
                current = TASKS
            elif current == TASKS and text.upper() == text and para.style != "heading":
                pass  # "LOGIN PAGE:" groups tasks inside the list (even where the items took such lines as topics)
            else:
                current = None
            continue
        if current is not None:
            kinds[para.index] = current
    return kinds


def review_spans(paras: list[Para], titles: set[int]) -> list[tuple[int, int]]:
    """(first, last) paragraph indices of each review of earlier actions, tables included."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for para in paras:
        in_table = para.group is not None and para.group[0] not in ("line", "para", "pdfline")
        if in_table or not is_label(para, titles):
            continue
        if start is not None:
            spans.append((start, para.index))
            start = None
        if _PREVIOUS.search(para.text):
            start = para.index
    if start is not None:
        spans.append((start, float("inf")))
    return spans


def in_spans(index: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect_right(spans, (index, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def headed_lists(paras: list[Para]) -> set[int]:
    """Bullets right under an "Actions:" / "Action items" line: each one is an action."""
    found: set[int] = set()
    under = False
    for para in paras:
        if _ACTION_LIST.match(para.text.strip()):
            under = True
        elif under and para.style in ("bullet", "numbered"):
            found.add(para.index)
        else:
            under = False
    return found
