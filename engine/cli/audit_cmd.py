"""`mscc-pathway audit verify [--log PATH]`: is the audit chain intact, and if not,
which entry breaks it. Exit 0 intact, 1 broken."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("audit", help="check the audit trail",
                       description="The append-only audit trail of exports, prints and "
                       "verifications.")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION")
    v = asub.add_parser("verify", help="check that no entry was edited, deleted or moved",
                        description="Exit 0 when the chain is intact, 1 when it is broken.")
    v.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    v.set_defaults(func=run)

    def usage(args) -> int:
        p.print_help(sys.stderr)
        return 2
    p.set_defaults(func=usage)


def run(args) -> int:
    from engine import audit

    path = Path(args.log) if args.log else audit.default_log_path()
    report = audit.verify_chain(path)
    if report.intact:
        print(f"Audit log {path}: {report.reason}.")
        return 0
    print(f"Audit log {path}: BROKEN at entry {report.broken_at}: {report.reason}.")
    return 1
