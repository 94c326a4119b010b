"""Privacy (hazard HAZ-025): a planted patient name, hospital number and date of birth
never reach log files, temporary files or the audit log. They may appear only in the
case file, the draft (the clinician's own work, 0600) and the printout (the PDF is the
document about the patient).

The command line (evaluate, report with signing, audit verify) and the window (open
the case, edit, autosave, an engine failure with the name in its message, an uncaught
exception) run with every directory they may write to pointed into tmp_path; then
every file there is searched, bytes and UTF-16 too.

Audit log decision: the hospital number is stored as a keyed hash (HMAC-SHA256 under a
per-installation key, engine/audit.py), not in clear and not as a plain SHA-256
(hospital numbers are short: a plain hash is reversed by trying them all). Checked
below: the number is absent, the entry's `patient` is `patient_ref(number)`."""
from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

import pytest

from engine.cli import main

NAME = "Zebedee Quixotefield-Marlowe"
SURNAME = "Quixotefield"
HOSPITAL_NUMBER = "HNPRIV77310Q"
DOB = "1961-04-23"
SECRETS = [NAME, SURNAME, HOSPITAL_NUMBER, DOB, "Zebedee"]
CASE_DIR = Path(__file__).resolve().parent / "cases"


def planted_case() -> dict:
    case = json.loads((CASE_DIR / "01-index-case-c5-myelopathy.json").read_text())
    case["patient"].update(name=NAME, id=HOSPITAL_NUMBER, date_of_birth=DOB)
    return case


def leaks(root: Path, allowed: set[Path]) -> list[str]:
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.resolve() in allowed:
            continue
        data = path.read_bytes()
        for secret in SECRETS:
            for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le"),
                            json.dumps(secret).encode("ascii")[1:-1]):
                if encoded in data:
                    found.append(f"{path.relative_to(root)}: {secret!r}")
                    break
    return found


@pytest.fixture
def private_env(tmp_path, monkeypatch):
    """Every place the app or the command line may write, inside tmp_path."""
    home = tmp_path / "home"
    tmp = tmp_path / "tmp"
    for d in (home / "data", home / "config", home / "cache", home / "state", tmp):
        d.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(home / "data" / "mscc-pathway"))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    work = tmp_path / "work"
    work.mkdir()
    case_path = work / "case.json"
    case_path.write_text(json.dumps(planted_case(), indent=2))
    return tmp_path, case_path


def test_command_line_evaluate_report_and_audit_keep_the_name_out_of_logs_and_temp(
        private_env, capsys):
    root, case_path = private_env
    work = case_path.parent
    assert main(["evaluate", str(case_path)]) == 0
    assert main(["evaluate", str(case_path), "--json"]) == 0
    passphrase = work / "pass.txt"
    passphrase.write_text("correct horse battery staple\n")
    identity = work / "dr.p12"
    assert main(["identity", "create", "--name", "Dr Ada Clinician", "--registration", "GMC 1234567",
                 "-o", str(identity), "--passphrase-file", str(passphrase)]) == 0
    pdf = work / "summary.pdf"
    audit_log = root / "home" / "data" / "mscc-pathway" / "audit.jsonl"
    assert main(["report", str(case_path), "-o", str(pdf), "--sign", str(identity),
                 "--passphrase-file", str(passphrase), "--log", str(audit_log)]) == 0
    assert main(["report", str(case_path), "-o", str(work / "unsigned.pdf"),
                 "--log", str(audit_log)]) == 0
    assert main(["audit", "verify", "--log", str(audit_log)]) == 0
    capsys.readouterr()
    # the audit log exists, chains, and identifies the patient only by a keyed hash
    from engine import audit

    entries = audit.read_entries(audit_log)
    assert len(entries) == 2
    assert all(e["patient"] == audit.patient_ref(HOSPITAL_NUMBER, audit_log) for e in entries)
    assert all(e["patient"].startswith("hmac-sha256:") for e in entries)
    allowed = {case_path.resolve(), pdf.resolve(), (work / "unsigned.pdf").resolve()}
    assert leaks(root, allowed) == []
    # and nothing was left in the temporary directory at all
    assert list((root / "tmp").iterdir()) == []


def test_rejected_case_does_not_leak_the_name_into_files(private_env, capsys):
    root, case_path = private_env
    case = planted_case()
    case["patient"]["weight_kg"] = "heavy"
    case["labs"]["calcium"]["value"] = 99
    case_path.write_text(json.dumps(case))
    assert main(["evaluate", str(case_path), "--json"]) == 2
    capsys.readouterr()
    assert leaks(root, {case_path.resolve()}) == []


@pytest.mark.gui
def test_window_log_draft_and_errors_keep_the_name_out_of_the_log(private_env, monkeypatch, qtbot):
    pytest.importorskip("PySide6")
    root, case_path = private_env
    from desktop import crash_guard, paths
    from desktop.app import build_window, create_application

    create_application([])
    # an earlier test may have installed the app's log handler (pointing elsewhere):
    # set it aside so this test's log goes to this test's data directory
    root_logger = logging.getLogger()
    earlier = [h for h in root_logger.handlers if getattr(h, "_mscc", False)]
    for handler in earlier:
        root_logger.removeHandler(handler)
    log_file = crash_guard.setup_logging()
    old_hooks = sys.excepthook
    crash_guard.install()
    window = build_window(debounce_ms=10)
    prompts: list = []

    class Prompter:
        def __getattr__(self, name):
            return lambda *a, **k: prompts.append((name, a)) or "discard"
    window.prompter = window.files.prompter = Prompter()
    try:
        qtbot.addWidget(window)
        assert window.files.open_path(str(case_path), ask=False)
        window.session.set_value("presentation.pain_nocturnal", True)
        window.autosaver.write_now()
        draft = window.drafts.own_path
        assert NAME.encode() in draft.read_bytes()          # the draft holds the work
        # an engine failure whose message carries the patient's name
        import engine

        def broken(case):
            raise RuntimeError(f"cannot assess {case['patient']['name']} "
                               f"({case['patient']['id']}, born {case['patient']['date_of_birth']})")
        monkeypatch.setattr(engine, "assess_partial", broken)  # what the window calls
        window.session.evaluate()
        assert window.session.state == "error"
        # an uncaught exception from a slot, with the name in it
        try:
            raise ValueError(f"widget for {NAME} {HOSPITAL_NUMBER} failed")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        logging.getLogger("desktop.test").error("free text about %s", NAME)
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = log_file.read_text(encoding="utf-8")
        assert "[redacted]" in text and "RuntimeError" in text
        allowed = {case_path.resolve(), draft.resolve()}
        allowed |= {p.resolve() for p in paths.drafts_dir().glob("draft-*.json")}
        assert leaks(root, allowed) == []
    finally:
        window.session._set_dirty(False)
        window.close()
        sys.excepthook = old_hooks
        for handler in [h for h in root_logger.handlers if getattr(h, "_mscc", False)]:
            root_logger.removeHandler(handler)
            handler.close()
        for handler in earlier:
            root_logger.addHandler(handler)
