"""Files into an index: hash first (an unchanged file is not even read), then read, extract, add.

The reader's document is kept long enough to take each item's text for search;
that is why this reads files itself instead of going through
``engine.parse_many``, which hands back records only.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .index import ADDED, REPLACED, UNCHANGED, Index
from .passages import ItemText, item_texts

FAILED = "failed"
SKIPPED = "skipped"


@dataclass(slots=True)
class Loaded:
    path: str
    status: str
    """added, replaced, unchanged, skipped (not minutes) or failed."""
    error: str | None = None
    """Why it failed or was skipped."""


@dataclass(slots=True)
class LoadReport:
    results: list[Loaded] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[Loaded]:
        return [r for r in self.results if r.status == FAILED]

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in (ADDED, REPLACED, UNCHANGED, FAILED)]
        if self.count(SKIPPED):
            parts.append(f"{self.count(SKIPPED)} skipped (not minutes)")
        if self.pruned:
            parts.append(f"{len(self.pruned)} removed")
        return f"{len(self.results)} file(s): " + ", ".join(parts)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_files(index: Index, paths: Iterable[str | Path], *, password: str | None = None,
               max_bytes: int | None = None, prune: bool = False, commit_every: float = 1.0,
               on_result: Callable[[Loaded], None] | None = None) -> LoadReport:
    """Index minutes files and folders (searched recursively): each file is added, replaced or skipped.

    Each file's rows are replaced all or nothing; the work is committed about
    every ``commit_every`` seconds, so an interrupted run keeps what it did
    but the last moment's. ``prune`` removes meetings whose file no longer exists.
    """
    from ..engine import find_inputs

    inputs, _skipped = find_inputs(paths)
    report = LoadReport()
    with index.batched(commit_every) as tick:
        for path in inputs:
            result = load_file(index, path, password=password, max_bytes=max_bytes)
            report.results.append(result)
            tick()
            if on_result is not None:
                on_result(result)
    if prune:
        for indexed in index.paths():
            if not indexed.startswith("<") and not Path(indexed).exists():
                index.remove(indexed)
                report.pruned.append(indexed)
    return report


def load_file(index: Index, path: str | Path, *, password: str | None = None, max_bytes: int | None = None) -> Loaded:
    """Index one file (``-``: text from stdin); a failure is reported in the result, never raised."""
    from ..readers import DEFAULT_MAX_BYTES

    name = str(path)
    try:
        if name == "-":
            from .. import parse_document
            from ..models import Source
            from ..readers import read_string
            from ..readers.text import decode

            # bytes, decoded as a .txt file is (UTF-8 or Windows-1252), not with the terminal's encoding
            data = sys.stdin.buffer.read()
            document = read_string(decode(data))
            meeting = parse_document(document)
            sha = hashlib.sha256(data).hexdigest()
            meeting.source = Source(path=name, format=document.format, sha256=sha)
            return Loaded(name, index.add(meeting, sha, passages=item_texts(document)))
        limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
        if Path(path).is_file() and Path(path).stat().st_size > limit:
            read_meeting(Path(path), "", password=password, max_bytes=limit)  # raises the reader's own "too large"
        sha = file_sha256(Path(path))
        if index.sha256_of(name) == sha:
            return Loaded(name, UNCHANGED)
        meeting, passages = read_meeting(Path(path), sha, password=password, max_bytes=max_bytes)
        if not (meeting.attendees or meeting.apologies or meeting.items or meeting.actions):
            # a README or a letter in the minutes folder: nothing to count or track
            index.remove(name)
            return Loaded(name, SKIPPED, f"{name}: no people, items or actions found; not indexed as minutes")
        return Loaded(name, index.add(meeting, sha, passages=passages))
    except Exception as exc:  # one bad file must not stop the others
        return Loaded(name, FAILED, _reason(name, exc))


def read_meeting(path: Path, sha256: str, *, password: str | None = None, max_bytes: int | None = None):
    """The record of one file and each item's text, read once."""
    from .. import parse_document
    from ..models import Source
    from ..readers import DEFAULT_MAX_BYTES, read

    document = read(path, password=password, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    meeting = parse_document(document)
    meeting.source = Source(path=str(path), format=document.format, pages=document.pages, sha256=sha256)
    passages: list[ItemText] = item_texts(document)
    return meeting, passages


def _reason(name: str, exc: Exception) -> str:
    from ..errors import CmeNotesError

    if isinstance(exc, CmeNotesError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"{name}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{name}: is a folder"
    if isinstance(exc, PermissionError):
        return f"{name}: permission denied"
    if isinstance(exc, RecursionError):
        return f"{name}: too deeply nested to read"
    return f"{name}: internal error ({type(exc).__name__}: {exc}); please report it"
