"""Lines into paragraphs: where one ends (spacing, indent, a word that would have fitted), bullets and styles."""
from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .page import Word
from .words import LINE_TOLERANCE, TIGHT_GAP, Line


GAP_FACTOR = 1.4
"""A line pitch this many times the usual one is a paragraph break."""


INDENT_TOLERANCE = 8.0
"""Lines of one paragraph start within this many points of each other."""


FIT_SLACK = 2.0
"""A word "would have fitted" only with this much room (pt) to spare."""


SIZE_RATIO = 1.2
"""Text this much larger than the page's usual size is a heading."""


# Glyphs that are a bullet whether alone or stuck to the following text.
BULLET_GLYPHS = "•·\uf0b7▪●◦■□➢\uf0a7\uf0d8"


# Characters that are a bullet only as a word of their own with text after it:
# on their own they are too often a dash or a letter.
AMBIGUOUS_BULLETS = frozenset({"-", "–", "o"})


LIST_NUMBER = re.compile(
    r"""^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]     # 1.  2)  a.  (b)  iv.
         |\((?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,5})\)   # (1) (A) (IV)
         |[A-Z]\)                                  # A)
         |\d{1,2}(?:\.\d{1,2})+\.                  # 1.2.
        )$""",
    re.VERBOSE,
)


SENTENCE_END = (".", "?", "!", ":")


OPENING_PUNCTUATION = "\"'‘“([«"


@dataclass(slots=True)
class Frame:
    """What the lines of one paragraph run are measured against."""

    left: float
    right: float
    pitch: float
    """Usual distance between line tops, as a share of the font size."""
    space: float
    """Usual space width, as a share of the font size."""
    median_size: float


@dataclass(slots=True)
class Para:
    text: str
    style: str
    page: int
    top: float
    last: Line
    """Last line, for deciding whether text on the next page continues it."""
    first: Word
    """First word after any bullet, ditto."""
    frame: Frame
    col: int | None = None


def paragraphs(lines: Sequence[Line], frame: Frame) -> list[list[Line]]:
    paras: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if current and not _continues(current, line, frame):
            paras.append(current)
            current = []
        current.append(line)
    if current:
        paras.append(current)
    return paras


def _continues(current: list[Line], nxt: Line, frame: Frame) -> bool:
    """Whether ``nxt`` is the next line of the paragraph made of ``current``."""
    prev = current[-1]
    if max(prev.size, nxt.size) >= SIZE_RATIO * min(prev.size, nxt.size):
        return False  # a change of text size is a change of paragraph style
    if nxt.top - prev.top > GAP_FACTOR * frame.pitch * prev.size:
        return False
    marker = list_marker(nxt.words)
    if marker and not _ambiguous_start(current, nxt, frame):
        return False
    if len(current) == 1 and len(prev.words) == 1 and list_marker(prev.words):
        return True  # a bullet or number on a line of its own: its text is on the next line
    centred = _centred(prev, nxt, frame)
    if not centred and not _aligned(current, nxt, frame):
        return False
    return not would_fit(prev, nxt.words[0], frame, centred)


def _ambiguous_start(current: list[Line], nxt: Line, frame: Frame) -> bool:
    """A line starting "- word" or "o word" right under a full line is wrapped text, not a bullet.

    Unless the paragraph itself began with that dash: then it is the next item of a dash list.
    """
    first, prev = nxt.words[0], current[-1]
    if first.text not in AMBIGUOUS_BULLETS or len(nxt.words) < 2 or current[0].words[0].text == first.text:
        return False
    dash_and_word = Word("", first.x0, nxt.words[1].x1, first.top, first.bottom, first.size, False)
    return abs(nxt.x0 - prev.x0) <= INDENT_TOLERANCE and not would_fit(prev, dash_and_word, frame, False)


def _aligned(current: list[Line], nxt: Line, frame: Frame) -> bool:
    first, prev = current[0], current[-1]
    if list_marker(first.words):
        # Wrapped list items go back to the bullet or hang under the text after it.
        anchors = [first.x0] + ([first.words[1].x0] if len(first.words) > 1 else [])
    else:
        anchors = [prev.x0]
    if any(abs(nxt.x0 - a) <= INDENT_TOLERANCE for a in anchors):
        return True
    # First-line indent: the second line goes back to the left edge.
    return len(current) == 1 and nxt.x0 < prev.x0 and abs(nxt.x0 - frame.left) <= INDENT_TOLERANCE


def _centred(prev: Line, nxt: Line, frame: Frame) -> bool:
    same_centre = abs((prev.x0 + prev.x1) - (nxt.x0 + nxt.x1)) / 2 <= LINE_TOLERANCE
    return same_centre and abs(prev.x0 - nxt.x0) > LINE_TOLERANCE and min(prev.x0, nxt.x0) > frame.left + LINE_TOLERANCE


def would_fit(prev: Line, word: Word, frame: Frame, centred: bool = False) -> bool:
    """Whether ``word`` would have fitted at the end of ``prev``: if so, ``prev`` ended its paragraph."""
    needed = frame.space * prev.size + (word.x1 - word.x0)
    if centred:
        return (prev.x1 - prev.x0) + needed < (frame.right - frame.left) - FIT_SLACK
    return prev.x1 + needed < frame.right - FIT_SLACK


def list_marker(words: list[Word]) -> str:
    """"bullet" or "numbered" when the line starts a list item, else ""."""
    first = words[0].text
    if first in AMBIGUOUS_BULLETS:
        return "bullet" if len(words) > 1 else ""
    if first[0] in BULLET_GLYPHS:
        return "bullet"
    if LIST_NUMBER.match(first):
        return "numbered"
    return ""


def make_para(lines: list[Line], frame: Frame, page: int, col: int | None = None) -> Para:
    words = [w for line in lines for w in line.words]
    marker = list_marker(lines[0].words)
    if marker == "bullet":
        words = _strip_bullet(words)
    text = _text(lines, words)
    content = words or lines[0].words
    style = ""
    if marker == "bullet":
        style = "bullet"
    elif marker == "numbered" and len(words) > 1:
        style = "numbered"
    elif frame.median_size and statistics.median(w.size for w in content) >= SIZE_RATIO * frame.median_size:
        style = "heading"
    elif all(w.bold for w in content):
        style = "bold"
    return Para(text, style, page, lines[0].top, lines[-1], content[0], frame, col)


def _strip_bullet(words: list[Word]) -> list[Word]:
    first = words[0]
    if first.text in AMBIGUOUS_BULLETS or all(ch in BULLET_GLYPHS for ch in first.text):
        return words[1:]
    rest = first.text.lstrip(BULLET_GLYPHS).lstrip()
    # Keep the word's measure for the wrap tests: the text's share of the glyph run's width.
    x0 = first.x1 - (first.x1 - first.x0) * len(rest) / len(first.text)
    return [Word(rest, x0, first.x1, first.top, first.bottom, first.size, first.bold)] + words[1:]


def _text(lines: list[Line], words: list[Word]) -> str:
    """Join the paragraph's words: lines with a space, or none after a word broken by a hyphen."""
    # ``words`` are the lines' own words but for a bullet stripped from the first line's start
    first = len(words) - sum(len(line.words) for line in lines[1:])
    text = ""
    for chunk in [words[:first]] + [line.words for line in lines[1:]]:
        line_text = words_text(chunk)
        if line_text:
            text = join(text, line_text)
    return text


def words_text(words: list[Word]) -> str:
    if not words:
        return ""
    parts = [words[0].text]
    previous = words[0]
    for w in words[1:]:
        if w.x0 - previous.x1 > TIGHT_GAP * w.size:
            parts.append(" ")
        parts.append(w.text)
        previous = w
    return "".join(parts)


def join(before: str, after: str) -> str:
    if not before:
        return after
    last = before.rsplit(" ", 1)[-1]
    # "two-" + "way" is one word broken over two lines; keep its hyphen, drop the space.
    if len(last) > 1 and last.endswith("-") and last[-2].isalpha() and after[:1].islower():
        return before + after
    return f"{before} {after}"


def mid_sentence(before: Para, after: Para) -> bool:
    """Whether ``after`` carries on the sentence that ``before`` leaves unfinished."""
    if before.text.rstrip().endswith(SENTENCE_END) or after.style in ("bullet", "numbered"):
        return False
    return starts_lower(after.text) or not would_fit(before.last, after.first, before.frame)


def starts_lower(text: str) -> bool:
    stripped = text.lstrip(OPENING_PUNCTUATION)
    return stripped[:1].islower()
