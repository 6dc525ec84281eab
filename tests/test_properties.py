"""Properties of the text path, for any text at all (hypothesis).

- any Unicode text, plain or Markdown, gives a valid record or a clean
  :class:`CmeNotesError`, never another exception, and within a time bound;
- the same text twice gives the same record (byte-identical JSON);
- the text reader's pieces never lose characters that matter.

The strategies mix arbitrary Unicode with what minutes are made of (labels like
"Present:" and "Apologies:", numbered items, bullets, tabs before an Actions
column, owner entries, dates and times, Markdown tables), so that the rules of
the extractor are reached, not only its "nothing found" paths.
``scripts/fuzz.py`` runs the same strategies (or atheris) for minutes on end.
"""
from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cme_notes import parse_text
from cme_notes.errors import CmeNotesError
from cme_notes.readers.text import MAX_LINE, read_text, split_long_line

EXAMPLES = 200
TIME_LIMIT = 5.0
"""Seconds one input may take, both modes together (they take milliseconds)."""

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=TIME_LIMIT),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

# --------------------------------------------------------------------------- strategies

NAMES = ["Jane Smith", "Chris Oakley", "Owen Price", "Hannah Patel", "Mark Stanton", "Zoë Hart", "José Álvarez",
         "Nadia Hussain", "O'Brien", "Mary-Jane Watts", "Dr A. Khan", "Cllr Peter Hale", "J Marsh", "李雷", "Ødegård"]
ORGS = ["Eastmarsh", "Northvale", "Kent", "Chair", "Clerk", "Westby LA", "NHS", "Vice-Chair", "ESCC"]
LABELS = ["Present:", "Apologies:", "Attendees:", "In attendance:", "Apologies for absence:", "Also present:",
          "Action:", "ACTION:", "Actions:", "Action points", "Decision:", "Agreed:", "Resolved:", "AOB",
          "Date of next meeting:", "Next meeting:", "Venue:", "Minutes of the", "Notes of the meeting of",
          "Item", "Matters arising", "Owner", "Due", "By whom", "Action by"]
NUMBERS = ["1.", "2)", "3.1", "(a)", "Item 4", "10.", "iv.", "A)", "12", "1.2.", "999."]
BULLETS = ["\u00b7\t", "\uf0b7\t", "o ", "- ", "\u2022 ", "* ", "+ ", "\u2013 ", "[ ] ", "[x] "]
DATES = ["14th March 2024", "3/6/25", "2025-06-03", "Tuesday 3 June", "June 3, 2025", "31 February 2024",
         "0/0/00", "29 Feb 2023", "1st of Sept", "12.12.2099", "30 th April", "may 5", "May 2025", "9999-99-99"]
TIMES = ["10am", "7.30pm", "18:30", "noon", "2 - 4pm", "1pm to 3.30pm", "25:61", "0am", "12.00 midday"]
OWNERS = ["MS / CO", "ALL", "all members", "Chris", "OP", "Chris – by 28th March", "JS & HP", "Owen and Mike", "?", "-"]
MARKDOWN = ["# ", "## ", "**Present:**", "| Action | Owner | Due |", "|---|---|---|", "| x | y |", "__", "**",
            "[link](http://x)", "<br>", "> ", "```", "| ", " |"]

unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
word = st.one_of(
    st.sampled_from(NAMES), st.sampled_from(ORGS), st.sampled_from(LABELS), st.sampled_from(NUMBERS),
    st.sampled_from(DATES), st.sampled_from(TIMES), st.sampled_from(OWNERS), st.sampled_from(MARKDOWN),
    st.sampled_from(["will", "to", "circulate", "the", "draft", "by", "agreed", "that", "and", "(", ")", ",", ";",
                     ".", ":", "e.g.", "etc.", "A.", "\u00a0", "  ", "\t", "was", "were", "approved"]),
    unicode_text,
)


@st.composite
def minutes_line(draw) -> str:
    kind = draw(st.integers(0, 7))
    words = draw(st.lists(word, max_size=12))
    text = " ".join(words)
    if kind == 0:
        return f"{draw(st.sampled_from(LABELS))} {', '.join(draw(st.lists(st.sampled_from(NAMES), max_size=6)))}"
    if kind == 1:
        return f"{draw(st.sampled_from(NUMBERS))} {text}"
    if kind == 2:
        return f"{draw(st.sampled_from(BULLETS))}{text}"
    if kind == 3:  # a right-hand Actions column after a tab, as Word's text export writes it
        return f"{text}\t{draw(st.sampled_from(OWNERS))}"
    if kind == 4:
        person = draw(st.sampled_from(NAMES))
        return f"{person} ({draw(st.sampled_from(ORGS))}) will {text} by {draw(st.sampled_from(DATES))}"
    if kind == 5:
        cells = draw(st.lists(st.one_of(word, st.just("")), min_size=1, max_size=4))
        return "| " + " | ".join(cells) + " |"
    if kind == 6:
        return draw(unicode_text)
    return text


@st.composite
def minutes_like(draw) -> str:
    """Text shaped like minutes, with arbitrary Unicode mixed in."""
    lines = draw(st.lists(minutes_line(), min_size=1, max_size=40))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    return newline.join(lines)


def any_text() -> st.SearchStrategy[str]:
    """Arbitrary Unicode (no lone surrogates: no file or pipe decodes to them)."""
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000)


texts = st.one_of(minutes_like(), any_text())

# --------------------------------------------------------------------------- properties


def outcome(text: str, markdown: bool) -> str:
    """The record as JSON, or "error: <message>" for a clean refusal; anything else propagates."""
    try:
        meeting = parse_text(text, markdown=markdown)
    except CmeNotesError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return f"error: {message}"
    data = meeting.model_dump_json()
    json.loads(data)  # valid JSON
    return data


@SETTINGS
@given(texts)
@example("Action:*")      # found by scripts/fuzz.py: an empty description after stripping "." ";" ","
@example("Action: ,")
@example("Actions:\n- .\n- ;")
@example("Present: Chris Oakley\n.\tChris\n")
@example("")
@example("\x00\x00")
@example("# a" + " " * 3000 + "b")
def test_plain_text_gives_a_record_or_a_clean_error(text):
    started = time.monotonic()
    outcome(text, markdown=False)
    assert time.monotonic() - started < TIME_LIMIT


@SETTINGS
@given(texts)
@example("| . | Chris |")
@example("| Action | Owner |\n|---|---|\n| . | Chris |")
@example("[" * 3000 + "](")
def test_markdown_gives_a_record_or_a_clean_error(text):
    started = time.monotonic()
    outcome(text, markdown=True)
    assert time.monotonic() - started < TIME_LIMIT


@SETTINGS
@given(texts, st.booleans())
def test_extraction_is_deterministic(text, markdown):
    assert outcome(text, markdown) == outcome(text, markdown)


@SETTINGS
@given(st.text(st.sampled_from("ab .\t!?\u2019\u201d)"), max_size=3 * MAX_LINE), st.integers(5, 200))
def test_split_long_line_loses_nothing_and_respects_the_limit(line, limit):
    pieces = split_long_line(line, limit)
    assert "".join(pieces) == line
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces) or pieces == [""]


@SETTINGS
@given(minutes_like())
def test_reader_blocks_are_clean(text):
    for block in read_text(text).blocks:
        assert block.text and block.text == block.text.strip()
        assert "  " not in block.text and "\t" not in block.text and "\x00" not in block.text
        assert len(block.text) <= MAX_LINE


@pytest.mark.parametrize("markdown", [False, True])
def test_the_same_text_in_many_shapes_of_whitespace_reads_the_same(markdown):
    base = "Present: Jane Smith, Chris Oakley\n1. Welcome\nChris to circulate the draft by 3 June 2025.\tChris\n"
    spaced = base.replace(" ", "   ").replace("\n", " \r\n")
    a, b = parse_text(base, markdown=markdown), parse_text(spaced, markdown=markdown)
    assert a.model_dump(exclude={"source"}) == b.model_dump(exclude={"source"})
