"""Splitting a batch's inputs into N shares, so that N machines can each take one.

An input's share is decided by its own path alone, never by its position in a
list: a stable hash (the first 8 bytes of sha256, as a big-endian number, mod N)
of its path relative to the folder it was found under, the same path that its
output mirrors under OUTDIR. So the split does not depend on the machine, on
where the archive is mounted (``/mnt/a/minutes/2024/x.pdf`` and
``/data/minutes/2024/x.pdf`` are both ``2024/x.pdf`` below the folder named),
on the order the paths were given in or on how a shell expanded a glob; an
input keeps its share when others are added or removed; and two inputs that
would write the same output always fall in the same share, so two machines
never write the same file.

Shares are numbered from 1 (``1/4`` ... ``4/4``), as a Slurm job array
``--array=1-4`` numbers its tasks.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import PurePath
from typing import Callable, Iterable, TypeVar

__all__ = ["MAX_SHARES", "ShardError", "parse_shard", "shard_key", "shard_of", "take_shard"]

T = TypeVar("T")

MAX_SHARES = 1_000_000
"""More shares than any cluster runs tasks at once; keeps K/N a short, checkable number."""
_HASH_BYTES = 8
"""64 bits of sha256: uniform enough that mod N shows no bias for any N up to MAX_SHARES."""
_SPEC = re.compile(r"\s*([0-9]{1,7})\s*/\s*([0-9]{1,7})\s*")


class ShardError(ValueError):
    """A --shard value that is not K/N with 1 <= K <= N. One line, shown as is."""


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``; :class:`ShardError` for anything but K/N with 1 <= K <= N <= MAX_SHARES."""
    match = _SPEC.fullmatch(text)
    if not match:
        raise ShardError(f"--shard {text!r}: give K/N, e.g. 2/4 for the second of four shares")
    k, n = int(match[1]), int(match[2])
    if not 1 <= n <= MAX_SHARES:
        raise ShardError(f"--shard {text}: N must be between 1 and {MAX_SHARES:,}")
    if k == 0:
        raise ShardError(f"--shard {text}: K counts from 1 (1/{n} to {n}/{n}); "
                         f"from a 0-based index give $((INDEX+1))/{n}")
    if k > n:
        raise ShardError(f"--shard {text}: K must be between 1 and {n}")
    return k, n


def shard_key(rel: str) -> str:
    """The string hashed for an input: its relative path normalised so every machine spells it alike.

    ``./a/../2024\\x.pdf`` on Windows and ``2024/x.pdf`` elsewhere agree: ``.``
    and ``..`` are resolved, separators become ``/``, and the name is put in
    Unicode NFC (macOS hands out decomposed accents, Linux keeps what was
    written). Case is kept: ``A.pdf`` and ``a.pdf`` are two files on most systems.
    """
    return unicodedata.normalize("NFC", PurePath(os.path.normpath(rel)).as_posix())


def shard_of(rel: str, n: int) -> int:
    """The share (1 to ``n``) of the input whose path relative to its folder argument is ``rel``."""
    # surrogateescape: a Linux file name that is not UTF-8 hashes as its own bytes instead of failing.
    digest = hashlib.sha256(shard_key(rel).encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:_HASH_BYTES], "big") % n + 1


def take_shard(items: Iterable[T], k: int, n: int, key: Callable[[T], str]) -> list[T]:
    """The items of share ``k`` of ``n`` (1-based), in their order; ``key`` gives an item's relative path."""
    return [item for item in items if shard_of(key(item), n) == k]
