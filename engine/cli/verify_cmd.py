"""`mscc-pathway verify OUT.pdf [--trust CERT.pem]`: who signed (as the certificate
names them, with the certificate's SHA-256), when they say they did, whether the file
is intact and whole, and whether the signer is verified: their certificate chains to
a trust anchor, from --trust or else the site trust store (trusted_certificates in
site.toml, engine/site_config.py). Never a traceback. Every run appends an audit
entry.

Exit status: 0 VERIFIED (intact, whole, signer verified); 3 INTACT but the signer is
NOT verified (no trust anchor anywhere); 1 INVALID (changed, damaged, not signed, or
the signer's certificate does not chain to the trust anchors given)."""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_VERIFIED, EXIT_INVALID, EXIT_SIGNER_NOT_VERIFIED = 0, 1, 3


def register(sub) -> None:
    p = sub.add_parser("verify", help="check the signature of a summary PDF",
                       description="Check a signed summary. Exit 0 only when the signature "
                       "is intact, covers the whole file and the signer's certificate chains "
                       "to a trust anchor (--trust, else the site trust store); 3 when intact "
                       "but there is no trust anchor to verify the signer; 1 otherwise.")
    p.add_argument("pdf", help="signed summary (.pdf)")
    p.add_argument("--trust", metavar="CERT.pem",
                   help="certificate(s) to trust (the hospital root, or the signer's own .pem); "
                   "default: the site trust store")
    p.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    p.set_defaults(func=run)


def _line(label: str, value: str) -> None:
    print(f"{label + ':':<13} {value}")


def _fail(message: str) -> int:
    print(f"mscc-pathway verify: {message}", file=sys.stderr)
    return EXIT_INVALID


def _anchors(args) -> tuple[bytes | None, str | None, str | None]:
    """(PEM, where from, problem)."""
    if args.trust:
        from engine.case_reader import read_bytes
        from engine.validation import CaseError

        try:
            return read_bytes(args.trust, limit=1024 * 1024, what="certificate file"), \
                f"--trust {args.trust}", None
        except CaseError as exc:
            return None, None, str(exc)
    from engine.report.reopen import site_trust

    return site_trust()


def run(args) -> int:
    from engine import audit
    from engine.case_reader import read_bytes
    from engine.report.fingerprint import short_fingerprint
    from engine.report.reopen import MAX_PDF_BYTES
    from engine.report.verify import VerifyResult, verify_pdf
    from engine.validation import CaseError

    try:
        pdf = read_bytes(args.pdf, limit=MAX_PDF_BYTES, what="summary PDF")
    except CaseError as exc:
        return _fail(f"cannot read {exc}")
    trust, source, problem = _anchors(args)
    if problem:
        return _fail(problem)
    result: VerifyResult = verify_pdf(pdf, trust, source)

    _line("File", args.pdf)
    signer = result.signer or "unknown"
    if result.registration:
        signer += f" (registration {result.registration})"
    _line("Signer", signer + (" (as named in the certificate)" if result.signer else ""))
    if result.signer_sha256:
        _line("Certificate", f"SHA-256 {result.signer_sha256}")
    when = result.signing_time.isoformat(timespec="seconds") if result.signing_time else "unknown"
    _line("Signed at", f"{when} (claimed by the signer's computer; no trusted timestamp)")
    if result.intact and result.whole_file:
        _line("Integrity", "intact: unchanged since signing; the signature covers the whole file")
    elif not result.signed:
        _line("Integrity", "NO SIGNATURE")
    elif result.intact:
        _line("Integrity", "CHANGED AFTER SIGNING: " + (result.changes.describe()
                                                         if result.changes else "bytes added"))
    else:
        _line("Integrity", "NOT INTACT: the signed bytes were changed, or the signature is "
                           "damaged")
    if result.trusted is None:
        _line("Trust", "signer NOT verified: no trust anchor (give --trust CERT.pem, or ask IT "
                       "to set trusted_certificates in site.toml); anyone can make a "
                       "certificate with any name, so compare the SHA-256 above with the "
                       "signer's")
    elif result.trusted:
        _line("Trust", f"signer verified: the certificate chains to {result.trust_source}")
    else:
        _line("Trust", f"signer NOT verified: the certificate does not chain to "
                       f"{result.trust_source or 'the trust anchors'}")
    if result.fingerprint:
        _line("Fingerprint", short_fingerprint(result.fingerprint))
    if result.hospital_number:
        _line("Patient", f"hospital number {result.hospital_number}")
    if result.audit_head:
        _line("Audit head", f"{result.audit_head[0]} entries, last {result.audit_head[1][:16]}… "
                            "(check with: mscc-pathway audit verify --against this file)")
    if result.verified:
        verdict, code = "VERIFIED: intact and signed by a verified signer", EXIT_VERIFIED
    elif result.ok:
        verdict = "INTACT, SIGNER NOT VERIFIED (the document is unchanged; who signed it is not proven)"
        code = EXIT_SIGNER_NOT_VERIFIED
    else:
        verdict, code = f"INVALID: {result.reason}", EXIT_INVALID
    _line("Result", verdict)

    outcome = ("verified" if result.verified else "intact, signer not verified" if result.ok
               else f"invalid: {result.reason}")
    try:
        audit.append("verify", hospital_number=result.hospital_number,
                     fingerprint=result.fingerprint, signer=result.signer, outcome=outcome,
                     log=Path(args.log) if args.log else None)
    except (OSError, audit.AuditError) as exc:
        print(f"mscc-pathway verify: warning: the audit entry could not be recorded "
              f"({getattr(exc, 'strerror', None) or exc})", file=sys.stderr)
    return code
