"""Who is who across meetings: one person however the name is written, one organisation however abbreviated."""
from __future__ import annotations

from .closest import closest
from .groups import GroupAliases
from .names import PeopleRegistry, PersonIdentity, name_keys, person_key, strip_honorifics
from .orgs import AliasFileError, OrgAliases

__all__ = ["AliasFileError", "GroupAliases", "OrgAliases", "PeopleRegistry", "PersonIdentity", "closest", "name_keys",
           "person_key", "strip_honorifics"]
