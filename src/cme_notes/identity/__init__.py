"""Who is who across meetings: one person however the name is written, one organisation however abbreviated."""
from __future__ import annotations

from .names import PeopleRegistry, PersonIdentity, name_keys, person_key, strip_honorifics
from .orgs import AliasFileError, OrgAliases

__all__ = ["AliasFileError", "OrgAliases", "PeopleRegistry", "PersonIdentity", "name_keys", "person_key",
           "strip_honorifics"]
