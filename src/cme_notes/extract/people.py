"""Attendee and apology lists: "Jane Smith (Kent), Bob Jones & Ann Lee (Surrey)".

Each entry becomes a Person with the name apart from honorific, organisation,
role and any initials the minutes give for them. What the words beside a name
are (role, note, initials, organisation) is decided in :mod:`.roles`.
"""
from __future__ import annotations

import re

from ..models import Person
from .roles import (
    as_initials, initials_of, is_bare_role, is_note, is_organisation, is_post_nominal, is_role, role_is_open,
)
from .text import sentences, split_top_level, squash, strip_punct

__all__ = ["HONORIFICS", "initials_of", "is_name", "parse_people", "parse_person", "section_label"]

HONORIFICS = {
    "cllr": "Cllr", "cllrs": "Cllr", "councillor": "Cllr", "councillors": "Cllr", "dr": "Dr", "mr": "Mr", "mrs": "Mrs",
    "ms": "Ms", "miss": "Miss", "mx": "Mx", "prof": "Prof", "professor": "Prof", "rev": "Rev", "revd": "Rev",
    "sir": "Sir", "dame": "Dame", "lord": "Lord", "lady": "Lady", "messrs": "Messrs",
}
_HONORIFIC = re.compile(r"^(" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+", re.IGNORECASE)
# a post written before the name: "Clerk J Smith", "the Clerk: Tom Brown", "District Councillor Ann Lee", "His Worship Mayor Bowden"
_ROLE_PREFIX = re.compile(
    r"^(?:(?:his|her|their) worship|(?:the )?(?:(?:deputy|vice|acting|co)[- ]?)?(?:speaker|chair(?:man|woman|person)?|mayor"
    r"|clerk|leader|president|treasurer|secretary|rfo)|(?:district|county|borough|parish|town|city|ward|unitary|community|d\.?|c\.?)"
    r" (?:councillor|cllr\.?)|(?:chief |detective )?(?:inspector|superintendent|sergeant|constable)|sgt\.?|pcso|pc)"
    r"\s*[:,\-–]?\s+(?=\S)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^\s*(?:\d{1,3}[.)]\s+)?(?P<label>(?:(?:directors|members|councillors|cllrs|governors|trustees|officers|executive officers"
    r"|board members|committee members|staff|those)\s+)?(?:present|absent)(?:\s+with(?:out)?\s+apologies)?"
    r"|attendees|additional attendees|attending|attendance|in attendance|also present|also in attendance|also attending"
    r"|participants|attendants|invited|guests|observing|observers|hosted by|chaired by|clerked by"
    r"|apologies for absence|apologies received|apologies(?:\s*(?:/|and)\s*absences?)?|regrets|missing|absences?"
    r"|(?P<group>councillors|cllrs|officers|members|governors|trustees|directors|staff|visitors|members of the public))\b"
    r"\s*(?:were received)?\s*(?P<sep>[:\-–]?)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_APOLOGY_PROSE = re.compile(
    r"\bapologies\b(?:\s+for\s+absence)?(?:[^.:]*?\b(?:received|given|noted|sent|offered|tendered|submitted|accepted)"
    r"(?:\s+and\s+(?:accepted|noted|approved|received))?)?"
    r"\s+(?:from|by)\s*:?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(
    r"^[A-Z][\w'\u2019\-]*\.?$|^[A-Z]\.?$|^(?:de|van|von|der|den|la|le|du|da|di|del|della|mc|o'|bin|al|ter|ten|dos)$",
    re.UNICODE,
)
_AND = re.compile(r"\s+(?:&|and|\+)\s+")
# words that open a heading, a label or a sentence, never a person's name
_NOT_NAME_WORDS = frozenset({
    "agenda", "minutes", "meeting", "meetings", "report", "reports", "budget", "highlights", "proceedings", "remarks",
    "business", "signed", "update", "updates", "items", "item", "actions", "action", "summary", "notes", "committee",
    "council", "board", "group", "other", "welcome", "introductions", "apologies", "present", "absent", "attendees",
    "attendance", "none", "nil", "all", "everyone", "tbc", "tba", "date", "time", "venue", "location", "place",
    "declarations", "matters", "arising", "resolved", "agreed", "noted", "quorum", "observing", "observers", "guests",
    "members", "officers", "councillors", "public", "opening", "closing", "closed", "opened", "chair", "clerk",
    "regrets", "invited", "participants", "various", "also", "the", "and", "to", "of", "in", "for",
})
# labels that also open ordinary lines, so they open a list only when names follow or nothing does
_WEAK_LABEL = re.compile(
    r"^(?:councillors|cllrs|officers|members|governors|trustees|directors|staff|visitors|members of the public|guests"
    r"|invited|observing|observers|participants|attendants|missing|hosted by|chaired by|clerked by|attendance|attending)$"
)
# "None", "N/A", "No absentees", "No apologies were received": the list is empty
_NOBODY = re.compile(
    r"^(?:none|nil|n/?a|nobody|no ?one|none received|no (?:apologies|absentees|absences|regrets|guests|observers|other attendees)"
    r"(?: (?:were |had been )?(?:received|given|noted|recorded))?)[.!]?$",
    re.IGNORECASE,
)
# run-on lists with no separators ("Ann Lee (AL) Tom Hart (TH)"): the bracket of initials ends an entry
_RUN_ON = re.compile(
    r"(\((?:[A-Z][A-Z .\-]{0,8}|(?i:(?:vice[- ]?)?chair(?:man|woman|person)?|clerk|treasurer|secretary))\))\s+(?=[A-Z])"
)
# a label inside a list opens another group of the same list: "…, Officers: Tom Hart (Clerk)"
_GROUP_LABEL = re.compile(
    r"(?:^|(?<=[\s,.;]))(?:also,?\s+present|also\s+in\s+attendance|in\s+attendance|officers?|councillors|cllrs|members"
    r"|members\s+of\s+the\s+public|observing|observers?|guests?|visitors?|staff|participants|attendants)\s*(?::|(?<=present),(?=\s))\s*",
    re.IGNORECASE,
)
# where a name stops and a remark about the person starts: "Ravi Menon left at 11:04", "Nancy Sayle who was substituted"
_TAIL = re.compile(
    r"\s+(?:left|arrived|joined|departed|who|until|sanctioned|accepted|received|noted|via|attended|attending"
    r"|online|remotely|virtually|for\s+(?:absence|lateness|items?|part|this)|from\s+(?:item|minute)|at\s+\d)\b.*$",
)
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")
# a post written as an entry of its own names itself within its first words ("Cabinet Member for …")
_ROLE_WORD_WITHIN = 3
# how many ordinary names around a short all-capitals entry make it a name, and how long such an entry is
_NAMES_FOR_CAPS = 3
_MAX_CAPS_NAME = 3
_TWO_INITIALLED = re.compile(r"((?:[A-Z]\.?\s+){1,2}[A-Z][\w'\u2019\-]+)\s+((?:[A-Z]\.?\s+){1,2}[A-Z][\w'\u2019\-]+)")
# a list needs this many entries, most of two words, before a four-word entry is read as two names
_PAIR_LIST = 4
_LAST_INITIAL = re.compile(r"(?:^|\s)[A-Z]$")
# a name run on into a title takes this many words, the commonest first
_NAME_LENGTHS = (2, 3)
_ROLE_WORD_IN = re.compile(r"\b(?:manager|officer|director|clerk|chair(?:man)?|secretary|treasurer|adviser|advisor|co-?ordinator"
                           r"|consultant|engineer|inspector|head of|executive|lead)\b", re.IGNORECASE)
# a name has at most this many words ("Wim Van Oosterhout", "Christopher Mander Tate") and characters
_MAX_NAME_WORDS = 5
_MAX_NAME_CHARS = 60


def section_label(text: str) -> tuple[str, str] | None:
    """("attendees" | "apologies" | "absent", rest of the line) when the line opens a people list.

    "absent" (absent without apologies) is neither attendees nor apologies: the
    list is read so that its names go nowhere else.
    """
    text = clean_markdown(text)
    prose = _APOLOGY_PROSE.search(text)
    if prose and re.sub(r"^\s*\d{1,3}[.)]\s+", "", text).lower().lstrip().startswith("apolog"):
        return "apologies", sentences(prose.group("rest"))[0]
    m = _LABEL.match(text)
    if not m:
        return None
    label = m.group("label").lower()
    if m.group("group") and not m.group("sep") == ":":
        return None  # "Councillors: …" opens a group of a list; "Officers reported…" does not
    if _WEAK_LABEL.match(label) and m.group("rest") and not _mostly_names(m.group("rest")):
        return None  # "Staff: the survey closes…", "Missing: two pages of the report"
    kind = _kind_of(label)
    rest = m.group("rest")
    if rest and not m.group("sep") and not label.endswith(" by"):
        # "Presentation…", "Attendance varies…": a label without a colon must be followed by names only
        if not text[m.end("label"):m.end("label") + 1].isspace() or not _mostly_names(rest):
            return None
    return kind, rest


def _kind_of(label: str) -> str:
    if label.startswith(("apolog", "regret", "missing")) or "with apologies" in label:
        return "apologies"
    if "absen" in label:
        return "absent"
    return "attendees"


def _mostly_names(text: str) -> bool:
    pieces = split_top_level(text, ",;")
    return bool(pieces) and len(parse_people(text)) * 2 >= len(pieces)


def clean_markdown(text: str) -> str:
    """"**Present:** *Nick* A., Fizz\\_eei" -> "Present: Nick A., Fizz_eei"."""
    text = re.sub(r"\\([_*\\`\[\]()#+\-.!])", r"\1", text) if "\\" in text else text
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    return text


def parse_people(text: str) -> list[Person]:
    """Every person in a list written in prose or with commas, "&" and brackets."""
    text = squash(clean_markdown(text)).strip()
    text = re.sub(r"^(?:from|were received from|received from)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:for\s+)?items?\s+[\d\s\-–,&and]+\s+only\s*:?\s*", "", text, flags=re.IGNORECASE)
    if _NOBODY.match(text):
        return []
    text = _RUN_ON.sub(r"\1, ", text)
    text = _GROUP_LABEL.sub(", ", text)
    text = _sentence_breaks(text)
    people: list[Person] = []
    pending_role: str | None = None
    last_chunk_person = False
    chunks = split_top_level(text, ",;")
    # among many written names, "LJ" or "CJ" is what the members call someone, not an acronym
    initials_list = len(chunks) >= 2 and all(re.fullmatch(r"[A-Z]{2,3}\.?", c.strip()) for c in chunks)  # "CE, HB, KC"
    caps_ok = initials_list or sum(1 for c in chunks if re.match(r"^[A-Z][a-z]", c.strip())) >= _NAMES_FOR_CAPS
    # where most entries give a first name and a surname, "Steve & Emma Davies" are two Davies
    full_names = sum(1 for c in chunks if len(c.split()) > 1) * 2 > len(chunks)
    for chunk in chunks:
        chunk = _strip_entry(chunk)
        if not chunk or is_post_nominal(chunk) and not initials_list or _NOBODY.match(chunk):
            continue
        role = _role_chunk(chunk)
        if role is not None:
            title, initials = role
            if last_chunk_person and people[-1].role is None:
                people[-1].role = title
                people[-1].initials = people[-1].initials or initials
            else:
                pending_role = title
            continue
        if last_chunk_person and people[-1].organisation is None and is_organisation(chunk):
            people[-1].organisation = chunk  # "Cllr Linda Hale, East Vale District Council"
            last_chunk_person = False
            continue
        found = _parse_chunk(chunk, caps_ok, full_names)
        if found and pending_role:
            found[0].role = found[0].role or pending_role
            pending_role = None
        people.extend(found)
        last_chunk_person = bool(found)
    return _split_pairs(people)


def _split_pairs(people: list[Person]) -> list[Person]:
    """"Gary Lane Barry Sims" in a list of two-word names is two people whose comma was lost."""
    two = sum(1 for p in people if len(p.name.split()) == 2)
    if len(people) < _PAIR_LIST or two * 2 < len(people):
        return people
    out = []
    for p in people:
        words = p.name.split()
        if len(words) == 4 and all(_NAME_WORD.match(w) and w[:1].isupper() and len(w) > 2 for w in words) and p.role is None \
                and p.organisation is None and not any(w.casefold() in {"van", "von", "de", "der", "la", "le"} for w in words):
            out.extend([p.model_copy(update={"name": " ".join(words[:2])}),
                        p.model_copy(update={"name": " ".join(words[2:]), "honorific": None})])
        else:
            out.append(p)
    return out


def _role_chunk(chunk: str) -> tuple[str, str | None] | None:
    """(role, initials) for an entry that is only a post: "City Clerk", "Chair (AP)"."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)$", chunk)
    body, bracket = (m.group(1), m.group(2)) if m else (chunk, None)
    if not body or "(" in body or _HONORIFIC.match(body + " ") or not is_role(body):
        return None
    if bracket and parse_person(bracket, run_on=False) is not None:
        return None  # "The Mayor (Cllr J Smith)": the person holding the post
    if not is_role(" ".join(body.split()[:_ROLE_WORD_WITHIN])):
        return None  # "Gina Hale Democratic Services Officer": a name before the title
    if (h := _ROLE_PREFIX.match(body)) is not None and is_name(_bare(body[h.end():])):
        return None  # "Mayor Bowden", "District Councillor Ann Lee": a post before a name
    initials = re.sub(r"[\s.\-]", "", bracket) if bracket and re.fullmatch(r"[A-Z][A-Z .\-]{0,8}", bracket) else None
    parts = _split_and(body)
    if len(parts) > 1 and any(parse_person(part, run_on=False) is not None for part in parts):
        return None  # "County Councillor B Hale and the clerk": a person is named in it
    return _role_case(re.sub(r"^(?:in\s+)?the\s+", "", strip_punct(body), flags=re.IGNORECASE)), initials


def _sentence_breaks(text: str) -> str:
    """A full stop after a word (not an initial or a title) parts two entries: "Linda Hale. Mr N Hunt"."""
    def part(m: re.Match) -> str:
        word = m.group(1)
        if len(word) < 2 or word.casefold() in HONORIFICS or word.casefold() in {"st", "jr", "sr", "jnr", "snr"}:
            return m.group(0)
        return word + ", "
    return re.sub(r"(\b[\w'\u2019\-]+)\.\s+(?=[A-Z(])", part, text)


_LEADING_AND = re.compile(r"^(?:and|&)\s+(?=\S)", re.IGNORECASE)


def _parse_chunk(chunk: str, caps_ok: bool = False, full_names: bool = False) -> list[Person]:
    chunk = _LEADING_AND.sub("", _strip_entry(chunk))  # "A Lane, B Moss, and R Lee": the serial comma's "and"
    shared_bracket = None
    m = re.search(r"\(([^()]*)\)\s*$", chunk)
    names = _split_and(chunk)
    if len(names) > 1 and m and not re.search(r"\(", chunk[: m.start()]):
        # "Simon Shaw & Jessie Rees (Kent)": the bracket belongs to every name
        shared_bracket = m.group(1)
        names = _split_and(chunk[: m.start()])
    found = [parse_person(name, shared_bracket, caps_ok, run_on=len(names) == 1) for name in names]
    if len(names) > 1 and None in found and shared_bracket is None:
        # "Ann Marsh Innovation & Policy Manager": the "&" was within a title, not between two people
        whole = parse_person(chunk, None, caps_ok, run_on=True)
        if whole is not None and whole.role and not re.search(r"\band\b", whole.role):
            return [whole]
    if len(names) == 2 and len(names[0].split()) == 1 and (found[0] is None or full_names) and found[1] is not None \
            and " " in found[1].name:
        # "Steve & Emma Davies", "Mr & Mrs Kerr": the first shares the second's surname
        first = parse_person(f"{names[0]} {found[1].name.split()[-1]}", shared_bracket, caps_ok, run_on=False)
        found[0] = first if first is not None else found[0]
    out = []
    for person in found:
        if person is not None:
            out.extend(_two_in_one(person))
    return out


def _two_in_one(person: Person) -> list[Person]:
    """"B Sims B Jones": two initialled names run together where a PDF lost the comma between them."""
    m = _TWO_INITIALLED.fullmatch(person.name)
    if m is None:
        return [person]
    second = person.model_copy(update={"name": m.group(2), "role": None, "honorific": None, "initials": None})
    person.name = m.group(1)
    return [person, second]


def _split_and(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            m = _AND.match(text, i)
            if m and i >= start:
                parts.append(text[start:i])
                start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


# "Ann Lee (AL) (Chair)": brackets after a name, taken from the end; past a few it is no name, and the bound
# keeps a hostile run of brackets from costing a search of the whole entry per bracket
_MAX_BRACKETS = 4
_LAST_BRACKET = re.compile(r"\s*\(([^()]*)\)?\s*$")


def parse_person(text: str, bracket: str | None = None, caps_ok: bool = False, run_on: bool = True) -> Person | None:
    """One person: "Cllr Jane Smith (Kent and Chair)", "J Marsh (JM - Chair)", "Tom Price – Clerk".

    ``run_on`` allows a job title run on after the name ("Ann Marsh Estates Manager").
    """
    text = clean_markdown(text)
    as_written = squash(text + (f" ({bracket})" if bracket else ""))
    text = _strip_entry(text)
    brackets: list[str] = []
    while len(brackets) < _MAX_BRACKETS and (m := _LAST_BRACKET.search(text)) and m.start() > 0:  # "Ann Lee (AL) (Chair)"
        brackets.insert(0, m.group(1))
        text = text[: m.start()].strip()
    role = None
    dash = re.match(r"^(.*?)\s+[-–—]\s+(.+)$", text) or re.match(r"^(.*?),\s+(.+)$", text)
    if dash and is_note(dash.group(2)) and not is_role(dash.group(2)):
        text = dash.group(1)  # "Kim Ode (KO) - accepted"
    elif dash and is_role(_drop_bracket(dash.group(2))):
        text, role = dash.group(1), strip_punct(dash.group(2))  # "Tom Price – Clerk", "Kate Lyle (KL) - Chair"
    elif dash and not brackets and bracket is None and re.match(r"^[\w][\w.&'/ ]{0,40}$", dash.group(2).strip()) \
            and is_name(_bare(_drop_bracket(dash.group(1)))):
        text, bracket = dash.group(1), dash.group(2).strip()  # "Jane Smith – Kent", "Jeff Ollie, Tapcorp"
    while len(brackets) < _MAX_BRACKETS and (m := _LAST_BRACKET.search(text)) and m.start() > 0:
        brackets.insert(0, m.group(1))
        text = text[: m.start()].strip()
    if bracket is not None:
        brackets.append(bracket)
    text = _TAIL.sub("", text)
    titles = []
    prefix_role = None
    while True:
        if (h := _HONORIFIC.match(text)) is not None:  # "Cllr Mrs Ann Whitlock"
            titles.append(HONORIFICS[h.group(1).lower()])
        elif (h := _ROLE_PREFIX.match(text)) is not None and is_name(_bare(text[h.end():])):
            prefix_role = _worship(prefix_role) or _role_case(
                re.sub(r"^the\s+|[:,\-–\s]+$", "", h.group(0).strip(), flags=re.IGNORECASE))
        else:
            break
        text = text[h.end():]
    honorific = " ".join(dict.fromkeys(titles)) or None
    name = _strip_entry(text)
    if len(brackets) == 1 and is_role(name) and (inner := parse_person(brackets[0], run_on=False)) is not None:
        inner.role = inner.role or _role_case(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))
        inner.as_written = as_written
        return inner  # "The Mayor (Cllr J Smith)", "Town Clerk (Mrs L Hay)"
    if not is_name(name, caps_ok):
        name, role = _name_then_title(name, role) if run_on else (None, role)
        if name is None:
            return None
    organisation, bracket_role, initials = None, None, None
    for inner in brackets:
        org, r, ini = _split_bracket(inner, name)
        organisation = organisation or org
        bracket_role = bracket_role or r
        initials = initials or ini
    return Person(
        name=name, organisation=organisation, role=role or bracket_role or _worship(prefix_role), honorific=honorific,
        initials=initials, as_written=as_written,
    )


def _name_then_title(text: str, role: str | None) -> tuple[str | None, str | None]:
    """"David Marsh Estates Manager Fenwick": the name, then a job title run on without brackets or comma."""
    words = text.split()
    for k in _NAME_LENGTHS:
        rest = " ".join(words[k:])
        if len(words) > k and is_name(" ".join(words[:k])) and rest[:1].isupper() and is_role(rest.split(" ", 1)[0] + " " + rest) \
                and _ROLE_WORD_IN.search(rest):
            return " ".join(words[:k]), role or rest
    return None, role


def _strip_entry(text: str) -> str:
    """Punctuation off an entry's ends, but not the full stop of a closing initial ("Nick A.")."""
    bare = strip_punct(text)
    if _LAST_INITIAL.search(bare) and text.rstrip(" ,;:").endswith(bare + "."):
        return bare + "."
    return bare


def _worship(role: str | None) -> str | None:
    return None if role is None or "worship" in role.lower() else role


def _drop_bracket(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()


def _bare(text: str) -> str:
    text = strip_punct(text)
    while (h := _HONORIFIC.match(text)) is not None:
        text = text[h.end():]
    return text


def is_name(text: str, caps_ok: bool = False) -> bool:
    """Capitalised words, not too many, not a heading or label word, not an acronym (unless ``caps_ok``)."""
    words = text.split()
    if len(words) == 1 and text.casefold().strip(".") in HONORIFICS:
        return False  # "Mrs" at the end of a wrapped line
    if not 1 <= len(words) <= _MAX_NAME_WORDS or len(text) > _MAX_NAME_CHARS:
        return False
    if not all(_NAME_WORD.match(w) for w in words) or not any(len(w.strip(".")) > 1 for w in words):
        return False
    if any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words) or _ROLE_WORD_IN.search(text):
        return False
    if caps_ok and len(words) == 1 and len(text) <= _MAX_CAPS_NAME:
        return True
    # "HCC", "NO ABSENTEES", "OBE": capitals throughout are an acronym or a heading, unless they mix with a name
    return not all(w.isupper() and len(w.strip(".")) > 1 for w in words) and not (
        len(words) == 1 and is_post_nominal(text)
    )


def _split_bracket(inner: str, name: str) -> tuple[str | None, str | None, str | None]:
    """Organisation, role and initials from the text in brackets after a name."""
    parts = []
    for part in re.split(r"\s*(?:,|;|\s[-–—]\s)\s*", inner):
        halves = [h.strip() for h in part.split("/")]
        # "Clerk/RFO" is two posts; "community/Typelevel" is one organisation
        parts.extend(halves if len(halves) > 1 and all(is_role(h) for h in halves) else [part.strip()])
    parts = [p for p in parts if p]
    roles: list[str] = []
    orgs: list[str] = []
    initials = None
    role_open = False
    for part in parts:
        if is_note(part):
            role_open = False
            continue
        if initials is None and (ini := as_initials(part, name)) is not None:
            initials = ini
            continue
        both = re.match(r"^(.+?)\s+(?:and|&)\s+(.+)$", part)
        if both and is_bare_role(both.group(2)) and not is_role(both.group(1)):
            orgs.append(both.group(1))  # "Portsmouth and Chair"
            roles.append(_role_case(both.group(2)))
            role_open = False
        elif is_role(part):
            roles.append(_role_case(re.sub(r"^in the\s+", "", part, flags=re.IGNORECASE)))
            role_open = role_is_open(part)
        elif role_open and part[:1].isupper():
            roles[-1] += ", " + part  # "Corporate Director Children, Young People and Education"
        else:
            orgs.append(part)
            role_open = False
    organisation = strip_punct(", ".join(orgs)) or None
    return organisation, " and ".join(roles) or None, initials


def _role_case(role: str) -> str:
    return role.capitalize() if role.islower() else role
