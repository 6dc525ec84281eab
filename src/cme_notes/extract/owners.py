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

    def resolve(self, token: str) -> Resolution:
        token = token.strip()
        if is_all(token):
            return Resolution(ALL, resolved=True)
        for people in self.groups:
            matches = self._matches(token, people)
            if len(matches) == 1:
                return Resolution(matches[0].name, resolved=True)
            if len(matches) > 1:
                return Resolution(token, ambiguous=tuple(p.name for p in matches))
        return Resolution(token)

    def _matches(self, token: str, people: list[Person]) -> list[Person]:
        bare = re.sub(r"^(?:" + "|".join(HONORIFICS) + r")\.?\s+", "", token, flags=re.IGNORECASE)
        key = fold(bare)
        if not key:
            return []
        compact = bare.replace(".", "").replace(" ", "")
        if compact.isupper() and compact.isalpha() and 2 <= len(compact) <= 4:
            given = [p for p in people if p.initials and p.initials.upper() == compact]
            if given:
                return given
            return [p for p in people if _initials_fit(compact, p.name)]
        for rule in (_full, _first, _last, _role):
            found = [p for p in people if rule(key, p)]
            if found:
                return found
        return []

    def is_owner_text(self, text: str) -> bool:
        """Whether a short line consists only of owners (initials, names of people present, "ALL")."""
        tokens = split_owners(text)
        if not tokens or len(text) > 60:
            return False
        return all(is_all(t) or (t.upper() not in NOT_INITIALS and self.resolve(t).resolved) for t in tokens)


def _initials_fit(initials: str, name: str) -> bool:
    full = initials_of(name)
    words = name.split()
    first_last = (words[0][0] + words[-1][0]).upper() if len(words) >= 2 else full
    return initials in (full, first_last)


def _full(key: str, person: Person) -> bool:
    return fold(person.name) == key


def _first(key: str, person: Person) -> bool:
    return fold(person.name).split()[0] == key


def _last(key: str, person: Person) -> bool:
    words = fold(person.name).split()
    return len(words) > 1 and (words[-1] == key or " ".join(words[1:]) == key)


def _role(key: str, person: Person) -> bool:
    """"Clerk" is the person whose role is "Clerk and RFO"."""
    key = re.sub(r"^the ", "", key)
    return bool(person.role) and key in {fold(r) for r in re.split(r"\s+and\s+|/|,", person.role)}


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
