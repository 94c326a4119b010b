"""FHIR R4 export (issue 14 part 3): a case and its assessment as a Bundle of Patient,
Condition, Observations, ServiceRequests and draft MedicationRequests, validated with
the `fhir.resources` R4B models before it is written. See docs/engine-api.md."""
from __future__ import annotations

from pathlib import Path

from engine.fhir.bundle import FhirExport, build_bundle
from engine.fhir.validate import FhirError, check_bundle, dumps, parse_bundle


def export_case(case: dict, assessment: dict) -> FhirExport:
    """Build and check the bundle (FhirError when the check fails)."""
    result = build_bundle(case, assessment)
    check_bundle(result.bundle)
    return result


def write_bundle(case: dict, assessment: dict, out: str | Path, *,
                 log: Path | None = None) -> tuple[FhirExport, Path]:
    """Build, check and write the bundle as the summary export does: staged beside its
    destination (0600: it holds patient identifiers), then an audit entry (event
    "fhir", hospital number only as the keyed hash, the document fingerprint shared with
    the summary of the same case, and the file's SHA-256), and only then moved into
    place. No entry, no file. Raises FhirError, or OSError with a one-line message."""
    import hashlib

    import engine
    from engine import audit
    from engine.report.files import discard_staged, publish_staged, stage_private
    from engine.report.fingerprint import document_fingerprint

    result = export_case(case, assessment)
    data = dumps(result.bundle)
    out = Path(out)
    fingerprint = document_fingerprint(engine.canonical_case_json(engine.parse_case(case)),
                                       assessment)
    staged = stage_private(out, data)
    try:
        audit.append("fhir", hospital_number=case["patient"]["id"], fingerprint=fingerprint,
                     signer=None, outcome="written", log=log,
                     file_sha256=hashlib.sha256(data).hexdigest())
    except BaseException:
        discard_staged(staged)
        raise
    publish_staged(staged, out)
    return result, out


__all__ = ["FhirError", "FhirExport", "build_bundle", "check_bundle", "dumps", "export_case",
           "parse_bundle", "write_bundle"]
