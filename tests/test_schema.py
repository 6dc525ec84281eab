"""`cme-notes schema`: the record's JSON Schema, generated from the models, says what every record holds.

jsonschema is not a dependency, so records are checked here by a small validator of the keywords pydantic
generates (type, properties, required, additionalProperties, items, anyOf, $ref, enum, const, minLength,
format date): enough to catch a record and a schema that disagree.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

import cme_notes
from cme_notes.cli import main
from cme_notes.models import RECORD_VERSION, Meeting

from cli_helpers import run

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = sorted(SAMPLES.glob("*.expected.json"))

SCORED_FIELDS = {
    # what ../shared/eval/score.py reads from a record: renaming any of these breaks the scores
    "": {"date", "attendees", "apologies", "items", "actions", "next_meetings"},
    "attendees": {"name", "organisation", "role"},
    "apologies": {"name", "organisation"},
    "items": {"number", "title"},
    "actions": {"item", "description", "owners", "due"},
    "next_meetings": {"date", "time"},
}

MINUTES = """\
Thornleigh Parish Council — Minutes of the meeting held on Tuesday 4 March 2025 at 7pm in the Reading Room

Present: Cllr Ada Fenwick (Chair), Cllr Basil Orme, Cllr Cora Lund
In attendance: Dora Mills (Clerk)
Apologies: Cllr Edwin Hale

25/012 Footpaths
The stile on the Mill Lane path is broken.
ACTION: Clerk to report the stile to the county council by 21 March

25/013 Date of next meeting
Tuesday 1 April 2025 at 7pm in the Reading Room.
"""


def schema_printed() -> dict:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def errors(value, schema: dict, root: dict, at: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (JSON Schema, the subset pydantic writes): an empty list when it fits."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, at)
    if "anyOf" in schema:
        tries = [errors(value, option, root, at) for option in schema["anyOf"]]
        return [] if any(not t for t in tries) else [f"{at}: fits none of anyOf ({tries})"]
    found = []
    kinds = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool, "number": (int, float)}
    kind = schema.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{at}: {value!r} is not an integer"]
    elif kind is not None and not isinstance(value, kinds[kind]):
        return [f"{at}: {value!r} is not of type {kind}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{at}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            found.append(f"{at}: shorter than {schema['minLength']}")
        if schema.get("format") == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                found.append(f"{at}: {value!r} is not a date")
    if isinstance(value, list) and "items" in schema:
        for n, entry in enumerate(value):
            found += errors(entry, schema["items"], root, f"{at}[{n}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        found += [f"{at}: {key!r} missing" for key in schema.get("required", []) if key not in value]
        extra = schema.get("additionalProperties", True)
        for key, entry in value.items():
            if key in properties:
                found += errors(entry, properties[key], root, f"{at}.{key}")
            elif extra is False:
                found.append(f"{at}: unexpected {key!r}")
            elif isinstance(extra, dict):
                found += errors(entry, extra, root, f"{at}.{key}")
    return found


def models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """``model`` and every model its fields hold (in lists, dicts, optionals), by name."""
    found = {model.__name__: model}
    for field in model.model_fields.values():
        pending = [field.annotation]
        while pending:
            kind = pending.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if kind.__name__ not in found:
                    found.update(models_in(kind))
            else:
                pending.extend(getattr(kind, "__args__", ()))
    return found


# --------------------------------------------------------------------------- the schema itself


def test_schema_is_named_and_versioned():
    schema = schema_printed()

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:cme-notes:record:{RECORD_VERSION}"
    assert RECORD_VERSION in schema["title"]
    assert schema["properties"]["record_version"]["const"] == RECORD_VERSION
    assert schema == cme_notes.record_schema()


def test_schema_has_every_field_of_the_models_and_nothing_else():
    schema = schema_printed()
    models = models_in(Meeting)

    # the record's own fields, plus the version key batch adds to its files
    assert set(schema["properties"]) == set(Meeting.model_fields) | {"cme_notes_version"}
    assert schema["additionalProperties"] is False
    assert {"Person", "Item", "Action", "Where"} <= set(models)
    assert set(models) - {"Meeting"} <= set(schema["$defs"])
    assert {name for name, d in schema["$defs"].items() if "properties" in d} == set(models) - {"Meeting"}
    for name, model in models.items():
        if name != "Meeting":
            assert set(schema["$defs"][name]["properties"]) == set(model.model_fields), name
            assert schema["$defs"][name]["additionalProperties"] is False, name


def test_schema_names_every_field_the_scorer_reads():
    schema = schema_printed()
    defs = {"attendees": "Person", "apologies": "Person", "items": "Item", "actions": "Action",
            "next_meetings": "FutureMeeting"}

    assert SCORED_FIELDS[""] <= set(schema["properties"])
    for field, names in SCORED_FIELDS.items():
        if field:
            assert names <= set(schema["$defs"][defs[field]]["properties"]), field


def test_schema_carries_the_field_documentation():
    schema = schema_printed()

    assert "open" in schema["$defs"]["Action"]["properties"]["status"]["description"]
    assert schema["$defs"]["Action"]["properties"]["status"]["anyOf"][0]["enum"] == ["open", "done", "dropped"]
    assert "1-based page" in schema["$defs"]["Where"]["properties"]["page"]["description"]


def test_schema_written_whole_to_a_file(tmp_path: Path):
    target = tmp_path / "meeting.schema.json"

    result = run("schema", "-o", str(target))

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == cme_notes.record_schema()
    assert [p.name for p in tmp_path.iterdir()] == ["meeting.schema.json"]


# --------------------------------------------------------------------------- records against the schema


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_every_samples_expected_record_fits_the_schema(path: Path):
    record = json.loads(path.read_text(encoding="utf-8"))

    assert errors(record, schema_printed(), schema_printed()) == []
    Meeting.model_validate(record)


def test_a_parsed_record_and_a_batch_file_fit_the_schema(tmp_path: Path):
    minutes = tmp_path / "in" / "thornleigh-2025-03-04.txt"
    minutes.parent.mkdir()
    minutes.write_text(MINUTES, encoding="utf-8")
    schema = schema_printed()

    parsed = run("parse", str(minutes), "--format", "json")
    batched = run("batch", str(minutes.parent), "-o", str(tmp_path / "out"), "--quiet")

    assert parsed.returncode == 0, parsed.stderr
    record = json.loads(parsed.stdout)
    assert record["record_version"] == RECORD_VERSION
    assert record["actions"][0]["due"] == "2025-03-21"  # a real record, with what the schema describes filled in
    assert errors(record, schema, schema) == []
    assert batched.returncode == 0, batched.stderr
    written = json.loads((tmp_path / "out" / "thornleigh-2025-03-04.txt.json").read_text(encoding="utf-8"))
    assert "cme_notes_version" in written
    assert errors(written, schema, schema) == []


def test_a_record_that_breaks_the_contract_is_caught():
    schema = schema_printed()
    good = json.loads(EXPECTED[0].read_text(encoding="utf-8"))

    renamed = {**good, "meeting_date": good["date"]}
    bad_date = {**good, "date": "14/03/2024"}
    bad_status = {**good, "actions": [{**good["actions"][0], "status": "finished"}]}
    other_version = {**good, "record_version": "1.0"}
    no_description = {**good, "actions": [{"owners": ["Owen Price"]}]}

    assert errors(renamed, schema, schema) == ["$: unexpected 'meeting_date'"]
    assert errors(bad_date, schema, schema)
    assert errors(bad_status, schema, schema)
    assert errors(other_version, schema, schema)
    assert "$.actions[0]: 'description' missing" in errors(no_description, schema, schema)
