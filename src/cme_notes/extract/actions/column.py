"""Actions column: each short entry ("Chris", "MS / CO") attached to the sentence of its row it stands for.

An Actions-column entry sits beside a row of text, but the row may hold several
sentences and the entry may be pushed down (or up) from the one it means. Each
entry takes the most action-like sentence of its row ("Chris to circulate…",
"Case examples to be drafted."), preferring one that names the owner and one at
or below the entry; entries in one row take different sentences. An entry that
is a whole task itself ("Clerk to place on website") is its own action; one that
is no owner at all ("Passed", "None", "P") is not an action.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ...models import Action
from ..entries import owner_entries, reads_as_title
from ..layout import Entry, Layout, Para
from ..owner_words import could_be_owner
from ..owners import ALL, NOT_INITIALS, OwnerResolver, is_all, split_owners
from ..people import initials_of
from ..text import ends_sentence, sentences, split_top_level, squash
from ..where import where_of
from .common import due_in, is_group, is_role, known_owners, make_action, split_entry_date, task_lead

_SUBJECT_VERB = re.compile(
    r"^(?P<who>(?:[\w'\u2019.\-]+[\s,/&]+){0,5}?)(?:to|will|shall|must|should|is to|are to|agreed to)\s+(?P<passive>be\s+\w+(?:ed|en|t)\b)?",
    re.IGNORECASE,
)
# "asked the Governance Manager to inform them": a task given to the one asked
_ASKED = re.compile(r"\b(?:asked|requested|instructed|reminded)\s+(?:the\s+)?[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,3}\s+to\s+[a-z]")
_ALL_MENTION = re.compile(r"\b(?:all members|members|everyone|colleagues|all las|all to|can all|all (?:attendees|councillors|governors))\b", re.I)
# what a Status / Disposition column says of a motion or an old action: not who owes anything
_NOT_OWNERS = frozenset({
    "status", "passed", "carried", "adopted", "agreed", "approved", "noted", "received", "done", "complete", "completed",
    "none", "nil", "n/a", "na", "tbc", "tba", "ongoing", "deferred", "withdrawn", "lost", "defeated", "resolved",
    "accepted", "rejected", "refused", "pending", "open", "closed", "yes", "no", "date", "dated", "signed", "action",
    "actions", "item", "notes", "minutes", "present", "apologies", "absent",
})
# the sentence an entry stands for names its owners, sets a task or gives a date
_MIN_SCORE = 1
_NOTHING = object()
# a task has at least a verb and what it acts on
_MIN_TASK_WORDS = 3
# a lone owner line stands for text at most this many paragraphs above it (11 at most in the corpora);
# a bound, so that a long item with many owner lines is read in linear time
LONE_REACH = 24
# "Cllr Hale", "Dr Price": titled, so a person even when the minutes list nobody by that name
_TITLED = re.compile(r"^(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev)\.?\s+[A-Z][\w'\u2019.\-]*(?:\s+[A-Z][\w'\u2019.\-]*){0,2}$")
# "MS", "J.S.": initials, which minutes use for their own members
_INITIALS = re.compile(r"(?:[A-Z]\.?){2,4}")


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    para: Para
    order: int


def column_actions(layout: Layout, paras: list[Para], item_of: dict, titles: set[int], resolver: OwnerResolver,
                   meeting_date, warnings: list[str]) -> tuple[list[Para], list[tuple[float, Action]]]:
    """Actions from an Actions column; also the paragraphs left once lone owner lines are taken as entries."""
    entries = owner_entries(layout.entries, resolver)
    if layout.actions_column:
        paras, lone = _lone_entries(paras, resolver)
        entries.extend(lone)
    found: list[tuple[float, Action]] = []
    used: set[tuple[int, int]] = set()
    where = _Where.of(paras, item_of)
    for entry in sorted(entries, key=lambda e: (e.index, e.pos)):
        item = item_of.get(entry.index)
        lead = task_lead(entry.text, anywhere=False)
        if lead is not None and known_owners(lead[0].group("who"), resolver):
            lead = lead[0].group("who")
            action = make_action(item, entry.text, lead, resolver, meeting_date, warnings)
            action.where = where_of(entry.source, "actions.column-task")
            found.append((entry.index + entry.pos / 1e6, action))
            continue
        if not entry_is_owners(entry.text, resolver, entry.declared):
            continue
        owners_tokens = resolver.tokens(entry.text, notes=True)
        cands = _candidates(entry, paras, where, item_of, titles)
        best = _pick(entry, cands, owners_tokens, resolver, used, entry.declared or _has_due(entry, paras, where))
        if best is _NOTHING:
            continue
        if best is None:
            description, order = _fallback(entry, paras, where), entry.index
            source = entry.source
        else:
            source = best.para.source
            used.add((best.para.index, best.order))
            description = owners_clauses(best.text, owners_tokens, resolver)
            order = best.para.index + best.order / 100
        if len(description.split()) < _MIN_TASK_WORDS:
            continue  # "Chaired by" beside a name: a label, not a task
        if not entry.declared and reads_as_title(source.text if source else description):
            continue  # beside a heading, names in an unheaded column are representatives, not owners of a task
        action = make_action(item, description, entry.text, resolver, meeting_date, warnings)
        action.where = where_of(source, "actions.column")
        found.append((order, action))
    return paras, found


def entry_is_owners(text: str, resolver: OwnerResolver, declared: bool = False) -> bool:
    """Whether an Actions-column entry names owners ("MS / CO", "Chris", "ALL", "Clerk", "Cllr Hale"), not a status
    ("Passed"), a payee ("Coopers") or a topic ("General Fund")."""
    if resolver.is_owner_text(text):
        return True
    tokens = split_owners(split_entry_date(text, None)[0])
    return bool(tokens) and all(_owner_token(token, resolver, declared) for token in tokens)


def _owner_token(token: str, resolver: OwnerResolver, declared: bool) -> bool:
    if token.casefold() in _NOT_OWNERS:
        return False
    if declared and could_be_owner(token):
        return True  # a column headed Action(s) may name a body ("Tech Team", "Highways"), kept as written
    if is_all(token) or is_group(token) or is_role(token) or _TITLED.match(token) or _INITIALS.fullmatch(token):
        return token.upper() not in NOT_INITIALS
    found = resolver.resolve(token)
    return found.resolved or bool(found.ambiguous)


@dataclass(frozen=True, slots=True)
class _Where:
    """Lookups built once, so that each Actions entry finds its row without scanning the document."""

    by_group: dict
    """group -> positions in the paragraph list"""
    by_item: dict
    """item number -> its body-text paragraphs"""

    @classmethod
    def of(cls, paras: list[Para], item_of: dict) -> "_Where":
        by_group: dict = {}
        by_item: dict = {}
        for position, para in enumerate(paras):
            by_group.setdefault(para.group, []).append(position)
            if para.group is None or para.group[0] in ("line", "para", "pdfline"):
                by_item.setdefault(item_of.get(para.index), []).append(para)
        return cls(by_group, by_item)


def _lone_entries(paras: list[Para], resolver: OwnerResolver) -> tuple[list[Para], list[Entry]]:
    """Lines holding nothing but owners ("MS / CO", "ALL"): a text export put the Actions cell on its own line."""
    kept, entries = [], []
    for para in paras:
        if para.group and para.group[0] in ("line", "para", "pdfline") and resolver.is_owner_text(para.text):
            entries.append(Entry(para.text, para.index, None, float(para.index)))
        else:
            kept.append(para)
    return kept, entries


def _candidates(entry: Entry, paras: list[Para], where: "_Where", item_of: dict, titles: set[int]) -> list[Candidate]:
    if entry.group is not None and entry.group[0] not in ("line", "para", "pdfline"):
        pool = [paras[i] for i in where.by_group.get(entry.group, [])]
    elif entry.group is not None:
        positions = where.by_group.get(entry.group)
        pool = _line_with_continuation(positions[0], paras, item_of) if positions else []
    else:  # a lone entry: the text of its item just before it
        same_item = where.by_item.get(item_of.get(entry.index), [])
        end = bisect_left(same_item, entry.index, key=lambda p: p.index)
        pool = same_item[max(0, end - LONE_REACH):end]
    out = []
    undated = [p for p in pool if p.style != "due"]  # "Due: asap" from a due column is never the task
    texts = [p for p in undated if p.index not in titles] or undated or pool
    for para in texts:
        for order, sentence in enumerate(sentences(para.text)):
            out.append(Candidate(sentence, para, order))
    return out


def _line_with_continuation(position: int, paras: list[Para], item_of: dict) -> list[Para]:
    """The line an entry stands on (at ``position``), joined with the following lines that finish its last sentence."""
    para = paras[position]
    text = para.text
    nxt = position + 1
    while not ends_sentence(text) and nxt < len(paras) and nxt <= position + 3:
        follower = paras[nxt]
        if item_of.get(follower.index) != item_of.get(para.index):
            break
        first = sentences(follower.text)[0] if follower.text else ""
        text = f"{text} {first}"
        if first != follower.text:
            break
        nxt += 1
    return [Para(squash(text), para.index, para.group, para.pos, para.style, source=para.source)]


def _has_due(entry: Entry, paras: list[Para], where: "_Where") -> bool:
    """Whether the entry's table row also gives a due date: then the row is an action log's, whatever its wording."""
    return entry.group is not None and any(paras[i].style == "due" for i in where.by_group.get(entry.group, []))


def _pick(entry: Entry, cands: list[Candidate], owners: list[str], resolver: OwnerResolver, used: set,
          logged: bool = False) -> Candidate | None:
    names = _mention_words(owners, resolver)
    for_all = ALL in {resolver.resolve(o).owner for o in owners}
    best, best_score, best_raw = None, float("-inf"), 0.0
    for cand in cands:
        if (cand.para.index, cand.order) in used:
            continue
        raw = score = action_score(cand.text, names, for_all)
        if entry.group is not None and cand.para.pos >= entry.pos - 0.5:
            score += 1  # at or below the entry: Word users push entries down to their text, rarely up
        if score > best_score:
            best, best_score, best_raw = cand, score, raw
    if best is not None and best_raw < _MIN_SCORE and not logged:
        return _NOTHING  # a name beside text that neither names them nor sets a task: a payee, a post held
    return best


def owners_clauses(sentence: str, owners: list[str], resolver: OwnerResolver) -> str:
    """The clauses of a sentence that speak of the owners.

    "Owen shared the template; members to respond by 28th March" is, for ALL,
    "members to respond by 28th March"; for "Chris / all" both clauses of
    "Chris to circulate; members to respond" are kept.
    """
    clauses = split_top_level(sentence, ";")
    if len(clauses) < 2:
        return sentence
    chosen: list[int] = []
    for token in owners:
        names = _mention_words([token], resolver)
        for_all = resolver.resolve(token).owner == ALL
        scores = [action_score(c, names, for_all) for c in clauses]
        best = max(range(len(clauses)), key=lambda i: scores[i])
        if scores[best] >= 3:
            chosen.append(best)
    if not chosen:
        return sentence
    return "; ".join(clauses[min(chosen): max(chosen) + 1])


def _mention_words(owners: list[str], resolver: OwnerResolver) -> set[str]:
    words: set[str] = set()
    for token in owners:
        words.add(token.casefold())
        name = resolver.resolve(token).owner
        if name != ALL:
            parts = name.split()
            words.update(w.casefold() for w in parts if len(w) > 1)
            words.add(initials_of(name).casefold())
    return {w for w in words if w and w != ALL}


def action_score(sentence: str, names: set[str], for_all: bool = False) -> float:
    """How much a sentence reads like the action an owner entry stands for."""
    score = 0.0
    words = set(re.findall(r"[\w'\u2019]+", sentence.casefold()))
    if names & words or (for_all and _ALL_MENTION.search(sentence)):
        score += 3
    m = _SUBJECT_VERB.match(re.sub(r"^[^:]{0,40}:\s*", "", sentence))
    if (m and len(m.group("who").split()) <= 5) or _ASKED.search(sentence):
        score += 2
    elif re.search(r"\b(?:to|will)\s+be\s+\w+(?:ed|en)\b|\bwill\s+\w+", sentence, re.IGNORECASE):
        score += 1
    if due_in(sentence):
        score += 1
    if re.match(r"^\(?\d{1,2}[.)]\s", sentence):
        score -= 1  # a numbered point of a statement, not a task
    if sentence.rstrip().endswith("?"):
        score -= 1
    return score


def _fallback(entry: Entry, paras: list[Para], where: "_Where") -> str:
    same = [paras[i] for i in where.by_group.get(entry.group, [])] if entry.group is not None else []
    return squash(" ".join(p.text for p in same))


