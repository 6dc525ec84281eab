"""Where a batch writes: one ``OUTDIR/<relative path>.json`` per input (and per later meeting of it),
whether it is up to date, and the temporary files a killed run left."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Callable

from .. import __version__
from ..hashing import file_sha256

__all__ = ["VERSION_KEY", "clean_temp_files", "output_path", "part_path", "record", "up_to_date", "write_parts"]

VERSION_KEY = "cme_notes_version"
"""Top-level key of every batch record: the cme-notes version that wrote it."""

_TEMP = re.compile(r"^\.(.+\.json)\.[a-z0-9_]{8}\.part$")
"""Temporary files of :func:`cme_notes.writers.atomic_writer` for our outputs (left by kill -9)."""

def output_path(outdir: Path, rel: str) -> Path:
    """``outdir/<rel>.json``, resolved; ValueError if it would not be inside ``outdir``.

    ``rel`` keeps the input's suffix (``a.pdf`` → ``a.pdf.json``) so that
    ``a.pdf`` and ``a.docx`` side by side cannot collide. Refused: absolute
    paths, ``..`` that climbs out, and symbolic links (in OUTDIR) that lead out.
    """
    root = outdir.resolve()
    norm = os.path.normpath(rel)
    if os.path.isabs(norm) or norm == os.pardir or norm.startswith(os.pardir + os.sep) or norm in ("", "."):
        raise ValueError(f"its output path {rel!r}.json would leave the output folder")
    target = (root / (norm + ".json")).resolve()
    if not target.is_relative_to(root) or target == root:
        raise ValueError(f"its output path {rel!r}.json would leave the output folder (through a symbolic link)")
    return target

def up_to_date(source: Path, output: Path) -> bool:
    """True when ``output`` holds a record written by this cme-notes version from these exact input bytes."""
    try:
        data = json.loads(output.read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or data.get(VERSION_KEY) != __version__:
        return False
    recorded = data.get("source")
    if not isinstance(recorded, dict) or not recorded.get("sha256"):
        return False
    try:
        return recorded["sha256"] == file_sha256(source)
    except OSError:
        return False

def clean_temp_files(outdir: Path, owns: Callable[[str], bool] | None = None) -> int:
    """Remove temporary files that a killed run left in ``outdir`` (``.NAME.json.XXXXXXXX.part``).

    ``owns(rel)`` limits this to the temporary files of the inputs it accepts (by
    their relative path): a shard leaves alone those that other shards, running
    into the same OUTDIR at the same time, are writing.
    """
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(outdir):
        for f in filenames:
            temp = _TEMP.match(f)
            if temp and (owns is None or owns(_input_of_output(outdir, dirpath, temp[1]))):
                try:
                    os.unlink(os.path.join(dirpath, f))
                    removed += 1
                except OSError:
                    pass
    return removed

def _input_of_output(outdir: Path, dirpath: str, name: str) -> str:
    """The input path an output in ``dirpath`` was written for: ``2024``, ``a.pdf.2.json`` → ``2024/a.pdf``."""
    stem = re.sub(r"(\.[0-9]+)?\.json$", "", name)  # a later meeting's part (see part_path): inputs never end so
    return os.path.join(os.path.relpath(dirpath, outdir), stem)

def record(meeting) -> dict:
    """The record as written by batch: the meeting's JSON plus the version that wrote it."""
    data = meeting.to_json_dict()
    data[VERSION_KEY] = __version__
    return data

def part_path(target: Path, part: int) -> Path:
    """The output of an input's ``part``-th meeting: ``a.pdf.json``, then ``a.pdf.2.json``, ``a.pdf.3.json``.

    No input can own such a name: an input's suffix is one we read (``.pdf``...), never a number.
    """
    return target if part == 1 else target.with_name(f"{target.name[: -len('.json')]}.{part}.json")

def write_parts(target: Path, texts: list[str]) -> None:
    """Write each meeting's record whole, then drop outputs of meetings the input no longer holds."""
    from ..writers import atomic_writer

    target.parent.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(texts, 1):
        with atomic_writer(part_path(target, n), "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    stale = len(texts) + 1
    while part_path(target, stale).is_file():
        part_path(target, stale).unlink()
        stale += 1
