"""`mscc-pathway fhir CASE.json -o OUT.json [--log PATH]`: the case and its assessment as a
FHIR R4 Bundle (checked with the fhir.resources R4B models before it is written).

Exit 0 written, 2 invalid case (the same one-line-per-problem messages as `evaluate`)
or unwritable output, 1 when the bundle fails its own check (a bug) or cannot be
audited. Every item the case does not hold is listed on stderr as "not exported", so a
missing value is seen, never mistaken for a normal one."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("fhir", help="write the case as a FHIR R4 Bundle (JSON)",
                       description="Write the case and its assessment as a FHIR R4 Bundle "
                       "(type collection): Patient, Condition, Observations, ServiceRequests "
                       "and draft MedicationRequests (status draft, intent proposal: never an "
                       "active prescription). Exit 0 when written, 2 for invalid input.")
    p.add_argument("case", help="case file (.json)")
    p.add_argument("-o", "--output", required=True, help="FHIR JSON file to write")
    p.add_argument("--log", metavar="PATH", help="audit log (default: the app's data directory)")
    p.set_defaults(func=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"mscc-pathway fhir: {message}", file=sys.stderr)
    return code


def run(args) -> int:
    import engine
    from engine.cli.evaluate_cmd import print_problems
    from engine.fhir import FhirError, write_bundle

    try:
        model = engine.read_case_file(args.case)
    except engine.CaseError as exc:
        print_problems(exc)
        return 2
    out = Path(args.output)
    if out.is_dir():
        return _fail(f"{out} is a folder; give a file name such as {out / 'case.fhir.json'}")
    case = json.loads(engine.canonical_case_json(model))
    assessment = engine.evaluate(model).model_dump(mode="json")
    try:
        result, path = write_bundle(case, assessment, out,
                                    log=Path(args.log) if args.log else None)
    except FhirError as exc:
        return _fail(f"{exc}; nothing was written (this is a bug; please report it)", 1)
    except OSError as exc:
        from engine.audit import AuditError

        if isinstance(exc, AuditError):
            return _fail(f"{out} was NOT written: its audit entry could not be recorded "
                         f"({exc})", 1)
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    for item in result.omitted:
        print(f"mscc-pathway fhir: not exported (not in the case): {item}", file=sys.stderr)
    counts = ", ".join(f"{n} {kind}" for kind in ("Patient", "Condition", "Observation",
                                                   "ServiceRequest", "MedicationRequest")
                       if (n := result.count(kind)))
    print(f"Wrote {path}: FHIR R4 Bundle ({counts}; medication requests are drafts for a "
          "prescriber, never active prescriptions).")
    return 0
