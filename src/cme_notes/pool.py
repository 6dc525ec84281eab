"""Worker processes with a time limit per task: a small pool that can stop a stuck task.

``concurrent.futures`` cannot stop a task once it runs, so this module keeps its
own processes. Each worker takes one task at a time over its own pipe; the
parent waits on every pipe and process sentinel with a deadline. A worker that
runs past the time limit is killed and replaced, a worker that dies (a crash,
the out-of-memory killer) is replaced, and either way its task is reported as
failed while the others carry on.

Workers are forked from a "forkserver" that has already imported the readers
and the extractor, so starting or replacing one costs milliseconds, and no
worker is forked from a parent that runs threads (the progress bar does).
Where there is no forkserver (Windows) workers are spawned.

Ctrl-C: workers ignore SIGINT; the parent's KeyboardInterrupt leaves
:func:`run`, whose cleanup kills every worker.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterator, Sequence

__all__ = ["Outcome", "run"]

PRELOAD = [
    "cme_notes",
    "cme_notes.engine",
    "cme_notes.batch",
    "cme_notes.models",
    "cme_notes.extract",
    "cme_notes.readers",
    "cme_notes.readers.text",
    "cme_notes.readers.docx",
    "cme_notes.readers.pdf",
    "cme_notes.readers.pdf.pdfium",
    "pypdfium2",
    "docx",
    "pdfplumber",
]
"""Imported once by the forkserver, so that every worker starts with them loaded."""

STARTUP_GRACE = 60.0
"""Seconds a new worker may take to start before its first task's clock starts anyway."""


@dataclass(slots=True)
class Outcome:
    index: int
    """Position of the task in the sequence given to :func:`run`."""
    value: Any = None
    """What the task function returned (None when it failed)."""
    error: str | None = None
    """Why the task did not finish: timed out, worker died, or an exception in the task."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class _Worker:
    __slots__ = ("process", "conn", "index", "booted", "started")

    def __init__(self, process, conn) -> None:
        self.process = process
        self.conn = conn
        self.index: int | None = None
        self.booted = False
        self.started = time.monotonic()

    def deadline(self, timeout: float | None) -> float | None:
        if timeout is None or self.index is None:
            return None
        return self.started + timeout + (0.0 if self.booted else STARTUP_GRACE)


def _context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _serve(conn, fn: Callable[[Any], Any]) -> None:
    """A worker's life: say it is ready, then run tasks until told to stop or the parent goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        conn.send(("ready", None, None))
        while True:
            task = conn.recv()
            if task is None:
                return
            index, item = task
            try:
                reply = (index, fn(item), None)
            except BaseException as exc:  # noqa: BLE001 - report, never die
                reply = (index, None, f"internal error ({type(exc).__name__}: {exc})")
            try:
                conn.send(reply)
            except (BrokenPipeError, ConnectionError):
                return
            except Exception as exc:  # the value could not be pickled
                conn.send((index, None, f"internal error (cannot return the result: {exc})"))
    except (EOFError, BrokenPipeError, ConnectionError):
        return  # the parent has gone


def _start(ctx, fn) -> _Worker:
    parent, child = ctx.Pipe(duplex=True)
    process = ctx.Process(target=_serve, args=(child, fn), daemon=True, name="cme-notes-worker")
    process.start()
    child.close()
    return _Worker(process, parent)


def _stop(worker: _Worker, *, graceful: bool) -> None:
    process = worker.process
    if graceful:
        process.join(2)
    if process.is_alive():
        process.kill()
        process.join(5)
    worker.conn.close()
    if not process.is_alive():
        process.close()


def _died(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"worker process was killed by {name}{hint}"
    return f"worker process exited unexpectedly (exit code {code})"


def run(fn: Callable[[Any], Any], items: Sequence[Any], *, workers: int, timeout: float | None = None,
        order: Sequence[int] | None = None) -> Iterator[Outcome]:
    """Run ``fn(item)`` for every item in worker processes; yield an :class:`Outcome` per item as each finishes.

    ``fn`` must be picklable (a module-level function, or a functools.partial of one).
    At most ``workers`` processes run at once (never more than there are items).
    A task still running after ``timeout`` seconds is killed: its outcome has
    ``error="timed out after N s"``, and a fresh worker takes the next task.
    ``order`` is the order in which tasks are handed out (default: as given);
    outcomes come in the order tasks finish, each with its ``index`` into ``items``.

    Closing the iterator early, or an exception such as KeyboardInterrupt in the
    parent, kills the workers.
    """
    if not items:
        return
    ctx = _context()
    todo = deque(order if order is not None else range(len(items)))
    size = max(1, min(workers, len(todo)))
    pool: list[_Worker] = []
    finished = False

    def assign(worker: _Worker) -> None:
        index = todo.popleft()
        worker.index = index
        if worker.booted:
            worker.started = time.monotonic()
        worker.conn.send((index, items[index]))

    try:
        while todo or any(w.index is not None for w in pool):
            for worker in pool:
                if worker.index is None and todo:
                    assign(worker)
            while todo and len(pool) < size:
                worker = _start(ctx, fn)
                pool.append(worker)
                assign(worker)
            busy = [w for w in pool if w.index is not None]
            deadlines = [d for w in busy if (d := w.deadline(timeout)) is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = set(wait([x for w in busy for x in (w.conn, w.process.sentinel)], wait_for))
            for worker in busy:
                error = None
                if worker.conn in ready:
                    try:
                        index, value, task_error = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(1)
                        error = _died(worker.process)
                    else:
                        now = time.monotonic()
                        if index == "ready":
                            worker.booted = True
                            worker.started = now
                            continue
                        worker.index = None
                        yield Outcome(index, value, task_error, now - worker.started)
                        continue
                elif worker.process.sentinel in ready:
                    worker.process.join(1)
                    error = _died(worker.process)
                else:
                    deadline = worker.deadline(timeout)
                    if deadline is None or time.monotonic() < deadline:
                        continue
                    error = f"timed out after {timeout:g} s"
                seconds = time.monotonic() - worker.started
                index = worker.index
                pool.remove(worker)
                _stop(worker, graceful=False)
                yield Outcome(index, None, error, seconds)
        finished = True
    finally:
        if finished:
            for worker in pool:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in pool:
            _stop(worker, graceful=finished)
