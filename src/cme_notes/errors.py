"""Errors a user can act on. Each carries a one-line message; the CLI prints it as is.

A message is always one line, whatever went into it: a line break or other
control character in the reason (text quoted from a damaged file) or in the
path (file names may hold newlines) is shown escaped, so that every error is
exactly one line of ``cme-notes: error: <path>: <reason>`` on stderr.
"""
from __future__ import annotations

import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped (``\\n``, ``\\x00``)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class CmeNotesError(Exception):
    """Base class: something about an input that the user can fix or should know."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = one_line(str(message))
        super().__init__(f"{one_line(self.path)}: {self.reason}" if self.path else self.reason)


class UnsupportedFormat(CmeNotesError):
    """The file is not one of the formats cme-notes reads."""


class ReadError(CmeNotesError):
    """The file claims a format it does not hold, or is damaged."""


class EncryptedError(ReadError):
    """The PDF needs a password."""


class NoTextError(ReadError):
    """The document holds no text (e.g. a scanned PDF)."""


class TooLargeError(ReadError):
    """The input is larger than the configured limit."""


class RefusedError(ReadError):
    """The file is built to do harm or would take unbounded resources (zip bomb, XML entities)."""
