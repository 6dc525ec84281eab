"""Which meeting titles are one group, as the user's alias file says.

Meetings of one group share the folded title ("Oakridge Parish Council" and
"OAKRIDGE PARISH COUNCIL"); a ``[groups]`` table in the user's alias file
joins titles no rule can, and only those::

    [groups]
    "Oakridge Parish Council" = ["Oakridge PC", "Oakridge Parish Council Meeting"]

"Oakridge Parish Council Planning Committee" stays a group of its own unless
it is listed too: committees and their parent body are kept apart by default.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Mapping

from ..extract.owners import fold


class GroupTableError(ValueError):
    """A [groups] table that is not "name" = ["variant", ...]; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class GroupAliases:
    """Folded title -> the group's name, for the titles the user listed (and each group's own name)."""

    table: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, entries: object) -> "GroupAliases":
        """From the [groups] table as TOML gives it: {"name": ["variant", ...]}."""
        if not isinstance(entries, dict) or not all(
                isinstance(v, list) and all(isinstance(w, str) for w in v) for v in entries.values()):
            raise GroupTableError('[groups] must hold lines like "group name" = ["variant", "other variant"]')
        table: dict[str, str] = {}
        for name, variants in entries.items():
            for written in (name, *variants):
                key = fold(written)
                if table.get(key, name) != name:
                    raise GroupTableError(f'[groups]: "{written}" is listed under both "{table[key]}" and "{name}"')
                table[key] = name
        return cls(table)

    def name(self, title: str | None) -> str | None:
        """The group a meeting title belongs to: the user's name for it, else the title itself."""
        if title is None:
            return None
        return self.table.get(fold(title), title)

    def key(self, title: str | None) -> str | None:
        """What meetings of one group share (the index's group_key)."""
        name = self.name(title)
        return fold(name) if name else None

    def matches(self, group_key: str | None, text: str) -> bool:
        """Whether ``--group TEXT`` takes a meeting of ``group_key``: a name or variant the user listed means that
        group exactly (not the committees whose names contain it); other text, any group whose name contains it."""
        wanted = fold(text)
        if wanted in self.table:
            return group_key == fold(self.table[wanted])
        return group_key is not None and wanted in group_key

    @property
    def fingerprint(self) -> str:
        """Changes when the table changes (an index regroups its meetings then); "" for no table."""
        if not self.table:
            return ""
        return hashlib.sha256(json.dumps(sorted(self.table.items())).encode()).hexdigest()[:16]
