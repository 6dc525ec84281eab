"""cme-notes schema: the record's JSON Schema, for whoever reads the records."""
from __future__ import annotations

import click

from .common import CONTEXT, emit


@click.command(context_settings=CONTEXT)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout (written whole or not at all).")
def schema(output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the records parse and batch write.

    It is generated from the models the records are made with, so it always says what this version
    writes; "record_version" (in the schema and in every record) changes when the format does.

    \b
    Examples:
      cme-notes schema -o meeting.schema.json
      cme-notes schema | jq '.properties | keys'
      cme-notes schema | jq '."$defs".Action.properties.status'
    """
    import json

    from .. import record_schema

    emit(json.dumps(record_schema(), indent=2, ensure_ascii=False) + "\n", output)
