"""The engine stays pure: no Qt, no clock, no network."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def assert_runs_clean(code: str) -> None:
    """Run `code` in a fresh interpreter (nothing imported yet) and require exit 0."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_engine_never_imports_qt():
    code = ("import sys, engine, engine.cli.main, engine.cli.evaluate_cmd, engine.rules, "
            "engine.scores.sins; engine.assess; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'desktop')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    assert_runs_clean(code)


def test_evaluate_command_does_not_load_pdf_or_signing_libraries():
    code = ("import sys; from engine.cli import main; "
            "main(['evaluate', 'examples/index-case-c5.json', '--json']); "
            "heavy = [m for m in ('reportlab', 'pyhanko', 'PySide6') if m in sys.modules]; "
            "sys.exit(3 if heavy else 0)")
    assert_runs_clean(code)


def test_decision_code_never_reads_the_clock():
    """Only assessed_at is 'now'. Signing and audit (engine/report, engine/audit.py) are
    actions that may stamp real time; the decision code may not."""
    clock = re.compile(r"datetime\.now|date\.today|time\.time\(|utcnow|time\.monotonic")
    offenders = []
    for path in (REPO / "engine").rglob("*.py"):
        rel = path.relative_to(REPO).as_posix()
        if rel.startswith(("engine/report/", "engine/audit", "engine/cli/")):
            continue
        if clock.search(path.read_text()):
            offenders.append(rel)
    assert offenders == []


def test_same_case_gives_the_same_assessment_bytes():
    import json

    import engine
    doc = json.loads((REPO / "examples" / "index-case-c5.json").read_text())
    first = json.dumps(engine.assess(doc), sort_keys=True)
    assert all(json.dumps(engine.assess(doc), sort_keys=True) == first for _ in range(3))


def test_light_engine_modules_do_not_build_the_models():
    # The desktop imports these before its first frame (paths, atomic writes, the
    # command names); the pydantic models wait for the first assessment.
    code = ("import sys, engine.audit, engine.report.files, engine.cli, engine.site_config; "
            "heavy = [m for m in ('pydantic', 'engine.models.case', 'engine.rules') if m in sys.modules]; "
            "print(heavy); sys.exit(4 if heavy else 0)")
    assert_runs_clean(code)


def test_engine_names_resolve_to_the_functions_whatever_was_imported_first():
    code = ("import inspect, engine, engine.evaluation, engine.validation; "
            "assert inspect.isfunction(engine.evaluate), engine.evaluate; "
            "assert engine.evaluate is engine.evaluation.evaluate; "
            "assert engine.parse_case is engine.validation.parse_case; "
            "assert issubclass(engine.CaseError, Exception); "
            "import engine as e2; assert sorted(e2.__all__) == sorted(set(e2.__all__))")
    assert_runs_clean(code)
