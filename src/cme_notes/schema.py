"""The record's JSON Schema, generated from the pydantic models so that it cannot drift from what is written."""
from __future__ import annotations

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect pydantic generates (draft 2020-12)."""


def record_schema() -> dict:
    """The JSON Schema of a meeting record (``cme-notes parse --format json``, one line of ``--format jsonl``,
    one file of ``batch``), for the record format :data:`cme_notes.models.RECORD_VERSION`.

    Serialization mode: what cme-notes writes (dates as ``YYYY-MM-DD`` strings). A field with a default may be
    left out, so hand-written records (the samples' ``*.expected.json``) validate too.
    """
    from .batch.outputs import VERSION_KEY
    from .models import RECORD_VERSION, Meeting

    generated = Meeting.model_json_schema(mode="serialization")
    properties = generated["properties"]
    properties["record_version"] = {**properties["record_version"], "const": RECORD_VERSION}
    properties[VERSION_KEY] = {
        "type": "string",
        "title": "cme-notes version",
        "description": "The cme-notes version that wrote the record: only in the files `cme-notes batch` writes.",
    }
    head = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"urn:cme-notes:record:{RECORD_VERSION}",
        "title": f"cme-notes meeting record, format {RECORD_VERSION}",
    }
    return {**head, **{k: v for k, v in generated.items() if k != "title"}}
