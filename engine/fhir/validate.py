"""Checks a bundle against the FHIR R4B models of the `fhir.resources` package before it
is written: every element name, type and required field, for the Bundle and each
resource in it, plus the export's own promises (no active prescription, every coding
from engine/fhir/codes.py). A bundle that fails is never written."""
from __future__ import annotations

import json

from engine.fhir.codes import verified_codings


class FhirError(ValueError):
    """The bundle failed its check (a bug in the export, never the user's input)."""


def parse_bundle(data: dict | str | bytes):
    """The R4B Bundle model of `data`; FhirError (one line per problem) when invalid."""
    from pydantic import ValidationError

    from fhir.resources.R4B.bundle import Bundle

    try:
        if isinstance(data, (str, bytes)):
            return Bundle.model_validate_json(data)
        return Bundle.model_validate(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
                    for err in exc.errors()[:10]]
        raise FhirError("the FHIR bundle is not valid R4B: " + "; ".join(problems)) from None


def check_bundle(bundle: dict) -> None:
    """Validate with the R4B models, round-trip through JSON, and check the rules of
    this export. Raises FhirError."""
    model = parse_bundle(bundle)
    again = parse_bundle(model.model_dump_json(exclude_none=True))
    if again.model_dump(exclude_none=True) != model.model_dump(exclude_none=True):
        raise FhirError("the FHIR bundle does not survive a JSON round trip")
    for entry in bundle.get("entry", []):
        res = entry["resource"]
        kind = res["resourceType"]
        if kind == "MedicationRequest" and (res.get("status") != "draft"
                                            or res.get("intent") != "proposal"):
            raise FhirError(f"{entry['fullUrl']}: a MedicationRequest must be a draft "
                            "proposal, never an active prescription")
    allowed = verified_codings()
    for system, code in _codings(bundle):
        if (system, code) not in allowed:
            raise FhirError(f"unverified code {system}|{code} (not in engine/fhir/codes.py)")


def _codings(node):
    if isinstance(node, dict):
        if "coding" in node and isinstance(node["coding"], list):
            for coding in node["coding"]:
                yield coding.get("system"), coding.get("code")
        for value in node.values():
            yield from _codings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _codings(value)


def dumps(bundle: dict) -> bytes:
    return (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
