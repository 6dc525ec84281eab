"""Checks made before a PDF is handed to a parser: is it a PDF at all, and does it hide a bomb."""
from __future__ import annotations

import mmap
import zlib
from collections.abc import Iterator
from pathlib import Path

from cme_notes.errors import ReadError, RefusedError


NOT_A_PDF = "not a PDF file (no %PDF header)"


def check_signature(path: Path) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise ReadError(f"cannot read file: {e.strerror or e}") from None
    if b"%PDF-" not in head:
        from cme_notes.readers import sniff

        kind = sniff(head)
        raise ReadError(f"not a PDF file: it is {kind}" if kind else NOT_A_PDF)


MAX_STREAM = 256 * 1024 * 1024
"""Most bytes one compressed stream of a PDF may inflate to (a full-colour A4 page at 600 dpi is ~100 MB)."""


MAX_INFLATED = 2 * 1024 * 1024 * 1024
"""Most bytes all compressed streams of a PDF may inflate to together."""


MAX_DEFLATE_RATIO = 1100
"""Deflate's greatest expansion is 1032 to 1 (a long run of one byte), with a margin."""


_INFLATE_CHUNK = 1 << 20


def check_streams(path: Path) -> None:
    """Refuse a PDF whose compressed streams inflate past the limits (a "zip bomb" in a PDF).

    The parsers inflate each stream whole, in memory, with no limit: a 3 MB file can
    hold a page whose content inflates to 3 GB. Deflate cannot inflate a stream more
    than about a thousandfold, so only a stream whose compressed bytes could exceed a
    limit that way needs inflating to be counted, a megabyte at a time, keeping
    nothing but the count: in an ordinary file, none. Streams of an encrypted PDF
    are not zlib data until decrypted, so they are not counted.
    """
    with path.open("rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return  # an empty or unmappable file: the parser will say what is wrong
        with data:
            starts = list(_stream_starts(data))
            # A stream's compressed bytes end before the next stream starts (or the file ends).
            regions = [(end - start, start) for start, end in zip(starts, starts[1:] + [len(data)])]
            # What all streams could inflate to at most; the largest are inflated and counted for real
            # until that bound is under the limits.
            bound = sum(size for size, _ in regions) * MAX_DEFLATE_RATIO
            for size, start in sorted(regions, reverse=True):
                if bound <= MAX_INFLATED and size * MAX_DEFLATE_RATIO <= MAX_STREAM:
                    break
                inflated = _inflated_size(data, start, MAX_STREAM + 1)
                if inflated > MAX_STREAM:
                    raise RefusedError(f"refused: one of its compressed streams inflates to over "
                                       f"{MAX_STREAM // 1048576} MB (a PDF bomb?)")
                bound += inflated - size * MAX_DEFLATE_RATIO
            if bound > MAX_INFLATED:
                raise RefusedError(f"refused: its compressed streams inflate to over "
                                   f"{MAX_INFLATED // 1048576} MB in all (a PDF bomb?)")


def _stream_starts(data: mmap.mmap) -> Iterator[int]:
    """Where each stream's data begins: after a "stream" keyword (not "endstream") and its line end.

    bytes.find, not a regular expression: a regex tries its lookbehind at every byte of the file."""
    pos = data.find(b"stream")
    while pos != -1:
        after = pos + len(b"stream")
        if data[max(0, pos - 3):pos] != b"end":
            if data[after:after + 2] == b"\r\n":
                yield after + 2
            elif data[after:after + 1] == b"\n":
                yield after + 1
        pos = data.find(b"stream", after)


def _inflated_size(data: mmap.mmap, start: int, limit: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counting no further than ``limit``."""
    inflate = zlib.decompressobj()
    produced = 0
    pos = start
    pending = b""
    try:
        while produced < limit and not inflate.eof:
            if not pending:
                pending = data[pos:pos + _INFLATE_CHUNK]
                pos += len(pending)
                if not pending:
                    break
            out = inflate.decompress(pending, _INFLATE_CHUNK)
            if not out and inflate.unconsumed_tail == pending:
                break
            pending = inflate.unconsumed_tail
            produced += len(out)
    except zlib.error:
        pass  # not zlib data (another filter, encrypted, or damaged): counted as far as it went
    return produced
