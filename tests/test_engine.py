"""The engine (parse_many) and the worker pool under it: order, parallel = sequential, timeouts, crashes."""
from __future__ import annotations

import io
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from cme_notes import pool
from cme_notes.engine import Result, find_inputs, parse_many, parse_one

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = [
    SAMPLES / "northvale-cme-2024-03-14.pdf",
    SAMPLES / "oakridge-parish-2025-06-03.docx",
    SAMPLES / "northvale-cme-2024-03-14.txt",
    SAMPLES / "riverside-governors-2025-01-22.md",
    SAMPLES / "oakridge-parish-2025-06-03.pdf",
]


@pytest.fixture()
def inputs(tmp_path: Path) -> list[Path]:
    paths = []
    for sample in GOOD:
        paths.append(tmp_path / sample.name)
        shutil.copyfile(sample, paths[-1])
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    paths.insert(2, bad)
    paths.append(tmp_path / "missing.docx")
    return paths


def _dump(results: list[Result]) -> list[tuple]:
    return [(r.path, r.error, r.meeting.to_json_dict() if r.meeting else None) for r in results]


def test_workers_give_the_same_results_in_the_same_order(inputs: list[Path]) -> None:
    sequential = list(parse_many(inputs))
    parallel = list(parse_many(inputs, workers=2, timeout=60))
    one_worker = list(parse_many(inputs, workers=1, timeout=60))
    assert [r.path for r in sequential] == [str(p) for p in inputs]
    assert _dump(parallel) == _dump(sequential) == _dump(one_worker)
    assert [r.ok for r in parallel] == [True, True, False, True, True, True, False]
    assert parallel[2].error == f"{inputs[2]}: not a PDF file (no %PDF header)"
    assert parallel[-1].error == f"{inputs[-1]}: no such file"


def test_a_single_file_is_parsed_in_process(inputs: list[Path], monkeypatch) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("no worker processes for one file")

    monkeypatch.setattr(pool, "run", no_pool)
    [result] = parse_many(inputs[:1], workers=4)
    assert result.ok
    assert [r.ok for r in parse_many(inputs[:2], workers=1)] == [True, True]


def test_timeout_fails_the_slow_file_only(inputs: list[Path], tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes((SAMPLES / "northvale-cme-2024-03-14.txt").read_bytes() * 1000)
    paths = [huge, *inputs[:2]]
    started = time.monotonic()
    results = list(parse_many(paths, workers=1, timeout=1.5))
    assert time.monotonic() - started < 20
    assert results[0].error == f"{huge}: timed out after 1.5 s"
    assert [r.ok for r in results[1:]] == [True, True]


def test_standard_input_is_read_by_the_parent(inputs: list[Path], monkeypatch) -> None:
    text = (SAMPLES / "northvale-cme-2024-03-14.txt").read_text(encoding="cp1252")
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    results = list(parse_many([inputs[0], "-", inputs[1]], workers=2, timeout=30))
    assert [r.path for r in results] == [str(inputs[0]), "-", str(inputs[1])]
    assert all(r.ok for r in results)
    assert results[1].meeting.date.isoformat() == "2024-03-14"


def test_parse_one_never_raises(tmp_path: Path) -> None:
    (tmp_path / "x.xyz").write_text("hello")
    result = parse_one(tmp_path / "x.xyz")
    assert not result.ok and "unsupported file type" in result.error
    result = parse_one(tmp_path)
    assert not result.ok


def test_find_inputs_is_unchanged(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/m.pdf").write_bytes(b"%PDF-")
    (tmp_path / "a/x.csv").write_text("x")
    inputs, skipped = find_inputs([tmp_path / "a", tmp_path / "named.rtf"])
    assert inputs == [tmp_path / "a/m.pdf", tmp_path / "named.rtf"]
    assert skipped == [tmp_path / "a/x.csv"]


# --------------------------------------------------------------------------- the pool itself


def _by_index(outcomes) -> dict[int, pool.Outcome]:
    return {o.index: o for o in outcomes}


def test_pool_reports_timeouts_crashes_and_exceptions_and_carries_on() -> None:
    sleeps = [0.01, 30, 0.01, 0.01]
    started = time.monotonic()
    got = _by_index(pool.run(time.sleep, sleeps, workers=2, timeout=1))
    assert time.monotonic() - started < 15
    assert got[1].error == "timed out after 1 s"
    assert [got[i].ok for i in (0, 2, 3)] == [True, True, True]

    got = _by_index(pool.run(int, ["1", "x", "3"], workers=2))
    assert got[0].value == 1 and got[2].value == 3
    assert got[1].error.startswith("internal error (ValueError: invalid literal")

    got = _by_index(pool.run(os._exit, [3], workers=1))
    assert got[0].error == "worker process exited unexpectedly (exit code 3)"

    got = _by_index(pool.run(signal.raise_signal, [signal.SIGKILL, signal.SIGSEGV], workers=1))
    assert got[0].error == "worker process was killed by SIGKILL (out of memory?)"
    assert got[1].error == "worker process was killed by SIGSEGV"


def test_pool_runs_in_parallel_and_hands_out_tasks_in_the_order_given() -> None:
    started = time.monotonic()
    got = list(pool.run(time.sleep, [0.5, 0.5, 0.5, 0.5], workers=2, timeout=30))
    assert len(got) == 4 and all(o.ok for o in got)
    # Two at a time: about 1 s (plus worker start-up), not 2 s.
    assert time.monotonic() - started < 1.9
    finished = [o.index for o in pool.run(time.sleep, [0.3, 0.0, 0.0], workers=1, order=[1, 2, 0])]
    assert finished == [1, 2, 0]


def test_closing_the_pool_early_stops_its_workers() -> None:
    import multiprocessing

    outcomes = pool.run(time.sleep, [0.0, 30, 30], workers=3, timeout=None)
    first = next(outcomes)
    assert first.index == 0
    pids = [p.pid for p in multiprocessing.active_children() if p.name == "cme-notes-worker"]
    assert len(pids) == 3
    started = time.monotonic()
    outcomes.close()  # as on Ctrl-C, or when a consumer stops reading
    assert time.monotonic() - started < 10
    for pid in pids:
        with pytest.raises(ProcessLookupError):  # killed and reaped
            os.kill(pid, 0)
