"""Actions written as list entries: "- Lena: introduce Sol to Jun", "- Lena/Victor: …",
"Update the Gantt chart – Jodie", "Code the login page: Nadim", and every bullet under an "Action items" line.

A bullet led by owners and a colon is an action when they are people of the
meeting (so "- Present: …" is not), or anywhere in a list of tasks. A bullet
ending in its owner is an action only in a list of tasks ("Tasks to do:"):
elsewhere "Linked pages together – Jodie" is work already done.
"""
from __future__ import annotations

import re

from ...models import Action
from ..layout import Para
from ..owners import OwnerResolver
from ..where import where_of
from .common import OWNER_RUN, known_owners, make_action, owner_like, unescape
from .sections import TASKS

_LEAD_COLON = re.compile(r"^" + OWNER_RUN + r"\s*:\s+(?P<task>\S.*)$")
_OWNERS_ONLY = re.compile(OWNER_RUN + r"[\s.]*")
_TAIL_SEP = re.compile(r"\s+[–—-]+\s*|\s*:\s+")
_EVERYONE = re.compile(r"^(?:everyone|everybody|all(?: members)?)\b", re.IGNORECASE)
_OWNER_LEAD = re.compile(r"^(?P<who>.+?)\s+(?:to|will|shall|is to|are to|agreed to)\s+\w", re.IGNORECASE)
# a report of work done or under way opens with a past tense or an -ing ("reported", "sent", "working on");
# a task opens with a verb to do
_PAST = re.compile(r"(?:ed|ing|sent|met|spoke|gave|took|made|said|told|went|thought)$")
# words that open speech or a question, not a task ("Ben: what about…", "JF: I think…")
_SPEECH = frozenset({"i", "we", "you", "it", "this", "that", "there", "what", "why", "how", "is", "are", "yes", "no",
                     "the", "a", "an", "if", "so", "not", "sounds", "would", "could", "should", "thanks", "thank",
                     "happy", "good", "great", "ok", "okay", "nothing", "none", "all", "still", "currently"})


def is_bullet(para: Para) -> bool:
    return para.style in ("bullet", "numbered")


def in_body(para: Para) -> bool:
    return para.group is not None and para.group[0] in ("line", "para", "pdfline") and para.style in ("", "bullet", "numbered")


def led_by_owner(para: Para, section: str | None, item, resolver: OwnerResolver, meeting_date, warnings) -> Action | None:
    """"- Lena: Introduce Sol to Jun": owners, a colon, the task (a plain line too, in a list of tasks)."""
    if not (is_bullet(para) or section == TASKS and in_body(para)):
        return None
    m = _LEAD_COLON.match(unescape(para.text.strip()))
    if m is None or _OWNERS_ONLY.fullmatch(m.group("task")):
        return None  # "Chair: Bea" says who held a post, not what they are to do
    first = m.group("task").split()[0].strip("\"'*_").casefold()
    if first in _SPEECH or not first.isalpha() or (section is None and _PAST.search(first)):
        return None  # "Cllr Patel: reported the verge was cut", "Treasurer: £1,234 in the bank" are reports
    if (section is None or not is_bullet(para)) and not known_owners(m.group("who"), resolver):
        return None  # outside a list of tasks, or on a plain line, the owners must be people of the meeting
    action = make_action(item, para.text, m.group("who"), resolver, meeting_date, warnings)
    action.where = where_of(para.source, "actions.owner-bullet")
    return action


def ended_by_owner(para: Para, section: str | None, item, resolver: OwnerResolver, meeting_date, warnings) -> Action | None:
    """"Complete Gantt chart – Jodie", "Code PHP to compare login data: Nadim", "… – everyone writes their own"."""
    if section != TASKS or not (is_bullet(para) or in_body(para)):
        return None
    text = unescape(para.text.strip())
    seps = list(_TAIL_SEP.finditer(text))
    if not seps:
        return None
    last = seps[-1]
    task, tail = text[: last.start()].strip(), text[last.end():].strip()
    if len(task.split()) < 2:
        return None  # "Chair: Rory" names who holds a post
    if _EVERYONE.match(tail):
        who, description = "all", text
    elif _OWNERS_ONLY.fullmatch(tail) and (is_bullet(para) or known_owners(tail.rstrip(" ."), resolver)):
        who, description = tail.rstrip(" ."), task
    else:
        return None
    action = make_action(item, description, who, resolver, meeting_date, warnings)
    action.where = where_of(para.source, "actions.owner-last")
    return action


def listed(para: Para, item, resolver: OwnerResolver, meeting_date, warnings) -> Action | None:
    """A bullet under an "Actions:" line: the task, with its owners when it opens with them."""
    text = re.sub(r"^\[[ xX]\]\s+", "", para.text.strip())
    if not text:
        return None
    lead = _OWNER_LEAD.match(text)
    owners_text = lead.group("who") if lead and owner_like(lead.group("who"), resolver) else ""
    action = make_action(item, text, owners_text, resolver, meeting_date, warnings)
    action.where = where_of(para.source, "actions.list")
    return action
