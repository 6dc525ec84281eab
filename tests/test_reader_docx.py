"""The Word reader on real .docx files: tables as cells, headers apart, styles kept."""
from __future__ import annotations

import docx
import pytest

from cme_notes.errors import ReadError
from cme_notes.readers import read


def test_table_cells_keep_row_and_column(samples):
    doc = read(samples / "northvale-cme-2024-03-14.docx")
    table = [b for b in doc.blocks if b.table is not None]
    header = [b.text for b in table if b.row == 0]
    assert header == ["Item", "Actions"]
    owen = [b for b in table if b.col == 1 and b.text == "Owen"]
    assert owen, "the Actions column entry stays in column 1"
    beside = [b.text for b in table if b.row == owen[0].row and b.col == 0]
    assert any("Owen" in t for t in beside)


def test_page_header_is_kept_out_of_the_body(samples):
    doc = read(samples / "northvale-cme-2024-03-14.docx")
    assert doc.headers == ["Northvale Sector-led Improvement Programme"]
    assert all("Sector-led Improvement Programme" not in b.text for b in doc.blocks)


def test_heading_and_list_styles_are_kept(samples):
    doc = read(samples / "oakridge-parish-2025-06-03.docx")
    styles = {b.style for b in doc.blocks}
    assert {"heading", "bullet"} <= styles


def test_body_paragraphs_and_tables_in_document_order(tmp_path):
    d = docx.Document()
    d.add_paragraph("Minutes of the Finance Committee")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Item"
    table.cell(0, 1).text = "Actions"
    table.cell(1, 0).text = "1. Budget"
    table.cell(1, 1).text = "JS"
    d.add_paragraph("Date of next meeting: 3 June 2025")
    path = tmp_path / "order.docx"
    d.save(path)
    texts = [b.text for b in read(path).blocks]
    assert texts == ["Minutes of the Finance Committee", "Item", "Actions", "1. Budget", "JS", "Date of next meeting: 3 June 2025"]


def test_nested_table_is_read_into_its_cell(tmp_path):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "1. Budget"
    inner = outer.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Income"
    inner.cell(0, 1).text = "£200"
    path = tmp_path / "nested.docx"
    d.save(path)
    texts = [b.text for b in read(path).blocks]
    assert "Income | £200" in texts


def test_a_text_file_named_docx_is_refused(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("Present: Jane Smith")
    with pytest.raises(ReadError, match="not a .docx file"):
        read(path)


def test_an_old_word_file_says_to_rename_it_doc(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReadError, match="rename it to .doc$"):
        read(path)
