"""Golden files: every rendition of every sample against its hand-labelled expected record."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cme_notes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RENDITIONS = sorted(
    p for p in SAMPLES.iterdir()
    if p.suffix in (".pdf", ".docx", ".txt", ".md") and (SAMPLES / f"{p.name[: -len(p.suffix)]}.expected.json").exists()
)


def expected_for(path: Path) -> dict:
    stem = path.name[: -len(path.suffix)]
    return json.loads((SAMPLES / f"{stem}.expected.json").read_text(encoding="utf-8"))


def people(record: dict, key: str) -> list[tuple]:
    return [(p["name"], p.get("organisation"), p.get("role")) for p in record[key]]


def actions(record: dict) -> list[tuple]:
    return [(a["item"], a["description"].rstrip("."), tuple(a["owners"]), a["due"]) for a in record["actions"]]


def without_where(value):
    """The record less its ``where`` provenance, which differs by format (a page in a PDF, a line in text)."""
    if isinstance(value, dict):
        return {k: without_where(v) for k, v in value.items() if k != "where"}
    if isinstance(value, list):
        return [without_where(v) for v in value]
    return value


def test_every_sample_has_an_expected_record():
    assert RENDITIONS
    for path in RENDITIONS:
        assert expected_for(path)


@pytest.mark.parametrize("path", RENDITIONS, ids=lambda p: p.name)
def test_sample_matches_expected_record(path: Path):
    got = cme_notes.parse(path).model_dump(mode="json")
    want = expected_for(path)
    assert got["date"] == want["date"]
    assert people(got, "attendees") == people(want, "attendees")
    assert people(got, "apologies") == people(want, "apologies")
    assert [(i["number"], i["title"]) for i in got["items"]] == [(i["number"], i["title"]) for i in want["items"]]
    assert actions(got) == actions(want)
    assert [(m["date"], m["time"]) for m in got["next_meetings"]] == [(m["date"], m["time"]) for m in want["next_meetings"]]


@pytest.mark.parametrize("stem", sorted({p.name[: -len(p.suffix)] for p in RENDITIONS if p.suffix != ".md"}))
def test_renditions_of_one_meeting_give_the_same_record(stem: str):
    records = [without_where(cme_notes.parse(p).model_dump(mode="json", exclude={"source", "warnings"}))
               for p in RENDITIONS if p.name.startswith(stem + ".")]
    for other in records[1:]:
        assert other["attendees"] == records[0]["attendees"]
        assert other["actions"] == records[0]["actions"]
        assert other["next_meetings"] == records[0]["next_meetings"]
