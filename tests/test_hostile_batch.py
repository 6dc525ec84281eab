"""`cme-notes batch` against hostile inputs: the rest of the batch unharmed, nothing half-written.

Complements tests/test_batch.py (which covers resuming, workers, formats and the
basic safety of output paths) with the hostile files of the other
test_hostile_* modules all in one folder, output paths that try to leave
OUTDIR, a per-file timeout on a file that takes far too long, and Ctrl-C while
a worker is busy with it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from test_hostile_docx import _lying_docx
from test_hostile_pdf import draw_minutes, flipped

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = ["northvale-cme-2024-03-14.pdf", "oakridge-parish-2025-06-03.docx", "oakridge-parish-2025-06-03.txt",
        "riverside-governors-2025-01-22.md"]


def cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cme_notes", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def errors_by_file(stderr: str) -> dict[str, str]:
    """{path: reason} from the error lines; every other line must be the summary or the list of scans."""
    found = {}
    for line in stderr.splitlines():
        if line.startswith("cme-notes: error: "):
            name, _, reason = line[len("cme-notes: error: "):].partition(": ")
            assert name not in found, f"two lines for {name}"
            found[name] = reason
        elif line.startswith("  ") or (line.startswith("cme-notes: ") and "scanned PDF" in line):
            continue
        else:
            assert line.startswith("cme-notes: ") and " parsed, " in line, line
    return found


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part")]


def slow_pdf(path: Path, pages: int = 300) -> Path:
    """A PDF dense enough (about 15,000 characters a page) to take pdfplumber many seconds."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        c.setFont("Helvetica", 5)
        for line in range(150):
            c.drawString(20, 830 - line * 5.4, f"Page {page} line {line}: the members noted the figures " * 2)
        c.showPage()
    c.save()
    return path


# --------------------------------------------------------------------------- every hostile file at once


def build_hostile_folder(root: Path) -> tuple[list[str], dict[str, str]]:
    """in/good/* (the samples) and in/bad/* (one of each hostile kind); returns (good, {bad: words})."""
    good_dir, bad_dir = root / "in/good", root / "in/bad"
    good_dir.mkdir(parents=True)
    bad_dir.mkdir(parents=True)
    for name in GOOD:
        shutil.copyfile(SAMPLES / name, good_dir / name)
    shutil.copyfile(SAMPLES / "oakridge-parish-2025-06-03.txt", good_dir / "with nul.txt")
    (good_dir / "with nul.txt").write_bytes((SAMPLES / "oakridge-parish-2025-06-03.txt").read_bytes() + b"\0\n")
    (good_dir / "utf16.txt").write_bytes((SAMPLES / "oakridge-parish-2025-06-03.txt").read_text().encode("utf-16"))

    pdf = (SAMPLES / "northvale-cme-2024-03-14.pdf").read_bytes()
    bad = {
        "truncated.pdf": (pdf[: len(pdf) // 2], "damaged or truncated PDF"),
        "not-a-pdf.pdf": (b"<!DOCTYPE html><html>expired</html>", "web page (HTML)"),
        "damaged-content.pdf": (flipped(SAMPLES / "northvale-cme-2025-01-23.pdf", 5), "damaged PDF"),
        "binary.txt": (bytes(range(256)) * 40, "binary data"),
        "empty.md": (b"", "empty file"),
        "blank.txt": (b" \n\t\n", "no text in the file"),
        "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "rename it to .doc"),
        "not-a-zip.docx": (b"Present: Jane Smith", "not a .docx file"),
    }
    for name, (data, _) in bad.items():
        (bad_dir / name).write_bytes(data)
    words = {f"in/bad/{name}": w for name, (_, w) in bad.items()}

    draw_minutes(bad_dir / "locked.pdf", encrypt="secret")
    words["in/bad/locked.pdf"] = "--password"
    c = canvas.Canvas(str(bad_dir / "scan.pdf"))
    c.rect(72, 400, 300, 300, fill=1)
    c.save()
    words["in/bad/scan.pdf"] = "--ocr"
    _lying_docx(SAMPLES / "northvale-cme-2024-03-14.docx", bad_dir / "lying-bomb.docx", "word/document.xml", 256 << 20)
    words["in/bad/lying-bomb.docx"] = "zip bomb?"
    with zipfile.ZipFile(bad_dir / "bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        with zf.open("word/media/zeros.bin", "w") as fh:
            for _ in range(600):
                fh.write(bytes(1 << 20))
    words["in/bad/bomb.docx"] = "zip bomb?"
    with zipfile.ZipFile(bad_dir / "laughs.docx", "w") as zf:
        zf.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>')
    words["in/bad/laughs.docx"] = "declares XML entities"
    good = sorted(f"in/good/{p.name}" for p in good_dir.iterdir())
    return good, words


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_folder_of_hostile_files_fails_each_cleanly_and_writes_the_good_ones(tmp_path, workers):
    good, bad = build_hostile_folder(tmp_path)
    run = cli("batch", "in", "-o", "out", "--workers", workers, "--quiet", cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = errors_by_file(run.stderr)
    assert sorted(errors) == sorted(bad)
    for name, words in bad.items():
        assert words in errors[name], (name, errors[name])
    assert f"{len(good)} parsed, 0 skipped as up to date, {len(bad)} failed" in run.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == sorted(f"good/{Path(g).name}.json" for g in good)
    for p in (tmp_path / "out").rglob("*.json"):
        assert json.loads(p.read_text(encoding="utf-8"))["source"]["path"].startswith("in/good/")
    assert leftovers(tmp_path) == []


def test_batch_and_parse_give_the_same_reasons(tmp_path):
    _, bad = build_hostile_folder(tmp_path)
    batch = errors_by_file(cli("batch", "in/bad", "-o", "out", "--quiet", cwd=tmp_path).stderr)
    parse = cli("parse", *sorted(bad), "--format", "json", cwd=tmp_path)
    assert parse.returncode == 1
    assert errors_by_file(parse.stderr) == batch


# --------------------------------------------------------------------------- output paths stay in OUTDIR


def test_an_output_that_is_a_symlink_to_outside_is_not_written_through(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copyfile(SAMPLES / "oakridge-parish-2025-06-03.txt", tmp_path / "in/a.txt")
    shutil.copyfile(SAMPLES / "riverside-governors-2025-01-22.md", tmp_path / "in/b.md")
    victim = tmp_path / "victim.json"
    victim.write_text("precious\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/a.txt.json").symlink_to(victim)
    run = cli("batch", "in", "-o", "out", "--quiet", cwd=tmp_path)
    assert run.returncode == 1
    assert "would leave the output folder" in errors_by_file(run.stderr)["in/a.txt"]
    assert victim.read_text() == "precious\n"
    assert (tmp_path / "out/a.txt.json").is_symlink()
    assert json.loads((tmp_path / "out/b.md.json").read_text(encoding="utf-8"))["date"] == "2025-01-22"


@pytest.mark.parametrize("name", ["..txt", "...md", "a..b.txt", "-dash.txt", "new\nline.txt", "ünï cödé.txt",
                                  " space .txt"])
def test_odd_file_names_are_written_inside_outdir(tmp_path, name):
    (tmp_path / "in/sub").mkdir(parents=True)
    shutil.copyfile(SAMPLES / "oakridge-parish-2025-06-03.txt", tmp_path / "in/sub" / name)
    # Named directly (inside a folder, names starting with "." are hidden and skipped).
    run = cli("batch", f"in/sub/{name}", "-o", "out", "--quiet", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    written = [p for p in tmp_path.rglob("*.json")]
    assert written == [tmp_path / "out" / f"{name}.json"]
    assert json.loads(written[0].read_text(encoding="utf-8"))["date"] == "2025-06-03"


def test_a_bad_file_with_a_newline_in_its_name_gives_one_error_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/bad\nname.txt").write_bytes(b"")
    run = cli("batch", "in", "-o", "out", "--quiet", cwd=tmp_path)
    assert run.returncode == 1
    assert [line for line in run.stderr.splitlines() if "error" in line] == [
        "cme-notes: error: in/bad\\nname.txt: empty file"]


# --------------------------------------------------------------------------- timeout and Ctrl-C


@pytest.fixture(scope="module")
def pathological(tmp_path_factory) -> Path:
    return slow_pdf(tmp_path_factory.mktemp("slow") / "board-pack.pdf")


def _folder_with(tmp_path: Path, slow: Path, small: int) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(slow, tmp_path / "in/board-pack.pdf")
    for i in range(small):
        shutil.copyfile(SAMPLES / "oakridge-parish-2025-06-03.txt", tmp_path / f"in/minutes-{i:02d}.txt")


def test_a_per_file_timeout_stops_the_pathological_file_only(tmp_path, pathological):
    _folder_with(tmp_path, pathological, 6)
    started = time.monotonic()
    run = cli("batch", "in", "-o", "out", "--workers", "2", "--timeout", "2", "--quiet", cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert run.returncode == 1
    assert errors_by_file(run.stderr) == {"in/board-pack.pdf": "timed out after 2 s"}
    assert "6 parsed, 0 skipped as up to date, 1 failed" in run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"minutes-{i:02d}.txt.json" for i in range(6)]
    assert leftovers(tmp_path) == []


def _interrupt(cmd: list[str], cwd: Path, wait: float) -> subprocess.CompletedProcess:
    """Run ``cmd``, then Ctrl-C it (SIGINT to its process group, as a terminal does) after ``wait`` s."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        time.sleep(wait)
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def test_ctrl_c_while_a_worker_is_busy_leaves_whole_files_only(tmp_path, pathological):
    _folder_with(tmp_path, pathological, 10)
    cmd = [sys.executable, "-m", "cme_notes", "batch", "in", "-o", "out", "--workers", "2", "--timeout", "0"]
    run = _interrupt(cmd, tmp_path, 4.0)
    assert run.returncode == 130, run.stderr
    assert "cme-notes: interrupted: " in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out/board-pack.pdf.json").exists()
    done = sorted((tmp_path / "out").glob("*.json"))
    assert done, "the small files were finished before the interrupt"
    for p in done:
        assert json.loads(p.read_text(encoding="utf-8"))["date"] == "2025-06-03"
    assert leftovers(tmp_path) == []
    # no worker is left running: nothing is still writing into OUTDIR
    before = sorted(p.name for p in (tmp_path / "out").iterdir())
    time.sleep(1.0)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_ctrl_c_leaves_no_half_written_stream_file(tmp_path, pathological, fmt):
    _folder_with(tmp_path, pathological, 10)
    target = tmp_path / f"all.{fmt}"
    cmd = [sys.executable, "-m", "cme_notes", "batch", "in", "--format", fmt, "-o", str(target), "--workers", "2",
           "--timeout", "0"]
    run = _interrupt(cmd, tmp_path, 4.0)
    assert run.returncode == 130, run.stderr
    assert "Traceback" not in run.stderr
    assert not target.exists(), "an interrupted stream is written whole or not at all"
    assert leftovers(tmp_path) == []
