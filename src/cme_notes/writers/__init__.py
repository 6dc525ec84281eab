"""Writers: records to JSON, CSV and terminal tables; and writing files so that nothing half-written is left."""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

NEW_FILE_MODE = 0o666
"""What open() asks for a new file, before the umask: 0644 under the usual umask 022, as any tool's output."""


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place only when done.

    The file gets the permissions a plain ``open()`` would give it (the umask's, or
    those of the file it replaces), not mkstemp's private 0600.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows files have no such bits
            os.fchmod(fd, file_mode(path))
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def file_mode(path: Path) -> int:
    """The permission bits for writing ``path``: those of the file already there, else 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return NEW_FILE_MODE & ~current_umask()


def current_umask() -> int:
    """The process's umask. Linux shows it in /proc; elsewhere it can only be read by setting it (and back)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
