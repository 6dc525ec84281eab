"""What every action rule shares: building an Action, due dates, owners named at the head of a task."""
from __future__ import annotations

import datetime as dt
import re

from ...models import Action
from ..dates import find_dates
from ..owner_words import GROUP, is_group
from ..owners import OwnerResolver, is_all, plural_title, split_owners

_DUE = re.compile(
    r"\b(?:by|before|for|due(?:\s+(?:by|on))?|no later than|deadline|until|on or before|set for(?:\s+[\d.:]+\s*(?:[ap]m)?\s+on)?"
    # "report back to the November 10, 2015 meeting": the meeting reported to is when it is due
    r"|report(?:ing)?\s+back\s+(?:to|at)(?:\s+(?:the|its|a))?)"
    r"\s*:?\s+(?:the\s+)?", re.I
)
# Markdown escapes ("Fizz\_eei", "\#gaming") are not part of what the minutes say
_MD_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|<>])")
# words that name a post rather than a person; an owner in their own right ("the Clerk to write")
ROLE_WORDS = frozenset({
    "clerk", "chair", "chairman", "chairwoman", "chairperson", "vice chair", "vice-chair", "secretary", "treasurer",
    "headteacher", "head teacher", "president", "vice president", "rfo", "minute taker", "minutes secretary",
    "mayor", "deputy mayor", "convenor", "coordinator", "co-ordinator", "director", "manager", "officer",
})
# "Cllr Smith", "Mr Jones": a capitalised word after one of these is a person
_HONORIFIC = r"(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev)\.?"
_NAME = r"(?:[A-Z][\w'\u2019\-]*\.?(?:\s+[A-Z][\w'\u2019\-]*\.?){0,2})"
_ROLE = r"(?:[Tt]he\s+)?(?:[Cc]lerk|[Cc]hair(?:man|woman|person)?|[Vv]ice[\s-][Cc]hair|[Ss]ecretary|[Tt]reasurer|[Hh]ead\s?[Tt]eacher|RFO)"
_GROUP = GROUP
_ONE = rf"(?:{_GROUP}|(?:{_HONORIFIC}\s+|[Tt]he\s+)?{_NAME}|{_ROLE})"
_SEP = r"\s*(?:,\s*(?:and\s+)?|/|&|\+|\band\b)\s*"
# a list of owners written before their task: "Cllrs Cole, Reeve and Marsh", "Lena/Victor", "the Clerk"
OWNER_RUN = rf"(?P<who>{_ONE}(?:{_SEP}{_ONE})*)"
_OWNERS_AT_END = re.compile(OWNER_RUN + r"\s*$")
# the verb phrase after an owner that makes the rest a task ("Nick to create", "Ali would send", "Hattie agreed to set up")
TASK_VERB = re.compile(
    r"\s+(?:is\s+to|are\s+to|(?:has\s+|have\s+)?agreed\s+to|(?:was|were|has\s+been|have\s+been)\s+asked\s+to|to|will|would|shall)"
    r"\s+(?P<next>[a-z][a-z'\u2019\-]*)"
)
# after "will"/"would"/"to" these do not start a task ("will be held", "would like to thank", "will not attend")
_NOT_TASK = frozenset({"be", "been", "have", "not", "like", "need", "prefer", "appreciate", "welcome", "also",
                       # "to" as a preposition: "a letter from Cllr Smith to the residents"
                       "the", "a", "an", "his", "her", "their", "its", "our", "your", "my", "this", "that", "these",
                       "those", "him", "them", "me", "us", "it", "all", "any", "each", "every", "date"})
# a lower-case word just before the owners makes them the object of another verb ("an agreement with Ken to share")
_LEAD_INS = frozenset({"that", "then", "and", "but", "so", "also", "action", "actions",
                       # "the Chair asked the Clerk to write": the one asked is given the task
                       "asked", "requested", "instructed", "reminded"})
# the window before a verb searched for its owners: an owner list is never longer
_WINDOW = 120



def unescape(text: str) -> str:
    return _MD_ESCAPE.sub("", text)


def make_action(item, description: str, owners_text: str, resolver: OwnerResolver, meeting_date, warnings) -> Action:
    description = unescape(description).strip()
    description = description.rstrip(".;,").strip() or description  # "." alone stays "."
    owners_text = unescape(owners_text)
    who, when = split_entry_date(owners_text, meeting_date)
    return Action(
        item=item,
        description=description,
        owners=resolver.owners(who, warnings),
        owners_text=owners_text.strip() or None,
        due=due_date(description, meeting_date) or when,
    )


def due_date(text: str, meeting_date: dt.date | None) -> dt.date | None:
    """"by 28th March", "for 22nd May": the year from the meeting (the next year if before it)."""
    for m in _DUE.finditer(text):
        match = date_after(text, m.end())
        if match is not None:
            return match.resolve(meeting_date)
    return None


def due_in(text: str) -> bool:
    return any(date_after(text, m.end()) for m in _DUE.finditer(text))


def date_after(text: str, start: int):
    for match in find_dates(text[start:start + 40]):
        if match.start <= 10:
            return match
    return None


def split_entry_date(entry: str, meeting_date: dt.date | None) -> tuple[str, dt.date | None]:
    """"Chris – by 28th March" in an Actions cell: the owners, and the date written beside them."""
    dates = find_dates(entry)
    if not dates:
        return entry, None
    who = entry[: dates[0].start]
    who = re.sub(r"[\s,;:\-–(]*(?:by|due|before|for|deadline)?[\s:]*$", "", who, flags=re.IGNORECASE)
    return who, dates[0].resolve(meeting_date)


def owner_like(text: str, resolver: OwnerResolver) -> bool:
    """Whether text written before a task reads as its owners (names, initials, "the Clerk")."""
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)
    if resolver.is_owner_text(text):
        return True
    tokens = split_owners(text)
    return bool(tokens) and len(text.split()) <= 6 and all(t[:1].isupper() for t in tokens)



def is_role(token: str) -> bool:
    return re.sub(r"^the\s+", "", token.strip().casefold()) in ROLE_WORDS


def known_owners(who: str, resolver: OwnerResolver) -> bool:
    """Whether every owner in ``who`` is someone at the meeting, "all", a post ("Clerk") or titled ("Cllr Smith")."""
    titled = re.match(rf"^\s*{_HONORIFIC}\s", who) is not None
    tokens = [re.sub(r"^the\s+", "", t, flags=re.IGNORECASE) for t in split_owners(plural_title(who))]
    if not tokens:
        return False
    return all(titled or is_all(t) or is_group(t) or is_role(t) or resolver.resolve(t).resolved
               or bool(resolver.resolve(t).ambiguous) for t in tokens)


def known_tail(who: re.Match, governed: bool, resolver: OwnerResolver) -> int | None:
    """Where the known owners of an owner run begin: "all Trustees and AH would collate" is AH's task alone,
    but in "an agreement with Ken and Nick to share" the people are governed by "with", and have no task."""
    text = who.group("who")
    seps = list(re.finditer(_SEP, text))
    head = text[: seps[0].start()] if seps else text
    if governed and not (seps and is_group(head)):
        return None  # "a meeting with Bea Rowe and Cllr Sims to discuss": all of them governed
    if not governed and known_owners(text, resolver):
        return who.start()
    for sep in seps:
        if known_owners(text[sep.end():], resolver):
            return who.start() + sep.end()
    return None


def owners_before(text: str, end: int) -> tuple[re.Match, bool] | None:
    """The owner list that ends at ``end``, and whether a word before it governs it ("an agreement with Ken to
    share": Ken is not being given a task)."""
    start = max(0, end - _WINDOW)
    m = _OWNERS_AT_END.search(text, start, end)
    if m is None:
        return None
    before = text[start:m.start()].rstrip()
    last = before.rsplit(None, 1)[-1] if before.split() else ""
    return m, bool(last and last[-1].isalpha() and last.islower() and last not in _LEAD_INS)


def task_leads(text: str, governed: bool = False):
    """Each "<owners> to|will|would <verb>" in text, as (owners match, verb match, governed); owners governed by
    a word before them only with ``governed``."""
    for verb in TASK_VERB.finditer(text):
        if verb.group("next") in _NOT_TASK:
            continue
        found = owners_before(text, verb.start())
        if found is not None and (governed or not found[1]):
            yield found[0], verb, found[1]


def task_lead(text: str, anywhere: bool = True):
    """The first "<owners> to|will|would <verb>" in text, or None; with ``anywhere`` False
    the owners must open the text ("Bram is to order…")."""
    for who, verb, _ in task_leads(text):
        if anywhere or not text[: who.start()].strip(" *_-–:"):
            return who, verb
        return None
    return None


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.casefold()) if w not in {"the", "and", "for", "with", "to"}}


def same_action(a: Action, b: Action) -> bool:
    """Whether two actions are one written twice (in the text and again in a summary table)."""
    if a.item and b.item and a.item != b.item:
        return False
    if set(a.owners) != set(b.owners):
        return False
    wa, wb = content_words(a.description), content_words(b.description)
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))
