"""The signed PDF handover summary: rendering, the embedded case, signing and
verification. No Qt. Importing this package is cheap: reportlab, pypdf and pyHanko
are imported only by the function that needs them.

- `render_summary(case, assessment, *, hospital_name=None) -> bytes`
- `extract_case(pdf_bytes) -> dict`, `extract_case_bytes(pdf_bytes) -> bytes`
- `engine.report.signing`: `create_identity`, `sign_pdf`
- `engine.report.verify`: `verify_pdf`
- `engine.report.export`: `export_summary` (render, sign, write, re-read, verify, audit)"""
from __future__ import annotations

import hashlib
import json


class NoEmbeddedCase(ValueError):
    """The PDF carries no readable MSCC case (not a summary, or damaged)."""


def render_summary(case: dict, assessment: dict, *, hospital_name: str | None = None,
                   signature_expected: bool = False,
                   audit_head: tuple[int, str] | None = None, **zone) -> bytes:
    """`audit_head`: the audit log's (entries, last hash) to record in the summary.
    `zone=tzinfo` puts clock times on that zone's wall clock (default: the ward zone
    of site.toml, else this machine's)."""
    from engine.report.summary_pdf import render_summary as _render

    return _render(case, assessment, hospital_name=hospital_name,
                   signature_expected=signature_expected, audit_head=audit_head, **zone)


def extract_case_bytes(pdf: bytes) -> bytes:
    """The embedded case.json exactly as written (canonical JSON)."""
    from engine.report import embed

    try:
        data = embed.read_attachment(pdf, embed.CASE_NAME)
    except Exception as exc:  # pypdf's parse errors, all alike to the caller
        raise NoEmbeddedCase(f"the file could not be read as a PDF ({type(exc).__name__}: "
                             f"{exc})") from exc
    if data is None:
        raise NoEmbeddedCase(f"this PDF has no embedded {embed.CASE_NAME}; it is not an "
                             "MSCC Pathway summary")
    try:
        info = embed.read_info(pdf)
    except Exception:
        info = {}
    recorded = info.get(embed.META_CASE_SHA256)
    if recorded and recorded != hashlib.sha256(data).hexdigest():
        raise NoEmbeddedCase("the embedded case does not match the hash recorded in the PDF; "
                             "the file has been altered")
    return data


def extract_case(pdf: bytes) -> dict:
    """The case embedded in a summary PDF, as a dict, from its LATEST revision and
    unverified: for tests and the self-test. Opening a summary goes through
    engine.report.reopen.reopen_summary (verify first, signed revision only)."""
    data = extract_case_bytes(pdf)
    try:
        case = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NoEmbeddedCase(f"the embedded case is not valid JSON ({exc})") from exc
    if not isinstance(case, dict):
        raise NoEmbeddedCase("the embedded case is not a JSON object")
    return case


__all__ = ["NoEmbeddedCase", "render_summary", "extract_case", "extract_case_bytes"]
