"""`cme-notes batch`, end to end: real sample files through the real readers, the CLI run as a subprocess."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cme_notes
from cme_notes.batch import VERSION_KEY, expand, output_path, up_to_date
from cme_notes.hashing import file_sha256
from cme_notes.writers.records import ACTION_COLUMNS, action_row

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RECORD_KEYS = {"date", "attendees", "apologies", "items", "actions", "next_meetings", "source", VERSION_KEY}

NV_PDF = "northvale-cme-2024-03-14.pdf"
NV_DOCX = "northvale-cme-2024-03-14.docx"
NV_TXT = "northvale-cme-2024-03-14.txt"
OAK_PDF = "oakridge-parish-2025-06-03.pdf"
OAK_TXT = "oakridge-parish-2025-06-03.txt"
RIVER_MD = "riverside-governors-2025-01-22.md"


def cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cme_notes", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def build_tree(root: Path) -> dict[str, Path]:
    """in/2024/{pdf,docx} (the same minutes side by side), in/2025/{txt,md}, in/2025/oak.pdf, and noise."""
    files = {
        "in/2024/northvale.pdf": NV_PDF,
        "in/2024/northvale.docx": NV_DOCX,
        "in/2025/northvale.TXT": NV_TXT,  # suffixes are case-insensitive
        "in/2025/riverside.md": RIVER_MD,
        "in/2025/deep/oakridge.pdf": OAK_PDF,
    }
    made = {}
    for rel, sample in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / sample, target)
        made[rel] = target
    (root / "in/2025/notes.xlsx").write_bytes(b"PK\x03\x04 not minutes")
    (root / "in/2024/readme.html").write_text("<html>hello</html>")
    return made


def outputs(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    build_tree(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- 1. failures do not stop a batch


def test_corrupt_file_is_reported_and_the_others_are_written(tree: Path) -> None:
    (tree / "in/2025/broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, no xref\n")
    (tree / "in/2024/empty.docx").write_bytes(b"")

    run = cli("batch", "in", "-o", "out", "--workers", "2", cwd=tree)

    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    assert "cme-notes: error: in/2025/broken.pdf: " in run.stderr
    assert "cme-notes: error: in/2024/empty.docx: empty file" in run.stderr
    assert "5 parsed, 0 skipped as up to date, 2 failed, 2 ignored (other suffixes)" in run.stderr
    assert sorted(outputs(tree / "out")) == [
        "2024/northvale.docx.json",
        "2024/northvale.pdf.json",
        "2025/deep/oakridge.pdf.json",
        "2025/northvale.TXT.json",
        "2025/riverside.md.json",
    ]
    record = json.loads((tree / "out/2024/northvale.pdf.json").read_text(encoding="utf-8"))
    assert RECORD_KEYS <= set(record)
    assert record[VERSION_KEY] == cme_notes.__version__
    assert record["source"]["path"] == "in/2024/northvale.pdf"
    assert record["source"]["sha256"] == file_sha256(tree / "in/2024/northvale.pdf")
    # the same record as the library gives, plus the version
    expected = cme_notes.parse(tree / "in/2024/northvale.pdf").to_json_dict()
    expected["source"]["path"] = "in/2024/northvale.pdf"
    assert {k: v for k, v in record.items() if k != VERSION_KEY} == expected


def test_usage_errors(tree: Path) -> None:
    assert cli("batch", "in", cwd=tree).returncode == 2  # no -o for --format json
    (tree / "afile").write_text("x")
    run = cli("batch", "in", "-o", "afile", cwd=tree)
    assert run.returncode == 2 and "not a folder" in run.stderr
    run = cli("batch", "nothing-here", "in/*.nomatch", "in/2025/riverside.md", "-o", "out", cwd=tree)
    assert run.returncode == 1
    assert "nothing-here: no such file or folder" in run.stderr
    assert "in/*.nomatch: no files match this pattern" in run.stderr
    assert "1 parsed, 0 skipped as up to date, 2 failed" in run.stderr


# --------------------------------------------------------------------------- 2. re-runs skip what is up to date


def test_rerun_skips_up_to_date_outputs_and_force_redoes_them(tree: Path) -> None:
    first = cli("batch", "in", "-o", "out", cwd=tree)
    assert first.returncode == 0, first.stderr
    files = sorted((tree / "out").rglob("*.json"))
    assert len(files) == 5
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in files}

    again = cli("batch", "in", "-o", "out", cwd=tree)
    assert again.returncode == 0, again.stderr
    assert "0 parsed, 5 skipped as up to date, 0 failed" in again.stderr
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in files} == before

    # A changed input, and an output from another version, are parsed again; nothing else.
    with open(tree / "in/2025/riverside.md", "a", encoding="utf-8") as fh:
        fh.write("\nAdded later.\n")
    old = tree / "out/2024/northvale.docx.json"
    data = json.loads(old.read_text(encoding="utf-8"))
    data[VERSION_KEY] = "0.0.1"
    old.write_text(json.dumps(data), encoding="utf-8")
    before[old] = (old.stat().st_mtime_ns, old.stat().st_ino)
    changed = cli("batch", "in", "-o", "out", cwd=tree)
    assert "2 parsed, 3 skipped as up to date" in changed.stderr
    after = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in files}
    redone = {p.relative_to(tree / "out").as_posix() for p in files if after[p] != before[p]}
    assert redone == {"2025/riverside.md.json", "2024/northvale.docx.json"}
    assert json.loads(old.read_text(encoding="utf-8"))[VERSION_KEY] == cme_notes.__version__

    forced = cli("batch", "in", "-o", "out", "--force", cwd=tree)
    assert forced.returncode == 0
    assert "5 parsed, 0 skipped as up to date" in forced.stderr
    assert all(p.stat().st_ino != after[p][1] for p in files)  # each replaced by a new file


# --------------------------------------------------------------------------- 3. workers do not change results


def test_one_worker_and_two_workers_give_identical_bytes(tree: Path) -> None:
    one = cli("batch", "in", "-o", "out1", "--workers", "1", cwd=tree)
    two = cli("batch", "in", "-o", "out2", "--workers", "2", cwd=tree)
    assert one.returncode == two.returncode == 0
    assert outputs(tree / "out1") == outputs(tree / "out2")
    assert len(outputs(tree / "out1")) == 5

    lines1 = cli("batch", "in", "--format", "jsonl", "-o", "-", "--workers", "1", cwd=tree).stdout
    lines2 = cli("batch", "in", "--format", "jsonl", "-o", "-", "--workers", "2", cwd=tree).stdout
    assert lines1 == lines2


# --------------------------------------------------------------------------- 4. interrupted runs leave whole files


def _many_inputs(root: Path, copies: int) -> None:
    for i in range(copies):
        for sample in (NV_PDF, OAK_PDF, NV_DOCX, NV_TXT):
            target = root / "in" / f"batch{i:03d}" / sample
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SAMPLES / sample, target)


def _wait_for_outputs(outdir: Path, count: int, proc: subprocess.Popen, limit: float = 30) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None:
        if outdir.exists() and sum(1 for _ in outdir.rglob("*.json")) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"the batch did not write {count} outputs in time (exit {proc.poll()})")


def _check_whole(outdir: Path) -> list[Path]:
    """Every visible output is whole JSON; returns the temp files (.*.part) left over."""
    temps = []
    for p in outdir.rglob("*"):
        if p.is_dir():
            continue
        if p.name.endswith(".part"):
            assert p.name.startswith("."), p
            temps.append(p)
            continue
        assert p.suffix == ".json", p
        data = json.loads(p.read_text(encoding="utf-8"))
        assert data[VERSION_KEY] == cme_notes.__version__
    return temps


def test_sigkill_leaves_only_whole_files_and_a_rerun_completes(tmp_path: Path) -> None:
    _many_inputs(tmp_path, 30)  # 120 inputs
    cmd = [sys.executable, "-m", "cme_notes", "batch", "in", "-o", "out", "--workers", "2", "--no-cache"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_outputs(tmp_path / "out", 10, proc)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    written = sum(1 for _ in (tmp_path / "out").rglob("*.json"))
    assert 10 <= written < 120
    _check_whole(tmp_path / "out")

    # Leftover temp files (as a kill during a write leaves them) are removed by the next run.
    stale = tmp_path / "out/batch000/.northvale-cme-2024-03-14.pdf.json.abcd1234.part"
    stale.write_text('{"half": ')
    rerun = cli("batch", "in", "-o", "out", "--workers", "2", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{120 - written} parsed, {written} skipped as up to date, 0 failed" in rerun.stderr
    assert _check_whole(tmp_path / "out") == []
    assert sum(1 for _ in (tmp_path / "out").rglob("*.json")) == 120


def test_ctrl_c_stops_cleanly_with_a_summary_and_exit_130(tmp_path: Path) -> None:
    _many_inputs(tmp_path, 30)
    cmd = [sys.executable, "-m", "cme_notes", "batch", "in", "-o", "out", "--workers", "2", "--no-cache"]
    # Its own process group, so that the signal goes to the batch and its workers, as Ctrl-C does.
    # SIGINT as a terminal has it: a shell running us in the background (as CI may) ignores it,
    # and a process that starts with SIGINT ignored never sees KeyboardInterrupt.
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        _wait_for_outputs(tmp_path / "out", 5, proc)
        os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "cme-notes: interrupted: " in err
    assert "not done" in err
    assert "Traceback" not in err
    assert _check_whole(tmp_path / "out") == []  # an interrupted write removes its temp file


# --------------------------------------------------------------------------- 5. --timeout


def test_timeout_stops_a_pathological_file_and_the_others_succeed(tree: Path) -> None:
    # ~5 MB of minutes in one text file: the extractor needs far longer than 2 s for it.
    (tree / "in/2025/huge.txt").write_bytes((SAMPLES / NV_TXT).read_bytes() * 1000)
    started = time.monotonic()
    # One worker: the huge file goes first (largest first); a fresh worker must take over after it.
    run = cli("batch", "in", "-o", "out", "--workers", "1", "--timeout", "2", cwd=tree)
    assert time.monotonic() - started < 30
    assert run.returncode == 1
    assert "cme-notes: error: in/2025/huge.txt: timed out after 2 s" in run.stderr
    assert "5 parsed, 0 skipped as up to date, 1 failed" in run.stderr
    assert len(outputs(tree / "out")) == 5
    assert not (tree / "out/2025/huge.txt.json").exists()


# --------------------------------------------------------------------------- 6. jsonl, csv, safety


def test_jsonl_to_stdout_one_record_per_line_in_sorted_order(tree: Path) -> None:
    run = cli("batch", "in", "--format", "jsonl", "-o", "-", cwd=tree)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in records] == [
        "in/2024/northvale.docx", "in/2024/northvale.pdf", "in/2025/deep/oakridge.pdf",
        "in/2025/northvale.TXT", "in/2025/riverside.md",
    ]
    assert all(RECORD_KEYS <= set(r) for r in records)
    # and the same to a file, written whole
    to_file = cli("batch", "in", "--format", "jsonl", "-o", "all.jsonl", cwd=tree)
    assert to_file.returncode == 0
    assert (tree / "all.jsonl").read_text(encoding="utf-8") == run.stdout
    assert not list(tree.glob(".*.part"))


def test_csv_one_row_per_action_with_the_action_columns(tree: Path) -> None:
    run = cli("batch", "in/2024", "in/2025/riverside.md", "--format", "csv", "-o", "actions.csv", cwd=tree)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO((tree / "actions.csv").read_text(encoding="utf-8"))))
    assert tuple(rows[0].keys()) == ACTION_COLUMNS
    expected = []
    for name in ("in/2024/northvale.docx", "in/2024/northvale.pdf", "in/2025/riverside.md"):
        meeting = cme_notes.parse(tree / name)
        meeting.source.path = name
        for action in meeting.actions:
            row = action_row(meeting, action)
            expected.append({k: ("; ".join(v) if k == "owners" else (v or "")) for k, v in row.items()})
    assert rows == expected
    assert {r["file"] for r in rows} == {"in/2024/northvale.docx", "in/2024/northvale.pdf", "in/2025/riverside.md"}
    assert all(r["meeting_date"] for r in rows)


def test_quoted_globs_are_expanded_and_mirror_the_tree_below_the_fixed_part(tree: Path) -> None:
    run = cli("batch", "in/**/*.pdf", "in/2025/*.md", "-o", "out", cwd=tree)
    assert run.returncode == 0, run.stderr
    assert sorted(outputs(tree / "out")) == [
        "2024/northvale.pdf.json", "2025/deep/oakridge.pdf.json", "riverside.md.json"]


def test_output_paths_cannot_leave_outdir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for rel in ("../evil.pdf", "a/../../evil.pdf", "/etc/evil.pdf", "..", ""):
        with pytest.raises(ValueError):
            output_path(out, rel)
    assert output_path(out, "a/../b/c.pdf") == (out / "b/c.pdf.json").resolve()
    # a symbolic link inside OUTDIR that leads out of it
    (tmp_path / "elsewhere").mkdir()
    (out / "2024").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ValueError, match="symbolic link"):
        output_path(out, "2024/a.pdf")


def test_a_path_with_dotdot_cannot_escape_outdir(tmp_path: Path) -> None:
    (tmp_path / "in/sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    shutil.copyfile(SAMPLES / NV_TXT, tmp_path / "in/sub/a.txt")
    shutil.copyfile(SAMPLES / OAK_TXT, tmp_path / "other/b.txt")
    # The fixed part of the glob is "in"; its match in/sub/../../other/b.txt lies outside it.
    run = cli("batch", "in/*/../../other/*.txt", "in/sub/a.txt", "-o", "out", cwd=tmp_path)
    assert run.returncode == 1
    assert "would leave the output folder" in run.stderr
    assert sorted(outputs(tmp_path / "out")) == ["a.txt.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "other", "out"]
    assert sorted(p.name for p in (tmp_path / "other").iterdir()) == ["b.txt"]

    # A symbolic link inside OUTDIR pointing outside: refused, nothing written through it.
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out2").mkdir()
    (tmp_path / "out2/sub").symlink_to(tmp_path / "elsewhere")
    run = cli("batch", "in", "-o", "out2", cwd=tmp_path)
    assert run.returncode == 1
    assert "in/sub/a.txt: " in run.stderr and "symbolic link" in run.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_input_symlinks_pointing_outside_are_handled_safely(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "secret").mkdir(parents=True)
    shutil.copyfile(SAMPLES / NV_TXT, outside / "minutes.txt")
    shutil.copyfile(SAMPLES / OAK_TXT, outside / "secret/more.txt")
    (tmp_path / "in").mkdir()
    shutil.copyfile(SAMPLES / RIVER_MD, tmp_path / "in/riverside.md")
    (tmp_path / "in/link.txt").symlink_to(outside / "minutes.txt")  # a file: read, output under OUTDIR
    (tmp_path / "in/linkdir").symlink_to(outside / "secret")  # a folder: not followed
    (tmp_path / "in/dangling.txt").symlink_to(tmp_path / "nowhere.txt")  # broken: ignored

    run = cli("batch", "in", "-o", "out", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(outputs(tmp_path / "out")) == ["link.txt.json", "riverside.md.json"]
    record = json.loads((tmp_path / "out/link.txt.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == "in/link.txt"
    assert sorted(p.name for p in outside.rglob("*")) == ["minutes.txt", "more.txt", "secret"]


def test_expand_ignores_hidden_lock_and_other_files_and_skips_outdir(tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(tree)
    (tree / "in/2024/~$northvale.docx").write_bytes(b"lock")
    (tree / "in/.git").mkdir()
    (tree / "in/.git/x.txt").write_text("not minutes")
    (tree / "in/out").mkdir()
    (tree / "in/out/old.txt").write_text("an output folder inside the input")
    plan = expand(["in", "in/2024/northvale.pdf", "in/2024/../2024/northvale.pdf"], exclude=Path("in/out"))
    assert [(str(i.path), i.rel) for i in plan.inputs] == [
        ("in/2024/northvale.docx", "2024/northvale.docx"),
        ("in/2024/northvale.pdf", "2024/northvale.pdf"),
        ("in/2025/deep/oakridge.pdf", "2025/deep/oakridge.pdf"),
        ("in/2025/northvale.TXT", "2025/northvale.TXT"),
        ("in/2025/riverside.md", "2025/riverside.md"),
    ]
    assert sorted(p.name for p in plan.ignored) == ["notes.xlsx", "readme.html", "~$northvale.docx"]
    assert plan.problems == []


def test_up_to_date_needs_same_bytes_and_version(tree: Path) -> None:
    source = tree / "in/2025/riverside.md"
    out = tree / "r.json"
    assert not up_to_date(source, out)
    out.write_text(json.dumps({VERSION_KEY: cme_notes.__version__, "source": {"sha256": file_sha256(source)}}))
    assert up_to_date(source, out)
    out.write_text(json.dumps({VERSION_KEY: "0.0.0", "source": {"sha256": file_sha256(source)}}))
    assert not up_to_date(source, out)
    out.write_text('{"half": ')
    assert not up_to_date(source, out)
