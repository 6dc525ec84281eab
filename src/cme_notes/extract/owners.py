"""Action owners: "MS / CO", "Chris", "Cllr Smith", "ALL", "Clerk" resolved to the people present."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models import Person
from .owner_words import NOT_INITIALS, NOT_NAMES, could_be_owner, is_initials
from .people import HONORIFICS, initials_of

__all__ = ["ALL", "NOT_INITIALS", "OwnerResolver", "Resolution", "fold", "is_all", "is_office", "owner_matches", "split_owners"]

ALL = "all"
_ALL = re.compile(
    r"^(?:all|everyone|everybody|all present|all of us|(?:the\s+)?group|"
    r"(?:all\s+(?:the\s+)?)?(?:members|governors|councillors|trustees|directors|attendees|participants|colleagues|las"
    r"|team members|board members|committee members|panel members|group members))$"
)
_SENTENCE_BREAK = re.compile(r"(?<=[a-z)][.!?])\s+")
_SPLIT = re.compile(r"\s*(?:/|,|&|;|\+|\band\b)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:action(?:s|\s+by)?|owner|lead|who)\s*[:\-–]\s*", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:the\s+)?(?:(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r"|cllrs|councillors|messrs|mesdames)\.?\s+)+",
    re.IGNORECASE,
)
# Familiar forms that are not the start of the formal name ("Bob" for Robert); "Sam" for Samuel needs no entry.
_NICKNAMES = {
    "bob": {"robert"}, "rob": {"robert"}, "bobby": {"robert"}, "bill": {"william"}, "billy": {"william"},
    "will": {"william"}, "jim": {"james"}, "jimmy": {"james"}, "dick": {"richard"}, "rick": {"richard", "frederick"},
    "mike": {"michael"}, "mick": {"michael"}, "steve": {"stephen", "steven"}, "dave": {"david"}, "kate": {"katherine", "catherine", "kathryn"},
    "katie": {"katherine", "catherine"}, "cathy": {"catherine"}, "liz": {"elizabeth"}, "beth": {"elizabeth", "bethany"},
    "betty": {"elizabeth"}, "tony": {"anthony"}, "ted": {"edward"}, "ned": {"edward"}, "harry": {"henry", "harold"},
    "jack": {"john"}, "johnny": {"john", "jonathan"}, "peggy": {"margaret"}, "maggie": {"margaret"}, "meg": {"margaret"},
    "chuck": {"charles"}, "charlie": {"charles", "charlotte"}, "jenny": {"jennifer"}, "becky": {"rebecca"},
    "nell": {"helen", "eleanor"}, "sandy": {"alexander", "sandra"}, "sasha": {"alexander", "alexandra"},
    "andy": {"andrew"}, "drew": {"andrew"}, "greg": {"gregory"}, "pete": {"peter"}, "sue": {"susan", "suzanne"},
    "jo": {"joanna", "joanne", "josephine"}, "polly": {"mary"}, "molly": {"mary"}, "hank": {"henry"}, "ian": {"iain"},
}
_MIN_PREFIX = 3
"""A first name written short ("Sam", "Ceri", "Nick") has at least three letters; two are initials."""
# Role names written several ways in minutes, each mapped to one form.
_ROLE_FORMS = {
    "chairman": "chair", "chairperson": "chair", "chairwoman": "chair", "chair person": "chair",
    "vice chairman": "vice chair", "vice chairperson": "vice chair", "vice chairwoman": "vice chair",
    "deputy chair": "vice chair", "deputy chairman": "vice chair", "vicechair": "vice chair",
    "responsible financial officer": "rfo", "responsible finance officer": "rfo",
    "head teacher": "headteacher", "head": "headteacher", "minute taker": "minutes secretary",
    "minutes taker": "minutes secretary", "note taker": "minutes secretary",
}
_ROLE_DROP = re.compile(
    r"^(?:the|hon|honorary|parish|town|city|district|acting|interim)\s+|"
    r"\s+(?:to|of)\s+(?:the\s+)?(?:governors|council|parish council|board|trustees|committee|meeting|panel|group"
    r"|directors|governing body|society|association)$"
)
# Offices whose holder minutes name by the office alone ("Clerk to write to …").
_OFFICES = {"chair", "clerk", "rfo", "secretary", "treasurer", "headteacher", "president", "mayor", "principal"}
# A role's first word that makes it a different post from its last word ("Vice-Chair" is not the Chair).
_ROLE_QUALIFIERS = {"vice", "deputy", "assistant", "co", "past", "former", "outgoing", "incoming"}


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold().replace("-", " ")).split())


@dataclass(frozen=True, slots=True)
class Resolution:
    owner: str
    """The attendee's full name, "all", or the text as written."""
    ambiguous: tuple[str, ...] = ()
    resolved: bool = False


def split_owners(text: str) -> list[str]:
    """"MS / CO", "Sam & Ceri", "Ben, JF", "PK TR" → one token per owner as written."""
    text = _LEAD.sub("", text.strip())
    tokens: list[str] = []
    for part in _SPLIT.split(text):
        part = part.strip(" .()")
        words = part.split()
        if len(words) > 1 and all(is_initials(w) for w in words):
            tokens.extend(w.strip(".") for w in words)  # "PK TR": a run of initials is several people
        elif part:
            tokens.append(part)
    return tokens


def is_all(token: str) -> bool:
    return bool(_ALL.match(fold(token)))


def is_office(token: str) -> bool:
    """"Clerk", "the Chairman", "RFO": an officer named by office, an owner even when the minutes never say who."""
    form = _role_form(_bare(token))
    return form in _OFFICES or form in ("vice chair", "minutes secretary")


def _bare(text: str) -> str:
    """A name without "Cllr", "Mr", "the"."""
    return _TITLES.sub("", text.strip())


class OwnerResolver:
    """Maps what minutes write for a person to who they are, among the people present (then those who sent apologies)."""

    def __init__(self, attendees: list[Person], apologies: list[Person] = (), offices: dict[str, str] | None = None) -> None:
        # an office read as a name ("Chair" split off "Jane Hollis, Chair") is nobody to resolve to
        self.groups = [[_Known.of(p) for p in group if not is_office(p.name)] for group in (attendees, apologies)]
        self.offices = {_role_form(office): name for office, name in (offices or {}).items()}
        """Office → holder named at the top of the minutes ("the Clerk: Tom Brown")."""

    def resolve(self, token: str) -> Resolution:
        token = token.strip()
        if is_all(token):
            return Resolution(ALL, resolved=True)
        found = self._among_people(token)
        if found.resolved or found.ambiguous:
            return found
        holder = self.offices.get(_role_form(_bare(token))) if token else None
        if holder:
            person = self._among_people(holder)
            return Resolution(person.owner if person.resolved else _bare(holder), resolved=True)
        return found

    def _among_people(self, token: str) -> Resolution:
        for people in self.groups:
            matches = _matches(token, people)
            if len(matches) == 1:
                return Resolution(matches[0].name, resolved=True)
            if len(matches) > 1:
                return Resolution(token, ambiguous=tuple(p.name for p in matches))
        return Resolution(token)

    def owners(self, text: str, warnings: list[str] | None = None) -> list[str]:
        """The owners an Actions cell or a lead names: people resolved, bodies as written, non-owners left out."""
        found: list[str] = []
        for token in self.tokens(text, notes=True):
            res = self.resolve(token)
            if res.ambiguous and warnings is not None:
                warnings.append(f"owner {token!r} could be any of: {', '.join(res.ambiguous)}; kept as written")
            if (res.resolved or res.ambiguous or could_be_owner(token)) and res.owner not in found:
                found.append(res.owner)
        return found

    def tokens(self, text: str, notes: bool = False) -> list[str]:
        """``split_owners``, with names run together ("R Morris S Edgell") told apart by the people present.

        With ``notes``, a cell that opens with a note keeps the owner after it ("Discuss at next meeting. EM").
        """
        out: list[str] = []
        for token in split_owners(text):
            tail = _SENTENCE_BREAK.split(token)[-1].strip(" .") if notes else token
            if tail != token and could_be_owner(tail) and not could_be_owner(token):
                token = tail
            out.extend(self._segment(token) if not self.resolve(token).resolved else [token])
        return out

    def _segment(self, token: str) -> list[str]:
        words = token.split()
        if not 2 <= len(words) <= 6 or re.search(r"[:;!?()\[\]]", token):
            return [token]  # only bare names run together, not "Chair: Beau"
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if self.resolve(head).resolved and could_be_owner(head):
                rest = self._segment(tail) if not self.resolve(tail).resolved else [tail]
                if all(self.resolve(t).resolved for t in rest):
                    return [head, *rest]
        return [token]

    def is_owner_text(self, text: str) -> bool:
        """Whether a short line consists only of owners (initials, names of people present, "ALL")."""
        tokens = self.tokens(text)
        if not tokens or len(text) > 60:
            return False
        return all(is_all(t) or is_office(t) or (t.upper() not in NOT_INITIALS and self.resolve(t).resolved)
                   for t in tokens)

    def could_own(self, text: str) -> bool:
        """Whether an Actions cell names owners at all: each part is someone present, everyone, a role or a body."""
        tokens = self.tokens(text, notes=True)
        return bool(tokens) and all(self.resolve(t).resolved or self.resolve(t).ambiguous or could_be_owner(t)
                                    for t in tokens)


@dataclass(frozen=True, slots=True)
class _Known:
    """A person present, with the forms of their name worked out once."""

    name: str
    words: tuple[str, ...]
    given: str
    """Initials the minutes give ("JM" from "J Marsh (JM - Chair)", "TRe" from "Tom Reed (TRe)"), folded."""
    roles: frozenset[str]

    @classmethod
    def of(cls, person: Person) -> "_Known":
        words = tuple(fold(_bare(person.name)).split()) or tuple(fold(person.name).split()) or ("",)
        given = person.initials or ""
        org = (person.organisation or "").strip()
        if not given and _given_initials(org, words):
            given = org  # people lists put unfamiliar initials in the brackets meant for the organisation
        roles = {_role_form(r) for r in re.split(r"\s+and\s+|/|,|&", person.role or "") if r.strip()}
        roles |= {f for f in (_role_form(o) for o in re.split(r"\s+and\s+|/|,|&", org)) if f.split()[-1:] and
                  f.split()[-1] in _OFFICES}  # "(Hon. Secretary)" read as an organisation
        return cls(person.name, words, given.casefold(), frozenset(roles))


def _given_initials(text: str, words: tuple[str, ...]) -> bool:
    """"TRe" beside Tom Reed: 2-4 letters, capital first, starting with the name's first initial."""
    return (bool(re.fullmatch(r"[A-Z][A-Za-z]{1,3}", text)) and sum(c.isupper() for c in text) >= 2
            and bool(words[0]) and text[0].casefold() == words[0][0])


def _matches(token: str, people: list[_Known]) -> list[_Known]:
    bare = _bare(token)
    key = fold(bare)
    if not key or key in NOT_NAMES:
        return []
    compact = bare.replace(".", "").replace(" ", "")
    capitals = sum(c.isupper() for c in compact)
    if compact.isalpha() and 2 <= len(compact) <= 4 and (compact.isupper() or (" " not in bare and capitals >= 2)):
        given = [p for p in people if p.given == compact.casefold()]
        if not given and compact.isupper():
            given = [p for p in people if _initials_fit(compact, p.words)]
        if given or not compact.isupper() or len(compact) < _MIN_PREFIX:
            return given
    for rule in (_full, _first_initial, _initial_last, _first, _last, _familiar, _role, _role_head):
        found = [p for p in people if rule(key, p)]
        if found:
            return found
    return []


def _initials_fit(initials: str, words: tuple[str, ...]) -> bool:
    full = "".join(w[0] for w in words if w).upper()
    first_last = (words[0][0] + words[-1][0]).upper() if len(words) >= 2 else full
    return initials in (full, first_last)


def _full(key: str, person: _Known) -> bool:
    return " ".join(person.words) == key


def _first_initial(key: str, person: _Known) -> bool:
    """"Nick A." for Nick Atkins."""
    parts = key.split()
    return (len(parts) == 2 and len(parts[1]) == 1 and len(person.words) >= 2 and person.words[0] == parts[0]
            and person.words[-1][:1] == parts[1])


def _initial_last(key: str, person: _Known) -> bool:
    """"R Morris" for Roger Morris."""
    parts = key.split()
    return (len(parts) >= 2 and len(parts[0]) == 1 and len(person.words) >= 2 and person.words[0][:1] == parts[0]
            and " ".join(parts[1:]) in (person.words[-1], " ".join(person.words[1:])))


def _first(key: str, person: _Known) -> bool:
    return person.words[0] == key


def _last(key: str, person: _Known) -> bool:
    words = person.words
    return len(words) > 1 and (words[-1] == key or " ".join(words[1:]) == key)


def _familiar(key: str, person: _Known) -> bool:
    """"Sam" for Samuel, "Ceri" for Ceridwen, "Bob" for Robert."""
    first = person.words[0]
    if " " in key or len(first) <= len(key):
        return False
    return (len(key) >= _MIN_PREFIX and first.startswith(key)) or first in _NICKNAMES.get(key, ())


def _role_form(role: str) -> str:
    key = fold(role)
    for _ in range(3):  # "the Hon. Secretary to the Board"
        shorter = _ROLE_DROP.sub("", key)
        if shorter == key:
            break
        key = shorter
    return _ROLE_FORMS.get(key, key)


def _role(key: str, person: _Known) -> bool:
    """"Clerk" is the person whose role is "Clerk and RFO"; "Chairman" the one listed as Chair."""
    return _role_form(key) in person.roles


def _role_head(key: str, person: _Known) -> bool:
    """"Secretary" is the Minutes Secretary when no one is plain Secretary; never "Chair" for the Vice-Chair."""
    form = _role_form(key)
    return " " not in form and any(r.split()[-1] == form and r.split()[0] not in _ROLE_QUALIFIERS
                                   for r in person.roles if r)


def owner_matches(query: str, owners: list[str], owners_text: str | None = None, people: list[Person] = ()) -> bool:
    """Whether ``query`` (full name, first name, surname or initials) names one of an action's owners."""
    key = fold(query)
    if not key:
        return False
    if key == ALL:
        return ALL in owners
    given = {p.name: (p.initials or "").casefold() for p in people}
    for owner in owners:
        if owner == ALL:
            continue
        words = fold(owner).split()
        if key in (" ".join(words), words[0], words[-1]) or key == initials_of(owner).casefold() or key == given.get(owner):
            return True
    return any(fold(t) == key for t in split_owners(owners_text or ""))
