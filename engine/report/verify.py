"""Checks a signed summary. Never raises: anything that goes wrong is an invalid
result with a reason, because a checker that crashes is read as "probably fine".

Two pyHanko traps (../shared/reference/desktop-platform-notes.md): bytes appended
after the signed revision still give a valid, intact signature with coverage
ENTIRE_REVISION, and a damaged signature blob raises instead of returning a status.
So the file is intact only when the signature is intact and valid AND covers the
ENTIRE_FILE, and any exception means invalid.

Three separate findings, each with its own message: integrity (the signed bytes are
unchanged and nothing was added after them; when something was, `changes` names
it), trust (the signer's certificate chains to a trust anchor: --trust, or the site
trust store; without one the signer is NOT verified, since anyone can make a
certificate carrying any name) and content (the embedded case, read only from the
signed revision). The certificate's SHA-256 is always reported, to compare with the
one `identity create` printed.

Used by `verify`, by every export's self-check and by reopening a summary
(engine.report.reopen): one code path decides whether a summary is trusted."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from engine.report import embed
from engine.report.fingerprint import document_fingerprint
from engine.report.revisions import Changes

TRUST_PROBLEM = "the signer's certificate does not chain"


@dataclass
class VerifyResult:
    intact: bool = False           # cryptographically valid and unchanged
    whole_file: bool = False       # the signature covers every byte of the file
    trusted: bool | None = None    # chains to a trust anchor; None: no anchor to check against
    trust_source: str | None = None  # where the anchors came from, in words
    signer: str | None = None
    signer_sha256: str | None = None  # of the signer's certificate (DER), lower-case hex
    registration: str | None = None
    signing_time: datetime | None = None  # claimed by the signer's clock, not proven
    fingerprint: str | None = None  # recomputed from the embedded case and assessment
    hospital_number: str | None = None
    case_json: bytes | None = None   # case.json as in the signed revision (when intact)
    audit_head: tuple[int, str] | None = None  # (entries, last hash) of the log at signing
    signed_revision: int | None = None
    revisions: int | None = None
    changes: Changes | None = None   # what was added after signing, when anything was
    has_signature: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.intact and self.whole_file and self.trusted is not False
                and not self.problems)

    @property
    def verified(self) -> bool:
        """Intact AND the signer chains to a trust anchor: the only fully good result."""
        return self.ok and self.trusted is True

    @property
    def signed(self) -> bool:
        return self.has_signature or self.signer is not None or self.intact

    @property
    def reason(self) -> str:
        if self.ok:
            text = "signature intact and covers the whole file"
            if self.trusted:
                return text + f"; signer verified ({self.trust_source or 'trust anchor'})"
            return text + "; signer NOT verified (no trust anchor)"
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


def _content(reader, revision: int, result: VerifyResult) -> None:
    """Fingerprint, hospital number and audit head from the SIGNED revision's embedded
    files and /Info (an update after signing can replace the latest ones)."""
    import json

    from engine.report import revisions

    try:
        case = revisions.embedded_file(reader, revision, embed.CASE_NAME)
        assessment = revisions.embedded_file(reader, revision, embed.ASSESSMENT_NAME)
    except Exception:
        case = assessment = None
    if case is None or assessment is None:
        result.problems.append("no embedded case and assessment: not an MSCC Pathway summary")
        return
    result.case_json = case
    result.fingerprint = document_fingerprint(case, assessment)
    try:
        result.hospital_number = (json.loads(case).get("patient") or {}).get("id")
    except Exception:
        result.problems.append("the embedded case is not valid JSON")
    meta = revisions.info(reader, revision)
    recorded = meta.get(embed.META_FINGERPRINT)
    if recorded and recorded != result.fingerprint:
        result.problems.append("the fingerprint recorded in the document does not match its "
                               "embedded case and assessment")
    result.audit_head = embed.audit_head_from_info(meta)


def verify_pdf(pdf: bytes, trust_pem: bytes | None = None,
               trust_source: str | None = None) -> VerifyResult:
    """`trust_pem`: the trust anchors (PEM or DER), or None when there are none;
    `trust_source`: where they came from, in words, for the messages."""
    result = VerifyResult(trust_source=trust_source)
    roots = None
    if trust_pem is not None:
        try:
            roots = _trust_roots(trust_pem)
        except Exception as exc:
            result.trusted = False
            result.problems.append(f"the trust certificate cannot be read ({type(exc).__name__})")
            return result
    try:
        _verify(pdf, roots, result)
    except Exception as exc:  # a damaged signature raises: that is a finding, not a crash
        result.intact = False
        result.problems.append(f"signature cannot be validated ({type(exc).__name__}: "
                               f"{exc or 'no detail'})")
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
    result.revisions = reader.xrefs.total_revisions
    sigs = reader.embedded_signatures
    if not sigs:
        result.problems.append("the file has no signature")
        return
    result.has_signature = True
    if len(sigs) > 1:
        result.problems.append(f"the file has {len(sigs)} signatures; a summary has one")
        return
    sig = sigs[0]
    result.signed_revision = sig.signed_revision
    context = ValidationContext(trust_roots=roots or [], allow_fetching=False)
    # Hospital certificates may carry digitalSignature only; ours carry both.
    usage = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"},
                                match_all_key_usages=False)
    status = validate_pdf_signature(sig, context, key_usage_settings=usage)

    if status.signing_cert is not None:
        info = signer_info(status.signing_cert)
        result.signer, result.registration = info.name, info.registration
        result.signer_sha256 = status.signing_cert.sha256.hex()
    result.signing_time = status.signer_reported_dt
    result.intact = bool(status.intact and status.valid) and _padding_untouched(sig, result)
    result.whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not result.intact:
        result.problems.append("the signature does not match the signed bytes (changed "
                               "inside the signed range, or damaged)")
    elif not result.whole_file:
        result.changes = _changes(reader, sig, len(pdf))
        result.problems.append("changed after signing: " + (result.changes.describe() or
                               "the signature does not cover the whole file"))
    if roots is not None:
        # The certificate path alone: whether the bytes were changed is said above, so
        # an appended byte is never misreported as an untrusted signer.
        result.trusted = bool(status.trusted)
        if not result.trusted:
            source = f" ({result.trust_source})" if result.trust_source else ""
            result.problems.append(f"{TRUST_PROBLEM} to any trusted certificate{source}")
    if result.intact and result.whole_file:
        try:
            _content(reader, sig.signed_revision, result)
        except Exception as exc:
            result.problems.append(f"the embedded case cannot be read ({type(exc).__name__})")


def _changes(reader, sig, length: int):
    from engine.report.revisions import describe_changes

    byte_range = [int(x) for x in sig.sig_object["/ByteRange"]]
    return describe_changes(reader, sig.signed_revision, length,
                            byte_range[2] + byte_range[3])
