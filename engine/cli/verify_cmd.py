"""`mscc-pathway verify OUT.pdf [--trust CERT.pem]`: who signed, when they say they
did, whether the file is intact and whole, and (with --trust) whether the signer
chains to the given certificate. Exit 0 only when all of that holds, else 1 with
the reason; never a traceback. Every run appends an audit entry."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("verify", help="check the signature of a summary PDF",
                       description="Check a signed summary. Exit 0 only when the signature "
                       "is intact, covers the whole file and (with --trust) chains to the "
                       "given certificate; 1 otherwise.")
    p.add_argument("pdf", help="signed summary (.pdf)")
    p.add_argument("--trust", metavar="CERT.pem",
                   help="certificate to trust (the hospital root, or the signer's own .pem)")
    p.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    p.set_defaults(func=run)


def _line(label: str, value: str) -> None:
    print(f"{label + ':':<13} {value}")


def run(args) -> int:
    from engine import audit
    from engine.report.fingerprint import short_fingerprint
    from engine.report.verify import VerifyResult, verify_pdf

    try:
        pdf = Path(args.pdf).read_bytes()
    except OSError as exc:
        print(f"mscc-pathway verify: cannot read {args.pdf}: {exc.strerror}", file=sys.stderr)
        return 1
    trust = None
    if args.trust:
        try:
            trust = Path(args.trust).read_bytes()
        except OSError as exc:
            print(f"mscc-pathway verify: cannot read {args.trust}: {exc.strerror}",
                  file=sys.stderr)
            return 1
    if trust is None:
        from engine.site_config import SiteConfigError, load_site_config
        try:
            trust = load_site_config().trusted_pem()
        except SiteConfigError as exc:
            print("mscc-pathway verify: site configuration: " + "; ".join(exc.problems),
                  file=sys.stderr)
            return 1
    result: VerifyResult = verify_pdf(pdf, trust)

    _line("File", args.pdf)
    signer = result.signer or "unknown"
    if result.registration:
        signer += f" (registration {result.registration})"
    _line("Signer", signer)
    when = result.signing_time.isoformat(timespec="seconds") if result.signing_time else "unknown"
    _line("Signed at", f"{when} (claimed by the signer's computer; no trusted timestamp)")
    if result.intact and result.whole_file:
        _line("Integrity", "intact; the signature covers the whole file")
    elif not result.signed:
        _line("Integrity", "NO VALID SIGNATURE")
    else:
        _line("Integrity", "NOT INTACT")
    if result.trusted is None:
        _line("Trust", "not checked (give --trust CERT.pem to check who signed)")
    else:
        _line("Trust", f"trusted: chains to {args.trust}" if result.trusted
              else f"NOT TRUSTED: does not chain to {args.trust}")
    if result.fingerprint:
        _line("Fingerprint", short_fingerprint(result.fingerprint))
    if result.hospital_number:
        _line("Patient", f"hospital number {result.hospital_number}")
    _line("Result", "VALID" if result.ok else f"INVALID: {result.reason}")

    try:
        audit.append("verify", hospital_number=result.hospital_number,
                     fingerprint=result.fingerprint, signer=result.signer,
                     outcome="valid" if result.ok else f"invalid: {result.reason}",
                     log=Path(args.log) if args.log else None)
    except OSError as exc:
        print(f"mscc-pathway verify: warning: the audit entry could not be recorded "
              f"({exc.strerror})", file=sys.stderr)
    return 0 if result.ok else 1
