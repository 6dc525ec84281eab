"""An action's status as the minutes write it ("Completed", "Ongoing", "c/f", "No longer required"),
read as one of three: open, done or dropped.

A status is stated at the head of what is written ("Completed 3 May – invoice paid", "Ongoing – chase in
June"); what follows is commentary. So a word that says dropped wins anywhere ("Closed – no longer
required"), otherwise the first firm word wins ("done", "ongoing", "c/f"), and only then the weaker words of
a report ("sent", "chased", "awaiting"), where one still waiting keeps the action open ("Letter sent,
awaiting reply"). A verb with its object ("complete the survey", "close the account") sets a task and says
nothing of one.
"""
from __future__ import annotations

import re

from ...models import Action
from ..dates import find_dates

OPEN, DONE, DROPPED = "open", "done", "dropped"

# "no longer required", "withdrawn": the action is not to be done at all
_DROPPED = re.compile(r"\b(?:withdrawn|dropped|abandoned|cancel+ed|superseded|removed|remove\s+from\s+(?:the\s+)?(?:log|list)"
                      r"|deleted|no\s+longer\s+(?:required|needed|relevant|necessary|applicable)"
                      r"|not\s+(?:required|needed|necessary|proceeding|pursued|going\s+ahead)|n/a)(?!\w)", re.IGNORECASE)
# words that state that an action is still to finish; negated "done" words come first ("not yet complete")
_OPEN_FIRM = (r"not\s+(?:yet\s+)?(?:done|complete[d]?|finished|started|actioned)|incomplete|ongoing|on-going|open"
              r"|in\s+(?:progress|hand)|outstanding|pending|carried\s+(?:forward|over)|c/f|cf|b/f|bf|c\.f\.?|b\.f\.?"
              r"|rolled\s+(?:forward|over)|continuing|to\s+be\s+(?:done|completed|finished|actioned)|not\s+yet"
              r"|underway|under\s+way|deferred|delayed|partly|partial|partially")
_DONE_FIRM = (r"done|complete[d]?|closed|finished|achieved|actioned|discharged|no\s+further\s+action|nfa"
              r"|(?:has|have)\s+been\s+(?:done|completed|actioned|sent|circulated|paid|submitted)")
_FIRM = re.compile(rf"(?<![\w/])(?:(?P<open>{_OPEN_FIRM})|(?P<done>{_DONE_FIRM}))(?![\w/])", re.IGNORECASE)
# the weaker words of a report on progress: still waiting, or done with
_OPEN_WEAK = re.compile(r"\b(?:awaiting|waiting|chase[ds]?|chasing|still\s+to|to\s+do|in\s+discussion|tbc|will\s+report)\b",
                        re.IGNORECASE)
_DONE_WEAK = re.compile(r"\b(?:resolved|sent|paid|circulated|received|submitted|signed|delivered|booked|ordered"
                        r"|installed|arranged|published|uploaded|emailed|posted|replaced|repaired|confirmed)\b"
                        r"|^\s*(?:yes|y|✓|✔|☑)\s*$", re.IGNORECASE)
# "complete the survey", "close the account", "finish off": a verb with its object sets a task
_VERB_OBJECT = re.compile(r"^(?:the|a|an|this|that|these|those|his|her|their|our|its|my|your|all|any|each|every|off|up"
                          r"|out|it|them)\b", re.IGNORECASE)
# the word before a status word that makes it a verb of a task ("to complete", "will close", "should finish")
_VERB_LEAD = re.compile(r"\b(?:to|will|shall|should|must|would|can|could|please|and)\s*$", re.IGNORECASE)
# marks that, in a Completed / Done? column, say the action was done
_TICKS = re.compile(r"^\s*(?:yes|y|✓|✔|☑|x|done|complete[d]?)\s*[.!]?\s*$", re.IGNORECASE)
_NOT_TICKED = re.compile(r"^\s*(?:no|n|✗|✘|-|–|not\s+yet)\s*$", re.IGNORECASE)


def status_of(text: str | None) -> str | None:
    """open, done or dropped for a status as written; None when the words say none of them."""
    if not text or not text.strip():
        return None
    if _DROPPED.search(text):
        return DROPPED
    for m in _FIRM.finditer(text):
        if _is_verb(text, m):
            continue
        return OPEN if m.group("open") else DONE
    if _OPEN_WEAK.search(text):
        return OPEN
    if _DONE_WEAK.search(text):
        return DONE
    return None


def _is_verb(text: str, m: re.Match) -> bool:
    """Whether the status word is the verb of a task: "complete the survey", "to close"."""
    word = m.group(0).casefold()
    if word.startswith(("not", "to be", "has", "have", "c/f", "b/f", "no further")) or word.endswith(("ed", "done")):
        return False  # "completed the survey" reports it done
    return bool(_VERB_OBJECT.match(text[m.end():].lstrip())) or bool(_VERB_LEAD.search(text[: m.start()]))


def done_mark(text: str | None) -> str | None:
    """What a Completed / Done? / Date completed cell says: a tick or a date alone means done, "No" open."""
    if not text or not text.strip():
        return None
    if _TICKS.match(text):
        return DONE
    if _NOT_TICKED.match(text):
        return OPEN
    dates = find_dates(text)
    if dates and not re.sub(r"[\s,.;:\-–/]+", "", text[: dates[0].start] + text[dates[0].end:]):
        return DONE  # "12/05/2025" alone: the day it was done
    return status_of(text)


def set_status(action: Action, text: str | None, completed_column: bool = False) -> None:
    """Give ``action`` the status ``text`` writes (kept as written too); ``completed_column`` when the text sits
    in a Completed / Done? column, where a tick or a date alone says done."""
    text = (text or "").strip()
    if not text:
        return
    action.status_text = text
    action.status = done_mark(text) if completed_column else status_of(text)
