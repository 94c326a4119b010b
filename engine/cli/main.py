"""Argument parsing and dispatch. Each subcommand lives in its own module
`engine/cli/<name>_cmd.py` exposing `register(subparsers)`; the module's parser sets
`func(args) -> int`. Exit codes: 0 success, 2 bad input (one line per problem on
stderr), 1 only for a bug."""
from __future__ import annotations

import argparse
import importlib
import sys
import traceback

# Subcommand name -> module under engine.cli. Imported lazily so that `evaluate`
# never pays for reportlab or pyHanko.
COMMANDS: dict[str, str] = {
    "evaluate": "evaluate_cmd",
    "schema": "schema_cmd",
    "report": "report_cmd",
    "verify": "verify_cmd",
    "identity": "identity_cmd",
    "audit": "audit_cmd",
    "fhir": "fhir_cmd",
    "rules": "rules_cmd",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    from engine import ENGINE_VERSION

    parser = argparse.ArgumentParser(
        prog="mscc-pathway",
        description="MSCC Pathway: decision support for suspected metastatic spinal cord "
        "compression. Decision support for clinicians; it does not replace clinical judgement.",
    )
    parser.add_argument("--version", action="version", version=f"mscc-pathway {ENGINE_VERSION}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is not None and name != only:
            # Other subcommands are listed by name only, without importing them.
            sub.add_parser(name, add_help=False)
            continue
        importlib.import_module(f"engine.cli.{module}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(only=wanted)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # a bug: say so plainly, keep the traceback for the report
        traceback.print_exc()
        print("mscc-pathway: internal error (this is a bug; please report it with the "
              "text above)", file=sys.stderr)
        return 1
