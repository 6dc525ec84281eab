"""Action owners: "MS / CO", "Chris", "Cllr Smith", "ALL", "Clerk" resolved to the people present."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..models import Person
from .owner_words import NOT_INITIALS, NOT_NAMES, could_be_owner, is_group, is_initials
from .people import HONORIFICS, initials_of

__all__ = ["ALL", "NOT_INITIALS", "OwnerResolver", "Resolution", "fold", "is_all", "is_office", "owner_matches", "plural_title", "split_owners"]

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
FOLD_CACHE = 4096
"""Folded names kept for reuse: more than a long meeting's people, roles and owner cells, a few hundred KB at most."""
# Offices whose holder minutes name by the office alone ("Clerk to write to …").
_OFFICES = {"chair", "clerk", "rfo", "secretary", "treasurer", "headteacher", "president", "mayor", "principal"}
# A role's first word that makes it a different post from its last word ("Vice-Chair" is not the Chair).
_ROLE_QUALIFIERS = {"vice", "deputy", "assistant", "co", "past", "former", "outgoing", "incoming"}


# Pure, and asked again for every owner cell, role and attendee of a meeting: the same few hundred strings.
@lru_cache(maxsize=FOLD_CACHE)
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


def plural_title(text: str) -> str:
    """"Cllrs Akers and Gould": the plural title speaks for every name after it."""
    return re.sub(r"^\s*(?:Cllrs|Councillors)\.?\s+", "", text)


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
        self.groups = [_Index([_Known.of(p) for p in group if not is_office(p.name)]) for group in (attendees, apologies)]
        self.offices = {_role_form(office): name for office, name in (offices or {}).items()}
        """Office → holder named at the top of the minutes ("the Clerk: Tom Brown")."""
        self._seen: dict[str, Resolution] = {}
        """Each distinct token is looked up among the people once, however many cells repeat it."""

    def joined(self, present: list[Person], offices: dict[str, str]) -> "OwnerResolver":
        """This resolver with ``present`` added to the people present and ``offices`` known: the officers the
        top of the minutes names, found with this one, without indexing a long list again."""
        for person in present:
            if not is_office(person.name):
                self.groups[0].add(_Known.of(person))
        self.offices = {_role_form(office): name for office, name in offices.items()}
        self._seen.clear()
        return self

    def resolve(self, token: str) -> Resolution:
        token = token.strip()
        known = self._seen.get(token)
        if known is None:
            known = self._seen[token] = self._resolve(token)
        return known

    def _resolve(self, token: str) -> Resolution:
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
            matches = people.matches(token)
            if len(matches) == 1:
                return Resolution(matches[0].name, resolved=True)
            if len(matches) > 1:
                return Resolution(token, ambiguous=tuple(p.name for p in matches))
        return Resolution(token)

    def owners(self, text: str, warnings: list[str] | None = None) -> list[str]:
        """The owners an Actions cell or a lead names: people resolved, the whole body as "all", bodies and
        offices nobody holds as written, non-owners (verbs, fragments, amounts) left out."""
        found: list[str] = []
        for token in self.tokens(plural_title(text), notes=True):
            token = re.sub(r"^the\s+", "", token, flags=re.IGNORECASE)  # "the Clerk" is the Clerk
            res = self.resolve(token)
            if not res.resolved and not res.ambiguous and is_group(token):
                res = Resolution(ALL, resolved=True)
            if res.ambiguous and warnings is not None:
                warnings.append(f"owner {token!r} could be any of: {', '.join(res.ambiguous)}; kept as written")
            if (res.resolved or res.ambiguous or could_be_owner(token) or is_office(token)) and res.owner not in found:
                found.append(res.owner)
        return found

    def tokens(self, text: str, notes: bool = False) -> list[str]:
        """``split_owners``, with names run together ("R Moss S Egan") told apart by the people present.

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
        if not 2 <= len(words) <= 6 or re.search(r"[:;!?()\[\]]", token) or not could_be_owner(token):
            return [token]  # only bare names run together, not "Chair: Bea"
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if self.resolve(head).resolved and could_be_owner(head):
                rest = self._segment(tail) if not self.resolve(tail).resolved else [tail]
                if all(self.resolve(t).resolved for t in rest):
                    return [head, *rest]
        return [token]

    def is_owner_text(self, text: str) -> bool:
        """Whether a short line consists only of owners (initials, names of people present, "ALL")."""
        if len(text) > 60:
            return False
        tokens = self.tokens(text)
        if not tokens:
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


class _Index:
    """People of one list, looked up by every form minutes write their names in: built once, so that each
    token costs a few dictionary look-ups however long the list."""

    def __init__(self, people: list[_Known]) -> None:
        self.by: dict[str, dict[str, list[_Known]]] = {rule: {} for rule in _RULES + ("given", "initials")}
        for person in people:
            self.add(person)

    def add(self, person: _Known) -> None:
        for rule, keys in _keys_of(person).items():
            for key in dict.fromkeys(keys):
                self.by[rule].setdefault(key, []).append(person)

    def matches(self, token: str) -> list[_Known]:
        bare = _bare(token)
        key = fold(bare)
        if not key or key in NOT_NAMES:
            return []
        compact = bare.replace(".", "").replace(" ", "")
        capitals = sum(c.isupper() for c in compact)
        if compact.isalpha() and 2 <= len(compact) <= 4 and (compact.isupper() or (" " not in bare and capitals >= 2)):
            given = self.by["given"].get(compact.casefold(), [])
            if not given and compact.upper() in NOT_INITIALS:
                return []  # "NO" of "Cheque No." is nobody's initials unless the list says so
            if not given and compact.isupper():
                given = self.by["initials"].get(compact, [])
            if given or not compact.isupper() or len(compact) < _MIN_PREFIX:
                return list(given)
        role = _role_form(key)
        for rule in _RULES:
            found = self.by[rule].get(role if rule.startswith("role") else key)
            if found:
                return list(found)
        return []


_RULES = ("full", "first_initial", "initial_last", "first", "last", "familiar", "role", "role_head")
"""The forms tried in turn: the first that fits anybody decides (two fits: ambiguous)."""
_FORMAL = {formal: {nick for nick, names in _NICKNAMES.items() if formal in names}
           for formal in {name for names in _NICKNAMES.values() for name in names}}


def _keys_of(person: _Known) -> dict[str, list[str]]:
    """Every key under which ``person`` is found, by rule: "Nick A" for Nick Atkins, "r morris" for Roger Morris,
    "sam" for Samuel, "clerk" for the Clerk and RFO."""
    words = person.words
    first, rest = words[0], " ".join(words[1:])
    two = len(words) >= 2
    full = "".join(w[0] for w in words if w).upper()
    heads = [r.split()[-1] for r in person.roles if r and " " not in r.split()[-1] and r.split()[0] not in _ROLE_QUALIFIERS]
    return {
        "given": [person.given] if person.given else [],
        "initials": [full, (first[:1] + words[-1][:1]).upper()] if two else [full],
        "full": [" ".join(words)],
        "first_initial": [f"{first} {words[-1][:1]}"] if two else [],
        "initial_last": [f"{first[:1]} {words[-1]}", f"{first[:1]} {rest}"] if two and first else [],
        "first": [first],
        "last": [words[-1], rest] if two else [],
        "familiar": [first[:n] for n in range(_MIN_PREFIX, len(first))] + sorted(_FORMAL.get(first, ())),
        "role": sorted(person.roles),
        "role_head": heads,
    }


@lru_cache(maxsize=FOLD_CACHE)
def _role_form(role: str) -> str:
    key = fold(role)
    for _ in range(3):  # "the Hon. Secretary to the Board"
        shorter = _ROLE_DROP.sub("", key)
        if shorter == key:
            break
        key = shorter
    return _ROLE_FORMS.get(key, key)


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
