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
