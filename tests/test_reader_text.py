"""The text reader: encodings, Word's text export of tables, Markdown structure."""
from __future__ import annotations

import codecs

import pytest

from cme_notes.errors import ReadError
from cme_notes.readers import read
from cme_notes.readers.text import decode, read_text


def test_utf8_with_and_without_bom_read_the_same():
    text = "Present: Zoë Hart (Kent)"
    assert decode(codecs.BOM_UTF8 + text.encode()) == decode(text.encode()) == text


def test_windows_1252_is_the_fallback_for_word_exports():
    assert decode("Item – Actions’".encode("cp1252")) == "Item – Actions’"


def test_utf16_with_bom():
    assert decode("Present: A Person".encode("utf-16")) == "Present: A Person"


def test_binary_data_is_refused():
    with pytest.raises(ReadError, match="binary"):
        decode(bytes(range(256)) * 20)


def test_crlf_lines_and_a_right_hand_column_after_a_tab():
    doc = read_text("1. Welcome\t\r\nChris to circulate the paper.\tChris\r\n")
    assert [(b.text, b.col, b.line) for b in doc.blocks] == [
        ("1. Welcome", 0, 1),
        ("Chris to circulate the paper.", 0, 2),
        ("Chris", 1, 2),
    ]


@pytest.mark.parametrize("bullet", ["\u00b7", "\uf0b7", "o", "-", "\u2022"])
def test_bullets_as_word_exports_write_them(bullet):
    (block,) = read_text(f"{bullet} Gaps in the offer of therapies").blocks
    assert block.text == "Gaps in the offer of therapies"
    assert block.style == "bullet"


def test_a_word_starting_with_o_is_not_a_bullet():
    (block,) = read_text("Ofsted visited in May").blocks
    assert (block.text, block.style) == ("Ofsted visited in May", "")


def test_markdown_headings_bold_and_tables_are_structure():
    doc = read_text(
        "# Minutes\n\n**Present:**\n\n| Present | Apologies |\n|---|---|\n| J Marsh (JM - Chair) | T Yeo |\n",
        markdown=True,
    )
    heading, bold, *cells = doc.blocks
    assert (heading.text, heading.style) == ("Minutes", "heading")
    assert (bold.text, bold.style) == ("Present:", "bold")
    assert [(c.text, c.row, c.col) for c in cells] == [
        ("Present", 0, 0), ("Apologies", 0, 1), ("J Marsh (JM - Chair)", 1, 0), ("T Yeo", 1, 1),
    ]


def test_the_cp1252_sample_reads_through_the_public_reader(samples):
    doc = read(samples / "northvale-cme-2024-03-14.txt")
    assert doc.format == "txt"
    assert any("Present:" in b.text for b in doc.blocks)
    assert any(b.col and b.text == "Owen" for b in doc.blocks)


def test_a_bullet_glyph_before_a_tab_is_not_a_column():
    text, owner = read_text("\u00b7\tPriya will share the categories\tPriya").blocks
    assert (text.text, text.style) == ("Priya will share the categories", "bullet")
    assert (owner.text, owner.col) == ("Priya", 2)
