"""Agenda items: "1. Welcome", "25/041 Finance", a number alone on its line, AOB.

Numbered points inside an item's text ("1." … "4." inside item 2) are not
items: only the strongest numbering convention in the document counts, and
numbers must increase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block
from ..models import Item
from .layout import Para
from .where import where_of

_NUM = r"(?P<num>\d{1,4}/\d{1,4}(?:\.\d{1,2})?|\d{1,3}(?:\.\d{1,2})*)"
_INLINE = re.compile(rf"^(?:item|minute|agenda item)?\s*{_NUM}[.):]?\s+(?P<title>\S.*)$", re.IGNORECASE)
_LONE = re.compile(rf"^(?:item|minute)?\s*{_NUM}[.):]?$", re.IGNORECASE)
_AOB = re.compile(r"^(?:\d{1,3}[.)]?\s+)?(?:aob|a\.o\.b\.?|any other business|any other (?:urgent )?items?)\b[\s:.\-–]*(?P<rest>.*)$", re.I)
_STRENGTH = ("column", "heading", "lone", "inline")


@dataclass(frozen=True, slots=True)
class Heading:
    index: int
    number: str | None
    title: str
    kind: str
    source: Block | None = None


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.split(r"[./]", number) if x.isdigit())


def is_top_level(number: str) -> bool:
    """"3" and "25/041" are items; "4.1" and "25/041.2" are sub-items."""
    return "." not in number


def title_like(text: str, styled: bool = False) -> bool:
    text = text.strip()
    words = text.split()
    limit = 150 if styled else 100
    if not words or len(text) > limit or len(words) > (22 if styled else 15):
        return False
    if re.search(r"[.!?]\s+[A-Z]", text) and not styled:
        return False  # two sentences: prose, not a heading
    return not (text.endswith(".") and len(words) > 8 and not styled)


def clean_title(title: str) -> str:
    return title.strip().rstrip(":;,").strip().strip("*_").strip()


def candidates(paras: list[Para]) -> list[Heading]:
    found: list[Heading] = []
    for i, para in enumerate(paras):
        text = para.text.strip()
        if para.number and para.first_in_row:
            number = para.number.strip().rstrip(".):")
            if _LONE.match(para.number.strip()) and is_top_level(number):
                found.append(Heading(para.index, number, clean_title(text), "column", para.source))
            continue
        aob = _AOB.match(text)
        if aob and len(text) < 60 and not aob.group("rest").strip(" .")[:1].islower():
            found.append(Heading(para.index, _num_prefix(text), clean_title(_strip_num(text)), "aob", para.source))
            continue
        styled = para.style in ("heading", "bold")
        lone = _LONE.match(text)
        if lone and i + 1 < len(paras) and title_like(paras[i + 1].text, paras[i + 1].style in ("heading", "bold")):
            number = lone.group("num")
            if is_top_level(number):
                found.append(Heading(paras[i + 1].index, number, clean_title(paras[i + 1].text), "lone", para.source))
            continue
        m = _INLINE.match(text)
        if m and is_top_level(m.group("num")) and title_like(m.group("title"), styled):
            kind = "heading" if para.style == "heading" else "inline"
            found.append(Heading(para.index, m.group("num"), clean_title(m.group("title")), kind, para.source))
    return found


def _num_prefix(text: str) -> str | None:
    m = re.match(r"^(\d{1,3})[.)]?\s", text)
    return m.group(1) if m else None


def _strip_num(text: str) -> str:
    return re.sub(r"^\d{1,3}[.)]?\s+", "", text)


def choose(found: list[Heading]) -> list[Heading]:
    """Keep the strongest numbering convention present, then only increasing numbers."""
    numbered = [h for h in found if h.kind != "aob"]
    kinds = {h.kind for h in numbered}
    for kind in _STRENGTH:
        if sum(h.kind == kind for h in numbered) >= 2 or kinds == {kind}:
            break
    else:
        kind = None
    chosen: list[Heading] = []
    taken: set = set()  # what an AOB must not repeat: any AOB, a chosen index or title (a set, not a scan of chosen)
    last: tuple[int, ...] = ()
    for h in found:
        if h.kind == "aob":
            if not taken & {"aob", ("index", h.index), ("title", h.title)}:
                if h.number and kind and number_key(h.number) <= last:
                    h = Heading(h.index, None, h.title, h.kind, h.source)
                chosen.append(h)
                taken |= {"aob", ("index", h.index), ("title", h.title)}
                if h.number:
                    last = number_key(h.number)
            continue
        if h.kind != kind:
            continue
        key = number_key(h.number or "")
        if key and key > last:
            chosen.append(h)
            taken |= {("index", h.index), ("title", h.title)}
            last = key
    return chosen


def find_items(paras: list[Para]) -> list[Heading]:
    return choose(candidates(paras))


def to_items(headings: list[Heading]) -> list[Item]:
    return [Item(number=h.number, title=h.title or (h.number or "Item"), where=where_of(h.source, f"items.{h.kind}"))
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
