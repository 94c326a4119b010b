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
    p.set_defaults(func=run)


def run(args) -> int:
    from engine import CaseError, evaluate, read_case_file

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
        sys.stdout.write(render_summary(case, assessment, ward_zone()))
    return 0


def print_problems(exc) -> None:
    for problem in exc.problems:
        print(str(problem) if problem.path else f"error: {problem.message}", file=sys.stderr)
