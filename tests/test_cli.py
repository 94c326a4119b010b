"""The command line: exit codes, outputs and file-level errors."""
from __future__ import annotations

import pytest
import json
import subprocess
import sys

from conftest import REPO

from engine.cli import main

EXAMPLE = REPO / "examples" / "index-case-c5.json"


def test_evaluate_prints_a_readable_summary(capsys):
    assert main(["evaluate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "PATHWAY: Suspected MSCC: whole-spine MRI not yet done  [EMERGENCY]" in out
    assert "SPINAL PRECAUTIONS: Rigid cervical collar." in out
    assert "Dexamethasone: RECOMMENDED 16 mg oral" in out
    assert "VALID UNTIL " in out and "Neuro obs every 4 h" in out
    # Words, not codes (issue 20, problem 12): no snake_case anywhere a person reads.
    import re
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", out), re.findall(r"\b[a-z]+_[a-z_]+\b", out)
    assert "does not replace clinical judgement" in out


def test_evaluate_json_is_the_assessment(capsys):
    assert main(["evaluate", str(EXAMPLE), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)
    assert a["format"] == "mscc-assessment/1" and a["patient_id"] == "RXQ-0100571"
    assert a["pathway"]["code"] == "suspected_mscc"


def test_schema_is_json_schema_with_every_section(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "mscc-case/1"
    assert set(schema["required"]) == {"format", "assessed_at", "locale", "patient"}
    for section in ("patient", "cancer", "presentation", "neuro_exam", "imaging", "labs",
                    "medications", "history", "procedures"):
        assert section in schema["properties"]
    assert schema["additionalProperties"] is False


def test_invalid_case_exits_2_with_one_line_per_problem(tmp_path, capsys):
    doc = json.loads(EXAMPLE.read_text())
    doc["labs"]["calcium"]["unit"] = "mmol/L"
    doc["presentation"]["limb_weakness"] = "yes"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    assert main(["evaluate", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2
    assert any(line.startswith("labs.calcium.value: 11 mmol/L") and "mg/dL" in line for line in lines)
    assert any(line.startswith("presentation.limb_weakness:") for line in lines)


def test_no_subcommand_prints_help_and_exits_2(capsys):
    assert main([]) == 2


def test_real_process_exit_codes_and_no_traceback(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("")
    run = subprocess.run([sys.executable, "-m", "engine", "evaluate", str(empty)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip() == f"error: {empty} is empty"
    ok = subprocess.run([sys.executable, "-m", "engine", "evaluate", str(EXAMPLE)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "Traceback" not in ok.stderr


def test_a_bug_exits_1_not_2(monkeypatch, capsys):
    import engine

    def boom(case):
        raise RuntimeError("simulated defect")
    monkeypatch.setattr(engine, "evaluate", boom)
    assert main(["evaluate", str(EXAMPLE)]) == 1
    assert "internal error" in capsys.readouterr().err


@pytest.mark.parametrize("word, says", [("rule", "unknown command 'rule'"),
                                        ("evalute", "unknown command 'evalute'"),
                                        ("no-such-case.json", "no such file")])
def test_a_mistyped_command_or_missing_file_never_starts_the_window(word, says, capsys):
    from desktop.launcher import main
    assert main([word, "--json"]) == 2
    assert says in capsys.readouterr().err


def test_an_existing_case_file_is_left_for_the_window(tmp_path):
    from desktop.launcher import _not_a_case_to_open
    case = tmp_path / "rule"  # a file, even one named like a word, is opened
    case.write_text("{}")
    assert _not_a_case_to_open(str(case), {}) is None


def test_a_broken_site_file_is_said_and_times_fall_back_to_this_computer(tmp_path, monkeypatch,
                                                                      capsys):
    from engine.cli import main
    from conftest import REPO
    site = tmp_path / "site.toml"
    site.write_text('timezone = "Mars/Base"\n', encoding="utf-8")
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    assert main(["evaluate", str(REPO / "examples" / "index-case-c5.json")]) == 0
    out, err = capsys.readouterr()
    assert "warning: site configuration" in err and "Mars/Base" in err
    assert "Clock times: ward clock, this computer's time zone" in out
