"""Each item's text, for search: the record keeps titles, actions and decisions but not what was discussed.

The paragraphs come from the extractor's own layout and item headings, so a
paragraph belongs to the same item here as it does in the record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document


@dataclass(frozen=True, slots=True)
class ItemText:
    item: str | None
    """The item's number as in the record (None for AOB)."""
    title: str
    text: str


def item_texts(document: "Document") -> list[ItemText]:
    """The text under each item heading, in order; what comes before the first item (the header, the people) is left out."""
    from ..extract.items import find_items
    from ..extract.layout import build_layout

    paras = build_layout(document).paras
    headings = {h.index: h for h in find_items(paras)}
    out: list[ItemText] = []
    current, texts = None, []
    for para in paras:
        heading = headings.get(para.index)
        if heading is not None:
            if current is not None and texts:
                out.append(ItemText(current.number, current.title, " ".join(texts)))
            current, texts = heading, []
            rest = para.text.strip()
            # a heading row may carry text after its title ("1. Welcome Hannah welcomed...")
            if heading.title and rest.endswith(heading.title):
                continue
        if current is not None and para.text.strip():
            texts.append(para.text.strip())
    if current is not None and texts:
        out.append(ItemText(current.number, current.title, " ".join(texts)))
    return out
