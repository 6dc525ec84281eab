"""Running the parser over many inputs: finding files, and one result per input that never raises."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from .cache import RecordCache
    from .models import Meeting
    from .readers import ReadOptions

INPUT_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".doc", ".odt", ".rtf")


@dataclass(slots=True)
class Result:
    path: str
    meetings: "list[Meeting]" = field(default_factory=list)
    """Every meeting the input holds (most files hold one)."""
    error: str | None = None
    """One line: why the input could not be parsed."""
    sha256: str | None = None
    entry: bytes | None = None
    """A new cache entry for these records, for the process that owns the run to store
    (:func:`keep`); None when they came from the cache or there is none."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def meeting(self) -> "Meeting | None":
        """The first (usually the only) meeting."""
        return self.meetings[0] if self.meetings else None


def find_inputs(paths: Iterable[str | Path], suffixes: tuple[str, ...] = INPUT_SUFFIXES) -> tuple[list[Path], list[Path]]:
    """Files named directly, and files under folders (recursively) whose suffix we read.

    Returns (inputs, skipped): files under folders with other suffixes are skipped;
    files named directly are always kept, so that a wrong one gets an error.
    """
    inputs: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                (inputs if child.suffix.lower() in suffixes else skipped).append(child)
        else:
            inputs.append(path)
    return inputs, skipped


def parse_one(path: str | Path, options: ReadOptions | None = None, cache: "RecordCache | None" = None) -> Result:
    """Parse one input; any failure becomes ``Result.error`` (a one-line message), never an exception.

    With a ``cache``, records already parsed from the same bytes are taken from it, and
    new ones come with the entry to store (``Result.entry``: this may be a worker process,
    which must not write where a kill could leave half a file).
    """
    from . import parse_text_all
    from .readers import ReadOptions
    from .errors import CmeNotesError

    name = str(path)
    options = options or ReadOptions()
    try:
        if name == "-":
            from .readers.text import decode

            # bytes, not sys.stdin's own decoding: a Word export piped in is often Windows-1252
            stream = getattr(sys.stdin, "buffer", None)  # a text stream given by a caller has no bytes
            text = decode(stream.read()) if stream is not None else sys.stdin.read()
            return Result(name, parse_text_all(text))
        if cache is not None and cache.usable(options):
            return _parse_cached(Path(path), name, options, cache)
        from . import read_records

        return Result(name, [meeting for meeting, _part in read_records(path, options)])
    except CmeNotesError as exc:
        return Result(name, error=str(exc) if exc.path else f"{name}: {exc}")
    except RecursionError:
        return Result(name, error=f"{name}: too deeply nested to read")
    except Exception as exc:  # a bug of ours must not stop the other files
        detail = " ".join(str(exc).split())[:200]  # one line, whatever the exception says
        return Result(name, error=f"{name}: internal error ({type(exc).__name__}: {detail}); please report it")


def cached_result(path: str | Path, options: ReadOptions | None, cache: "RecordCache | None") -> Result | None:
    """The input's records straight from the cache, or None when they must be parsed."""
    from .cache import sha256_within
    from .readers import ReadOptions

    options = options or ReadOptions()
    if cache is None or str(path) == "-" or not cache.usable(options):
        return None
    sha = sha256_within(Path(path), options)
    parsed = cache.get(sha, options, str(path)) if sha else None
    return Result(str(path), [meeting for meeting, _texts in parsed], sha256=sha) if parsed else None


def _parse_cached(path: Path, name: str, options: ReadOptions, cache: "RecordCache") -> Result:
    from . import read_records
    from .cache import sha256_within
    from .store.passages import item_texts

    sha = sha256_within(path, options)
    if sha is not None and (parsed := cache.get(sha, options, name)) is not None:
        return Result(name, [meeting for meeting, _texts in parsed], sha256=sha)
    records = read_records(path, options, sha)
    parsed = [(meeting, item_texts(part)) for meeting, part in records]
    if sha is None:  # refused by size before hashing would have been: read_records raised already
        return Result(name, [meeting for meeting, _texts in parsed])
    return Result(name, [meeting for meeting, _texts in parsed], sha256=sha, entry=cache.entry(sha, options, parsed))


def keep(result: Result, options: ReadOptions | None, cache: "RecordCache | None") -> Result:
    """Store a result's new cache entry (in the process that owns the run); the result, for chaining."""
    if cache is not None and result.entry is not None and result.sha256:
        cache.put(result.sha256, options, result.entry)
        result.entry = None
    return result


def parse_many(paths: Iterable[str | Path], *, workers: int = 1, timeout: float | None = None,
               options: ReadOptions | None = None, cache: "RecordCache | None" = None) -> Iterator[Result]:
    """Parse every input; one :class:`Result` per input, in the order given, never an exception.

    With ``workers`` > 1 (and more than one input), or a ``timeout``, inputs are
    parsed in worker processes (:mod:`cme_notes.pool`): up to ``workers`` at once,
    and an input still running after ``timeout`` seconds is stopped and reported
    as failed ("timed out after N s"). Otherwise everything runs in this process,
    one input after the other, with nothing to start up. The results are the same
    either way. ``options`` (password, size limit, PDF engine, OCR) go to :func:`parse_one`.
    With a ``cache`` (:mod:`cme_notes.cache`), inputs parsed before are taken from it
    (no worker is started for them) and new records are stored in it.
    """
    paths = list(paths)
    if timeout is None and (workers <= 1 or len(paths) <= 1):
        for path in paths:
            yield keep(parse_one(path, options, cache), options, cache)
        return
    yield from _parse_in_workers(paths, workers=workers, timeout=timeout, options=options, cache=cache)


def _parse_in_workers(paths: list, *, workers: int, timeout: float | None, options: ReadOptions | None,
                      cache: "RecordCache | None" = None) -> Iterator[Result]:
    from contextlib import closing
    from functools import partial

    from . import pool

    done: dict[int, Result] = {}
    # Standard input is read here: a worker process has none of its own.
    for i, path in enumerate(paths):
        if str(path) == "-":
            done[i] = parse_one(path, options)
        elif (hit := cached_result(path, options, cache)) is not None:
            done[i] = hit
    todo = [i for i in range(len(paths)) if i not in done]
    items = [paths[i] for i in todo]
    task = partial(parse_one, options=options, cache=cache)
    following = 0
    with closing(pool.run(task, items, workers=workers, timeout=timeout)) as outcomes:
        for outcome in outcomes:
            i = todo[outcome.index]
            name = str(paths[i])
            done[i] = keep(outcome.value, options, cache) if outcome.ok else Result(name, error=f"{name}: {outcome.error}")
            while following in done:
                yield done.pop(following)
                following += 1
    while following in done:  # trailing "-" inputs
        yield done.pop(following)
        following += 1
