"""`mscc-pathway report CASE.json -o OUT.pdf [--sign FILE.p12 --passphrase-file FILE]`.

Writes the handover summary, signed when asked. A signed file is verified again
after it is written, from disk, before the command says it is done; every export
appends an audit entry. CASE may also be a summary PDF (its embedded case is used)."""
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
    p.add_argument("--hospital", metavar="NAME", help="hospital name printed on every page (default: the site configuration's)")
    p.add_argument("--registration", metavar="NUMBER",
                   help="registration number for the stamp when the certificate has none")
    p.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    p.set_defaults(func=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"mscc-pathway report: {message}", file=sys.stderr)
    return code


def _read_case(path: str):
    """The case model; raises engine.CaseError (also for a PDF without a case)."""
    import engine
    from engine.validation import decode_json

    if path.lower().endswith(".pdf"):
        from engine.report import NoEmbeddedCase, extract_case_bytes

        try:
            raw = extract_case_bytes(Path(path).read_bytes())
        except (OSError, NoEmbeddedCase) as exc:
            raise engine.CaseError([engine.Problem("", f"{path}: {exc}")]) from None
        return engine.parse_case(decode_json(raw, path))
    return engine.read_case_file(path)


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
        model = _read_case(args.case)
    except engine.CaseError as exc:
        print_problems(exc)
        return 2
    if args.passphrase_file and not args.sign:
        return _fail("--passphrase-file needs --sign")
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
        hospital = args.hospital or load_site_config().hospital_name
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
