"""Provenance: where in the source an answer was read, and which convention found it.

Every extracted entity carries a :class:`~cme_notes.models.Where` so that a
clerk can check a record against the minutes (``cme-notes parse --explain``)
and so that a miss can be traced to the rule that should have caught it.
"""
from __future__ import annotations

from ..document import Block
from ..models import Where

# the source text kept in a Where is one paragraph or cell; longer text is cut so records stay small
MAX_TEXT = 300


def where_of(source: Block | None, rule: str, text: str | None = None) -> Where:
    """A Where for text read from ``source`` (a reader's block) by ``rule``."""
    shown = _squashed_head(text if text is not None else (source.text if source is not None else ""))
    if len(shown) > MAX_TEXT:
        shown = shown[: MAX_TEXT - 1] + "…"
    if source is None:
        return Where(text=shown, rule=rule)
    return Where(
        page=source.page, table=source.table, row=source.row, col=source.col if source.table is not None else None,
        paragraph=source.para, line=source.line, text=shown, rule=rule,
    )


def _squashed_head(text: str) -> str:
    """The text with runs of spaces squashed, at least up to MAX_TEXT + 1 characters where it is that long.

    Only the head is squashed: every person of a list of thousands points at the
    paragraph that lists them, and squashing all of it for each was quadratic.
    """
    head = text[: 4 * MAX_TEXT]
    shown = " ".join(head.split())
    if len(shown) <= MAX_TEXT and len(head) < len(text):
        shown = " ".join(text.split())  # a head of mostly spaces
    return shown
