"""The group's name, from the top of its minutes.

One group, one name: the register groups meetings by title, so the name must
not change with the meeting ("OAKRIDGE PARISH COUNCIL PLANNING", "Annual
Meeting of Oakridge Parish Council" and "Oakridge Parish Council" are one
body). Words that describe the meeting rather than the body go (Minutes,
Annual, Extraordinary, "Planning meeting"), an all-caps name is title-cased,
and a name that ends in a body word ("Planning Committee") is kept whole.
"""
from __future__ import annotations

import re

from ..document import Block
from .dates import find_dates
from .layout import Para

MAX_TITLE = 120
"""Longest header line taken for a name; longer is prose."""

_GROUP_WORDS = re.compile(
    r"\b(?:group|committee|council|board|forum|network|panel|governing body|governors|partnership|assembly|trust|trustees"
    r"|society|association|club|friends|meeting|minutes|notes)\b",
    re.IGNORECASE,
)
_STRONG_GROUP = re.compile(r"\b(?:group|committee|council|board|forum|network|panel|governing body)\b", re.IGNORECASE)
# what kind of meeting it was, not who met
_KIND = r"(?:extra-?ordinary|annual(?:\s+general)?|special|ordinary|full|monthly|quarterly|general|open|public|planning|virtual|remote|informal|inaugural|emergency|statutory|private|closed)"
_LEAD = re.compile(
    r"^(?:(?:draft|confirmed|approved|unconfirmed|signed)\s+)?(?:notes|minutes|record|agenda)\s+(?:of|for|from)\s+(?:the\s+|an?\s+)?"
    rf"(?:(?:\w+\s+)?(?:{_KIND}\s+)*meeting\s+(?:of|for)\s+(?:the\s+)?)?"
    rf"|^(?:the\s+|an?\s+)?(?:{_KIND}\s+)*meeting\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    rf"\s*(?:[-–—:,]\s*)?(?:(?:{_KIND}\s+)*(?:meeting|minutes|notes|record of meeting|held)|{_KIND})\s*$",
    re.IGNORECASE,
)
# a line under the title that says where or how the meeting was held is not a name
_NOT_NAME = re.compile(
    r"^\W*(?:held|venue|location|via|present|attendees|apologies|(?:meeting\s+)?date|time|room|where|when)\b", re.IGNORECASE
)
# two sentences ("… joined the board. The company …") are prose; "St. Mary's" is not a sentence end
_PROSE = re.compile(r"[a-z]{3}\.\s+[A-Z]")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with"})


def find_title(paras: list[Para], front_matter: list[Block] = ()) -> tuple[str | None, Block | None]:
    """The group's name: the header line that names a group or committee, cleaned; else the front matter's title."""
    best, best_rank, best_source = None, 0, None
    for para in paras:
        if _NOT_NAME.match(para.text) or _PROSE.search(para.text):
            continue  # a venue line or prose, not a heading
        parts = [clean_title(part) for part in re.split(r"\s+[-–—|]\s+", para.text)]
        title = " — ".join(p for p in parts if p and not find_dates(p))
        # "Minutes of the Trustees …": the words cleaned away still say this line names the group
        rank = 2 if _STRONG_GROUP.search(title) else 1 if title and _GROUP_WORDS.search(para.text) else 0
        if rank > best_rank and len(title) <= MAX_TITLE:
            best, best_rank, best_source = title, rank, para.source
        if best_rank == 2:
            break
    if best is None:
        for block in front_matter:
            if block.text.startswith("title:"):
                title = clean_title(block.text[len("title:"):])
                if title:
                    return title, block
    return best, best_source


def _last_heading(text: str) -> str:
    """Two header lines run into one by a text export: "Sector-led Partnership Sector-led X Group" is "Sector-led X Group".

    When the title's first word starts it again later, and only the later part
    names a group, the later part is the title.
    """
    words = text.split()
    if not 4 <= len(words) <= 30:  # a title is a line, not a paragraph
        return text
    for i in range(2, len(words) - 1):
        if words[i] == words[0]:
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if _STRONG_GROUP.search(tail) and not _STRONG_GROUP.search(head):
                return tail
    return text


def clean_title(text: str) -> str:
    text = _last_heading(_LEAD.sub("", text.strip()))
    for match in reversed(find_dates(text)):
        text = text[: match.start] + text[match.end:]
    text = re.sub(r"\bheld\s+(?:on|at|in)\b.*$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?:\s*,)+\s*,", ",", text).strip(" ,.;:-–")  # "meeting, , (GMT)" once its date is gone
    previous = None
    while previous != text:
        previous = text
        text = _TRAIL.sub("", text).strip(" ,.;:-–")
    return _title_case(text) if _all_caps(text) else text


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _title_case(text: str) -> str:
    """"OAKRIDGE PARISH COUNCIL" is "Oakridge Parish Council"; a word with no vowel ("NHS") stays an acronym."""
    words = []
    for n, word in enumerate(text.split(" ")):
        lower = word.lower()
        if n and lower in _SMALL_WORDS:
            words.append(lower)
        elif not re.search(r"[AEIOUY]", word) and word.isalpha():
            words.append(word)
        else:
            words.append(_WORD.sub(_capitalise, word))
    return " ".join(words)


_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")


def _capitalise(match: re.Match[str]) -> str:
    """"O'NEILL" is "O'Neill", "CHILDREN'S" is "Children's"."""
    parts = re.split(r"(['\u2019])", match.group(0))
    if len(parts) == 3 and len(parts[2]) > 1:
        return parts[0].capitalize() + parts[1] + parts[2].capitalize()
    return parts[0].capitalize() + "".join(parts[1:]).lower()
