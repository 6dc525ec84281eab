"""Action owners: "MS / CO", "Chris", "ALL", "Clerk" resolved to the people present."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models import Person
from .people import HONORIFICS, initials_of

ALL = "all"
_ALL_WORDS = {"all", "everyone", "all members", "members", "all attendees", "all las", "everybody", "group", "all present",
              "all governors", "all councillors", "the group", "all colleagues"}
_SPLIT = re.compile(r"\s*(?:/|,|&|;|\+|\band\b)\s*", re.IGNORECASE)
# Upper-case words that stand alone in minutes without being anybody's initials.
NOT_INITIALS = {"AOB", "TBC", "TBA", "NA", "N/A", "NB", "CME", "EHE", "LA", "LAS", "DFE", "DCS", "SEND", "ASAP", "FYI",
                "AGM", "ITEM", "NOTE", "NOTES", "ACTION", "ACTIONS", "OK", "PS"}


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    if not text.isascii():  # ASCII has no accents to drop (and this runs for every line of some minutes)
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
    text = re.sub(r"^\s*(?:action(?:s|\s+by)?|owner|lead|who)\s*[:\-–]\s*", "", text.strip(), flags=re.IGNORECASE)
    parts = [p.strip(" .()") for p in _SPLIT.split(text)]
    return [p for p in parts if p]


def is_all(token: str) -> bool:
    return fold(token) in _ALL_WORDS


class OwnerResolver:
    """Maps what minutes write for a person to who they are, among the people present (then those who sent apologies)."""

    def __init__(self, attendees: list[Person], apologies: list[Person] = ()) -> None:
        self.groups = [list(attendees), list(apologies)]
        # each group's people by every key a rule matches, built once: resolving a token looks
        # its keys up instead of scanning the people (a long register times many actions was quadratic)
        self._indexes = [_index(people) for people in self.groups]
        self._resolved: dict[str, Resolution] = {}

    def resolve(self, token: str) -> Resolution:
        token = token.strip()
        known = self._resolved.get(token)
        if known is None:
            known = self._resolved[token] = self._resolve(token)
        return known

    def _resolve(self, token: str) -> Resolution:
        if is_all(token):
            return Resolution(ALL, resolved=True)
        for index in self._indexes:
            matches = self._matches(token, index)
            if len(matches) == 1:
                return Resolution(matches[0].name, resolved=True)
            if len(matches) > 1:
                return Resolution(token, ambiguous=tuple(p.name for p in matches))
        return Resolution(token)

    def _matches(self, token: str, index: dict) -> list[Person]:
        bare = re.sub(r"^(?:" + "|".join(HONORIFICS) + r")\.?\s+", "", token, flags=re.IGNORECASE)
        key = fold(bare)
        if not key:
            return []
        compact = bare.replace(".", "").replace(" ", "")
        if compact.isupper() and compact.isalpha() and 2 <= len(compact) <= 4:
            return index[_given].get(compact) or index[_initials_fit].get(compact, [])
        for rule in (_full, _first, _last, _role):
            found = index[rule].get(re.sub(r"^the ", "", key) if rule is _role else key)
            if found:
                return found
        return []

    def is_owner_text(self, text: str) -> bool:
        """Whether a short line consists only of owners (initials, names of people present, "ALL")."""
        tokens = split_owners(text)
        if not tokens or len(text) > 60:
            return False
        return all(is_all(t) or (t.upper() not in NOT_INITIALS and self.resolve(t).resolved) for t in tokens)


def _index(people: list[Person]) -> dict:
    """For each rule, the people by each key they answer to under it, in list order."""
    index: dict = {}
    for rule in (_given, _initials_fit, _full, _first, _last, _role):
        table: dict[str, list[Person]] = index.setdefault(rule, {})
        for person in people:
            for key in rule(person):
                table.setdefault(key, []).append(person)
    return index


def _given(person: Person) -> set[str]:
    """The initials the minutes gave: "Jane Smith (JS)"."""
    return {person.initials.upper()} if person.initials else set()


def _initials_fit(person: Person) -> set[str]:
    full = initials_of(person.name)
    words = person.name.split()
    first_last = (words[0][0] + words[-1][0]).upper() if len(words) >= 2 else full
    return {full, first_last}


def _full(person: Person) -> set[str]:
    return {fold(person.name)}


def _first(person: Person) -> set[str]:
    words = fold(person.name).split()
    return {words[0]} if words else set()


def _last(person: Person) -> set[str]:
    words = fold(person.name).split()
    return {words[-1], " ".join(words[1:])} if len(words) > 1 else set()


def _role(person: Person) -> set[str]:
    """"Clerk" is the person whose role is "Clerk and RFO"."""
    return {fold(r) for r in re.split(r"\s+and\s+|/|,", person.role)} if person.role else set()


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
