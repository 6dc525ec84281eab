"""An action's status as the minutes write it ("Completed", "Ongoing", "c/f", "No longer required"),
read as one of three: open, done or dropped."""
from __future__ import annotations

import re

from ...models import Action

OPEN, DONE, DROPPED = "open", "done", "dropped"

# Checked in this order: "not complete" is open, "no longer needed" is dropped before "needed" could count.
_DROPPED = re.compile(r"\b(?:withdrawn|dropped|abandoned|cancel+ed|superseded|no\s+longer\s+(?:required|needed|relevant)"
                      r"|not\s+(?:required|needed|proceeding)|n/?a)\b", re.IGNORECASE)
_OPEN = re.compile(r"\b(?:not\s+(?:yet\s+)?(?:done|complete[d]?|started)|ongoing|on-going|open|in\s+progress|outstanding"
                   r"|pending|carried\s+(?:forward|over)|c/?f|b/?f|rolled\s+over|continuing|to\s+do|awaiting|chase[d]?"
                   r"|still\s+to|not\s+yet|delayed|deferred|partly|partially|underway|under\s+way)\b", re.IGNORECASE)
_DONE = re.compile(r"\b(?:done|complete[d]?|closed|finished|achieved|resolved|actioned|discharged|sent|paid"
                   r"|circulated|received|submitted|signed|delivered|booked|ordered|installed|arranged|agreed)\b"
                   r"|^\s*(?:yes|y|✓|✔|x)\s*$", re.IGNORECASE)


def status_of(text: str | None) -> str | None:
    """open, done or dropped for a status as written; None when the words say none of them."""
    if not text or not text.strip():
        return None
    for pattern, status in ((_DROPPED, DROPPED), (_OPEN, OPEN), (_DONE, DONE)):
        if pattern.search(text):
            return status
    return None


def set_status(action: Action, text: str | None) -> None:
    """Give ``action`` the status ``text`` writes (kept as written too)."""
    text = (text or "").strip()
    if not text:
        return
    action.status_text = text
    action.status = status_of(text)
