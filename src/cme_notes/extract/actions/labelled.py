"""Actions marked as such in the text: "Action: JS to …", "ACTION – all", "**Action** Bram to …",
"AI(Ben, JF): …" and "@Gil: …".

After an "Action:" label the first sentence is the task; a later sentence is
another action only when it names other people of the meeting ("Action: MW to
take photo. KL to draft the press release."), and a first sentence with no
owner takes the owner of the next one ("Action: Discuss at next meeting. EM to
ask the Swap.").
"""
from __future__ import annotations

import re

from ...models import Action
from ..layout import Para
from ..owners import OwnerResolver
from ..text import sentences
from ..where import where_of
from .common import OWNER_RUN, known_owners, make_action, owner_like, task_lead, unescape
from .markers import split_status
from .status import set_status

_ACTION_LINE = re.compile(
    r"(?:^|(?<=[\s(\[]))(?:\*\*|__)?actions?(?:\s+(?:by|for|on|required|points?|agreed|arising))?(?:\*\*|__)?"
    # "Action (EB-07):", "Action A12 –": the action's own reference between the label and its colon
    r"(?:\s*[(\[][A-Za-z]{0,4}[\s.\-]?\d[\w./\-]{0,8}[)\]]|\s+[A-Z]{1,4}-?\d{1,3}(?:\.\d{1,2})?)?"
    r"\s*[:\-–]+\s*(?:\*\*|__)?\s*(?P<rest>.+?)[)\]]?\s*$",
    re.IGNORECASE,
)
# "Action Bram is to order…": the word Action, then straight into the owners (no colon)
_ACTION_WORD = re.compile(r"^(?:\*\*|__)?(?:[Aa]ction|ACTION)(?:\*\*|__)?\s+(?P<rest>[A-Z@].+)$")
# "AI(Ben, JF): create a meeting page": an action item with its owners in brackets
_AI = re.compile(r"(?:^|(?<=[\s.;]))AI\s*\((?P<who>[^()]{1,80})\)\s*:?\s*(?P<rest>\S.*)$")
# "@Gil: Please don't include…": an action addressed to someone, as in board minutes
_AT = re.compile(r"^@(?P<who>[A-Z][\w.'\-]*(?:\s*[/,&]\s*@?[A-Z][\w.'\-]*)*)\s*:\s*(?P<rest>\S.*)$")
_OWNER_COLON = re.compile(OWNER_RUN + r"\s*:\s*(?P<rest>\S.*)$")
_OWNER_LEAD = re.compile(r"^(?P<who>.+?)\s+(?:to|will|shall|is to|are to|agreed to)\s+\w", re.IGNORECASE)
_INITIALS_ONLY = re.compile(r"[A-Z]{2,4}(?:\s*[/,&]\s*[A-Z]{2,4})*")


def labelled_actions(para: Para, previous: str, item, resolver: OwnerResolver, meeting_date, warnings) -> list[Action]:
    """The actions a labelled line gives; ``previous`` is the text before it (for "Action: JS" under its task)."""
    text = unescape(para.text.strip())
    if "action" not in text.lower() and "AI" not in text and not text.startswith("@"):
        return []  # none of the labels below can match: spare their searches on every paragraph
    for pattern, rule in ((_AT, "actions.at"), (_AI, "actions.ai")):
        m = pattern.search(text)
        if m:
            action = make_action(item, m.group("rest"), m.group("who"), resolver, meeting_date, warnings)
            action.where = where_of(para.source, rule)
            return [action]
    word = _ACTION_WORD.match(text)
    if word:
        rest = word.group("rest")
        colon = _OWNER_COLON.match(rest)
        if task_lead(rest, anywhere=False) is None and colon is None:
            word = None
        elif colon is not None and task_lead(rest, anywhere=False) is None:
            action = make_action(item, rest, colon.group("who"), resolver, meeting_date, warnings)
            action.where = where_of(para.source, "actions.label")
            return [action]
    m = _ACTION_LINE.search(text) if word is None else None
    if word is None and m is None:
        return []
    if m is not None:
        prefix = text[: m.start()].rstrip()
        if prefix and not prefix.endswith((".", "!", "?", "(", "[", ":", "-", "–")):
            return []  # "the actions from…" inside a sentence is not an action line
        rest = m.group("rest").strip().strip("*_ ").rstrip(".")
        before = text[: m.start()].strip().rstrip("([").strip()
    else:
        rest, before = word.group("rest").strip().rstrip("."), ""
    if not rest.strip(".;,"):
        return []  # "Action:" with nothing after it
    who, status = split_status(rest)  # "Action: JS – ongoing": the owner of the task above, and its status
    if resolver.is_owner_text(who) or _INITIALS_ONLY.fullmatch(who):
        description = before if len(before.split()) >= 3 else previous
        if not description:
            return []
        action = make_action(item, _last_sentence(description), who, resolver, meeting_date, warnings)
        action.where = where_of(para.source, "actions.label")
        set_status(action, status)
        return [action]
    out = []
    for description, who in _tasks(rest, resolver):
        action = make_action(item, description, who, resolver, meeting_date, warnings)
        action.where = where_of(para.source, "actions.label")
        out.append(action)
    return out


def _tasks(rest: str, resolver: OwnerResolver) -> list[tuple[str, str]]:
    """The (task, owners) pairs written after one label."""
    tasks: list[list[str]] = []
    for sentence in sentences(rest):
        who = _owners_of(sentence, resolver)
        if not tasks:
            tasks.append([sentence, who])
        elif who and tasks[-1][1] and who != tasks[-1][1] and known_owners(who, resolver):
            tasks.append([sentence, who])
        elif who and not tasks[-1][1]:
            tasks[-1] = [f"{tasks[-1][0]} {sentence}", who]
    return [(t, w) for t, w in tasks]


def _owners_of(sentence: str, resolver: OwnerResolver) -> str:
    lead = task_lead(sentence, anywhere=False)
    if lead is not None:
        return lead[0].group("who")
    old = _OWNER_LEAD.match(sentence)
    if old and owner_like(old.group("who"), resolver):
        return old.group("who")
    return ""


def _last_sentence(text: str) -> str:
    parts = sentences(text)
    return parts[-1] if parts else text
