"""Agenda items: "1. Welcome", "25/041 Finance", a number alone on its line, AOB.

Numbered points inside an item's text ("1." … "4." inside item 2) are not
items: only the strongest numbering convention in the document counts, and
within it only the longest run of numbers that count up (see ``numbering.py``).
Minutes with no numbering at all take their items from their headings
(``sections.py``).
"""
from __future__ import annotations

import re

from ..models import Item
from .dates import MONTH_NAME
from .layout import Para
from .numbering import Heading, longest_run, number_key
from .sections import item_refs, section_headings, styled_lines, table_titles
from .titles import clean_title, title_like
from .where import where_of

__all__ = ["Heading", "find_items", "item_of", "number_key", "title_like", "to_items"]

# a committee's capital letters may stand before a minute number ("LW 48/2122"); the case must be as written
_PREFIX = r"(?-i:[A-Z]{1,4})\s?"
_NUM = rf"(?P<num>(?:{_PREFIX})?\d{{1,4}}/\d{{1,4}}(?:\.\d{{1,2}})?|\d{{1,3}}(?:\.\d{{1,3}}){{0,3}})"
# "Item 4", "Agenda item 4", "Minute 95", "Min. No. 95": the word before the number
_WORD = r"(?:item|agenda item|minute|min\.?)?(?:\s*no\.)?"
_INLINE = re.compile(rf"^{_WORD}\s*{_NUM}[.):]?\s+(?P<title>\S.*)$", re.IGNORECASE)
# "A. Lighting" / "B) Heating": a capital letter numbering sections (sub-items where there are numbers too)
_LETTER = re.compile(r"^(?P<num>(?-i:[A-Z]))[.)]\s+(?P<title>\S.*)$")
_LONE = re.compile(rf"^{_WORD}\s*{_NUM}[.):]?$", re.IGNORECASE)
_AOB = re.compile(r"^(?:\d{1,3}[.)]?\s+)?(?:aob|a\.o\.b\.?|any other business|any other (?:urgent )?items?)\b[\s:.\-–]*(?P<rest>.*)$", re.I)
# "14 March 2025 at 7pm" opens with a day of the month, not an item number
_MONTH = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAME})\b", re.I)
# "50 talks proposed", "* 14 Committers": a bare number before a lower-case word, or in a bullet, is a count
_COUNT = re.compile(r"^\d+\s")
# the lead of "5. Finance Report: MS reported a balance…": a title, then a colon or a full stop and the minute's prose
_LEAD = re.compile(r"^(?P<lead>[^:.]{2,90}?)(?::|\.\s+(?=[A-Z(])|\.$)")
# a lead longer than this is the first clause of a sentence, not a title
MAX_LEAD_WORDS = 10
_STRENGTH = ("column", "heading", "ref", "lone", "inline")
# a numbering this long is the document's items even where it also has headings
MIN_NUMBERED = 3


def _has_minute(title: str) -> bool:
    """"Apologies for absence: Tessa Ivers." is a title and its minute run together on one line."""
    return ":" in title and title.rstrip().endswith(".")


def _lead_title(text: str) -> str | None:
    """"Finance Report" of "Finance Report: MS reported…"; None where the text has no short lead."""
    m = _LEAD.match(text)
    if not m or not text[:1].isupper():
        return None
    lead = m.group("lead").strip()
    return lead if len(lead.split()) <= MAX_LEAD_WORDS else None


def candidates(paras: list[Para]) -> list[Heading]:
    found: list[Heading] = []
    for i, para in enumerate(paras):
        text = para.text.strip()
        if para.number and para.first_in_row:
            number = para.number.strip().rstrip(".):")
            if _LONE.match(para.number.strip()):
                found.append(Heading(para.index, number, clean_title(text), "column", para.source))
            continue
        aob = _AOB.match(text)
        if aob and len(text) < 60 and not aob.group("rest").strip(" .")[:1].islower():
            found.append(Heading(para.index, _num_prefix(text), clean_title(_strip_num(text)), "aob", para.source))
            continue
        styled = para.style in ("heading", "bold")
        lone = _LONE.match(text)
        if lone and i + 1 < len(paras) and title_like(paras[i + 1].text, paras[i + 1].style in ("heading", "bold")):
            found.append(Heading(paras[i + 1].index, lone.group("num"), clean_title(paras[i + 1].text), "lone", para.source))
            continue
        letter = _LETTER.match(text)
        if letter and title_like(letter.group("title"), styled):
            found.append(Heading(para.index, letter.group("num"), clean_title(letter.group("title")), "letter", para.source))
            continue
        m = _INLINE.match(text)
        if not m or _MONTH.match(text) or _is_count(text, m.group("title"), para.style):
            continue
        kind = "heading" if para.style == "heading" else "inline"
        title = m.group("title")
        if title_like(title, styled) and (styled or not _has_minute(title)):
            found.append(Heading(para.index, m.group("num"), clean_title(title), kind, para.source))
        elif (lead := _lead_title(title)) is not None:
            found.append(Heading(para.index, m.group("num"), clean_title(lead), kind, para.source, "lead"))
    return sorted(found + item_refs(paras), key=lambda h: h.index)


def _is_count(text: str, title: str, style: str) -> bool:
    return bool(_COUNT.match(text)) and (style == "bullet" or title[:1].islower())


def _num_prefix(text: str) -> str | None:
    m = re.match(r"^(\d{1,3})[.)]?\s", text)
    return m.group(1) if m else None


def _strip_num(text: str) -> str:
    return re.sub(r"^\d{1,3}[.)]?\s+", "", text)


def _best_numbering(found: list[Heading]) -> tuple[str | None, list[Heading]]:
    """The numbering convention with the longest run of item numbers (ties go to the stronger convention)."""
    best: tuple[str | None, list[Heading]] = (None, [])
    for kind in _STRENGTH:
        run = longest_run([h for h in found if h.kind == kind])
        if len(run) > len(best[1]):
            best = (kind, run)
    return best


def choose(found: list[Heading], sections: list[Heading] | None = None) -> list[Heading]:
    """Keep the strongest numbering convention present, then only its run of numbers; AOB joins it."""
    kind, run = _best_numbering(found)
    letters = longest_run([h for h in found if h.kind == "letter"])
    if len(run) < MIN_NUMBERED and len(letters) >= MIN_NUMBERED:
        kind, run = "letter", letters  # "A. Lighting", "B. Heating": lettered items where nothing is numbered
    elif sections and len(run) < MIN_NUMBERED and len(sections) > len(run):
        kind, run = "section", sections
    if kind not in ("section", "letter") and sections:
        kind, run = _agenda_then_headings(kind, run, sections)
    if kind != "section":
        run = _agenda_titles(found, kind, run)
    taken = {h.index for h in run}
    titles = {_title_key(h.title) for h in run}
    aob = next((h for h in found if h.kind == "aob" and h.index not in taken and _title_key(h.title) not in titles), None)
    if aob is None or any(h.kind == "aob" for h in run):
        return run
    chosen = [h for h in run if h.index < aob.index]
    last = number_key(chosen[-1].number) if chosen and chosen[-1].number else ()
    if aob.number and kind and number_key(aob.number) <= last:
        aob = Heading(aob.index, None, aob.title, aob.kind, aob.source)
    return chosen + [aob] + [h for h in run if h.index > aob.index]


def _agenda_then_headings(kind: str | None, run: list[Heading], sections: list[Heading]) -> tuple[str | None, list[Heading]]:
    """A numbered agenda at the top, then a heading for each topic: the headings are the items, with the agenda's numbers."""
    after = [h for h in sections if run and h.index > run[-1].index]
    numbers = {_title_key(h.title): h.number for h in run}
    if not after or 2 * sum(_title_key(h.title) in numbers for h in after) < len(run):
        return kind, run
    return "section", [Heading(h.index, numbers.get(_title_key(h.title)), h.title, h.kind, h.source, h.rule) for h in after]


def _agenda_titles(found: list[Heading], kind: str | None, run: list[Heading]) -> list[Heading]:
    """An agenda numbered like the minutes below it gives the items' titles (a minute may open with prose).

    The item still starts where its minute does, so the text under it belongs to it.
    """
    if not run:
        return run
    agenda = {h.number: h for h in found if h.kind == kind and h.index < run[0].index and h.number}
    hits = sum(h.number in agenda for h in run)
    if hits < MIN_NUMBERED or 2 * hits < len(run):
        return run
    return [Heading(h.index, h.number, agenda[h.number].title, h.kind, agenda[h.number].source, "agenda-title")
            if h.number in agenda else h for h in run]


def _title_key(title: str) -> str:
    return title.lower().strip(" .")


def find_items(paras: list[Para]) -> list[Heading]:
    tables = table_titles(paras)
    if tables:
        return tables
    return choose(candidates(paras), section_headings(paras) or styled_lines(paras))


def to_items(headings: list[Heading]) -> list[Item]:
    return [Item(number=h.number, title=h.title or (h.number or "Item"), where=where_of(h.source, f"items.{h.rule or h.kind}"))
            for h in headings if h.title or h.number]


def item_of(paras: list[Para], headings: list[Heading]) -> dict[int, str | None]:
    """Which item (its number, None for unnumbered or before the first) each paragraph belongs to."""
    starts = {h.index: h for h in headings}
    current: str | None = None
    result: dict[int, str | None] = {}
    for para in paras:
        if para.index in starts:
            current = starts[para.index].number
        result[para.index] = current
    return result

