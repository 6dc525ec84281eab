"""Errors a user can act on. Each carries a one-line message; the CLI prints it as is."""
from __future__ import annotations

from pathlib import Path


class CmeNotesError(Exception):
    """Base class: something about an input that the user can fix or should know."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


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
