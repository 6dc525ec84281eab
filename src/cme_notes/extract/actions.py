"""Actions: entries of an Actions column attached to the sentence they stand for, and "Action: JS" lines.

An Actions-column entry sits beside a row of text, but the row may hold several
sentences and the entry may be pushed down (or up) from the one it means. Each
entry takes the most action-like sentence of its row ("Chris to circulate…",
"Case examples to be drafted."), preferring one that names the owner and one at
or below the entry; entries in one row take different sentences.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..models import Action
from .dates import find_dates
from .layout import ActionRow, Entry, Layout, Para
from .owners import ALL, OwnerResolver, split_owners
from .people import initials_of
from .text import ends_sentence, sentences, split_top_level, squash
from .where import where_of

_ACTION_LINE = re.compile(
    r"(?:^|(?<=[\s(\[]))(?:\*\*|__)?actions?(?:\s+(?:by|for|on))?(?:\*\*|__)?\s*[:\-–]+\s*(?:\*\*|__)?\s*(?P<rest>.+?)[)\]]?\s*$",
    re.IGNORECASE,
)
_SUBJECT_VERB = re.compile(
    r"^(?P<who>(?:[\w'\u2019.\-]+[\s,/&]+){0,5}?)(?:to|will|shall|must|should|is to|are to|agreed to)\s+(?P<passive>be\s+\w+(?:ed|en|t)\b)?",
    re.IGNORECASE,
)
_OWNER_LEAD = re.compile(r"^(?P<who>.+?)\s+(?:to|will|shall|is to|are to|agreed to)\s+\w", re.IGNORECASE)
_DUE = re.compile(r"\b(?:by|before|for|due(?:\s+(?:by|on))?|no later than|deadline|until|on or before)\s*:?\s+(?:the\s+)?", re.I)
# how many actions of the same owners a summary table's row is compared with, in order, to find
# the one it repeats: more than anyone owns in real minutes, and a bound, so that an action log of
# thousands of rows with one owner costs linear time (it was compared with every action before it)
TWIN_REACH = 100
# how many paragraphs of its item, back from a lone owner line, may hold its action: enough for a
# table row of a dozen lines, and a bound, so that many lone entries in one item cost linear time
LONE_REACH = 24
_ALL_MENTION = re.compile(r"\b(?:all members|members|everyone|colleagues|all las|all to|can all|all (?:attendees|councillors|governors))\b", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    para: Para
    order: int


def extract_actions(
    layout: Layout,
    item_of: dict[int, str | None],
    title_indices: set[int],
    resolver: OwnerResolver,
    meeting_date: dt.date | None,
    warnings: list[str],
) -> list[Action]:
    paras = layout.paras
    entries = list(layout.entries)
    if layout.actions_column:
        paras, lone = _lone_entries(paras, resolver)
        entries.extend(lone)
    found: list[tuple[float, Action]] = []
    used: set[tuple[int, int]] = set()
    where = _Where.of(paras, item_of)
    for entry in sorted(entries, key=lambda e: (e.index, e.pos)):
        owners_tokens = split_owners(entry.text)
        cands = _candidates(entry, paras, where, item_of, title_indices)
        best = _pick(entry, cands, owners_tokens, resolver, used)
        item = item_of.get(entry.index)
        if best is None:
            description, order = _fallback(entry, paras, where), entry.index
            source = entry.source
        else:
            source = best.para.source
            used.add((best.para.index, best.order))
            description = owners_clauses(best.text, owners_tokens, resolver)
            order = best.para.index + best.order / 100
        if not description:
            continue
        action = _action(item, description, entry.text, resolver, meeting_date, warnings)
        action.where = where_of(source, "actions.column")
        found.append((order, action))
    listed = _listed(paras)
    for para in paras:
        if para.index in listed:
            action = _listed_action(para, item_of, resolver, meeting_date, warnings)
            rule = "actions.list"
        else:
            action = _inline_action(para, paras, item_of, resolver, meeting_date, warnings)
            rule = "actions.label"
        if action is not None:
            action.where = where_of(para.source, rule)
            found.append((para.index, action))
    # same_action, with the actions so far grouped by owners and their words found once
    by_owners: dict[frozenset, list[tuple[Action, str | None, set[str]]]] = {}
    for _, action in found:
        by_owners.setdefault(frozenset(action.owners), []).append(
            (action, action.item, _content_words(action.description)))
    for row in layout.action_rows:
        action = _row_action(row, item_of, resolver, meeting_date, warnings)
        action.where = where_of(row.source, "actions.table")
        item, words = action.item, _content_words(action.description)
        same_owners = by_owners.setdefault(frozenset(action.owners), [])
        twin = next((a for a, a_item, a_words in same_owners[:TWIN_REACH]
                     if not (a_item and item and a_item != item) and _same_words(a_words, words)), None)
        if twin is None:
            found.append((row.index, action))
            same_owners.append((action, item, words))
        elif twin.due is None:
            twin.due = action.due  # a summary table often gives the date the text leaves out
    found.sort(key=lambda pair: pair[0])
    return [a for _, a in found]


def same_action(a: Action, b: Action) -> bool:
    """Whether two actions are one written twice (in the text and again in a summary table)."""
    if a.item and b.item and a.item != b.item:
        return False
    if set(a.owners) != set(b.owners):
        return False
    return _same_words(_content_words(a.description), _content_words(b.description))


def _same_words(wa: set[str], wb: set[str]) -> bool:
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.casefold()) if w not in {"the", "and", "for", "with", "to"}}


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
    texts = [p for p in pool if p.index not in titles and p.style != "due"] or pool
    for para in texts:
        for order, sentence in enumerate(_sentences_of(para.text)):
            out.append(Candidate(sentence, para, order))
    return out


@lru_cache(maxsize=1024)
def _sentences_of(text: str) -> tuple[str, ...]:
    """Cached: lone entries in a row each read the same paragraphs before them."""
    return tuple(sentences(text))


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


def _pick(entry: Entry, cands: list[Candidate], owners: list[str], resolver: OwnerResolver, used: set) -> Candidate | None:
    names = _mention_words(owners, resolver)
    for_all = ALL in {resolver.resolve(o).owner for o in owners}
    best, best_score = None, float("-inf")
    for cand in cands:
        if (cand.para.index, cand.order) in used:
            continue
        score = action_score(cand.text, names, for_all)
        if entry.group is not None and cand.para.pos >= entry.pos - 0.5:
            score += 1  # at or below the entry: Word users push entries down to their text, rarely up
        if score > best_score:
            best, best_score = cand, score
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
    words, score = _owner_free_score(sentence)
    if names & words or (for_all and _ALL_MENTION.search(sentence)):
        score += 3
    return score


@lru_cache(maxsize=4096)
def _owner_free_score(sentence: str) -> tuple[frozenset[str], float]:
    """The sentence's words, and the part of its score that does not depend on the owner.

    Cached: the sentences near an entry are scored again for the next entries.
    """
    score = 0.0
    words = frozenset(re.findall(r"[\w'\u2019]+", sentence.casefold()))
    m = _SUBJECT_VERB.match(re.sub(r"^[^:]{0,40}:\s*", "", sentence))
    if m and len(m.group("who").split()) <= 5:
        score += 2
    elif re.search(r"\b(?:to|will)\s+be\s+\w+(?:ed|en)\b|\bwill\s+\w+", sentence, re.IGNORECASE):
        score += 1
    if _due_in(sentence):
        score += 1
    if re.match(r"^\(?\d{1,2}[.)]\s", sentence):
        score -= 1  # a numbered point of a statement, not a task
    if sentence.rstrip().endswith("?"):
        score -= 1
    return words, score


def _due_in(text: str) -> bool:
    return any(_date_after(text, m.end()) for m in _DUE.finditer(text))


def _date_after(text: str, start: int):
    for match in find_dates(text[start:start + 40]):
        if match.start <= 10:
            return match
    return None


def due_date(text: str, meeting_date: dt.date | None) -> dt.date | None:
    """"by 28th March", "for 22nd May": the year from the meeting (the next year if before it)."""
    for m in _DUE.finditer(text):
        match = _date_after(text, m.end())
        if match is not None:
            return match.resolve(meeting_date)
    return None


def _fallback(entry: Entry, paras: list[Para], where: "_Where") -> str:
    same = [paras[i] for i in where.by_group.get(entry.group, [])] if entry.group is not None else []
    return squash(" ".join(p.text for p in same))


def _action(item, description, owners_text, resolver, meeting_date, warnings) -> Action:
    description = description.strip().rstrip(".;,").strip() or description.strip()  # "." alone stays "."
    who, when = split_entry_date(owners_text, meeting_date)
    return Action(
        item=item,
        description=description,
        owners=resolve_owners(who, resolver, warnings),
        owners_text=owners_text.strip() or None,
        due=due_date(description, meeting_date) or when,
    )


def split_entry_date(entry: str, meeting_date: dt.date | None) -> tuple[str, dt.date | None]:
    """"Chris – by 28th March" in an Actions cell: the owners, and the date written beside them."""
    dates = find_dates(entry)
    if not dates:
        return entry, None
    who = entry[: dates[0].start]
    who = re.sub(r"[\s,;:\-–(]*(?:by|due|before|for|deadline)?[\s:]*$", "", who, flags=re.IGNORECASE)
    return who, dates[0].resolve(meeting_date)


def resolve_owners(text: str, resolver: OwnerResolver, warnings: list[str]) -> list[str]:
    owners: list[str] = []
    for token in split_owners(text):
        res = resolver.resolve(token)
        if res.ambiguous:
            warnings.append(f"owner {token!r} could be any of: {', '.join(res.ambiguous)}; kept as written")
        if res.owner not in owners:
            owners.append(res.owner)
    return owners


def _inline_action(para, paras, item_of, resolver, meeting_date, warnings) -> Action | None:
    m = _ACTION_LINE.search(para.text)
    if not m:
        return None
    prefix = para.text[: m.start()].rstrip()
    if prefix and not prefix.endswith((".", "!", "?", "(", "[", ":", "-", "–")):
        return None  # "the actions from…" inside a sentence is not an action line
    rest = m.group("rest").strip().strip("*_ ").rstrip(".")
    if not rest.strip(".;,"):
        return None  # "Action:" with nothing after it
    before = para.text[: m.start()].strip().rstrip("([").strip()
    item = item_of.get(para.index)
    if resolver.is_owner_text(rest) or re.fullmatch(r"[A-Z]{2,4}(?:\s*[/,&]\s*[A-Z]{2,4})*", rest):
        description = before if len(before.split()) >= 3 else _previous_text(para, paras)
        if not description:
            return None
        return _action(item, _last_sentences(description), rest, resolver, meeting_date, warnings)
    lead = _OWNER_LEAD.match(rest)
    owners_text = ""
    if lead and _owner_like(lead.group("who"), resolver):
        owners_text = lead.group("who")
    return _action(item, rest, owners_text, resolver, meeting_date, warnings)


_ACTION_LIST = re.compile(
    r"^(?:action items|actions?|action points|actions agreed|agreed actions|actions arising|next steps|to do)\s*:?$", re.I
)


def _listed(paras: list[Para]) -> set[int]:
    """Bullets under an "Actions:" / "Action items" heading: each one is an action."""
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


def _listed_action(para, item_of, resolver, meeting_date, warnings) -> Action | None:
    text = re.sub(r"^\[[ xX]\]\s+", "", para.text.strip())
    if not text:
        return None
    lead = _OWNER_LEAD.match(text)
    owners_text = lead.group("who") if lead and _owner_like(lead.group("who"), resolver) else ""
    return _action(item_of.get(para.index), text, owners_text, resolver, meeting_date, warnings)


def _owner_like(text: str, resolver: OwnerResolver) -> bool:
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)
    if resolver.is_owner_text(text):
        return True
    tokens = split_owners(text)
    return bool(tokens) and len(text.split()) <= 6 and all(t[:1].isupper() for t in tokens)


def _previous_text(para: Para, paras: list[Para]) -> str:
    before = bisect_left(paras, para.index, key=lambda p: p.index)  # paras are in index order
    return paras[before - 1].text if before else ""


def _last_sentences(text: str) -> str:
    parts = sentences(text)
    return parts[-1] if parts else text


def _row_action(row: ActionRow, item_of, resolver, meeting_date, warnings) -> Action:
    action = _action(row.item.strip().rstrip(".") if row.item else item_of.get(row.index), row.description,
                     row.owners, resolver, meeting_date, warnings)
    if row.due:
        from .dates import first_date

        due = first_date(row.due, meeting_date)
        if due is not None:
            action.due = due
    return action
