"""Attendee and apology lists: "Jane Smith (Kent), Bob Jones & Ann Lee (Surrey)".

Each entry becomes a Person with the name apart from honorific, organisation,
role and any initials the minutes give for them.
"""
from __future__ import annotations

import re

from ..models import Person
from .text import sentences, split_top_level, squash, strip_punct

HONORIFICS = {
    "cllr": "Cllr", "councillor": "Cllr", "dr": "Dr", "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss",
    "mx": "Mx", "prof": "Prof", "professor": "Prof", "rev": "Rev", "revd": "Rev", "sir": "Sir", "dame": "Dame",
    "lord": "Lord", "lady": "Lady",
}
_HONORIFIC = re.compile(r"^(" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+", re.IGNORECASE)
_ROLE = re.compile(
    r"^(?:co-?|vice[- ]?|deputy |acting |interim )?(?:chair(?:man|person|woman)?(?: of governors)?|clerk(?: to [\w ]+)?"
    r"|minutes?|minute[- ]?taker|note[- ]?taker|notes|secretary|treasurer|head ?teacher|principal|observer|guest"
    r"|presenter|speaker|rfo|responsible financial officer|member of the public|mayor|bursar)$"
    # job titles: "School Business Manager", "Safeguarding Link Governor", "CME Officer"
    r"|^(?:[\w'&\-]+ ){0,3}(?:manager|officer|director|co-?ordinator|adviser|advisor|assistant|administrator|lead"
    r"|governor|teacher|head|clerk|chair|secretary|treasurer|consultant|worker|practitioner|senco)$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^\s*(?P<label>present|attendees|attending|attendance|members present|in attendance|also present|also in attendance"
    r"|apologies for absence|apologies received|apologies|regrets|absent)\b\s*(?:were received)?\s*[:\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_APOLOGY_PROSE = re.compile(
    r"\bapologies\b[^.:]*?\b(?:received|given|noted|sent|offered)\s+(?:from|by)\s*:?\s*(?P<rest>.+)$", re.IGNORECASE
)
_APOLOGIES_WORD = re.compile(r"\bapologies\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][\w'\u2019\-]*\.?$|^[A-Z]\.?$|^(?:de|van|von|der|la|le|du|da|di|mc|o')$", re.UNICODE)
_AND = re.compile(r"\s+(?:&|and|\+)\s+")


def section_label(text: str) -> tuple[str, str] | None:
    """("attendees" | "apologies", rest of the line) when the line opens a people list."""
    prose = _apology_prose(text) if text.lower().lstrip().startswith("apolog") else None
    if prose:
        return "apologies", sentences(prose.group("rest"))[0]
    m = _LABEL.match(text)
    if not m:
        return None
    label = m.group("label").lower()
    kind = "apologies" if label.startswith(("apolog", "regret", "absent")) else "attendees"
    rest = m.group("rest")
    if kind == "attendees" and rest and not re.match(r"^[:\-–]|\s", text[m.end("label"):]):
        return None  # "Presentation..." or "Attendance figures" is prose, not a list
    return kind, rest


def _apology_prose(text: str) -> re.Match | None:
    """``_APOLOGY_PROSE.search(text)`` in linear time.

    A search tries every "apologies" up to the next full stop or colon, and when
    the first fails the others there fail too: they are skipped (a long line of
    "apologies … apologies …" was quadratic).
    """
    pos = 0
    while (word := _APOLOGIES_WORD.search(text, pos)) is not None:
        found = _APOLOGY_PROSE.match(text, word.start())
        if found:
            return found
        stops = [i for i in (text.find(".", word.end()), text.find(":", word.end())) if i >= 0]
        if not stops:
            return None
        pos = min(stops) + 1
    return None


def parse_people(text: str) -> list[Person]:
    """Every person in a list written in prose or with commas, "&" and brackets."""
    text = squash(text).strip()
    text = re.sub(r"^(?:from|were received from|received from)\s+", "", text, flags=re.IGNORECASE)
    people: list[Person] = []
    for chunk in split_top_level(text, ",;"):
        people.extend(_parse_chunk(chunk))
    return people


def _parse_chunk(chunk: str) -> list[Person]:
    chunk = strip_punct(chunk)
    shared_bracket = None
    m = re.search(r"\(([^()]*)\)\s*$", chunk)
    names = [p for p in _split_and(chunk)]
    if len(names) > 1 and m and not re.search(r"\(", chunk[: m.start()]):
        # "Simon Shaw & Jessie Rees (Kent)": the bracket belongs to every name
        shared_bracket = m.group(1)
        names = _split_and(chunk[: m.start()])
    out = []
    for name in names:
        person = parse_person(name, shared_bracket)
        if person is not None:
            out.append(person)
    return out


def _split_and(text: str) -> list[str]:
    parts, depth, start, counted = [], 0, 0, 0
    # the bracket depth is counted up to each "&"/"and" (a regex tried at every character was the
    # slowest part of reading a long list)
    for m in _AND.finditer(text):
        depth += text.count("(", counted, m.start()) - text.count(")", counted, m.start())
        counted = m.start()
        if depth == 0:
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_person(text: str, bracket: str | None = None) -> Person | None:
    """One person: "Cllr Jane Smith (Kent and Chair)", "J Marsh (JM - Chair)", "Tom Price – Clerk"."""
    as_written = squash(text + (f" ({bracket})" if bracket else ""))
    text = strip_punct(text)
    m = re.search(r"\(([^()]*)\)?\s*$", text)
    if m and bracket is None:
        bracket = m.group(1)
        text = text[: m.start()].strip()
    role = None
    dash = re.match(r"^(.*?)\s+[-–—]\s+(.+)$", text) or re.match(r"^(.*?),\s+(.+)$", text)
    if dash and _ROLE.match(dash.group(2).strip()):
        text, role = dash.group(1), dash.group(2).strip()
    elif dash and bracket is None and re.match(r"^[A-Z][\w.&' ]{1,40}$", dash.group(2).strip()) \
            and is_name(strip_punct(_HONORIFIC.sub("", dash.group(1)))):
        text, bracket = dash.group(1), dash.group(2).strip()  # "Jane Smith – Kent": the organisation after a dash
    titles = []
    while (h := _HONORIFIC.match(text)) is not None:  # "Cllr Mrs Ann Whitlock"
        titles.append(HONORIFICS[h.group(1).lower()])
        text = text[h.end():]
    honorific = " ".join(titles) or None
    name = strip_punct(text)
    if not is_name(name):
        return None
    organisation, bracket_role, initials = _split_bracket(bracket, name) if bracket else (None, None, None)
    return Person(
        name=name, organisation=organisation, role=role or bracket_role, honorific=honorific,
        initials=initials, as_written=as_written,
    )


_NOT_NAMES = {"none", "nil", "n/a", "na", "no apologies", "tbc", "all", "everyone", "none received", "apologies", "present"}


def is_name(text: str) -> bool:
    if text.casefold().strip(" .") in _NOT_NAMES:
        return False
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60:
        return False
    return all(_NAME_WORD.match(w) for w in words) and any(len(w.strip(".")) > 1 for w in words)


def _split_bracket(inner: str, name: str) -> tuple[str | None, str | None, str | None]:
    """Organisation, role and initials from the text in brackets after a name."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\s[-–—]\s|\band\b|/)\s*", inner) if p and p.strip()]
    roles: list[str] = []
    initials = None
    rest = inner
    for part in parts:
        if _ROLE.match(part):
            roles.append(part.capitalize() if part.islower() else part)
        elif initials is None and part.isupper() and part.isalpha() and part == initials_of(name):
            initials = part
        else:
            continue
        rest = _drop_initials(rest, part) if part == initials else _drop_part(rest, part)
    organisation = strip_punct(re.sub(r"^\s*(?:[-–—/]|and\b)\s*|\s*(?:[-–—/]|\band)\s*$", "", rest)) or None
    return organisation, " and ".join(roles) or None, initials


def _drop_part(text: str, part: str) -> str:
    """``text`` without the first ``part`` standing as a word(s), and the separator before it."""
    return re.sub(rf"(?:\s*(?:,|;|[-–—]|/|\band\b)\s*)?\b{re.escape(part)}\b", "", text, count=1)


_SEPARATOR_BEFORE = re.compile(r"\s*(?:,|;|[-–—]|/|\band\b)\s*\Z")


def _drop_initials(text: str, initials: str) -> str:
    """``_drop_part`` for initials (letters only), without a regex compiled for each person's own.

    Every person of a long list has initials of their own, and compiling a
    pattern for each was most of the time it took to read the list.
    """
    k = text.find(initials)
    while k >= 0 and (_is_word(text, k - 1) or _is_word(text, k + len(initials))):
        k = text.find(initials, k + 1)
    if k < 0:
        return text
    before = _SEPARATOR_BEFORE.search(text, 0, k)
    start = before.start() if before and not before.group().endswith("and") else k  # "andJS" has no word break
    return text[:start] + text[k + len(initials):]


def _is_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def initials_of(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0].upper() for w in words if w[0].isalpha())
