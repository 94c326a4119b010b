"""`mscc-pathway audit verify [--log PATH] [--against SUMMARY.pdf ...]`: is the audit
chain intact, and if not, which entry breaks it; with --against, does the log still
hold the head each summary recorded when it was made (a log shortened, or rewritten
and re-chained, since then no longer does). Exit 0 intact (and holding every
summary's head), 1 broken or not holding one. Never a traceback: an unreadable or
uncreatable folder is one line."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("audit", help="check the audit trail",
                       description="The append-only audit trail of exports, prints and "
                       "verifications.")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION")
    v = asub.add_parser("verify", help="check that no entry was edited, deleted or moved",
                        description="Exit 0 when the chain is intact (and, with --against, "
                        "still holds the head each summary recorded), 1 otherwise.")
    v.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    v.add_argument("--against", metavar="SUMMARY.pdf", nargs="+", default=[],
                   help="signed summaries whose recorded audit head the log must still hold")
    v.set_defaults(func=run)
    r = asub.add_parser("report", help="QS56 audit report of every exported summary",
                        description="Summarise every case whose summary was exported: the "
                        "NICE QS56 intervals, the share within 24 h and 1 week, and the "
                        "overdue cases. The chain is verified first and the result heads the "
                        "report. Exit 0 written, 1 when the chain is broken (the report is "
                        "still written and says so), 2 for bad arguments.")
    r.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    r.add_argument("--from", dest="date_from", metavar="DATE",
                   help="first assessment date to include (YYYY-MM-DD)")
    r.add_argument("--to", dest="date_to", metavar="DATE",
                   help="last assessment date to include (YYYY-MM-DD)")
    out = r.add_mutually_exclusive_group(required=True)
    out.add_argument("--json", action="store_true",
                     help='print {"cases": [...], "summary": {...}} on standard output')
    out.add_argument("-o", "--output", metavar="REPORT.pdf", help="write the report as a PDF")
    r.set_defaults(func=run_report)

    def usage(args) -> int:
        p.print_help(sys.stderr)
        return 2
    p.set_defaults(func=usage)


def _anchor(path: str):
    """(source, entries, last, fingerprint) from a verified summary, or a reason."""
    from engine.case_reader import read_bytes
    from engine.report.reopen import MAX_PDF_BYTES, site_trust
    from engine.report.verify import verify_pdf
    from engine.validation import CaseError

    try:
        pdf = read_bytes(path, limit=MAX_PDF_BYTES, what="summary PDF")
    except CaseError as exc:
        return f"cannot be read: {exc}"
    trust, source, _problem = site_trust()
    result = verify_pdf(pdf, trust, source)
    if not result.ok:
        return f"not usable as an anchor: {result.reason}"
    if result.audit_head is None:
        return "records no audit head (made before audit anchoring, or not by MSCC Pathway)"
    return (path, result.audit_head[0], result.audit_head[1], result.fingerprint)


def run(args) -> int:
    from engine import audit

    try:
        path = Path(args.log) if args.log else audit.default_log_path()
    except audit.AuditError as exc:
        print(f"mscc-pathway audit: {exc}", file=sys.stderr)
        return 1
    report = audit.verify_chain(path)
    if report.intact:
        print(f"Audit log {path}: {report.reason}.")
    else:
        print(f"Audit log {path}: BROKEN at entry {report.broken_at}: {report.reason}.")
    code = 0 if report.intact else 1
    anchors = []
    for pdf in args.against:
        found = _anchor(pdf)
        if isinstance(found, str):
            print(f"  {pdf}: NOT CHECKED: {found}")
            code = 1
        else:
            anchors.append(found)
    for check in audit.check_against(anchors, path):
        print(f"  {check.source}: {'log ' if check.held else 'NOT HELD: '}{check.reason}")
        if not check.held:
            code = 1
    return code


def run_report(args) -> int:
    import json

    from engine import audit
    from engine.audit_report import ReportError, build_report, parse_day

    try:
        date_from = parse_day(args.date_from, "--from")
        date_to = parse_day(args.date_to, "--to")
        path = Path(args.log) if args.log else audit.default_log_path()
        if path.is_dir():
            raise ReportError(f"--log {path} is a folder; give the audit.jsonl file")
        report = build_report(path, date_from, date_to)
    except ReportError as exc:
        print(f"mscc-pathway audit report: {exc}", file=sys.stderr)
        return 2
    except audit.AuditError as exc:
        print(f"mscc-pathway audit report: {exc}", file=sys.stderr)
        return 1
    summary = report["summary"]
    chain = summary["chain"]
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        from engine.audit_report_pdf import render_report_pdf
        from engine.report.files import write_private

        out = Path(args.output)
        try:
            write_private(out, render_report_pdf(report))
        except OSError as exc:
            print(f"mscc-pathway audit report: cannot write {out}: {exc.strerror or exc}",
                  file=sys.stderr)
            return 2
        print(f"Wrote {out}: {summary['cases']} case(s), {summary['cases_overdue']} overdue; "
              f"audit chain {'intact' if chain['intact'] else 'BROKEN'}.")
    if not chain["intact"]:
        print(f"mscc-pathway audit report: the audit chain is BROKEN at entry "
              f"{chain['broken_at']}: {chain['reason']}", file=sys.stderr)
        return 1
    return 0
