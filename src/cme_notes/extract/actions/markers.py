"""Status and reference written into the text of an action rather than in a column of their own.

"Action: JS – ongoing", "Clerk to write to the county (carried forward)", "Renew the lease. COMPLETED",
"(Minute 121.1) Cllr Reeve will speak to the owner. Closed." and "(EB-03) Website pages": the status words
stand apart from the task (after a dash, in brackets, in capitals, or as a sentence of their own), and a
reference is a minute number the paragraph opens with or a code in brackets. A status word inside the task
("to complete the survey") is no marker.
"""
from __future__ import annotations

import re

from ...models import Action
from ..text import sentences
from .status import set_status, status_of

# filler before the status word of a status sentence: "This action is now closed.", "Now complete."
_FILLER = re.compile(r"^\W*(?:(?:this|the)\s+(?:action|item|task)\s+)?(?:(?:is|was|has\s+been|have\s+been)\s+)?"
                     r"(?:now\s+)?(?:status\s*[:\-–]\s*)?", re.IGNORECASE)
_LEAD = re.compile(
    r"(?:completed?|done|closed|finished|actioned|ongoing|on-going|open|outstanding|in\s+(?:progress|hand)|pending"
    r"|carried\s+(?:forward|over)|c/f|b/f|rolled\s+(?:forward|over)|deferred|not\s+(?:yet\s+)?(?:done|complete[d]?|started)"
    r"|no\s+longer\s+(?:required|needed|relevant|necessary)|not\s+(?:required|needed)|withdrawn|dropped|cancel+ed"
    r"|superseded|removed|no\s+further\s+action)(?![\w/])",
    re.IGNORECASE,
)
# a status sentence of its own is short: "Closed.", "Ongoing – chase in June.", "No longer required – the
# Foundation bought it directly."
_MAX_STATUS_WORDS = 12
# how far past a task its status sentence is looked for: a dozen words of any length fit, and a paragraph of
# a thousand tasks is not split into sentences once per task
_STATUS_WINDOW = 40 * _MAX_STATUS_WORDS
_BRACKETED = re.compile(r"[(\[](?P<s>[^()\[\]]{1,60})[)\]]")
_DASH_TAIL = re.compile(r"\s[–—-]+\s*(?P<s>[^–—]{1,60}?)\s*\.?\s*$")
_CAPITALS = re.compile(r"(?<![\w/])(?P<s>COMPLETED?|DONE|CLOSED|ONGOING|ON-GOING|OUTSTANDING|CARRIED FORWARD|C/F"
                       r"|NO LONGER REQUIRED|WITHDRAWN)(?![\w/])")
# "(Minute 121.1)", "Minute 7.4:", "Min 24/07 –" opening a paragraph: the earlier minute it reports on
_CITED_MINUTE = re.compile(r"^\W*\(?(?:minute|min\.?)\s*(?:no\.?\s*|ref\.?\s*)?(?P<ref>\d{1,4}(?:[./]\d{1,4}){0,2}[a-z]?)\b",
                           re.IGNORECASE)
# "(EB-03)", "[Ref A12]", "(Mar24.03)", "Ref: 24/07": an action's code in brackets or after "Ref"
_CODE = r"(?:[A-Z]{1,4}-?\d{1,3}(?:\.\d{1,2})?|[A-Z][a-z]{2}\d{2}\.\d{1,2}|\d{2}/\d{2,3})"
_REF = re.compile(rf"[(\[]\s*(?:ref(?:erence)?\.?\s*:?\s*|action\s+)?(?P<ref>{_CODE})\s*[)\]]|\bref(?:erence)?\.?\s*:?\s*(?P<bare>{_CODE})\b")


def leads_with_status(phrase: str) -> bool:
    """Whether ``phrase`` opens with a status ("Completed 3 May", "now closed"), not a task that uses the word."""
    rest = phrase[_FILLER.match(phrase).end():]
    return _LEAD.match(rest) is not None and status_of(phrase) is not None


def status_phrase(phrase: str) -> bool:
    """A whole sentence or bracket that is only a status: short, and led by a status word."""
    return len(phrase.split()) <= _MAX_STATUS_WORDS and leads_with_status(phrase)


def split_status(text: str) -> tuple[str, str | None]:
    """``text`` less a status tail ("JS – ongoing" -> "JS", "ongoing"), and the status as written."""
    for pattern in (_DASH_TAIL, _BRACKETED):
        for m in pattern.finditer(text):
            if m.end() >= len(text.rstrip(" .")) - 1 and status_phrase(m.group("s")):
                return text[: m.start()].rstrip(" ,;"), m.group("s").strip(" .")
    return text, None


def inline_status(text: str) -> str | None:
    """The status written inside a task's own text, as written: bracketed, after a dash, or in capitals."""
    for m in _BRACKETED.finditer(text):
        if status_phrase(m.group("s")):
            return m.group("s").strip(" .")
    tail = _DASH_TAIL.search(text)
    if tail is not None and status_phrase(tail.group("s")):
        return tail.group("s").strip(" .")
    capitals = _CAPITALS.search(text)
    return capitals.group("s") if capitals is not None else None


def status_after(text: str, end: int) -> str | None:
    """A status sentence right after a task ("… speak to the owner. Closed."), as written."""
    following = sentences(text[end: end + _STATUS_WINDOW].lstrip(" .;"))
    if following and status_phrase(following[0]):
        return following[0].strip(" .()[]")
    return None


def cited_ref(text: str, earlier: bool = True) -> str | None:
    """The reference a paragraph gives its action: an earlier minute it opens with (for an ``earlier`` action),
    or a code in brackets."""
    code = _REF.search(text)
    if code is not None:
        return code.group("ref") or code.group("bare")
    minute = _CITED_MINUTE.match(text) if earlier else None
    return minute.group("ref") if minute is not None else None


def mark(action: Action, text: str, earlier: bool = False, head: str | None = None) -> None:
    """Give an action found in ``text`` (its paragraph) the status and reference the text writes beside it;
    ``earlier`` for an action reviewed from an earlier meeting; ``head`` the text its reference is looked
    for in, where that is not ``text``."""
    if action.status_text is None:
        at = text.find(action.description)
        own = text[at: at + len(action.description)] if at >= 0 else action.description
        status = inline_status(own)
        if status is None and at >= 0:
            status = status_after(text, at + len(action.description))
        if status is not None:
            set_status(action, status)
    if action.ref is None:
        # the paragraph's head, else the task's own opening ("141.1 (Minute 121.1) Cllr Reeve will…")
        action.ref = cited_ref(text if head is None else head, earlier) or cited_ref(action.description, earlier)
