#!/usr/bin/env python
"""Fuzz the text path (``cme_notes.parse_text``, plain and Markdown) for a given time.

    .venv/bin/python scripts/fuzz.py --minutes 11                 # atheris if installed, else hypothesis
    .venv/bin/python scripts/fuzz.py --minutes 2 --engine hypothesis

Every input is parsed as plain text and as Markdown. The contract checked is
the one the CLI relies on: each call returns a valid record (which serialises
to JSON) or raises :class:`cme_notes.errors.CmeNotesError`; anything else is a
crash. An input taking longer than ``--slow`` seconds is reported too (a
possible hang), and every 50th input is parsed twice to check that the record
is the same (determinism).

A crash or slow input does not stop the run: the input is saved under
``--out`` (default ``$TMPDIR/cme-notes-fuzz``) as ``<kind>-<sha1>.txt`` (the raw text,
UTF-8) with a ``.log`` beside it holding the traceback, one file per distinct
place of failure. The run ends with one summary line:

    fuzz: engine=atheris minutes=11.0 inputs=123456 crashes=0 slow=0 nondeterministic=0

and exits 1 if anything was found, else 0.

Engines: ``atheris`` (coverage-guided, libFuzzer; ``pip install atheris``),
seeded with the text and Markdown files in samples/; ``hypothesis`` (random
minutes-like text mixed with arbitrary Unicode, the strategies of
tests/test_properties.py).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


class Harness:
    def __init__(self, out: Path, minutes: float, slow: float, engine: str) -> None:
        self.out = out
        self.deadline = time.monotonic() + minutes * 60
        self.start = time.monotonic()
        self.slow = slow
        self.engine = engine
        self.inputs = 0
        self.crashes = 0
        self.slow_inputs = 0
        self.nondeterministic = 0
        self.places: set[str] = set()
        self.last_report = self.start

    # One input: both modes, the contract above.
    def run(self, text: str) -> None:
        from cme_notes import parse_text
        from cme_notes.errors import CmeNotesError

        self.inputs += 1
        for markdown in (False, True):
            started = time.monotonic()
            try:
                record = parse_text(text, markdown=markdown).model_dump_json()
                if self.inputs % 50 == 0:
                    again = parse_text(text, markdown=markdown).model_dump_json()
                    if again != record:
                        self.nondeterministic += 1
                        self.save("nondeterministic", text, f"markdown={markdown}\n{record}\n---\n{again}\n", "nondet")
            except CmeNotesError:
                pass
            except RecursionError as exc:  # noqa: PERF203
                self.crash(text, markdown, exc)
            except Exception as exc:  # noqa: BLE001 - every other exception is the finding
                self.crash(text, markdown, exc)
            elapsed = time.monotonic() - started
            if elapsed > self.slow:
                self.slow_inputs += 1
                self.save("slow", text, f"markdown={markdown} took {elapsed:.2f} s, {len(text)} chars\n",
                          f"slow-{len(text) // 1000}k")
        now = time.monotonic()
        if now - self.last_report > 60:
            self.last_report = now
            print(self.summary(partial=True), flush=True)
        if now > self.deadline:
            self.finish()

    def crash(self, text: str, markdown: bool, exc: BaseException) -> None:
        # The deepest frame of ours names the place (the last frame is often pydantic's or re's).
        tb = [f for f in traceback.extract_tb(exc.__traceback__) if "cme_notes" in f.filename] or \
            traceback.extract_tb(exc.__traceback__)
        frame = tb[-1] if tb else None
        where = f"{Path(frame.filename).name}:{frame.name}" if frame else "?"
        place = f"{type(exc).__name__}@{where}"
        self.crashes += 1
        log = f"markdown={markdown}\n{''.join(traceback.format_exception(exc))}"
        self.save("crash", text, log, place)

    def save(self, kind: str, text: str, log: str, place: str) -> None:
        if place in self.places:
            return  # one example per place is enough; the count still goes up
        self.places.add(place)
        self.out.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        stem = self.out / f"{kind}-{digest}"
        stem.with_suffix(".txt").write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
        stem.with_suffix(".log").write_text(log, encoding="utf-8")
        print(f"fuzz: {kind} saved to {stem}.txt ({place})", flush=True)

    def summary(self, partial: bool = False) -> str:
        minutes = (time.monotonic() - self.start) / 60
        return (f"fuzz{' (so far)' if partial else ''}: engine={self.engine} minutes={minutes:.1f} "
                f"inputs={self.inputs} crashes={self.crashes} slow={self.slow_inputs} "
                f"nondeterministic={self.nondeterministic}")

    def finish(self) -> None:
        print(self.summary(), flush=True)
        found = self.crashes or self.slow_inputs or self.nondeterministic
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1 if found else 0)  # libFuzzer would otherwise keep the process going


def run_atheris(harness: Harness, seeds: Path, max_len: int) -> None:
    import atheris

    import pydantic  # noqa: F401 - loaded before instrumentation: only our code is instrumented

    with atheris.instrument_imports(include=["cme_notes"]):
        import cme_notes  # noqa: F401
        import cme_notes.extract
        import cme_notes.models  # noqa: F401
        import cme_notes.readers.text  # noqa: F401
        for module in sorted((ROOT / "src/cme_notes/extract").glob("*.py")):
            __import__(f"cme_notes.extract.{module.stem}")

    def one(data: bytes) -> None:
        harness.run(data.decode("utf-8", errors="replace"))

    seeds.mkdir(parents=True, exist_ok=True)
    for sample in sorted((ROOT / "samples").glob("*")):
        if sample.suffix in (".txt", ".md"):
            from cme_notes.readers.text import decode

            (seeds / sample.name).write_bytes(decode(sample.read_bytes()).encode("utf-8"))
    argv = [sys.argv[0], str(seeds), f"-max_len={max_len}", "-rss_limit_mb=4096", "-timeout=60"]
    atheris.Setup(argv, one)
    atheris.Fuzz()


def run_hypothesis(harness: Harness) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from test_properties import any_text, minutes_like

    @settings(max_examples=10**9, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(minutes_like(), any_text()))
    def one(text: str) -> None:
        harness.run(text)

    while True:  # harness.finish() ends the process at the deadline
        one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "cme-notes-fuzz",
                        help="where findings (and the atheris corpus) go [default: $TMPDIR/cme-notes-fuzz]")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds after which an input counts as slow")
    parser.add_argument("--max-len", type=int, default=20_000, help="longest input atheris tries (bytes)")
    args = parser.parse_args()

    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    harness = Harness(args.out, args.minutes, args.slow, engine)
    print(f"fuzz: engine={engine}, {args.minutes} minutes, findings go to {args.out}/", flush=True)
    if engine == "atheris":
        run_atheris(harness, args.out / "corpus", args.max_len)
    else:
        run_hypothesis(harness)


if __name__ == "__main__":
    main()
