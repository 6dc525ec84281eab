"""The names nearest to one that matched nothing: what to suggest for a mistyped --owner, --group or --name."""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterable, Mapping

from ..extract.owners import fold

SIMILAR = 0.6
"""difflib's own default cut-off: "Jon" is near "John" and "Joan" (0.86 each), far from "John Baker" whole (0.46)."""
SUGGESTED = 3
"""A hint names a few, not a directory."""


def closest(query: str, forms: Mapping[str, Iterable[str]], limit: int = SUGGESTED,
            cutoff: float = SIMILAR) -> list[str]:
    """The labels whose forms come nearest ``query``, best first (ties by label).

    ``forms`` maps what to show ("John Baker (JB)") to every way it may be
    written ("John Baker", "john", "baker", "jb"): a query is scored against
    the nearest of them, so a first name alone finds its person.
    """
    wanted = fold(query)
    if not wanted:
        return []
    scored = []
    for label, written in forms.items():
        score = max((SequenceMatcher(None, wanted, f).ratio() for f in {fold(w) for w in written} if f), default=0.0)
        if score >= cutoff:
            scored.append((-score, label.casefold(), label))
    return [label for *_, label in sorted(scored)[:limit]]
