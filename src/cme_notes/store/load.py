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
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..hashing import file_sha256
from ..readers.options import ReadOptions
from .index import ADDED, REPLACED, UNCHANGED, Index, source_file
from .passages import ItemText, item_texts

if TYPE_CHECKING:
    from ..cache import RecordCache
    from ..models import Meeting

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


def load_files(index: Index, paths: Iterable[str | Path], *, options: ReadOptions | None = None,
               prune: bool = False, commit_every: float = 1.0,
               on_result: Callable[[Loaded], None] | None = None, workers: int = 1,
               timeout: float | None = None, cache: "RecordCache | None" = None) -> LoadReport:
    """Index minutes files and folders (searched recursively): each file is added, replaced or skipped.

    Each file's rows are replaced all or nothing; the work is committed about
    every ``commit_every`` seconds, so an interrupted run keeps what it did
    but the last moment's. ``prune`` removes meetings whose file no longer exists.
    With ``workers`` > 1 or a ``timeout``, changed files are read in the worker
    processes of :mod:`cme_notes.pool` (the engine ``batch`` and ``parse`` use);
    the index itself is written by this process only, in input order.
    With a ``cache`` (:mod:`cme_notes.cache`), files parsed before (by ``batch``, ``parse``
    or an earlier run) are taken from it, and new records are stored in it.
    """
    from ..engine import find_inputs

    inputs, _skipped = find_inputs(paths)
    report = LoadReport()
    if timeout is None and (workers <= 1 or len(inputs) <= 1):
        results = (load_file(index, path, options, cache) for path in inputs)
    else:
        results = _load_in_workers(index, inputs, options, workers, timeout, cache)
    with index.batched(commit_every) as tick:
        for result in results:
            report.results.append(result)
            tick()
            if on_result is not None:
                on_result(result)
    if prune:
        for indexed in index.paths():
            if not indexed.startswith("<") and not Path(source_file(indexed)).exists():
                index.remove(indexed)
                report.pruned.append(indexed)
    return report


def load_file(index: Index, path: str | Path, options: ReadOptions | None = None,
              cache: "RecordCache | None" = None) -> Loaded:
    """Index one file (``-``: text from stdin); a failure is reported in the result, never raised."""
    name = str(path)
    try:
        if name == "-":
            from .. import source_of
            from ..readers import read_string
            from ..readers.text import decode

            # bytes, decoded as a .txt file is (UTF-8 or Windows-1252), not with the terminal's encoding
            data = sys.stdin.buffer.read()
            document = read_string(decode(data))
            sha = hashlib.sha256(data).hexdigest()
            return _store(index, name, _parts(document, source_of(document, name, sha)), sha)
        options = options or ReadOptions()
        sha = _checked_sha256(Path(path), options)
        if index.sha256_of(name) == sha:
            return Loaded(name, UNCHANGED)
        parts = _cached(sha, options, name, cache)
        if parts is None:
            parts, entry = _read_for_cache(Path(path), sha, options, cache)
            if cache is not None:
                cache.put(sha, options, entry)
        return _store(index, name, parts, sha)
    except Exception as exc:  # one bad file must not stop the others
        return Loaded(name, FAILED, _reason(name, exc))


def _checked_sha256(path: Path, options: ReadOptions) -> str:
    limit = options.max_bytes
    if limit is not None and path.is_file() and path.stat().st_size > limit:
        read_meetings(path, "", options)  # raises the reader's own "too large"
    return file_sha256(path)


def _store(index: Index, name: str, parts: list, sha: str) -> Loaded:
    """Index each meeting of one file (``parts``: (record, item texts) pairs); one status for the file."""
    kept = [(m, p) for m, p in parts if m.attendees or m.apologies or m.items or m.actions]
    stale = index.parts_of(name)
    if not kept:
        # a README or a letter in the minutes folder: nothing to count or track
        for key in stale:
            index.remove(key)
        return Loaded(name, SKIPPED, f"{name}: no people, items or actions found; not indexed as minutes")
    statuses = set()
    with index.transaction():
        for meeting, passages in kept:
            statuses.add(index.add(meeting, sha, passages=passages))
        # meetings the file no longer holds (it was a log of three, it is now a log of two)
        for key in stale[len(kept):]:
            index.remove(key)
    status = next((s for s in (ADDED, REPLACED) if s in statuses), UNCHANGED)
    return Loaded(name, status)


def _load_in_workers(index: Index, inputs: list[Path], options: ReadOptions | None, workers: int,
                     timeout: float | None, cache: "RecordCache | None" = None) -> Iterator[Loaded]:
    """Hash in this process (unchanged files are never read), read changed files in workers, yield in input order."""
    from contextlib import closing
    from functools import partial

    from .. import pool

    ready: dict[int, Loaded | Callable[[], Loaded]] = {}
    todo: list[tuple[int, Path, str]] = []
    for i, path in enumerate(inputs):
        name = str(path)
        if name == "-":
            ready[i] = load_file(index, path, options)
            continue
        try:
            sha = _checked_sha256(Path(path), options or ReadOptions())
        except Exception as exc:
            ready[i] = Loaded(name, FAILED, _reason(name, exc))
            continue
        if index.sha256_of(name) == sha:
            ready[i] = Loaded(name, UNCHANGED)
        elif (parts := _cached(sha, options, name, cache)) is not None:
            ready[i] = partial(_store, index, name, parts, sha)
        else:
            todo.append((i, Path(path), sha))
    task = partial(_read_in_worker, options=options, cache=cache)
    following = 0
    with closing(pool.run(task, [(p, sha) for _, p, sha in todo], workers=workers, timeout=timeout)) as outcomes:
        for outcome in outcomes:
            i, path, sha = todo[outcome.index]
            name = str(path)
            if not outcome.ok:
                ready[i] = Loaded(name, FAILED, f"{name}: {outcome.error}")
            elif outcome.value[0] == "error":
                ready[i] = Loaded(name, FAILED, outcome.value[1])
            else:
                _status, parts, entry = outcome.value
                if cache is not None:
                    cache.put(sha, options, entry)
                # stored when its turn comes, so rows get the same ids whatever finished first
                ready[i] = partial(_store, index, name, parts, sha)
            while following in ready:
                yield _result(ready.pop(following))
                following += 1
    while following in ready:
        yield _result(ready.pop(following))
        following += 1


def _result(done) -> Loaded:
    return done if isinstance(done, Loaded) else done()


def _read_in_worker(item: tuple[Path, str], *, options: ReadOptions | None, cache: "RecordCache | None" = None):
    path, sha = item
    try:
        return ("ok", *_read_for_cache(path, sha, options, cache))
    except Exception as exc:  # the reason travels back as text: exceptions may not pickle
        return "error", _reason(str(path), exc)


def _cached(sha: str, options: ReadOptions | None, name: str, cache: "RecordCache | None"):
    return cache.get(sha, options or ReadOptions(), name) if cache is not None else None


def _read_for_cache(path: Path, sha: str, options: ReadOptions | None, cache: "RecordCache | None"):
    """The file's (record, item texts) pairs and the cache entry for them (None without a cache);
    the entry is made here, maybe in a worker, and stored by the process that owns the run."""
    parts = read_meetings(path, sha, options)
    return parts, (cache.entry(sha, options or ReadOptions(), parts) if cache is not None else None)


def read_meetings(path: Path, sha256: str, options: ReadOptions | None = None
                  ) -> list[tuple["Meeting", list[ItemText]]]:
    """The record of each meeting in one file, with each item's text, read once."""
    from .. import read_records

    return [(meeting, item_texts(part)) for meeting, part in read_records(path, options or ReadOptions(), sha256)]


def _parts(document, source) -> list[tuple["Meeting", list[ItemText]]]:
    from .. import records

    return [(meeting, item_texts(part)) for meeting, part in records(document, source)]


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
