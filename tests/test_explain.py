"""`cme-notes parse --explain`: each answer beside where it was read, the rule that read it and the text as written.

Run through the real command line on the project's samples, the way a clerk
checks a record before trusting it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from cli_helpers import run

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ENTITIES = ("attendees", "apologies", "items", "actions", "previous_actions", "decisions", "next_meetings")


def explain(*paths: Path) -> str:
    result = run("parse", *map(str, paths), "--explain")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def record(path: Path) -> dict:
    result = run("parse", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def block_after(lines: list[str], first: str) -> list[str]:
    """The answer line starting with ``first`` and the lines under it, up to the next answer."""
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    end = next((j for j in range(start + 1, len(lines)) if not lines[j].startswith("      ")), len(lines))
    return lines[start:end]


def test_attendees_of_a_pdf_show_page_paragraph_rule_and_the_present_line():
    out = explain(SAMPLES / "northvale-cme-2024-03-14.pdf")
    lines = out.splitlines()
    assert lines[0] == f"== {SAMPLES / 'northvale-cme-2024-03-14.pdf'} =="
    hannah = block_after(lines, "Hannah Patel (Eastmarsh; Chair)")
    assert re.fullmatch(r"      at page 1, paragraph \d+ · rule people\.label", hannah[1])
    # the Present line is shown once, under the last name read from it
    owen = block_after(lines, "Owen Price (NCME)")
    assert owen[2].startswith("      > Present: Hannah Patel (Eastmarsh and Chair), Tom Bradshaw")
    assert out.count("> Present: Hannah Patel") == 1


def test_actions_read_from_a_word_table_show_table_row_and_column_counted_from_one():
    path = SAMPLES / "northvale-cme-2024-03-14.docx"
    lines = explain(path).splitlines()
    first = record(path)["actions"][0]
    where = first["where"]
    block = block_after(lines, f"[item {first['item']}] {first['description']}")
    assert block[1] == (f"      at table {where['table'] + 1}, row {where['row'] + 1}, column {where['col'] + 1}"
                        f" · rule {where['rule']}")
    assert block[2] == f"      > {where['text']}"
    assert "→ Owen Price" in block[0]


def test_text_minutes_show_line_numbers_and_the_meeting_date_source():
    lines = explain(SAMPLES / "riverside-governors-2025-01-22.md").splitlines()
    date = block_after(lines, "date: 2025-01-22")
    assert date[1] == "      at line 3 · rule date.header"
    assert date[2] == "      > Minutes of the meeting held on Wednesday 22/01/2025 at 6pm in the school library."
    item = block_after(lines, "1 Welcome and apologies")
    assert item[1] == "      at line 18 · rule items.heading"
    next_meeting = block_after(lines, "2025-03-12 18:00")
    assert next_meeting[1] == "      at line 67 · rule next-meeting.heading"
    assert next_meeting[2] == "      > Date of next meeting: 12/03/2025 at 6pm"


def test_every_answer_of_every_sample_is_explained_with_a_rule():
    for path in sorted(SAMPLES.glob("*-20*.*")):
        if path.suffix not in (".pdf", ".docx", ".txt", ".md"):
            continue
        data = record(path)
        out = explain(path)
        answers = sum(len(data[key]) for key in ENTITIES) + len(data["where"])
        assert out.count(" · rule ") == answers, path.name
        assert "(not recorded)" not in out, path.name
        for key in ENTITIES:
            for entity in data[key]:
                assert f" · rule {entity['where']['rule']}" in out


def test_several_files_are_explained_in_the_order_given():
    txt, md = SAMPLES / "oakridge-parish-2025-06-03.txt", SAMPLES / "riverside-governors-2025-01-22.md"
    heads = [line for line in explain(txt, md).splitlines() if line.startswith("== ")]
    assert heads == [f"== {txt} ==", f"== {md} =="]


def test_explain_is_its_own_output_and_refuses_a_format():
    result = run("parse", str(SAMPLES / "oakridge-parish-2025-06-03.txt"), "--explain", "--format", "json")
    assert result.returncode == 2
    assert "--explain" in result.stderr and "where" in result.stderr
    assert result.stdout == ""


def test_explain_to_a_file_is_plain_text(tmp_path: Path):
    out = tmp_path / "check.txt"
    result = run("parse", str(SAMPLES / "oakridge-parish-2025-06-03.docx"), "--explain", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "Cllr Helen Ford" in text and "rule people.label" in text
    assert "> Apologies for absence were received from Cllr Helen Ford" in text


def test_help_shows_an_explain_example():
    result = run("parse", "--help")
    assert "--explain" in result.stdout
    assert "cme-notes parse minutes.pdf --explain" in result.stdout
