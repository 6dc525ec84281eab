"""Which inputs a batch takes: files, folders and glob patterns, each with its path relative to where it was found."""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..engine import INPUT_SUFFIXES

__all__ = ["Input", "Plan", "expand"]

_MAGIC = re.compile(r"[*?[]")

@dataclass(slots=True)
class Input:
    path: Path
    """The input as found: a path relative to the current folder, or absolute if given so."""
    rel: str
    """Path relative to the root it was found under (the folder named, the fixed part of a
    glob, or the folder of a file named directly); mirrored under OUTDIR."""

    @property
    def name(self) -> str:
        return str(self.path)

@dataclass
class Plan:
    inputs: list[Input] = field(default_factory=list)
    """Files to parse, sorted, without duplicates."""
    ignored: list[Path] = field(default_factory=list)
    """Files with other suffixes, hidden files and Office lock files (``~$x.docx``) found in folders."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(argument, reason) for arguments that name nothing: counted as failures."""

def expand(paths: Iterable[str | Path], *, suffixes: tuple[str, ...] = INPUT_SUFFIXES,
           exclude: Path | None = None) -> Plan:
    """Files, folders (searched recursively) and glob patterns (``*``, ``?``, ``[..]``, ``**``) to inputs.

    A name that exists is taken literally even if it contains glob characters.
    Inside folders, hidden files and folders (``.*``) and Office lock files are
    left out, symbolic links to files are read, symbolic links to folders are
    not followed, and the folder ``exclude`` (the output folder) is skipped.
    Suffixes are compared case-insensitively.
    """
    plan = Plan()
    seen: set[str] = set()
    exclude_real = os.path.realpath(exclude) if exclude is not None else None

    def consider(path: Path, root: str, *, in_folder: bool) -> None:
        name = path.name
        if in_folder and (name.startswith((".", "~$")) or not path.is_file()):
            plan.ignored.append(path)
            return
        if path.suffix.lower() not in suffixes:
            plan.ignored.append(path)
            return
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            return
        seen.add(key)
        plan.inputs.append(Input(path, os.path.relpath(path, root)))

    def walk(top: Path, root: str) -> None:
        for dirpath, dirnames, filenames in os.walk(top):
            kept = []
            for d in sorted(dirnames):
                full = os.path.join(dirpath, d)
                if d.startswith(".") or os.path.islink(full):
                    continue
                if exclude_real is not None and os.path.realpath(full) == exclude_real:
                    continue
                kept.append(d)
            dirnames[:] = kept
            for f in sorted(filenames):
                consider(Path(dirpath, f), root, in_folder=True)

    def add(path: Path, root: str) -> None:
        if path.is_dir():
            walk(path, root)
        else:
            consider(path, root, in_folder=False)

    for raw in paths:
        raw = str(raw)
        path = Path(raw)
        if os.path.lexists(raw):
            add(path, str(path) if path.is_dir() else str(path.parent))
        elif _MAGIC.search(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                plan.problems.append((raw, "no files match this pattern"))
            root = _fixed_prefix(raw)
            for match in matches:
                add(Path(match), root)
        else:
            plan.problems.append((raw, "no such file or folder"))
    plan.inputs.sort(key=lambda i: i.path.parts)
    return plan

def _fixed_prefix(pattern: str) -> str:
    """The folder part of a glob pattern before its first wildcard: ``in/*/a.pdf`` → ``in``."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if _MAGIC.search(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."
