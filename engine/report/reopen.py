"""Reopening a summary PDF: the only way a case is taken out of a summary, used by
`mscc-pathway report X.pdf` and the desktop's Open.

The summary is verified first with the same code as `mscc-pathway verify`
(engine.report.verify.verify_pdf, with the site trust store), and then:

- changed after signing (an update or bytes added, or the signed bytes altered):
  REFUSED, naming what changed; nothing is loaded;
- signed, intact, signer chains to a trusted certificate: opened (VERIFIED);
- signed, intact, signer not verified (no trust anchor, or a certificate that does
  not chain to one): opened with a warning that says so and gives the certificate's
  SHA-256 (SIGNER_NOT_VERIFIED);
- not signed: opened with a warning that it is not signed (UNSIGNED), but only if
  it is a single revision whose case matches the hash recorded beside it.

The case is taken only from the revision the signature covers (for an unsigned
summary, its only revision), then read through engine.case_reader (section 11
limits) and validated by the case model. Re-signing (report X.pdf --sign) starts
only from a VERIFIED summary unless the caller accepts an unverified one
explicitly; it never starts from a refused one."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from engine.validation import CaseError, Problem

MAX_PDF_BYTES = 32 * 1024 * 1024  # our summaries are ~150 kB; a PDF is read whole
VERIFIED, SIGNER_NOT_VERIFIED, UNSIGNED = "verified", "signer-not-verified", "unsigned"


class SummaryRefused(CaseError):
    """The summary failed verification (or is not a readable summary): not opened."""

    def __init__(self, name: str, message: str):
        super().__init__([Problem("", f"{name} {message}")])


@dataclass
class ReopenedSummary:
    case: object          # engine.models.case.Case
    data: dict            # the decoded case document (for the desktop's forms)
    status: str           # VERIFIED, SIGNER_NOT_VERIFIED or UNSIGNED
    warning: str | None   # the banner text; None only when VERIFIED
    check: object         # engine.report.verify.VerifyResult


def site_trust() -> tuple[bytes | None, str | None, str | None]:
    """(PEM bundle, where it came from, problem) of the site trust store
    (trusted_certificates in site.toml); a broken site file is a problem, not silence."""
    from engine.site_config import SiteConfigError, load_site_config

    try:
        site = load_site_config()
        pem = site.trusted_pem()
    except SiteConfigError as exc:
        return None, None, "the site trust store cannot be used: " + "; ".join(exc.problems)
    if pem is None:
        return None, None, None
    names = ", ".join(p.name for p in site.trusted_certificates)
    return pem, f"site trust store {site.path}: {names}", None


def reopen_summary(path: str | Path, *, trust_pem: bytes | None = None,
                   trust_source: str | None = None) -> ReopenedSummary:
    """Verify and open the summary at `path`. Without `trust_pem` the site trust store
    is used. Raises CaseError (SummaryRefused, or the case reader's and the case
    model's problems)."""
    from engine.case_reader import read_bytes

    pdf = read_bytes(path, limit=MAX_PDF_BYTES, what="summary PDF")
    return reopen_summary_bytes(pdf, str(path), trust_pem=trust_pem,
                                trust_source=trust_source)


def reopen_summary_bytes(pdf: bytes, name: str, *, trust_pem: bytes | None = None,
                         trust_source: str | None = None) -> ReopenedSummary:
    from engine.report.verify import verify_pdf

    site_problem = None
    if trust_pem is None:
        trust_pem, trust_source, site_problem = site_trust()
    check = verify_pdf(pdf, trust_pem, trust_source)
    if check.has_signature:
        raw = _signed_case(check, name)
        status = VERIFIED if check.trusted else SIGNER_NOT_VERIFIED
    else:
        raw = _unsigned_case(pdf, check, name)
        status = UNSIGNED
    from engine.case_reader import case_data_from_bytes
    from engine.validation import parse_case

    data = case_data_from_bytes(raw, f"{name} (its embedded case.json)")
    case = parse_case(data)
    return ReopenedSummary(case, data, status, _warning(status, check, site_problem), check)


def _signed_case(check, name: str) -> bytes:
    from engine.report.verify import TRUST_PROBLEM

    if not check.intact:
        raise SummaryRefused(name, "is not opened: it failed verification: "
                                   + "; ".join(check.problems))
    if not check.whole_file:
        what = check.changes.describe() if check.changes else ""
        raise SummaryRefused(name, "is not opened: it was changed after it was signed ("
                                   + (what or "bytes after the signed range") + ")")
    other = [p for p in check.problems if not p.startswith(TRUST_PROBLEM)]
    if other or check.case_json is None:
        raise SummaryRefused(name, "is not opened: it failed verification: "
                                   + "; ".join(other or ["no embedded case"]))
    return check.case_json


def _unsigned_case(pdf: bytes, check, name: str) -> bytes:
    from engine.report import embed, revisions

    if check.problems != ["the file has no signature"]:
        raise SummaryRefused(name, "is not opened: " + ("; ".join(check.problems)
                                                        or "it cannot be read as a PDF"))
    try:
        reader = revisions.open_reader(pdf)
        total = reader.xrefs.total_revisions
        if total > 1:
            changes = revisions.describe_changes(reader, 0, len(pdf), None)
            raise SummaryRefused(name, "is not opened: this unsigned summary was changed "
                                       f"after it was written ({changes.describe()})")
        raw = revisions.embedded_file(reader, 0, embed.CASE_NAME)
        recorded = revisions.info(reader, 0).get(embed.META_CASE_SHA256)
    except SummaryRefused:
        raise
    except Exception as exc:  # pyHanko's parse errors: a finding, not a crash
        raise SummaryRefused(name, f"is not opened: it cannot be read as a PDF "
                                   f"({type(exc).__name__})") from None
    if raw is None:
        raise SummaryRefused(name, f"is not opened: it has no embedded {embed.CASE_NAME}; "
                                   "it is not an MSCC Pathway summary")
    if recorded != hashlib.sha256(raw).hexdigest():
        raise SummaryRefused(name, "is not opened: its embedded case does not match the "
                                   "hash recorded in it (altered, or not written by MSCC "
                                   "Pathway)")
    return raw


def _warning(status: str, check, site_problem: str | None) -> str | None:
    if status == VERIFIED:
        return None
    if status == UNSIGNED:
        return ("NOT SIGNED: this summary carries no signature, so nothing shows that it is "
                "unchanged or who made it. Check every value against the patient and the "
                "source records before relying on it.")
    who = check.signer or "an unnamed signer"
    cert = f"certificate SHA-256 {check.signer_sha256}" if check.signer_sha256 else \
        "certificate unknown"
    if check.trusted is False:
        why = (f"its certificate is not among the trusted certificates "
               f"({check.trust_source or 'the trust anchors given'})")
    else:
        why = ("no trust anchor is configured (no trusted_certificates in the site "
               "configuration)" + (f"; {site_problem}" if site_problem else ""))
    return (f"SIGNER NOT VERIFIED: unchanged since it was signed, but the signature of "
            f"\"{who}\" ({cert}) cannot be confirmed: {why}. Anyone can make a certificate "
            "with any name: compare the fingerprint with the one the signer was given.")


__all__ = ["MAX_PDF_BYTES", "VERIFIED", "SIGNER_NOT_VERIFIED", "UNSIGNED", "SummaryRefused",
           "ReopenedSummary", "site_trust", "reopen_summary", "reopen_summary_bytes"]
