"""What the words around a name are: a role, a note, initials or an organisation.

Minutes put many things beside a name: "(Chair)", "(Head of Finance)", "(JM)",
"(late arrival)", "(Kent)", ", City Clerk", ", OBE". Only an organisation is
an organisation; job titles are roles however long they are, attendance notes
are neither, and post-nominal letters are part of nobody's name.
"""
from __future__ import annotations

import re

# a post that needs no more words to be a role ("Kent and Chair": Kent is the organisation)
_BARE_ROLE = (
    r"(?:co-?|vice[- ]?|deputy |acting |interim )?(?:chair(?:man|person|woman)?(?: of governors)?|clerk|minutes?"
    r"|minute[- ]?taker|minutes secretary|note[- ]?taker|notes|scribe|secretary|treasurer|head ?teacher|principal"
    r"|observer|guest|presenter|speaker|rfo|responsible financial officer|member of the public|mayor|bursar|president"
    r"|host|facilitator|convenor|trustee|governor|ceo|cfo|coo|cto|senco)"
)
_BARE = re.compile(rf"^(?:the )?{_BARE_ROLE}$", re.IGNORECASE)
# words that make a phrase a job title wherever they stand in it: "Director of Public Health", "Staff Art Lead"
_ROLE_WORD = re.compile(
    r"\b(?:chair(?:man|person|woman)?|vice-chair|clerk|secretary|treasurer|manager|officer|director|co-?ordinator"
    r"|adviser|advisor|assistant|administrator|lead|governor|teacher|headteacher|head of|head teacher|consultant"
    r"|worker|practitioner|senco|counsel|nurse|executive|chief|member|analyst|engineer|mayor|speaker|leader"
    r"|president|trustee|librarian|accountant|auditor|solicitor|minutes?|minute[- ]?taker|note[- ]?taker|scribe"
    r"|rfo|bursar|principal|observer|guest|presenter|host|facilitator|convenor|representative|councillor|deputy"
    r"|ceo|cfo|coo|cto|inspector|commissioner|superintendent|planner|editor|moderator|steward)s?\b",
    re.IGNORECASE,
)
# the words a job title may be written with besides its role word
_TITLE_WORD = re.compile(r"^(?:[A-Z][\w'\u2019&.\-]*|of|for|and|the|to|&|in|on|at|with|integrated|[a-z]+ing|manager)$")
# a role word at the end of a phrase closes it ("Chief Executive"); one followed by more words may go on after a
# comma ("Corporate Director Children, Young People and Education")
_ENDS_WITH_ROLE = re.compile(_ROLE_WORD.pattern + r"\s*$", re.IGNORECASE)

# "former Parish Clerk", "in the Chair": a post all the same
_FORMER = re.compile(r"^(?:former|acting|interim|outgoing|incoming|new|in the)\s+(?=\w)", re.IGNORECASE)
# what an organisation's name ends with: "East Vale District Council", "Fenwick Estates Ltd"
_ORG_WORD = re.compile(
    r"\b(?:council|ltd|limited|plc|llp|inc|trust|school|academy|college|university|association|society|police|constabulary"
    r"|authority|partnership|charity|foundation|company|agency|department|service|services|nhs|group|institute|federation"
    r"|estates?|church|club|board|commission)\b\.?$",
    re.IGNORECASE,
)

# attendance notes in brackets or after a name: "(late arrival)", "(online)", "(from item 5)", "left at 21:04"
_NOTE = re.compile(
    r"^(?:late\b|arr\b|arr\.|arrival|may be|arrived|arriving|joined|joining|left\b|leaving|departed|online|on[- ]?line|remote(?:ly)?|virtual(?:ly)?"
    r"|in person|by (?:phone|video|telephone|zoom|teams|email)|via\b|on (?:zoom|teams|the phone|video)|part(?:ial)?\b"
    r"|from (?:item|minute|min\b|\d)|for (?:items?|part|minutes?|\d)|until\b|items?\s+\d|\d{1,2}[:.]\d\d|\d{1,2}\s*[ap]\.?m\b|substitut|sub\b|deputising"
    r"|apologies|sanctioned|not present|absent|video|teleconference|dial[- ]?in|remotely)",
    re.IGNORECASE,
)
# letters written after a name that are honours and qualifications, not a person or an organisation
POST_NOMINALS = frozenset({
    "obe", "mbe", "cbe", "kbe", "dbe", "bem", "cvo", "lvo", "jp", "dl", "qc", "kc", "mp", "mep", "ms", "frs", "phd",
    "msc", "ma", "ba", "bsc", "fca", "aca", "cpfa", "frics", "mrics", "frcp", "llb", "med", "mba", "rn", "esq", "jnr",
    "snr", "jr", "sr",
})
# a job title among a list's entries is written with capitals and is short
_MAX_ROLE_WORDS = 12


def is_bare_role(text: str) -> bool:
    return bool(_BARE.match(text.strip()))


def is_role(text: str) -> bool:
    """A job title or post: "Chair", "Head of Finance", "Cabinet Member for Adult Social Care"."""
    text = _FORMER.sub("", text.strip().strip("."))
    if not text or is_bare_role(text):
        return bool(text)
    words = text.split()
    if len(words) > _MAX_ROLE_WORDS or not _ROLE_WORD.search(text):
        return False
    loose = [w for w in words if not _TITLE_WORD.match(w.strip(",()"))]
    return words[0][0].isupper() and all(w.islower() for w in loose) and len(loose) * 2 <= len(words)


def role_is_open(role: str) -> bool:
    """Whether more of the title may follow after a comma: it does not end with its role word."""
    return not _ENDS_WITH_ROLE.search(role)


def is_note(text: str) -> bool:
    """An attendance note, or a sentence, written beside a name: never an organisation or a role."""
    text = text.strip()
    if is_role(text):
        return False  # "(in the Chair)"
    if _NOTE.match(text) or text.startswith("@") or text[:1].islower() and (text.islower() or len(text.split()) >= 3) or re.match(r"^(?:all\s+)?(?:on\s+)?(?:holiday|illness|ill|unwell|away|work)\b", text, re.I):
        return True  # "(parishioner)", "(illness)", "(Away)": said of the person, not who they represent
    words = text.split()
    lower = [w for w in words if w.isalpha() and w.islower() and w not in {"and", "of", "the", "for", "&"}]
    return len(words) >= 6 and len(lower) >= 2


def is_organisation(text: str) -> bool:
    """An entry that names a body, not a person: capitalised words ending in "Council", "Ltd", "Trust"…"""
    words = text.split()
    return 1 < len(words) <= _MAX_ROLE_WORDS and words[0][:1].isupper() and bool(_ORG_WORD.search(text))


def is_post_nominal(text: str) -> bool:
    return text.strip().strip(".").replace(".", "").casefold() in POST_NOMINALS and text.strip()[:1].isupper()


def initials_of(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def as_initials(text: str, name: str) -> str | None:
    """"AB", "N M-E", "J.S." when they stand for ``name`` (so "(RBWM)" after Claire Rossi stays an organisation)."""
    compact = re.sub(r"[\s.\-]", "", text)
    if not (1 < len(compact) <= 4 and compact.isalpha() and compact.isupper()):
        return None
    full = initials_of(name)
    if compact == full or compact == full[:1] + full[-1:] or (compact != text.strip() and compact[0] == full[:1]):
        return compact
    return None
