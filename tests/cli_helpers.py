"""Running cme-notes as a user does, and checking what a refused input prints."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cme_notes", *args], capture_output=True, text=True, timeout=timeout)


def parse(path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return run("parse", str(path), "--format", "json", *args, timeout=timeout)


def assert_refused(result: subprocess.CompletedProcess, path: Path, *words: str, code: int = 1) -> str:
    """Exit ``code``, exactly one stderr line naming the file, holding ``words``; returns the reason."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    prefix = f"cme-notes: error: {path}: "
    assert lines[0].startswith(prefix), lines[0]
    reason = lines[0][len(prefix):]
    for word in words:
        assert word in reason, reason
    return reason


def record(result: subprocess.CompletedProcess) -> dict:
    """The record printed, without its source (path, hash and format differ between copies)."""
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    data.pop("source")
    return data


# The child is started by a small launcher: a child forked straight from pytest would report pytest's own
# peak memory (which grows over the suite) as its ru_maxrss, since the peak is kept across exec.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def parse_measuring_memory(path: Path, tmp_path: Path, *args: str) -> tuple[int, subprocess.CompletedProcess]:
    """Run ``cme-notes parse`` on ``path``: the child's peak RSS in bytes, and its result."""
    out, err, peak = tmp_path / "stdout", tmp_path / "stderr", tmp_path / "maxrss"
    command = [sys.executable, "-m", "cme_notes", "parse", str(path), "--format", "json", *args]
    with open(out, "w") as fo, open(err, "w") as fe:
        launched = subprocess.run([sys.executable, "-c", _LAUNCHER, str(peak), *command], stdout=fo, stderr=fe)
    result = subprocess.CompletedProcess(command, launched.returncode, out.read_text(), err.read_text())
    return int(peak.read_text()) * 1024, result  # ru_maxrss is in KB on Linux

