"""The normalised document: what every reader produces and the extractor reads.

A document is a flat list of blocks in reading order. A block is one paragraph
(or one line, where the format has no paragraphs) together with where it came
from: page, table/row/column, paragraph number. Readers fill in what their
format really holds and leave the rest as ``None``; the extractor never needs
to know which format a block came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    page: int | None = None
    """1-based page number (PDF only)."""
    table: int | None = None
    """0-based number of the table in reading order; ``None`` for body text."""
    row: int | None = None
    """0-based table row."""
    col: int | None = None
    """Table column; in body text, the tab- or gap-separated segment of a line (0 = first)."""
    para: int = 0
    """0-based paragraph number within the cell, or within the body for body text."""
    top: float | None = None
    """Distance of the block's first line from the top of its page, in points (PDF only)."""
    line: int | None = None
    """1-based line number in the source (text formats only)."""
    style: str = ""
    """What the file says the paragraph is: "heading", "bullet", "numbered", "bold" or ""."""
    level: int | None = None
    """Heading level where the file gives one: 1..6 for Markdown ``#``..``######`` or Word "Heading N", 0 for a Word "Title"."""

    @property
    def in_table(self) -> bool:
        return self.table is not None


@dataclass(slots=True)
class Document:
    blocks: list[Block]
    format: str
    """"pdf", "docx", "txt" or "md"; "doc", "odt" or "rtf" for a file read through its .docx conversion."""
    pages: int | None = None
    headers: list[str] = field(default_factory=list)
    """Running headers and footers, kept out of ``blocks``."""
    ocr_pages: list[int] = field(default_factory=list)
    """Pages (1-based) whose text was read by OCR, the file having none there (PDF only)."""
    unread_pages: list[int] = field(default_factory=list)
    """Pages (1-based) without text, read without OCR: scanned pages of a file whose other pages have text (PDF only)."""
    front_matter: list[Block] = field(default_factory=list)
    """A Markdown file's YAML (``---``) or TOML (``+++``) front matter, one ``key: value`` block a field, kept out of ``blocks``."""

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)
