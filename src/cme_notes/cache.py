"""Records already parsed, kept by content hash, so that no run parses the same bytes twice.

An entry holds every meeting a file gave (the JSON record) and each item's
text (what ``index`` and ``search`` need), keyed by the sha256 of the file's
bytes, the code that parsed it and the reading options that change a record
(PDF engine, OCR). The file's name is not in the key: a copy, or a file moved
elsewhere, is found too, and its records get the name it has now.

Entries live under ``$XDG_CACHE_HOME/cme-notes`` (``~/.cache/cme-notes``), in a
folder only its owner can read (records name people). They are written whole
(a temporary file renamed into place) by the process that owns the run, never
by a worker that may be killed mid-write, and an entry that cannot be read or
does not validate is ignored and parsed again. Files read with a password are
never cached: their text must not outlive the run in clear.
Nothing prunes the folder; deleting it at any time is safe.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .models import Meeting
    from .readers.options import ReadOptions
    from .store.passages import ItemText

    Parsed = list[tuple[Meeting, list[ItemText]]]

NO_CACHE_ENV = "CME_NOTES_NO_CACHE"
"""Set (to anything but "" or "0") to turn the cache off, as --no-cache does."""

FORMAT = 1
"""The layout of an entry; bumped when it changes, so older entries are simply not found."""

_DIR_MODE = 0o700
"""The cache holds names and minutes' text: other users of the machine have no business there."""


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/cme-notes``, else ``~/.cache/cme-notes`` (the XDG base directory rule)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "cme-notes"


def disabled_by_env() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version and the state of this package's own files (size and time of each): records parsed
    by other code are not reused, even while the version number stays the same during development."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml", ".json") and "__pycache__" not in path.parts:
            st = path.stat()
            digest.update(f"{path.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RecordCache:
    """The records of files already parsed; picklable, so worker processes can read it too."""

    root: Path
    code: str

    @classmethod
    def default(cls) -> "RecordCache | None":
        """The user's cache, or None when turned off by :data:`NO_CACHE_ENV`."""
        return None if disabled_by_env() else cls(cache_root(), code_fingerprint())

    def usable(self, options: "ReadOptions") -> bool:
        return options.password is None

    def _path(self, sha256: str, options: "ReadOptions") -> Path:
        key = f"{FORMAT}\0{self.code}\0{sha256}\0{options.pdf_engine}\0{int(options.ocr)}"
        name = hashlib.sha256(key.encode()).hexdigest()
        return self.root / "records" / name[:2] / f"{name}.json"

    def get(self, sha256: str, options: "ReadOptions", name: str) -> "Parsed | None":
        """The records of the file whose bytes hash to ``sha256``, named ``name``; None when not cached
        (or the entry is damaged: it is then parsed again and rewritten)."""
        if not self.usable(options):
            return None
        try:
            data = json.loads(self._path(sha256, options).read_bytes())
            return _parsed(data, sha256, name)
        except Exception:  # missing, unreadable, truncated or from a foreign layout: parse again
            return None

    def entry(self, sha256: str, options: "ReadOptions", parsed: "Parsed") -> bytes | None:
        """The entry to store for ``parsed`` (made where the parsing ran, stored by :meth:`put`)."""
        if not self.usable(options):
            return None
        data = {
            "sha256": sha256,
            "meetings": [meeting.to_json_dict() for meeting, _texts in parsed],
            "texts": [[[t.item, t.title, t.text] for t in texts] for _meeting, texts in parsed],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def put(self, sha256: str, options: "ReadOptions | None", entry: bytes | None) -> None:
        """Store an entry, whole or not at all (``options`` None: the defaults); a cache that cannot be written
        is no reason to fail a run."""
        from .readers.options import ReadOptions
        from .writers import atomic_writer

        options = options or ReadOptions()
        if entry is None or not self.usable(options):
            return

        path = self._path(sha256, options)
        try:
            self.root.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
            path.parent.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
            with atomic_writer(path, "wb") as fh:
                fh.write(entry)
        except OSError:
            pass


def _parsed(data: dict, sha256: str, name: str) -> "Parsed":
    from .models import Meeting
    from .store.passages import ItemText

    if data.get("sha256") != sha256 or len(data["meetings"]) != len(data["texts"]) or not data["meetings"]:
        raise ValueError("not this file's entry")
    out = []
    for record, texts in zip(data["meetings"], data["texts"]):
        meeting = Meeting.model_validate(record)
        if meeting.source is not None:
            meeting.source = meeting.source.model_copy(update={"path": name})
        out.append((meeting, [ItemText(item, title, text) for item, title, text in texts]))
    return out


def sha256_within(path: Path, options: "ReadOptions") -> str | None:
    """The file's sha256, or None when it is larger than ``options.max_bytes`` or no regular file (a device,
    a FIFO: reading it to the end might never end) or cannot be read. The reader then refuses it with its own
    message: a cached record must not get round its checks."""
    import stat

    from .hashing import file_sha256

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        if options.max_bytes is not None and info.st_size > options.max_bytes:
            return None
        return file_sha256(path)
    except OSError:
        return None
