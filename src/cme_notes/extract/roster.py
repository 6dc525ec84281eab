"""Who was there: attendee and apology lists as the minutes lay them out.

Labelled lines ("Present: …"), a label followed by one name per line, a list
wrapped over several lines, a heading ("## Attendees") over groups of names,
label and value cells on one table row, and attendance tables and grids; the
parsing of one entry ("Cllr Jane Smith (Kent)") is in :mod:`.people`.
"""
from __future__ import annotations

import re

from ..models import Person
from .layout import Layout, Para
from .people import HONORIFICS, is_name, parse_people, parse_person, section_label
from .roles import is_role
from .text import split_top_level
from .where import where_of

# a heading over the people lists: "## Attendees", "Introduction of attendees", "Roll Call", "17. APOLOGIES FOR ABSENCE"
_PEOPLE_HEADING = re.compile(
    r"^(?:\d{1,3}[.)]?\s*)?(?:introduction\s+of\s+)?(?:attendees(?:\s+present)?|attendance|roll\s*call|present"
    r"|(?:members|those|people|persons)\s+present|participants|in\s+attendance|who\s+was\s+there"
    r"|(?:welcome\s+and\s+)?apologies(?:\s+for\s+absence)?(?:\s+and\s+substitutes)?)\s*:?$",
    re.IGNORECASE,
)
# rules of lists a clerk writes out (a table of members with an apologies column lists everyone on purpose)
_WRITTEN_LISTS = ("people.label", "people.line", "people.heading")
# "Chaired by | Rosa Lindqvist": the cell's head gives the office of the person in it, who may be listed already
_OFFICE_HEADS = {"chaired by": "Chair", "clerked by": "Clerk", "minutes taken by": "Minute taker", "minute taker": "Minute taker"}
# a line that introduces a group within the people section: "For the Riverside Trust:", "Other members present:"
_GROUP_INTRO_WORDS = 10
# "(Item 1)" under a heading: the agenda reference, not part of the list
_ITEM_REF = re.compile(r"^\(?\s*(?:agenda\s+)?item\s+\d{1,3}[a-z]?\s*\)?$", re.IGNORECASE)
_NOBODY_LINE = re.compile(r"^(?:none|nil|n/?a|no\s+\w+(?:\s+\w+){0,4})[.!]?$", re.IGNORECASE)
_NO_ONE_AWAY = re.compile(r"^no\s+(?:apologies|absentees|absences)(?:\s+(?:were\s+)?(?:received|given|noted|recorded))?[.!]?$", re.I)
_ROLE_LINE = re.compile(r"^(?P<role>[A-Z][\w\- ]{1,40}?)\s*:\s*(?P<rest>\S.*)$")
_AND_SPLIT = re.compile(r"\s+(?:and|&)\s+")
# the header may go on after the people lists for a few short lines ("15:00-16:00 | 22/02/2025")
_HEADER_TAIL = 3
_HEADER_LINE = 80
# a list of this many one-word names is a list of surnames
_SURNAME_LIST = 3
# a line of one titled name ("Cllr E White", "Mrs F Hale (Clerk)") carries a list on
_TITLED = re.compile(r"^(?:" + "|".join(HONORIFICS) + r")\.?\s+[A-Z]", re.IGNORECASE)
_TITLED_LINE = 80
_HEADING_STYLES = ("heading", "bold", "numbered")
# a one-per-line list whose lines mostly read "Name, Organisation" uses that convention throughout
_NAME_ORG_SHARE = 0.6


def find_people(layout: Layout, notes: list[str] | None = None
                ) -> tuple[list[Person], list[Person], int | None, set[int]]:
    """Attendees and apologies from labelled lines, one-per-line lists and attendance tables.

    Also returns the index of the first paragraph after the lists, and the
    indices of the paragraphs that held them (so no other rule reads them).
    A person a written list gives as present who also sent apologies is kept
    among the apologies, and said in ``notes`` (one of the lists is wrong).
    """
    found: dict[str, list[Person]] = {"attendees": [], "apologies": [], "absent": []}
    used: set[int] = set()
    end: int | None = None
    paras = layout.paras
    name_org = False  # whether an earlier list wrote "Name, Organisation" lines
    i = 0
    while i < len(paras):
        opening = _opening(paras[i])
        if opening is None:
            i += 1
            continue
        kind, rest, heading = opening
        used.add(paras[i].index)
        j = i + 1
        # a list wrapped onto following lines (text exports, hard-wrapped email)
        pieces = [rest]
        # each check reads only the last line so far, so a list wrapped over many lines costs linear time
        while rest.strip() and _open_end(pieces[-1]) and j < len(paras) and _continues_list(pieces[-1], paras[j].text):
            pieces += [_joint(pieces[-1], paras[j].text), paras[j].text]
            used.add(paras[j].index)
            j += 1
        rest = "".join(pieces)
        people = _mark(parse_people(rest), paras[i], "people.label") if rest.strip() else []
        found[kind].extend(people)
        nobody = not people and bool(_NOBODY_LINE.match(rest.strip()))
        if not nobody and (not people or rest.rstrip().endswith(",")):
            j, name_org = _read_lines(paras, j, kind, paras[i], heading, found, used, name_org)
        k = _header_tail(paras, j)
        end = paras[k].index if k < len(paras) else None
        i = j
    offices: dict[str, str] = {}
    for cell in layout.people_cells:
        label = section_label(cell.head + ":")
        kind = label[0] if label else "attendees"
        office = _OFFICE_HEADS.get(" ".join(cell.head.casefold().rstrip(": ").split()))
        for person in parse_people(cell.text):
            person.where = where_of(cell.source, cell.rule)
            found[kind].append(person)
            if office:
                offices.setdefault(person.name.casefold(), office)
    apologies = _dedupe(found["apologies"])
    sent = {p.name.casefold() for p in apologies}
    # someone listed as expected but who sent apologies did not attend
    listed = _dedupe(found["attendees"])
    attendees = [p for p in listed if p.name.casefold() not in sent]
    if notes is not None:
        notes.extend(f"{p.name} is listed as present and as sending apologies" for p in listed
                     if p.name.casefold() in sent and p.where is not None and p.where.rule in _WRITTEN_LISTS)
    for person in attendees:
        if person.role is None and person.name.casefold() in offices:
            person.role = offices[person.name.casefold()]
    return attendees, apologies, end, used


def _header_tail(paras: list[Para], j: int) -> int:
    """Past the short date, time or place lines that follow the lists and still belong to the header."""
    k = j
    while k < len(paras) and k - j < _HEADER_TAIL and len(paras[k].text) <= _HEADER_LINE and \
            re.search(r"\d", paras[k].text) and not find_items_like(paras[k].text):
        k += 1
    return k


def _opening(para: Para) -> tuple[str, str, bool] | None:
    """(kind, rest of line, whether it heads a section) for a paragraph that opens a people list."""
    text = para.text.strip()
    if para.style in _HEADING_STYLES and _PEOPLE_HEADING.match(text):
        label = section_label(re.sub(r"^(?:\d{1,3}[.)]?\s*)?(?:introduction\s+of|welcome\s+and)\s+", "", text, flags=re.I)
                              .rstrip(":") + ":")
        return (label[0] if label else "attendees"), "", True
    if _NO_ONE_AWAY.match(text):
        return "apologies", "none", False  # "NO ABSENTEES.": an empty list
    label = section_label(text)
    if label is None:
        return None
    return label[0], label[1], False


def _read_lines(paras: list[Para], j: int, kind: str, opener: Para, heading: bool,
                found: dict[str, list[Person]], used: set[int], name_org: bool) -> tuple[int, bool]:
    """Names under a label: the rest of its table row, then one name per line, then sub-groups under a heading."""
    lines: list[tuple[Para, str, list[Person]]] = []
    while j < len(paras):
        para = paras[j]
        text = para.text.strip()
        same_row = opener.group is not None and para.group == opener.group and not isinstance(opener.group[0], str)
        if section_label(text) is not None:
            break
        if _ITEM_REF.match(text) and not lines:
            used.add(para.index)
            j += 1
            continue
        people = parse_people(text)  # once per line: every test below reads it
        if _NOBODY_LINE.match(text) and not people:
            used.add(para.index)  # "None": nobody in this group, but the next may follow
            j += 1
            continue
        if para.style == "heading" and not same_row:
            if not (heading and _PEOPLE_HEADING.match(text)):
                break
        elif heading and text.endswith(":") and len(text.split()) <= _GROUP_INTRO_WORDS and not people:
            pass  # "For the Riverside Trust:": a group within the section
        elif same_row and _mostly_people(text, people) or _person_line(text, people):
            lines.append((para, text, people))
        elif (role_line := _ROLE_LINE.match(text)) and is_role(role_line.group("role")) \
                and _person_line(role_line.group("rest"), parse_people(role_line.group("rest"))):
            lines.append((para, text, people))
        else:
            break
        used.add(para.index)
        j += 1
    name_org = _name_org_convention([t for _, t, _ in lines], name_org)
    for para, text, people in lines:
        rule = "people.heading" if heading else "people.line"  # under "## Attendees", or one per line under a label
        found[kind].extend(_mark(_line_people(text, people, name_org), para, rule))
    return j, name_org


def _mostly_people(text: str, people: list[Person]) -> bool:
    """A cell that lists people rather than telling something: most of its entries are names."""
    pieces = sum(len(_AND_SPLIT.split(piece)) for piece in split_top_level(text, ",;"))
    return 2 * len(people) >= pieces > 0


def _line_people(text: str, people: list[Person], name_org: bool) -> list[Person]:
    role_line = _ROLE_LINE.match(text)
    if role_line and is_role(role_line.group("role")):  # "Minute taker: Lewis"
        people = parse_people(role_line.group("rest"))
        for person in people:
            person.role = person.role or role_line.group("role").strip()
        return people
    if name_org:
        person = parse_person(text)
        return [person] if person is not None else []
    return people


def _name_org_convention(lines: list[str], before: bool) -> bool:
    """Whether the lines are "Name, Organisation" ("Jeff Ollie, Tapcorp"), not two names to a line.

    A single line says so only when an earlier list of the minutes did (``before``).
    """
    pairs = [t for t in lines if len(split_top_level(t, ",")) == 2 and not re.search(r"\s(?:and|&)\s", t)]
    return (len(lines) >= 2 or before) and len(pairs) >= _NAME_ORG_SHARE * len(lines) and bool(lines)


def _mark(people: list[Person], para: Para, rule: str) -> list[Person]:
    where = where_of(para.source, rule) if people else None  # once per paragraph, however many names it holds
    for person in people:
        person.where = where
    return people


def _open_end(rest: str) -> bool:
    return not rest.rstrip().endswith(".") or rest.rstrip().endswith((",.", "..")) or bool(
        re.search(r"\b[A-Z]\.$", rest.rstrip()))


def _joint(rest: str, line: str) -> str:
    """How a wrapped line joins the list: within an entry ("Paula / Martin Evans", "(late / arrival)"), or as a new one."""
    chunks = [_AND_SPLIT.split(c)[-1] for c in split_top_level(rest, ",;")]
    if not chunks or re.search(r"(?:,|\band|&|\([^)]*)\s*$", rest):
        return " "
    last = parse_people(chunks[-1])
    if not last and is_role(chunks[-1]):
        return ", "  # "…, Parish Clerk / Cllr Mrs Lee": the title closed its entry
    if not last or len(last[-1].name.split()) <= 1 and not _surnames_only(chunks):
        return " "  # "Mr M / Pond", "Sergeant Rick / Barton": the entry goes on
    return ", "


def _surnames_only(chunks: list[str]) -> bool:
    """"Councillors: O'Neill, Reeve, Jones": a list of one-word names, where a line break parts two of them."""
    if len(chunks) < _SURNAME_LIST:
        return False
    return all(len([w for w in c.split() if w.casefold().strip(".") not in HONORIFICS]) == 1 for c in chunks)


def _continues_list(rest: str, text: str) -> bool:
    """A line that carries on a list of people: the list ended with "," or "and", or most of its pieces are names."""
    if section_label(text) is not None or find_items_like(text):
        return False
    people = parse_people(text)
    if not people:
        return False
    first = split_top_level(text, ",;")[0]
    if not parse_people(first) and not ("(" in rest and ")" not in rest.rsplit("(", 1)[1]) and len(first.split()) > 1:
        return False  # "Election of Chairman Gary Lane – …": the line starts something else
    if re.search(r"(?:,|\band|&)\s*$", rest):
        return True
    if not parse_people(_AND_SPLIT.split(split_top_level(rest, ",;")[-1])[-1]):
        return True  # "…, Mrs / Kerr": the last entry was cut off by the line's end
    if len(people) == 1 and _TITLED.match(text) and len(text) <= _TITLED_LINE:
        return True  # "Cllr E White" alone on the last line of a list set out in columns
    pieces = split_top_level(text, ",;")
    return ("," in text or "(" in rest and ")" not in rest.rsplit("(", 1)[1]) and len(people) >= 0.5 * len(pieces)


def find_items_like(text: str) -> bool:
    return bool(re.match(r"^\s*(?:\d{1,3}[.)]|item\b|aob\b)", text, re.IGNORECASE))


def _person_line(text: str, people: list[Person]) -> bool:
    if not people or len(text) > 200:
        return False
    person = parse_person(text.split(",")[0]) if "," in text else people[0]
    return person is not None and is_name(person.name)


def _dedupe(people: list[Person]) -> list[Person]:
    """One entry per person: the same name twice, or a first name alone ("Chair: Bea") beside the full name."""
    seen: dict[str, Person] = {}
    first_names: dict[str, list[Person]] = {}
    for p in people:
        key = p.name.casefold()
        if key not in seen:
            seen[key] = p
            if " " in key:
                first_names.setdefault(key.split()[0], []).append(p)
    out = []
    for key, p in seen.items():
        full = first_names.get(key, []) if " " not in key else []
        if len(full) == 1:
            full[0].role = full[0].role or p.role
            continue
        out.append(p)
    return out
