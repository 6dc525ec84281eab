"""Who holds an office, as the top of the minutes says it: "the Clerk: Tom Brown", "Chaired by Paul Eve",
"Alan Holt, Minutes Secretary".

Actions name officers by office ("Clerk to write to the owner"); the people
list does not always give the office in brackets, so the lines before the
first item are read for these forms too.
"""
from __future__ import annotations

import re

from ..models import Person
from .layout import Entry, Para
from .owners import OwnerResolver
from .people import parse_person
from .where import where_of

_OFFICE = (r"(?i:(?P<office>vice[- ]?chair(?:man|person|woman)?|chair(?:man|person|woman)?|(?:parish |town )?clerk(?:\s+to\s+(?:the\s+)?(?:council|governors|board|trustees))?"
           r"|rfo|responsible financial officer|(?:hon(?:orary|\.)?\s+)?secretary|minutes?\s+secretary"
           r"|(?:hon(?:orary|\.)?\s+)?treasurer|head\s?teacher|minute[- ]?taker|note[- ]?taker))")
_NAME = r"(?P<name>(?:(?i:cllr|councillor|mr|mrs|ms|miss|dr|prof|rev)\.?\s+)?[A-Z][\w'\u2019\-]*\.?(?:\s+(?!(?i:chaired|clerked|minutes)\b)[A-Z][\w'\u2019\-]*\.?){0,3})"
_FORMS = (
    re.compile(r"(?:^|[,;.(]\s*|\b(?i:the)\s+)" + _OFFICE + r"\s*[:\-–]\s*" + _NAME),
    re.compile(r"\b(?i:the)\s+" + _OFFICE + r"\s*,\s*" + _NAME),  # "and the clerk, Mr G Ives"
    re.compile(_NAME + r"\s*\(\s*" + _OFFICE + r"\s*\)"),  # "Cllrs R Lane (Chairman), …"
    re.compile(r"\b(?P<verb>(?i:chaired|clerked))\s+(?i:by)\s*:?\s*" + _NAME),
    re.compile(r"\b(?i:minutes?\s+(?:taken|recorded)\s+by)\s*:?\s*" + _NAME.replace("(?P<name>", "(?P<taker>")),
    re.compile(_NAME + r"\s*,\s*(?:(?i:the)\s+)?" + _OFFICE + r"\b(?!\s*[:\-–])"),
)
_WHOLE_NAME = re.compile(_NAME)
_LABEL = re.compile(r"(?:" + _OFFICE + r"|(?P<verb>(?i:chaired|clerked))\s+(?i:by)|(?i:minutes?\s+(?:taken|recorded)\s+by))\s*:?")
_BY_VERB = {"chaired": "Chair", "clerked": "Clerk"}
_MAX_LINE = 600
"""Longer paragraphs are prose; a people list with offices is shorter."""


def find_offices(paras: list[Para], stop_index: int | None, entries: list[Entry] = ()) -> dict[str, str]:
    """Office as written ("Clerk", "Chair") → the name given for it, from the paragraphs before ``stop_index``.

    A table row may hold the office and the name in two cells ("Clerked by | Pete Orr"): the name is the
    next paragraph of the row, or the row's short entry.
    """
    found: dict[str, str] = {}
    beside = {e.group: e.text for e in entries if e.group is not None and e.group[0] not in ("line", "para", "pdfline")}
    label: tuple[str, object] | None = None
    for para in paras:
        if stop_index is not None and para.index >= stop_index:
            break
        text = para.text[:_MAX_LINE]
        if label is not None:
            _name_for(label, text if para.group == label[1] else "", beside, found)
        label = None
        alone = _LABEL.fullmatch(text.strip())
        if alone and para.group is not None:
            label = (_office_of(alone), para.group)
            continue
        for form in _FORMS:
            for m in form.finditer(text):
                groups = m.groupdict()
                name = groups.get("name") or groups.get("taker") or ""
                if not name:
                    continue
                found.setdefault(_office_of(m), _name_end(name))
    if label is not None:
        _name_for(label, "", beside, found)
    return found


def _name_for(label: tuple[str, object], following: str, beside: dict, found: dict[str, str]) -> None:
    """The name in the paragraph after an office label, else in the Actions cell of its row."""
    for name in (following.strip(), beside.get(label[1], "").strip()):
        if _WHOLE_NAME.fullmatch(name):
            found.setdefault(label[0], name)
            return


def _name_end(name: str) -> str:
    """"Tom Brand." at the end of a sentence loses the full stop; "Nick A." keeps it; "Tom Brand. District
    Councillor …" ends at the sentence break."""
    name = re.split(r"(?<=[^\s.]{3})\.\s+", name.strip(), maxsplit=1)[0]
    return name[:-1] if name.endswith(".") and len(name.split()[-1]) > 2 else name


def _office_of(m: re.Match) -> str:
    groups = m.groupdict()
    return groups.get("office") or _BY_VERB.get((groups.get("verb") or "").casefold(), "Minutes Secretary")


def officers_present(offices: dict[str, str], attendees: list[Person], apologies: list[Person],
                     known: OwnerResolver | None = None) -> list[Person]:
    """Officers the top of the minutes names ("… and the Clerk: Tom Brand") who are in neither list: they were there.

    Minutes name their clerk beside the councillors present rather than in the list itself; without this the
    clerk's actions would have an owner who is nobody at the meeting.
    """
    if not offices:
        return []
    known = known or OwnerResolver(attendees, apologies)
    # "Hannah Patel (Eastmarsh, Chair)": an office read inside a listed person's entry names that person, not another
    written = [p.as_written or "" for p in (*attendees, *apologies)]
    out: list[Person] = []
    for office, name in offices.items():
        person = parse_person(name)
        if person is None or known.resolve(person.name).resolved or any(p.name == person.name for p in out) \
                or any(person.name in text for text in written):
            continue
        person.role = person.role or office
        person.where = where_of(None, "people.office", f"{office}: {name}")
        out.append(person)
    return out
