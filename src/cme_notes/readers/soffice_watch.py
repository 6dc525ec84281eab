"""Run one LibreOffice conversion for a reader that may be killed at any moment; run as a script, not imported.

``python soffice_watch.py PROGRAM SOURCE SUFFIX SECONDS`` makes a temporary
directory, converts a copy of SOURCE to .docx there with LibreOffice (headless,
in a private profile, in a process group of its own, for at most SECONDS), and
prints one JSON line: ``{"status": "done", "docx": PATH}``, or ``"timeout"``,
``"failed"`` (with LibreOffice's ``"error"`` line) or ``"error"`` (with a
``"reason"``). It then waits for its standard input to close and removes the
directory.

Why a process of its own: a batch worker is killed outright (SIGKILL) when it
runs past ``--timeout`` or the batch is interrupted, and a killed worker can
neither stop LibreOffice nor remove a directory. The reader holds this
script's standard input open; when it is done with the .docx, or dies, the
pipe closes, and this script stops LibreOffice (if it is still running) and
removes everything. Standard library only, so it starts with ``python -I``.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILTER = "docx:MS Word 2007 XML"
"""LibreOffice's own "Word 2007-365" export: the .docx Word itself would write."""
POLL = 0.05
"""Seconds between looks at LibreOffice and at the reader (a conversion takes a second or more)."""


def main(program: str, source: str, suffix: str, seconds: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the reader's to handle: it closes our input
    work = Path(tempfile.mkdtemp(prefix="cme-notes-convert-"))
    try:
        report = convert(program, Path(source), suffix, work, seconds)
        try:
            print(json.dumps(report), flush=True)
        except BrokenPipeError:  # the reader has gone; Python would complain again flushing stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        while sys.stdin.buffer.read(65536):  # until the reader closes its end: it is done with the .docx, or dead
            pass
    finally:
        shutil.rmtree(work, ignore_errors=True)


def convert(program: str, source: Path, suffix: str, work: Path, seconds: float) -> dict:
    copy = work / f"input{suffix}"  # a plain name: no option-like or odd names on LibreOffice's command line
    try:
        shutil.copyfile(source, copy)  # LibreOffice writes a .~lock file beside what it opens: never the user's folder
    except OSError as exc:
        return {"status": "error", "reason": exc.strerror or str(exc)}
    scratch, outdir = work / "tmp", work / "out"
    scratch.mkdir()
    command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", FILTER, "--outdir", str(outdir), str(copy)]
    with open(work / "stderr", "wb+") as err:
        try:
            # LibreOffice's own scratch files (lu*.tmp) go in TMPDIR: a killed LibreOffice leaves them there
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                       start_new_session=True, env={**os.environ, "TMPDIR": str(scratch)})
        except OSError as exc:
            return {"status": "error", "reason": f"LibreOffice could not be started ({exc.strerror or exc})"}
        try:
            outcome = watch(process, time.monotonic() + seconds)
        finally:
            try:  # soffice is a script starting oosplash, which starts soffice.bin: kill the whole group
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass  # the group is gone: all in it have exited
            process.wait()
        err.seek(0)
        said = err.read().decode("utf-8", "replace")
    if outcome != "exited":
        return {"status": outcome}
    converted = outdir / f"{copy.stem}.docx"
    if process.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
        lines = [line.removeprefix("Error:").strip() for line in said.splitlines() if line.startswith("Error:")]
        return {"status": "failed", "error": lines[0] if lines else ""}
    return {"status": "done", "docx": str(converted)}


def watch(process: subprocess.Popen, deadline: float) -> str:
    """"exited", "timeout", or "abandoned" when the reader has closed our input (it has gone)."""
    while process.poll() is None:
        if time.monotonic() > deadline:
            return "timeout"
        readable, _, _ = select.select([sys.stdin], [], [], POLL)
        if readable and not sys.stdin.buffer.read1(65536):
            return "abandoned"
    return "exited"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))
