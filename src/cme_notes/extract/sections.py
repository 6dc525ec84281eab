"""Items that carry no number of their own: headings, "(Item N)" lines, table titles.

Minutes without numbered items take their topics from the document's
headings, at the level that carries the topics: the children of a "Minutes"
or "Meeting Notes" section where there is one, else the shallowest level used
for several headings (so neither the document's title nor sub-sub-headings).
Council minutes that print the agenda number under a bold title ("(Item 4)")
take that number. A disposition list of one table per committee report, each
numbering its rows from 1, has the reports as its items.
"""
from __future__ import annotations

import re
from collections import Counter

from .layout import Para
from .numbering import Heading
from .titles import clean_title, title_like

# fewer headings than this at one level are a title and its parts, not the minutes' topics
MIN_SECTIONS = 3
# only the first few "Minutes" headings are looked into, so a pathological document stays linear
MAX_SECTION_TRIES = 5
# the heading of the minutes' body, under which the topics are headings one level down
_MINUTES_SECTION = re.compile(r"^(?:meeting\s+)?(?:minutes|notes|proceedings|discussions?)(?:\s+of\s+(?:the\s+)?meeting)?:?$", re.I)
# a list of who was there is not a topic ("Apologies for absence", being minuted, often is)
_PEOPLE = re.compile(r"^(?:members\s+|governors\s+|attendees\s+)?(?:present|attendees|attendance|attending|in attendance)\b", re.I)
_ITEM_REF = re.compile(r"^\(\s*(?:agenda\s+)?item\s+(?P<num>\d{1,3})\s*\)$", re.I)


def section_headings(paras: list[Para]) -> list[Heading]:
    """The headings that carry the topics, where the file marks heading levels."""
    heads = [p for p in paras if p.style == "heading" and p.source is not None and p.source.level is not None
             and p.source.table is None]
    if len(heads) < MIN_SECTIONS:
        return []
    topics = _minutes_children(heads)
    if topics is None:
        counts = Counter(_level(p) for p in heads)
        levels = sorted(level for level, n in counts.items() if n >= MIN_SECTIONS)
        topics = [p for p in heads if levels and _level(p) == levels[0]]
    return [Heading(p.index, None, clean_title(p.text), "section", p.source, "section-heading")
            for p in topics if not _PEOPLE.match(p.text.strip()) and clean_title(p.text)]


def _level(para: Para) -> int:
    return para.source.level if para.source is not None and para.source.level is not None else 0


def _minutes_children(heads: list[Para]) -> list[Para] | None:
    """The child headings of the first "Minutes"/"Meeting Notes"/"Proceedings" heading that has several."""
    tries = 0
    for j, head in enumerate(heads):
        text = head.text.strip()
        if not _MINUTES_SECTION.match(text):
            continue
        tries += 1
        if tries > MAX_SECTION_TRIES:
            break
        children = []
        for child in heads[j + 1:]:
            if _level(child) <= _level(head):
                break
            children.append(child)
        if len(children) >= 2:
            top = min(_level(c) for c in children)
            return [c for c in children if _level(c) == top]
    return None


def item_refs(paras: list[Para]) -> list[Heading]:
    """An unnumbered title followed by "(Item 4)": item 4."""
    found = []
    for i in range(1, len(paras)):
        m = _ITEM_REF.match(paras[i].text.strip())
        above = paras[i - 1]
        if m and title_like(above.text, above.style in ("heading", "bold")) and not above.text.strip()[:1].isdigit():
            found.append(Heading(above.index, m.group("num"), clean_title(above.text), "ref", above.source, "item-ref"))
    return found


def table_titles(paras: list[Para]) -> list[Heading]:
    """Tables that each number their rows from 1 under a one-cell title row: the titles are the items."""
    restarts = {p.source.table for p in paras
                if p.number and p.first_in_row and p.source is not None and p.number.strip().rstrip(".):") == "1"}
    if len(restarts) < 2:
        return []
    first = min(restarts)
    wide: set[int] = set()  # tables whose first row has more than one cell
    rows: Counter = Counter()
    for p in paras:
        b = p.source
        if b is not None and b.table is not None:
            rows[b.table] = max(rows[b.table], (b.row or 0) + 1)
            if b.row == 0 and (b.col or 0) > 0:
                wide.add(b.table)
    found, seen = [], set()
    for p in paras:
        b = p.source
        if (b is None or b.table is None or b.table < first or b.row != 0 or b.table in wide or b.table in seen
                or rows[b.table] < 2 or not title_like(p.text, True)):
            continue
        seen.add(b.table)
        found.append(Heading(p.index, None, clean_title(p.text), "table", b, "table-title"))
    return found if len(found) >= 2 else []


# a bold label opening a decision or an action is not a topic
_MARKER = re.compile(r"^(?:resolved|agreed|action|actions|decision|decisions|noted|outcome|signed|date)\b", re.I)
# a line opening with a weekday or a number is a date or a count, not a topic
_NOT_TOPIC = re.compile(r"^(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.I)
# ranks of the marks a line can carry without a heading level: a larger font, bold, capitals
_STYLE_RANK = {"heading": 1, "bold": 2, "caps": 3}


def styled_lines(paras: list[Para]) -> list[Heading]:
    """Bold or capitalised lines standing alone, at the most prominent style used for several, past the title block."""
    started = False
    found: dict[int, list[Para]] = {}
    for i, p in enumerate(paras):
        rank = _rank(p)
        if not rank:
            started = started or (p.source is not None and p.source.table is None)
            continue
        text = p.text.strip()
        if (not started or p.source is None or p.source.table is not None or not title_like(text, True)
                or text.endswith((".", ",", ";")) or _PEOPLE.match(text) or _MARKER.match(text) or _NOT_TOPIC.match(text)
                or (i + 1 < len(paras) and _rank(paras[i + 1]) == rank)):
            continue
        found.setdefault(rank, []).append(p)
    # the topics are each minuted once: a style whose lines repeat ("ISSUES", "RELEASES") marks a report's parts
    ranks = sorted(r for r, ps in found.items()
                   if len(ps) >= MIN_SECTIONS and len({p.text.strip().lower() for p in ps}) == len(ps))
    if not ranks:
        return []
    return [Heading(p.index, None, clean_title(p.text), "styled", p.source, "styled-heading") for p in found[ranks[0]]]


def _rank(para: Para) -> int:
    if para.style in _STYLE_RANK:
        return _STYLE_RANK[para.style]
    # isupper() first: it settles almost every line in C, before any letter is counted
    text = para.text
    caps = text.isupper() and all(c.isupper() for c in text if c.isalpha()) and sum(c.isalpha() for c in text) >= 3
    return _STYLE_RANK["caps"] if caps else 0
