"""Plain text and Markdown reader.

Text exports of Word tables put a right-hand column after a tab, so every
tab-separated segment of a line becomes a block of its own with ``col`` set to
the segment's position. Markdown structure (headings, bullets, bold, tables)
is kept as block styles and table cells rather than treated as noise.

Limits, so that no text makes the extractor slow (its rules run regular
expressions over whole paragraphs, and some of them are quadratic in the length
of a run of spaces or of a line):

- a line longer than :data:`MAX_LINE` characters (no real minutes have one:
  it is a file with no line breaks, or not minutes) is cut into pieces of at
  most that length, at the last sentence end in the second half of each piece,
  else after the last comma or semicolon (a list of names on one line), else at
  the last space, else anywhere; each piece is read as a line of its
  own (so ``Block.line`` counts pieces, not source lines, after such a line);
- a line with more than :data:`MAX_COLUMNS` tab-separated segments is not a
  table exported as text: its tabs are read as spaces;
- runs of spaces inside a block are squashed to one space, as the Word reader
  does.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from ..document import Block, Document
from ..errors import ReadError

# Word's text export writes bullets as U+F0B7 (Symbol font) or U+00B7; "o" is the second level.
_BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\uf0b7\uf0a7\u25aa\u25cf\u25e6\u2023\u2043*+\-\u2013]|o(?=\s))\s+")
# Only the opening hashes: the rest of the heading is trimmed with str methods (the regex
# "^#{1,6}\s+(.*?)\s*#*\s*$" took cubic time on a heading followed by a long run of spaces).
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# No "[" in the link text or the target: each try stops at the next "[", so a line
# of "[[[[" or "[a](" is read in linear time (it was quadratic).
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^)\[\]]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# not after an initial: a list of "Alice B. Ashdown, …" cut there would end the list at "B."
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])[.!?][\"'\u2019\u201d)\]]*\s")
_LIST_BREAK = re.compile(r"[,;]\s")

# "title: x", "date = \"2007-05-08\"": a front-matter field; "[extra]" opens a TOML table
# (keys are lower-case in every static-site generator's front matter; "Date: 12 May" between rules is a header box)
_FRONT_FIELD = re.compile(r"^(?P<key>[a-z_][\w\-]*)\s*[:=]\s*(?P<value>.*)$")
_FRONT_OTHER = re.compile(r"^(?:\s+\S|-\s|\[[\w.\-]+\]\s*$|#)")
FRONT_MATTER_LINES = 200
"""Most lines a front matter block may have; a longer "---" block is text, not front matter."""

MAX_LINE = 10_000
"""Longest line read as one; longer lines are cut into pieces (see the module's docstring)."""
MAX_COLUMNS = 32
"""Most tab-separated segments a line may have to be read as table columns."""


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-8, then Windows-1252 (what Word's exports use)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {encoding.upper()} text ({exc.reason})") from None
    nul = data.count(b"\x00")
    if nul and nul * 20 > len(data):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise ReadError("binary data, not text (many NUL bytes): is this really a text file?")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:100_000]
    odd = sample.count("\ufffd") + len(_CONTROL.findall(sample))
    if odd * 20 > max(len(sample), 1):
        raise ReadError("binary data, not text: is this really a text file?")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte order mark: every other byte is NUL (for Latin text)."""
    sample = data[:100_000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.02 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def clean_line(line: str) -> str:
    line = _CONTROL.sub("", line.replace("\u00a0", " ").replace("\ufeff", ""))
    return " ".join(line.split())


def split_long_line(line: str, limit: int = MAX_LINE) -> list[str]:
    """``line`` cut into pieces of at most ``limit`` characters, at sentence ends or spaces where possible."""
    if len(line) <= limit:
        return [line]
    pieces = []
    start = 0
    while len(line) - start > limit:
        window = line[start:start + limit]
        half = limit // 2
        ends = [m.end() for m in _SENTENCE_BREAK.finditer(window, half)]
        commas = [m.end() for m in _LIST_BREAK.finditer(window, half)] if not ends else []
        if ends:
            cut = ends[-1]
        elif commas:
            cut = _outside_brackets(window, commas)
        else:
            space = max(window.rfind(" ", half), window.rfind("\t", half))
            cut = space + 1 if space >= half else limit
        pieces.append(window[:cut])
        start += cut
    pieces.append(line[start:])
    return pieces


def _outside_brackets(window: str, cuts: list[int], tries: int = 20) -> int:
    """The last of ``cuts`` not inside brackets ("Jo Bell (Kent, Chair), …"), among the last few; else the last."""
    for cut in reversed(cuts[-tries:]):
        if window.rfind("(", 0, cut) <= window.rfind(")", 0, cut):
            return cut
    return cuts[-1]


def _lines(text: str) -> Iterator[str]:
    for line in text.split("\n"):
        yield from split_long_line(line)


def front_matter(lines: list[str]) -> tuple[list[Block], int]:
    """The front matter a static-site Markdown file opens with, and how many lines it takes.

    YAML between ``---`` lines or TOML between ``+++`` lines, on the very
    first line; every line inside must be a ``key: value`` field, an indented
    or list continuation, a TOML ``[table]`` or a comment, else it is text.
    """
    if not lines or lines[0].strip() not in ("---", "+++"):
        return [], 0
    fence = lines[0].strip()
    fields: list[Block] = []
    for n, line in enumerate(lines[1:FRONT_MATTER_LINES + 1], start=2):
        if len(line) > MAX_LINE:
            return [], 0  # line numbers would no longer match the pieces read_text numbers
        if line.strip() == fence:
            return (fields, n) if fields else ([], 0)
        found = _FRONT_FIELD.match(line)
        if found:
            value = found.group("value").strip().strip("'\"")
            if value:
                fields.append(Block(text=f"{found.group('key')}: {clean_line(value)}", line=n, style="front-matter"))
        elif line.strip() and not _FRONT_OTHER.match(line):
            return [], 0
    return [], 0


def read_text(text: str, *, markdown: bool = False) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    table_no = -1
    table_row = 0
    in_table = False
    head = text[:MAX_LINE * 4].split("\n", FRONT_MATTER_LINES + 2)[:FRONT_MATTER_LINES + 2]
    fields, skip = front_matter(head) if markdown else ([], 0)
    for lineno, raw in enumerate(_lines(text), start=1):
        if lineno <= skip:
            continue
        if markdown and _MD_TABLE_ROW.match(raw):
            if _MD_TABLE_RULE.match(raw):
                continue
            if not in_table:
                table_no += 1
                table_row = 0
                in_table = True
            blocks.extend(_md_table_row(raw, lineno, table_no, table_row))
            table_row += 1
            continue
        in_table = False
        blocks.extend(_line_blocks(raw, lineno, markdown))
    return Document(blocks=blocks, format="md" if markdown else "txt", front_matter=fields)


def _line_blocks(raw: str, lineno: int, markdown: bool) -> list[Block]:
    out = []
    bullet_next = False
    segments = raw.split("\t")
    if len(segments) > MAX_COLUMNS:
        segments = [raw.replace("\t", " ")]  # not a table exported as text
    for col, segment in enumerate(segments):
        style = "bullet" if bullet_next else ""
        level = None
        bullet_next = False
        text = segment
        if _BULLET.match(text + " ") and not _BULLET.sub("", text + " ", count=1).strip():
            bullet_next = True  # Word's text export writes "·<tab>text": the glyph is not a column
            continue
        if markdown:
            heading = _MD_HEADING.match(text)
            if heading:  # "## Title ##": the closing hashes go too
                level = text[:heading.end()].count("#")
                text, style = text[heading.end():].rstrip().rstrip("#").rstrip(), "heading"
        if _BULLET.match(text) and not style:
            text, style = _BULLET.sub("", text, count=1), "bullet"
            if markdown:
                text = re.sub(r"^\[[ xX]\]\s+", "", text)  # a task-list checkbox
        if markdown:
            text, bold = _md_inline(text)
            style = style or ("bold" if bold else "")
        text = clean_line(text)
        if text:
            out.append(Block(text=text, col=col, line=lineno, para=lineno - 1, style=style, level=level))
    return out


def _md_inline(text: str) -> tuple[str, bool]:
    stripped = text.strip()
    whole_bold = bool(re.fullmatch(r"(\*\*|__)[^*_]+\1:?", stripped))
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return text, whole_bold


def _md_table_row(raw: str, lineno: int, table: int, row: int) -> list[Block]:
    cells = raw.strip().strip("|").split("|")
    out = []
    for col, cell in enumerate(cells):
        text = clean_line(_md_inline(cell)[0])
        # "<br>" is how Markdown tables put several lines in one cell
        for para, part in enumerate(p for p in re.split(r"<br\s*/?>", text) if p.strip()):
            out.append(Block(text=part.strip(), table=table, row=row, col=col, para=para, line=lineno))
    return out
