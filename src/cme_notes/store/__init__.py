"""The SQLite index: meetings from many minutes in one file, queried across meetings.

    >>> from cme_notes.store import Index, load_files
    >>> with Index("minutes.db") as index:
    ...     load_files(index, ["minutes/"])          # re-running skips unchanged files
    ...     index.actions(owner="Owen", overdue_on=datetime.date(2025, 4, 1))

``Index().add(meeting)`` takes records from anywhere (``cme_notes.parse``,
your own code); ``Index()`` with no path lives in memory.
"""
from __future__ import annotations

from .index import ADDED, REPLACED, REVIEWED, SET, UNCHANGED, Index
from .load import FAILED, SKIPPED, Loaded, LoadReport, load_file, load_files
from .passages import ItemText, item_texts
from .records import ActionRecord, AttendanceRecord, FutureRecord, MeetingRecord, SearchHit
from .schema import SCHEMA_VERSION, SchemaError

__all__ = [
    "ADDED", "FAILED", "REPLACED", "REVIEWED", "SET", "UNCHANGED", "ActionRecord", "AttendanceRecord", "FutureRecord", "Index",
    "ItemText", "LoadReport", "Loaded", "MeetingRecord", "SCHEMA_VERSION", "SKIPPED", "SchemaError", "SearchHit",
    "item_texts", "load_file", "load_files",
]
