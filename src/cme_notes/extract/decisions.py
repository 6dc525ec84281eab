"""Decisions: "Notes were agreed as an accurate record", "Agreed: …", "RESOLVED that …"."""
from __future__ import annotations

import re

from ..models import Decision
from .layout import Para
from .text import sentences
from .where import where_of

_DECISION = re.compile(
    r"^(?:it was\s+)?(?:agreed|resolved|decided|decision|approved|unanimously resolved)\b"
    r"|\b(?:were|was)\s+(?:agreed|approved|adopted|ratified)\b"
    r"|\b(?:accurate|true|correct)\s+record\b"
    r"|\b(?:it was|members|the group|the committee|the council|governors)\s+(?:agreed|resolved|decided)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?:\*\*)?(?:agreed|resolved|decision|decisions)(?:\*\*)?\s*[:\-–]\s*", re.IGNORECASE)


# Every alternative of _DECISION holds one of these: a sentence with none of them is not searched.
_DECISION_WORDS = ("agreed", "resolved", "decided", "decision", "approved", "adopted", "ratified", "record")


def is_decision(sentence: str) -> bool:
    lowered = sentence.lower()
    return any(word in lowered for word in _DECISION_WORDS) and bool(_DECISION.search(sentence.strip()))


def find_decisions(paras: list[Para], item_of: dict[int, str | None]) -> list[Decision]:
    out: list[Decision] = []
    for para in paras:
        for sentence in sentences(para.text):
            if is_decision(sentence):
                text = _LABEL.sub("", sentence.strip()).rstrip(".").strip()
                if text:
                    text = text[0].upper() + text[1:]
                    out.append(Decision(item=item_of.get(para.index), text=text, where=where_of(para.source, "decisions.sentence")))
    return out
