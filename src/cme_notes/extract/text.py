"""Small text helpers shared by the extraction rules."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9])")
# abbreviations whose full stop does not end a sentence
_NO_BREAK = re.compile(r"(?:\b(?:e\.g|i\.e|etc|cf|vs|approx|no|dr|mr|mrs|ms|cllr|st|inc|ltd|[A-Z])\.)$", re.IGNORECASE)


def squash(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking at "e.g." or an initial like "J. Smith"."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        # only the end of the sentence so far is looked at, so that a run of
        # "A. B. C." that never breaks costs linear, not quadratic, time
        near = text[max(start, m.start() - 16):m.start()].rstrip()
        if m.start() - 16 > start and text[m.start() - 17].isalnum():
            near = near.split(" ", 1)[1] if " " in near else ""  # drop a word cut in half
        if _NO_BREAK.search(near) or (m.start() - start <= 8 and re.fullmatch(r"\(?\w{1,3}[.)]", near.strip())):
            continue  # "e.g. Kent", or the "2." that numbers a point
        head = text[start:m.start()].rstrip()
        if head:
            parts.append(head)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("\"'\u2019\u201d)").endswith((".", "!", "?", ":"))


def split_top_level(text: str, separators: str = ",;") -> list[str]:
    """Split at separators that are not inside brackets."""
    parts, depth, start = [], 0, 0
    # only brackets and separators are visited (a loop over every character was slow on long lists)
    for m in re.finditer("[" + re.escape("()[]{}" + separators) + "]", text):
        ch = m.group()
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def strip_punct(text: str) -> str:
    return text.strip().strip(".,;:").strip()
