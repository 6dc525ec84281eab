"""The quality of many records in one line, for the end of a run (``batch``, ``index``, ``actions`` on folders).

    35 of 92 records: 35 nobody present; 20 no date; 23 scanned (`cme-notes check` lists them)

Only findings that spoil the data where it is used are counted (see
``Code.summary``); a missing due date or a skipped item number is for
``cme-notes check``.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .codes import CODES


def quality_counts(codes_per_record: Iterable[Iterable[str]]) -> tuple[int, int, Counter[str]]:
    """(records, records with a counted finding, records per code), each record counted once per code."""
    total = spoiled = 0
    counts: Counter[str] = Counter()
    for codes in codes_per_record:
        total += 1
        counted = {c for c in codes if c in CODES and CODES[c].summary}
        counts.update(counted)
        spoiled += bool(counted)
    return total, spoiled, counts


def summary_line(codes_per_record: Iterable[Iterable[str]]) -> str | None:
    """One line saying how many records have each kind of fault; None when none has any.

    Give each record's finding codes (``[f.code for f in m.findings]``), or its
    warnings read through ``code_of`` (an index stores messages only).
    """
    total, spoiled, counts = quality_counts(codes_per_record)
    if not spoiled:
        return None
    parts = [f"{counts[code]} {CODES[code].label}" for code in CODES if counts[code]]
    return f"quality: {spoiled} of {total} record{'s' if total != 1 else ''}: " + "; ".join(parts) + \
        " (cme-notes check FILE lists them)"
