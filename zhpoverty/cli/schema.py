"""``zhpoverty schema``: the JSON Schema of an article record."""

from __future__ import annotations

import json

from . import app


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one line of `zhpoverty extract` output (an article record)."""
    from ..record.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
