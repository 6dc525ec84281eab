"""Organisations written differently ("Hants", "Hampshire County Council") grouped under one name.

The built-in table (``cme_notes/data/org_aliases.toml``) holds English local
authorities' conventional abbreviations; a user file with the same
``[organisations]`` table adds to it and wins over it. Views always keep the
name as written next to the canonical one, so a wrong alias is visible. The
same file's ``[people]`` joins a person's names and ``[groups]`` a group's
titles (see :mod:`.groups`).
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Mapping

from ..extract.owners import fold
from .groups import GroupAliases, GroupTableError

_BUILT_IN = "org_aliases.toml"


class AliasFileError(ValueError):
    """A user alias file that can't be read; the message names the file and the problem."""


def _key(text: str) -> str:
    """What alias matching compares: case, dots, "&"/"and", spacing and punctuation don't count."""
    return fold(re.sub(r"\s*&\s*", " and ", text.replace(".", " ")))


def _tidy(text: str) -> str:
    """The name as written, cleaned for display: one space, "and" for "&", no dots after initials."""
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\b([A-Z])\.(?=\s|$)", r"\1", text)  # "E. Sussex" -> "E Sussex"
    return " ".join(text.split()).strip(" ,;")


@dataclass(slots=True)
class OrgAliases:
    """Canonical organisation names: built-in abbreviations, council wording, compass points, user aliases."""

    table: dict[str, str] = field(default_factory=dict)
    """Alias key -> canonical name."""
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    directions: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    """Person aliases from a user file's [people] table (name as written -> canonical name)."""
    groups: GroupAliases = field(default_factory=GroupAliases)
    """Meeting titles that are one group, from a user file's [groups] table."""
    fingerprint: str = ""
    """Changes when the tables change: an index relinks its organisations then."""
    _prefix: re.Pattern | None = field(default=None, repr=False)
    _suffix: re.Pattern | None = field(default=None, repr=False)
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    """Names already made canonical: an archive writes the same few hundred names thousands of times."""

    user_text: str | None = None
    """The user file's text, kept so that an index can remember the aliases it was built with."""

    @classmethod
    def load(cls, user_file: str | Path | None = None, *, user_text: str | None = None,
             user_name: str = "aliases") -> "OrgAliases":
        """The built-in table, extended (and overridden) by ``user_file`` (or the same TOML as ``user_text``)."""
        if user_file is not None:
            try:
                user_text = Path(user_file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise AliasFileError(f"{user_file}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
            user_name = str(user_file)
        raw = resources.files("cme_notes.data").joinpath(_BUILT_IN).read_bytes()
        built_in = tomllib.loads(raw.decode("utf-8"))
        digest = hashlib.sha256(raw)
        rules = built_in.get("rules", {})
        aliases = cls(prefixes=list(rules.get("prefixes", [])), suffixes=list(rules.get("suffixes", [])),
                      directions={k.casefold(): v for k, v in rules.get("directions", {}).items()})
        aliases._extend(built_in.get("organisations", {}))
        if user_text is not None:
            user = _parse_user_file(user_text, user_name)
            digest.update(user_text.encode("utf-8"))
            aliases._extend(user.get("organisations", {}))
            aliases.people.update(user.get("people", {}))
            aliases.groups = user["groups"]
            aliases.user_text = user_text
        aliases.fingerprint = digest.hexdigest()[:16]
        aliases._compile()
        return aliases

    def _compile(self) -> None:
        longest_first = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
        self._prefix = re.compile(rf"^(?:the\s+)?(?:{longest_first(self.prefixes)})\s+(?=\S)", re.IGNORECASE) if self.prefixes else None
        self._suffix = re.compile(rf"(?<=\S)\s*[,(]?\s*\b(?:{longest_first(self.suffixes)})\)?$", re.IGNORECASE) if self.suffixes else None
        self._cache.clear()

    def _extend(self, entries: Mapping[str, str]) -> None:
        self._cache.clear()
        for written, canonical in entries.items():
            for key in {_key(written), _key(self._expand(_tidy(written)))}:
                self.table[key] = canonical

    def canonical(self, name: str | None) -> str | None:
        """"W Berks" -> "West Berkshire", "Hampshire County Council" -> "Hampshire", "NCME" -> "NCME"."""
        if name is None or not name.strip():
            return None
        if name not in self._cache:
            self._cache[name] = self._canonical(name)
        return self._cache[name]

    def _canonical(self, name: str) -> str:
        tidy = _tidy(name)
        for candidate in self._candidates(tidy):
            found = self.table.get(_key(candidate))
            if found is not None:
                return found
        # no alias: the name without council wording, compass points spelled out
        return self._expand(self._strip(tidy)) or tidy

    def key(self, name: str | None) -> str | None:
        """What names of one organisation share (for grouping)."""
        canonical = self.canonical(name)
        return _key(canonical) if canonical else None

    def _candidates(self, tidy: str) -> list[str]:
        stripped = self._strip(tidy)
        return [tidy, self._expand(tidy), stripped, self._expand(stripped)]

    def _strip(self, name: str) -> str:
        """Without "London Borough of" before or "County Council" after, when something is left."""
        if self._prefix is None and self._suffix is None:
            self._compile()
        out = name
        if self._prefix is not None and (m := self._prefix.match(out)):
            out = out[m.end():]
        if self._suffix is not None and (m := self._suffix.search(out)):
            out = out[: m.start()]
        return out.strip(" ,") or name

    def _expand(self, name: str) -> str:
        """"W Berks" -> "West Berks": a compass abbreviation leading a name of two or more words."""
        words = name.split()
        if len(words) >= 2 and words[0].rstrip(".").casefold() in self.directions and words[1][:1].isalpha():
            return " ".join([self.directions[words[0].rstrip(".").casefold()], *words[1:]])
        return name


def _parse_user_file(text: str, path: str) -> dict:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AliasFileError(f"{path}: not a valid TOML file ({exc})") from None
    for table in ("organisations", "people"):
        entries = data.get(table, {})
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            raise AliasFileError(f'{path}: [{table}] must hold lines like "as written" = "canonical name"')
    unknown = set(data) - {"organisations", "people", "groups"}
    if unknown:
        raise AliasFileError(f"{path}: unknown table(s) {', '.join(sorted(unknown))};"
                             " expected [organisations], [people] or [groups]")
    try:
        data["groups"] = GroupAliases.from_toml(data.get("groups", {}))
    except GroupTableError as exc:
        raise AliasFileError(f"{path}: {exc}") from None
    return data
