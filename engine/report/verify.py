"""Checks a signed summary. Never raises: anything that goes wrong is an invalid
result with a reason, because a checker that crashes is read as "probably fine".

Two pyHanko traps (../shared/reference/desktop-platform-notes.md): bytes appended
after the signed revision still give a valid, intact signature with coverage
ENTIRE_REVISION, and a damaged signature blob raises instead of returning a status.
So the file is intact only when the signature is intact and valid AND covers the
ENTIRE_FILE, and any exception means invalid."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from engine.report import embed
from engine.report.fingerprint import document_fingerprint


@dataclass
class VerifyResult:
    intact: bool = False           # cryptographically valid and unchanged
    whole_file: bool = False       # the signature covers every byte of the file
    trusted: bool | None = None    # chains to the given trust certificate; None: not asked
    signer: str | None = None
    registration: str | None = None
    signing_time: datetime | None = None  # claimed by the signer's clock, not proven
    fingerprint: str | None = None  # recomputed from the embedded case and assessment
    hospital_number: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.intact and self.whole_file and self.trusted is not False
                and not self.problems)

    @property
    def signed(self) -> bool:
        return self.signer is not None or self.intact

    @property
    def reason(self) -> str:
        if self.ok:
            text = "signature intact and covers the whole file"
            return text + ("; signer trusted" if self.trusted else "")
        return "; ".join(self.problems) or "not verified"


def _trust_roots(trust_pem: bytes):
    from asn1crypto import pem, x509

    if pem.detect(trust_pem):
        ders = [der for kind, _, der in pem.unarmor(trust_pem, multiple=True)
                if kind == "CERTIFICATE"]
    else:
        ders = [trust_pem]
    certs = [x509.Certificate.load(der) for der in ders]
    for cert in certs:
        cert.subject.native  # asn1crypto parses lazily: fail here, not mid-validation
    if not certs:
        raise ValueError("no certificate in the trust file")
    return certs


def _content(pdf: bytes, result: VerifyResult) -> None:
    """Fingerprint and hospital number from the embedded files (informative: the
    signature already covers them)."""
    import json

    try:
        case = embed.read_attachment(pdf, embed.CASE_NAME)
        assessment = embed.read_attachment(pdf, embed.ASSESSMENT_NAME)
    except Exception:
        case = assessment = None
    if case is None or assessment is None:
        result.problems.append("no embedded case and assessment: not an MSCC Pathway summary")
        return
    result.fingerprint = document_fingerprint(case, assessment)
    try:
        result.hospital_number = (json.loads(case).get("patient") or {}).get("id")
    except Exception:
        result.problems.append("the embedded case is not valid JSON")
    recorded = embed.read_info(pdf).get(embed.META_FINGERPRINT)
    if recorded and recorded != result.fingerprint:
        result.problems.append("the fingerprint recorded in the document does not match its "
                               "embedded case and assessment")


def verify_pdf(pdf: bytes, trust_pem: bytes | None = None) -> VerifyResult:
    result = VerifyResult(trusted=False if trust_pem is not None else None)
    roots = []
    if trust_pem is not None:
        try:
            roots = _trust_roots(trust_pem)
        except Exception as exc:
            result.problems.append(f"the trust certificate cannot be read ({type(exc).__name__})")
            return result
    try:
        _verify(pdf, roots if trust_pem is not None else None, result)
    except Exception as exc:  # a damaged signature raises: that is a finding, not a crash
        result.intact = False
        result.problems.append(f"signature cannot be validated ({type(exc).__name__}: "
                               f"{exc or 'no detail'})")
    if result.intact and result.whole_file:
        try:
            _content(pdf, result)
        except Exception as exc:
            result.problems.append(f"the embedded case cannot be read ({type(exc).__name__})")
    return result


def _quiet_pyhanko() -> None:
    """pyHanko logs an untrusted or broken signature with a traceback; with no handler
    configured Python prints that to stderr. Give its loggers a do-nothing handler so
    the result speaks instead (an app that configures logging still receives them)."""
    import logging

    for name in ("pyhanko", "pyhanko_certvalidator"):
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())


def _der_length(blob: bytes) -> int | None:
    """Length of the DER element at the start of `blob` (header included)."""
    if len(blob) < 2 or blob[0] != 0x30:
        return None
    if blob[1] < 0x80:
        return 2 + blob[1]
    n = blob[1] & 0x7F
    if n == 0 or n > 4 or len(blob) < 2 + n:
        return None
    return 2 + n + int.from_bytes(blob[2:2 + n], "big")


def _padding_untouched(sig, result: VerifyResult) -> bool:
    """The signature field reserves more room than the signature needs; the rest must
    stay zero. CMS parsing ignores it and the byte range excludes it, so without this
    check a changed byte there would go unnoticed."""
    blob = bytes(sig.sig_object.raw_get("/Contents"))
    length = _der_length(blob)
    if length is None or length > len(blob) or any(blob[length:]):
        result.problems.append("the signature field holds bytes that are not part of the "
                               "signature (changed after signing)")
        return False
    return True


def _verify(pdf: bytes, roots: list | None, result: VerifyResult) -> None:
    """`roots`: trust anchors, or None when trust is not being checked."""
    _quiet_pyhanko()
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    from engine.report.signing import signer_info

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    sigs = reader.embedded_signatures
    if not sigs:
        result.problems.append("the file has no signature")
        return
    if len(sigs) > 1:
        result.problems.append(f"the file has {len(sigs)} signatures; a summary has one")
        return
    context = ValidationContext(trust_roots=roots or [], allow_fetching=False)
    # Hospital certificates may carry digitalSignature only; ours carry both.
    usage = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"},
                                match_all_key_usages=False)
    status = validate_pdf_signature(sigs[0], context, key_usage_settings=usage)

    if status.signing_cert is not None:
        info = signer_info(status.signing_cert)
        result.signer, result.registration = info.name, info.registration
    result.signing_time = status.signer_reported_dt
    result.intact = bool(status.intact and status.valid) and _padding_untouched(sigs[0], result)
    result.whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not result.intact:
        result.problems.append("the signature does not match the document (changed or damaged)")
    elif not result.whole_file:
        result.problems.append("bytes were added or changed after signing (the signature "
                               "does not cover the whole file)")
    if roots is not None:
        result.trusted = bool(status.bottom_line and status.trusted)
        if not result.trusted:
            result.problems.append("the signer's certificate does not chain to the given "
                                   "trust certificate")
