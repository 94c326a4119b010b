"""`mscc-pathway identity create --name "..." --registration "..." -o FILE.p12`:
a self-signed signing identity protected by a passphrase (asked twice on the
terminal, or read from --passphrase-file). The passphrase is never stored."""
from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("identity", help="create a signing identity",
                       description="Signing identities (PKCS#12, passphrase-protected).")
    isub = p.add_subparsers(dest="identity_command", metavar="ACTION")
    c = isub.add_parser("create", help="create a self-signed identity for a clinician",
                        description="Create a self-signed identity (FILE.p12, readable by "
                        "you only) and its public certificate (FILE.pem, for --trust).")
    c.add_argument("--name", required=True, help="clinician's name as it should appear")
    c.add_argument("--registration", required=True, help="professional registration number")
    c.add_argument("-o", "--output", required=True, metavar="FILE.p12")
    c.add_argument("--passphrase-file", metavar="FILE",
                   help="file whose first line is the passphrase (default: ask twice)")
    c.set_defaults(func=run)
    p.set_defaults(func=_usage(p))


def _usage(parser):
    def run_usage(args) -> int:
        parser.print_help(sys.stderr)
        return 2
    return run_usage


def _passphrase(args) -> str:
    from engine.report.files import read_passphrase_file

    if args.passphrase_file:
        return read_passphrase_file(args.passphrase_file)
    if not sys.stdin.isatty():
        raise ValueError("a passphrase is needed: use --passphrase-file or run in a terminal")
    import getpass

    first = getpass.getpass("New passphrase (it is not stored; do not lose it): ")
    if getpass.getpass("Same passphrase again: ") != first:
        raise ValueError("the two passphrases differ; nothing was written")
    return first


def run(args) -> int:
    from engine.report.signing import create_identity

    try:
        ident = create_identity(args.name, args.registration, _passphrase(args), args.output)
    except (OSError, ValueError) as exc:
        print(f"mscc-pathway identity: {exc}", file=sys.stderr)
        return 2
    print(f"Created {ident.p12_path} (private; keep it and its passphrase safe).")
    print(f"Certificate {ident.cert_path}: give it to whoever checks your summaries "
          f"(mscc-pathway verify FILE.pdf --trust {ident.cert_path.name}).")
    print(f"Certificate SHA-256: {ident.sha256}")
    return 0
