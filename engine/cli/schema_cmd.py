"""`mscc-pathway schema`: the JSON Schema of mscc-case/1."""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the case format (mscc-case/1)")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.models.case import Case

    schema = Case.model_json_schema(mode="validation")
    schema["$id"] = "mscc-case/1"
    schema["title"] = "MSCC Pathway case (mscc-case/1)"
    sys.stdout.write(json.dumps(schema, indent=2) + "\n")
    return 0
