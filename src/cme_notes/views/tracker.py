"""Following each action across a group's meetings: raised, reviewed, carried over, closed.

An action is mentioned at the meeting that sets it, then perhaps again: in a
later meeting's review of earlier actions ("Completed", "Ongoing"), or set
again in the same words because it was carried over. Within one group
(``group_key``), meetings oldest first, each mention is linked to the action it
continues, always one of an earlier meeting:

- ``ref``: by reference: the action's own (``Mar24.03``), or the earlier minute
  a review cites (``(Minute 81.1) …``, an Item column) with the meeting it was
  raised at, or with its owners or words agreeing;
- ``owner+text``: the same owners and enough words in common;
- ``text``: most words in common, whoever the owners.

Every link states how sure it is (0–1). Pure functions over
:class:`~cme_notes.store.ActionRecord`: no database, no I/O.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..extract.actions.status import OPEN
from ..extract.dates import first_date
from ..extract.owners import fold
from ..store.queries import REVIEWED
from ..store.records import ActionRecord

LINK_REF, LINK_OWNER_TEXT, LINK_TEXT = "ref", "owner+text", "text"
_KIND_RANK = {LINK_TEXT: 0, LINK_OWNER_TEXT: 1, LINK_REF: 2}  # of two links as sure, the one on less evidence is shown

OWNER_TEXT_MIN = 0.3
"""Share of words (Dice) enough for a review when the owners agree: a review often shortens the action."""
TEXT_MIN = 0.6
"""Share of words a review needs when the owners do not agree (or are not given): most of the words, not a topic."""
CARRIED_OWNER_TEXT_MIN = 0.6
CARRIED_TEXT_MIN = 0.8
"""The same for an action set again at a later meeting (carried over): stricter, since the same person is often
given a new task on the same topic ("update the dashboard with the autumn term figures" after the spring ones)."""
REVIEW_MIN_SHARED, CARRIED_MIN_SHARED = 2, 3
"""Fewest content words in common for a link by words: "the clerk to report this" shares one with every report."""
REVIEW_WINDOW, CARRIED_WINDOW = 12, 3
"""How many meetings back a link by words may reach: a review about a year of monthly meetings, an action set again
(carried over) the last few; further back the same words are a new occasion ("write and thank the volunteers")."""
SUPPORT_MIN = 0.2
"""A cited minute number backed by this share of words (or by the owners) links; alone it may be a reused number."""
_STOP = frozenset(
    "a an and are as at be been by for from has have he her his in into is it its of on or our she so that the their "
    "them they this to was we were will with would should shall can could agreed asked also all any clerk cllr cllrs "
    "action actions meeting next item minute minutes re".split()
)
"""Words every action shares: counting them would link any two actions."""
_CITED = re.compile(r"^\W*(?:(?:minute|min\.?|item)\s*(?:no\.?\s*)?|(?=[\d./]+[a-z]?\)))"
                    r"(?P<number>\d+[a-z]?(?:[./]\d+[a-z]?)*)", re.IGNORECASE)
"""A review that opens by citing the earlier minute: "(Minute 81.1) Cllrs Hunt and Rochford will…", "(94.5) A meeting…"."""


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    """ref, owner+text or text."""
    confidence: float
    """0–1: how sure it is that the later mention continues the earlier action."""


@dataclass(slots=True)
class Past:
    """What a meeting knows of its group's earlier meetings."""

    age: dict[int, int]
    """Meeting id → how many meetings before this one it was (1: the previous one)."""
    numbers: dict[int, frozenset[str]] = field(default_factory=dict)
    """Meeting id → its item numbers (as :func:`ref_key` folds them), where known."""
    _cited: dict[str, int | None] = field(default_factory=dict)

    def cited_meeting(self, cited: str) -> int | None:
        """The latest earlier meeting with a minute numbered ``cited``: the one a review citing it means (numbering
        restarts each year, so "Minute 14" of last May is not the one meant in June a year on). None: not known."""
        if cited not in self._cited:
            having = [m for m in self.age if any(numbers_match(cited, n) for n in self.numbers.get(m, ()))]
            self._cited[cited] = min(having, key=lambda m: self.age[m]) if having else None
        return self._cited[cited]


@dataclass(slots=True)
class Tracked:
    """One action followed across meetings: its mentions oldest first, and the link that joined each later one."""

    mentions: list[ActionRecord]
    links: list[Link] = field(default_factory=list)

    @property
    def first(self) -> ActionRecord:
        return self.mentions[0]

    @property
    def owners(self) -> tuple[str, ...]:
        """Who owes it: the owners of its latest mention that names any."""
        return next((m.owners for m in reversed(self.mentions) if m.owners), ())

    @property
    def status(self) -> str:
        """The last status the minutes said; open when they never said one."""
        said = [m.status for m in self.mentions if m.status]
        return said[-1] if said else OPEN

    @property
    def status_text(self) -> str | None:
        return next((m.status_text for m in reversed(self.mentions) if m.status_text), None)

    @property
    def raised(self) -> str | None:
        """The date of the meeting that set it; None when it was only ever seen reviewed (set at an unknown meeting)."""
        return None if self.first.kind == REVIEWED else self.first.meeting_date

    @property
    def last_seen(self) -> str | None:
        return self.mentions[-1].meeting_date

    @property
    def due_mention(self) -> ActionRecord | None:
        """The latest mention that gave a due date (a carried-over action may be given a new one)."""
        return next((m for m in reversed(self.mentions) if m.due), None)

    @property
    def link(self) -> Link | None:
        """The least sure link in the chain (how sure it is that all the mentions are one action); None alone."""
        return min(self.links, key=lambda link: (link.confidence, _KIND_RANK[link.kind])) if self.links else None


# -- comparing two mentions ------------------------------------------------------------------

@lru_cache(maxsize=4096)  # each description is compared with every earlier action of its group
def content_words(text: str) -> frozenset[str]:
    """The words that say what an action is: folded, without stop words, numbers or a plural "s"."""
    words = (w[:-1] if len(w) > 4 and w.endswith("s") else w for w in fold(text).split())
    return frozenset(w for w in words if len(w) > 2 and w not in _STOP and not w.isdigit())


def similarity(a: str, b: str) -> float:
    """Dice's share of content words two descriptions have in common, 0–1."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def shared_words(a: str, b: str) -> int:
    return len(content_words(a) & content_words(b))


def owners_agree(a: ActionRecord, b: ActionRecord) -> bool:
    """Whether the two share an owner, by any word of the name ("Cllr Hunt" and "N Hunt")."""
    return bool(_owner_words(a.owners) & _owner_words(b.owners))


@lru_cache(maxsize=4096)
def _owner_words(owners: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for o in owners for w in fold(o).split() if len(w) > 1 and w not in _STOP)


@lru_cache(maxsize=4096)
def cited_numbers(mention: ActionRecord) -> frozenset[str]:
    """The references a mention gives for the action it continues: its own ``ref``, the minute it opens by citing,
    and for a review its Item column (which names the earlier minute)."""
    cited = {mention.ref} if mention.ref else set()
    m = _CITED.match(mention.description)
    if m:
        cited.add(m.group("number"))
    if mention.kind == REVIEWED and mention.item and mention.item_title is None and not m:
        cited.add(mention.item)  # not an item of the review's own meeting (it would have its title): an earlier one
    return frozenset(ref_key(c) for c in cited if ref_key(c))


def numbers_match(cited: str, number: str | None) -> bool:
    """A cited "81.1" continues an action of item "81" or "81.1"; a cited "81" one of "81.1" too."""
    number = ref_key(number or "")
    if not number or not cited:
        return False
    return cited == number or cited.startswith(number + ".") or number.startswith(cited + ".")


def raised_on(mention: ActionRecord) -> dt.date | None:
    """The date a review says the action was raised at ("Date raised" column), if it gives one."""
    if not mention.raised:
        return None
    reference = dt.date.fromisoformat(mention.meeting_date) if mention.meeting_date else None
    return first_date(mention.raised, reference)


def link_to(mention: ActionRecord, earlier: ActionRecord, past: Past | None = None) -> Link | None:
    """How ``mention`` continues the action ``earlier`` mentions, if it does; ``earlier`` is of an earlier meeting.
    ``past``: what the mention's meeting knows of the earlier ones (None: no limit on how far back)."""
    sim = similarity(mention.description, earlier.description)
    agree = owners_agree(mention, earlier)
    if mention.ref and earlier.ref and ref_key(mention.ref) == ref_key(earlier.ref):
        return Link(LINK_REF, 1.0)
    cited = [(c, ref_key(n)) for c in cited_numbers(mention) for n in (earlier.ref, earlier.item)
             if numbers_match(c, n) and _cited_there(c, earlier, past)]
    if cited:
        raised = raised_on(mention)
        if raised is not None and raised.isoformat() == earlier.meeting_date:
            return Link(LINK_REF, 0.95)
        # "Minute 104.5" cites one of item 104's actions: which one, only the words can tell
        exact = any(c == n for c, n in cited)
        if sim >= SUPPORT_MIN or (agree and exact):
            return Link(LINK_REF, round(min(0.9, 0.7 + 0.2 * sim + (0.1 if agree else 0.0)), 2))
    if mention.kind == REVIEWED:
        owner_text_min, text_min, fewest, window = OWNER_TEXT_MIN, TEXT_MIN, REVIEW_MIN_SHARED, REVIEW_WINDOW
    elif mention.due and earlier.due and mention.due != earlier.due:
        return None  # set again with a date of its own: a new task on the same topic
    else:
        owner_text_min, text_min, fewest, window = CARRIED_OWNER_TEXT_MIN, CARRIED_TEXT_MIN, CARRIED_MIN_SHARED, CARRIED_WINDOW
    if shared_words(mention.description, earlier.description) < fewest:
        return None
    if past is not None and past.age.get(earlier.meeting_id, window + 1) > window:
        return None
    if agree and sim >= owner_text_min:
        return Link(LINK_OWNER_TEXT, round(0.4 + 0.5 * sim, 2))
    if sim >= text_min:
        return Link(LINK_TEXT, round(0.3 + 0.5 * sim, 2))
    return None


def _cited_there(cited: str, earlier: ActionRecord, past: Past | None) -> bool:
    """Whether the minute cited is one of ``earlier``'s meeting, as far as the item numbers tell."""
    meeting = past.cited_meeting(cited) if past is not None else None
    return meeting is None or meeting == earlier.meeting_id


def best_link(mention: ActionRecord, chains: list[Tracked], taken: set[int],
              past: Past | None = None) -> tuple[int, Link] | None:
    """The chain ``mention`` most surely continues, as (its index, the link); chains in ``taken`` already have a
    mention at this meeting. A closed action is continued only by a review or its own reference: an action set
    again in its words after it was done is a new one."""
    best: tuple[tuple, int, Link] | None = None
    for n, chain in enumerate(chains):
        if n in taken:
            continue
        links = [link for e in chain.mentions if (link := link_to(mention, e, past)) is not None]
        if not links:
            continue
        link = max(links, key=lambda link: link.confidence)
        if chain.status != OPEN and mention.kind != REVIEWED and link.confidence < 1.0:
            continue
        # surest; then an open action (a review reports on what is still to do), one whose setting is known, the
        # most recently seen
        rank = (link.confidence, chain.status == OPEN, chain.first.kind != REVIEWED, chain.mentions[-1].meeting_date or "", -n)
        if best is None or rank > best[0]:
            best = (rank, n, link)
    return (best[1], best[2]) if best else None


# -- a whole series ---------------------------------------------------------------------------

def track(records: Iterable[ActionRecord], numbers: dict[int, frozenset[str]] | None = None) -> list[Tracked]:
    """Every action followed across its group's meetings; one Tracked per action, in the order first seen.

    ``numbers``: each meeting's item numbers (meeting id → numbers as :func:`ref_key` folds them), which tell
    which earlier meeting a cited minute number means. Mentions of undated meetings cannot be placed in a series:
    each stays an action of its own.
    """
    chains: list[Tracked] = []
    by_group: dict[str | None, list[ActionRecord]] = {}
    for r in records:
        if r.meeting_date is None or r.group_key is None:
            chains.append(Tracked([r]))
        else:
            by_group.setdefault(r.group_key, []).append(r)
    for mentions in by_group.values():
        chains += track_group(mentions, numbers or {})
    return chains


def track_group(mentions: list[ActionRecord], numbers: dict[int, frozenset[str]] | None = None) -> list[Tracked]:
    """One group's mentions linked meeting by meeting, oldest first; within a meeting reviews first (they say
    which action they report on), then the actions set there (which may repeat one carried over)."""
    chains: list[Tracked] = []
    meetings = _meetings(mentions)
    ids = [meeting[0].meeting_id for meeting in meetings]
    for k, meeting in enumerate(meetings):
        past = Past({m: k - j for j, m in enumerate(ids[:k])}, numbers or {})
        before = len(chains)  # only the chains of earlier meetings may be continued
        taken: set[int] = set()
        for mention in meeting:
            found = best_link(mention, chains[:before], taken, past)
            if found is None:
                chains.append(Tracked([mention]))
                continue
            n, link = found
            chains[n].mentions.append(mention)
            chains[n].links.append(link)
            taken.add(n)
    return chains


def _meetings(mentions: list[ActionRecord]) -> list[list[ActionRecord]]:
    """The mentions by meeting, oldest first; within a meeting reviews, then set actions, each in the minutes' order."""
    by_meeting: dict[int, list[ActionRecord]] = {}
    for m in mentions:
        by_meeting.setdefault(m.meeting_id, []).append(m)
    ordered = sorted(by_meeting.values(), key=lambda ms: (ms[0].meeting_date or "", ms[0].path))
    return [sorted(ms, key=lambda m: (m.kind != REVIEWED, m.position)) for ms in ordered]


def ref_key(text: str) -> str:
    """A reference or minute number compared loosely: "(7.4.)", "7.4" and "7. 4" alike."""
    return re.sub(r"[\s()]+", "", text).casefold().rstrip(".:")
