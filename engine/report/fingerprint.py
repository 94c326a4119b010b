"""The document fingerprint: ties a paper copy to its file and to its audit entry.

Paper carries no cryptography, so every page prints a short form of
SHA-256(canonical case JSON, newline, canonical assessment JSON). Canonical JSON has
no raw newlines (they are escaped inside strings), so the separator is unambiguous.
Both inputs are embedded in the PDF, so anyone can recompute it from the file."""
from __future__ import annotations

import hashlib
import json

SHORT_HEX_DIGITS = 16  # 64 bits: plenty to tell documents apart, short enough to read aloud


def canonical_assessment_json(assessment: dict) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same assessment always gives the same bytes."""
    return json.dumps(assessment, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False).encode("utf-8")


def document_fingerprint(case_json: bytes, assessment: dict | bytes) -> str:
    """Full SHA-256 (hex) of the canonical case JSON plus the assessment."""
    if isinstance(assessment, dict):
        assessment = canonical_assessment_json(assessment)
    digest = hashlib.sha256()
    digest.update(case_json)
    digest.update(b"\n")
    digest.update(assessment)
    return digest.hexdigest()


def short_fingerprint(full_hex: str) -> str:
    """The printed form, e.g. '3F2A-91C0-7B4E-55D1' (groups of four are easy to compare)."""
    head = full_hex[:SHORT_HEX_DIGITS].upper()
    return "-".join(head[i:i + 4] for i in range(0, len(head), 4))
