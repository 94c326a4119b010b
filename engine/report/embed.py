"""File attachments and document metadata of the summary (pypdf, imported lazily).

The case travels inside its own summary as `case.json` (the canonical bytes the
engine hashed) so the PDF reopens the exact case; `assessment.json` holds what was
printed, so the fingerprint can be recomputed from the file alone."""
from __future__ import annotations

import io

CASE_NAME = "case.json"
ASSESSMENT_NAME = "assessment.json"
META_FINGERPRINT = "/MSCCFingerprint"
META_CASE_SHA256 = "/MSCCCaseSHA256"
# The audit log's head when the summary was made (entries, hash of the last entry):
# inside the signed range, so whoever shortens or rewrites the log is contradicted by
# every summary signed since (`mscc-pathway audit verify --against SUMMARY.pdf`).
META_AUDIT_ENTRIES = "/MSCCAuditEntries"
META_AUDIT_HEAD = "/MSCCAuditHead"


def audit_head_info(head: tuple[int, str] | None) -> dict[str, str]:
    if head is None:
        return {}
    return {META_AUDIT_ENTRIES: str(head[0]), META_AUDIT_HEAD: head[1]}


def audit_head_from_info(info: dict[str, str]) -> tuple[int, str] | None:
    count, last = info.get(META_AUDIT_ENTRIES), info.get(META_AUDIT_HEAD)
    if count is None or last is None or not count.isdigit() or len(count) > 12:
        return None
    return int(count), last


def add_attachments(pdf: bytes, files: list[tuple[str, bytes, str]], info: dict[str, str]) -> bytes:
    """files: (name, data, description). info: document information entries."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for name, data, description in files:
        ef = writer.add_attachment(name, data)
        ef.subtype = NameObject("/application#2Fjson")
        ef.description = TextStringObject(description)
        ef.associated_file_relationship = NameObject("/Source")
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read_attachment(pdf: bytes, name: str) -> bytes | None:
    """The bytes of one attachment, or None when the PDF has none by that name. A PDF
    that cannot be parsed raises pypdf's own error."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf), strict=False)
    found = reader.attachments.get(name)
    if not found:
        return None
    if len(found) != 1:
        raise ValueError(f"the PDF holds {len(found)} attachments named {name}; expected one")
    return found[0]


def read_info(pdf: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf), strict=False)
    meta = reader.metadata or {}
    return {str(k): str(v) for k, v in meta.items()}
