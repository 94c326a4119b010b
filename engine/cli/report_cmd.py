"""`mscc-pathway report CASE.json -o OUT.pdf [--sign FILE.p12 --passphrase-file FILE]`.

Writes the handover summary, signed when asked. A signed file is verified again
after it is written, from disk, before the command says it is done; every export
appends an audit entry. CASE may also be a summary PDF: it is verified first, exactly
as `verify` does (engine.report.reopen); one changed after signing is refused (exit 2,
naming what changed), an unsigned one or one whose signer is not verified is used
with a warning, and is re-signed (--sign) only with --accept-unverified."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("report", help="write the PDF handover summary of a case",
                       description="Write the PDF handover summary of a case (signed with "
                       "--sign). Exit 0 when written (and verified), 2 for invalid input, "
                       "1 when the written file fails its check or cannot be audited.")
    p.add_argument("case", help="case file (.json), or a summary .pdf to re-render")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.add_argument("--sign", metavar="FILE.p12", help="signing identity (PKCS#12)")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="file whose first line is the identity's passphrase "
                   "(default: ask on the terminal)")
    p.add_argument("--hospital", metavar="NAME", help="hospital name printed on every page (default: the site configuration's, which "
                   "wins unless site.toml allows the override)")
    p.add_argument("--registration", metavar="NUMBER",
                   help="registration number for the stamp when the certificate has none")
    p.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    p.add_argument("--trust", metavar="CERT.pem",
                   help="when CASE is a summary: certificate(s) to verify its signer against "
                   "(default: the site trust store)")
    p.add_argument("--accept-unverified", action="store_true",
                   help="when CASE is an unsigned summary or one whose signer is not "
                   "verified: re-sign it anyway (you vouch for every value in it)")
    p.set_defaults(func=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"mscc-pathway report: {message}", file=sys.stderr)
    return code


def _read_case(args):
    """(case model, warning or None, whether it is verified); raises engine.CaseError.
    Both paths go through the one guarded reader (engine.case_reader)."""
    import engine

    path = args.case
    if path.lower().endswith(".pdf"):
        from engine.report.reopen import VERIFIED, reopen_summary

        trust = source = None
        if args.trust:
            from engine.case_reader import read_bytes

            trust, source = read_bytes(args.trust, what="certificate file"), f"--trust {args.trust}"
        opened = reopen_summary(path, trust_pem=trust, trust_source=source)
        return opened.case, opened.warning, opened.status == VERIFIED
    return engine.read_case_file(path), None, True


def _passphrase(args) -> str:
    from engine.report.files import read_passphrase_file

    if args.passphrase_file:
        return read_passphrase_file(args.passphrase_file)
    if not sys.stdin.isatty():
        raise ValueError("a passphrase is needed: use --passphrase-file or run in a terminal")
    import getpass

    return getpass.getpass(f"Passphrase for {args.sign}: ")


def run(args) -> int:
    import engine
    from engine.cli.evaluate_cmd import print_problems
    from engine.report.export import ExportError, export_summary
    from engine.report.fingerprint import short_fingerprint

    try:
        model, warning, verified = _read_case(args)
    except engine.CaseError as exc:
        print_problems(exc)
        return 2
    if args.passphrase_file and not args.sign:
        return _fail("--passphrase-file needs --sign")
    if warning:
        print(f"mscc-pathway report: warning: {args.case}: {warning}", file=sys.stderr)
    if args.sign and not verified and not args.accept_unverified:
        return _fail(f"{args.case} is not a verified summary, so it is not re-signed; check "
                     "it and give --accept-unverified to sign it as your own")
    case = json.loads(engine.canonical_case_json(model))
    assessment = engine.evaluate(model).model_dump(mode="json")

    passphrase = None
    if args.sign:
        try:
            passphrase = _passphrase(args)
        except (OSError, ValueError) as exc:
            return _fail(str(exc))
    from engine.site_config import SiteConfigError, load_site_config
    try:
        hospital = load_site_config().value_for("hospital_name", args.hospital)
    except SiteConfigError as exc:  # a broken site file must be seen, not ignored
        return _fail("site configuration: " + "; ".join(exc.problems))
    try:
        result = export_summary(case, assessment, args.output, p12=args.sign,
                                passphrase=passphrase, hospital_name=hospital,
                                registration=args.registration,
                                log=Path(args.log) if args.log else None)
    except ExportError as exc:
        return _fail(str(exc), 1)
    except ValueError as exc:  # IdentityError: wrong passphrase or not an identity
        return _fail(str(exc))
    if result.audit_error:
        return _fail(f"{result.path} was written, but its audit entry could not be recorded "
                     f"({result.audit_error}); record the export by hand", 1)
    state = f"signed by {result.signer}" if result.signer else "NOT signed"
    print(f"Wrote {result.path} ({state}; fingerprint {short_fingerprint(result.fingerprint)}).")
    return 0
