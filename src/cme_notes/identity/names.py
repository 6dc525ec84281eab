"""One person across meetings, however each set of minutes writes the name.

Minutes of one group write the same person as ``Dr Alan Webb`` and ``Alan
Webb``, ``Priya Castell-Moore`` and ``Priya Castell Moore``, ``K Armitage``
and ``Keith Armitage``. A :func:`person_key` makes the first two kinds equal
(honorifics, case, accents, hyphens and dots don't count); the
:class:`PeopleRegistry` joins an initial-only form to the one full name it can
stand for, and only when there is exactly one: ``J Patel`` stays apart when
both Josh and Jaya Patel are known, and people who merely share a surname
(Hannah and Josh Patel) are never joined.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ..extract.owners import fold
from ..extract.people import HONORIFICS

_HONORIFIC = re.compile(r"^(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+", re.IGNORECASE)


def strip_honorifics(name: str) -> str:
    """"Cllr Mrs Ann Whitlock" -> "Ann Whitlock"; a name that is only a title is kept as it is."""
    bare = name.strip()
    while (m := _HONORIFIC.match(bare)) is not None and bare[m.end():].strip():
        bare = bare[m.end():]
    return bare.strip()


def person_key(name: str) -> str:
    """The form two spellings of one name share: no honorific, case, accents, dots, hyphens."""
    return fold(strip_honorifics(name).replace(".", " "))


def name_keys(name: str) -> dict[str, str]:
    """Every way minutes may name this person, by kind: full, first, surname, last, initials.

    For "Priya Castell Moore": full "priya castell moore", first "priya",
    surname "castell moore", last "moore", initials "pcm". One-word names have
    only a full key (a lone "Chris" is both the first name and the whole name).
    """
    key = person_key(name)
    words = key.split()
    if len(words) < 2:
        return {"full": key} if key else {}
    keys = {"full": key, "first": words[0], "last": words[-1], "initials": "".join(w[0] for w in words)}
    if len(words) > 2:
        keys["surname"] = " ".join(words[1:])
    return keys


def _initial_form(words: list[str]) -> tuple[list[str], list[str]] | None:
    """("k", "armitage") for "k armitage", (["p"], ["castell", "moore"]) for "p castell moore"; None for a full name."""
    n = 0
    while n < len(words) and len(words[n]) == 1:
        n += 1
    if n == 0 or n == len(words) or any(len(w) == 1 for w in words[n:]):
        return None
    return words[:n], words[n:]


def _fits(initials: list[str], surname: list[str], full: list[str]) -> bool:
    """Whether "k" + "armitage" can be short for "keith armitage" (not for "kate armitage-jones")."""
    given = full[: len(full) - len(surname)]
    return (full[len(given):] == surname and 1 <= len(initials) <= len(given)
            and all(g.startswith(i) for i, g in zip(initials, given)))


@dataclass(slots=True)
class PersonIdentity:
    key: str
    """The key of the fullest form: what rows about this person share."""
    name: str
    """The name to show: the spelling written most often (then most recently), full forms first."""
    variants: list[str] = field(default_factory=list)
    """Every spelling seen, as written (without honorifics), in order of first appearance."""


class PeopleRegistry:
    """Names seen across meetings, joined into people.

    Add names in the order they were written (oldest meeting first), then ask
    :meth:`resolve` for a name's identity key and :meth:`identity` for the
    person. ``aliases`` maps a name as written to the name it stands for
    ("Tommy Bradshaw" = "Tom Bradshaw"), for what no rule can know.
    """

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self._aliases = {person_key(k): v for k, v in (aliases or {}).items()}
        self._seen: dict[str, Counter[str]] = {}
        self._order: dict[str, int] = {}
        self._first: dict[tuple[str, str], int] = {}
        self._last: dict[tuple[str, str], int] = {}
        self._n = 0
        self._merged: dict[str, str] | None = None

    def add(self, name: str) -> None:
        written = strip_honorifics(self._aliases.get(person_key(name), name))
        key = person_key(written)
        if not key:
            return
        self._n += 1
        self._seen.setdefault(key, Counter())[written] += 1
        self._order.setdefault(key, self._n)
        self._first.setdefault((key, written), self._n)
        self._last[(key, written)] = self._n
        self._merged = None

    def add_all(self, names: Iterable[str]) -> "PeopleRegistry":
        for name in names:
            self.add(name)
        return self

    def resolve(self, name: str) -> str:
        """The identity key for a name (its own key when it was never added)."""
        key = person_key(self._aliases.get(person_key(name), name))
        return self._merge().get(key, key)

    def keys_of(self, name: str) -> set[str]:
        """Every key written for the person ``name`` stands for: their spellings in one set."""
        target = self.resolve(name)
        return {k for k, v in self._merge().items() if v == target} | {target}

    def identity(self, key: str) -> PersonIdentity:
        members = [k for k, v in self._merge().items() if v == key] or [key]
        counts: Counter[str] = Counter()
        for k in members:
            counts.update(self._seen.get(k, Counter()))
        if not counts:
            return PersonIdentity(key, key, [])
        full = {w for w in counts if _initial_form(person_key(w).split()) is None}
        best = max(counts, key=lambda w: (w in full, counts[w], max(self._last.get((k, w), 0) for k in members)))
        variants = sorted(counts, key=lambda w: min(self._first[(k, w)] for k in members if (k, w) in self._first))
        return PersonIdentity(key, best, variants)

    def identities(self) -> list[PersonIdentity]:
        return [self.identity(k) for k in sorted(set(self._merge().values()))]

    def _merge(self) -> dict[str, str]:
        if self._merged is not None:
            return self._merged
        merged = {key: key for key in self._seen}
        by_last: dict[str, list[list[str]]] = {}
        for key in self._seen:
            words = key.split()
            if len(words) >= 2 and _initial_form(words) is None:
                by_last.setdefault(words[-1], []).append(words)
        for key in self._seen:
            form = _initial_form(key.split())
            if form is None:
                continue
            initials, surname = form
            fits = [f for f in by_last.get(surname[-1], []) if _fits(initials, surname, f)]
            if len(fits) == 1:  # exactly one person it can be; two or none: keep apart
                merged[key] = " ".join(fits[0])
        self._merged = merged
        return merged
