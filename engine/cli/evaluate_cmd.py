"""`mscc-pathway evaluate CASE.json [--json]`."""
from __future__ import annotations

import json
import sys

from engine.cli.summary import render_summary


def register(sub) -> None:
    p = sub.add_parser("evaluate", help="assess a case file and print the recommendation",
                       description="Assess an mscc-case/1 file. Exit 0 on success, 2 when the "
                       "case is invalid (one line per problem on stderr).")
    p.add_argument("case", help="case file (.json)")
    p.add_argument("--json", action="store_true", help="print the assessment JSON")
    p.add_argument("--partial", action="store_true",
                   help="assess the valid part of the case: each invalid or unfinished input "
                   "is treated as missing and listed (with --json: invalid_inputs); exit 0 "
                   "unless the assessment time, dose conventions or hospital number is invalid")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine import CaseError, evaluate, read_case_file

    if getattr(args, "partial", False):
        return run_partial(args)
    try:
        case = read_case_file(args.case)
    except CaseError as exc:
        print_problems(exc)
        return 2
    assessment = evaluate(case).model_dump(mode="json")
    if args.json:
        sys.stdout.write(json.dumps(assessment, indent=2, ensure_ascii=False) + "\n")
    else:
        from engine.report.timefmt import ward_zone
        from engine.site_config import SiteConfigError, load_site_config
        try:
            load_site_config()
        except SiteConfigError as exc:  # said, not hidden: times use this computer's zone
            print("warning: site configuration: " + "; ".join(exc.problems)
                  + " (clock times are shown in this computer's zone)", file=sys.stderr)
        sys.stdout.write(render_summary(case, assessment, ward_zone()))
    return 0


def run_partial(args) -> int:
    from engine import CaseError
    from engine.partial import assess_partial
    from engine.validation import read_json_file

    try:
        data = read_json_file(args.case)
        assessment = assess_partial(data)
    except CaseError as exc:
        print_problems(exc)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(assessment, indent=2, ensure_ascii=False) + "\n")
        return 0
    invalid = assessment.get("invalid_inputs") or []
    if invalid:
        count = len(invalid)
        lines = [f"{count} input{'s' if count != 1 else ''} invalid — shown as missing:"]
        lines += [f"  {item['label']}: {item['reason']}" for item in invalid]
        sys.stdout.write("\n".join(lines) + "\n\n")
    # The summary reads the case the assessment was made from: the valid part.
    from engine.partial import partial_case
    case, _ = partial_case(data)
    sys.stdout.write(render_summary(case, assessment))
    return 0


def print_problems(exc) -> None:
    for problem in exc.problems:
        print(str(problem) if problem.path else f"error: {problem.message}", file=sys.stderr)
