"""Drafts survive a crash; an unreadable draft is reported and never loaded."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import paths
from .helpers import settle

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "examples" / "index-case-c5.json"


def _run_child_until_draft(case_path: Path, new_name: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-m", "tests.gui.crash_child", str(case_path), new_name],
                             cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    line = child.stdout.readline()
    if not line.startswith("READY"):
        child.kill()
        pytest.fail(f"child did not get ready: {line!r} {child.stderr.read()[-2000:]}")
    return child


def test_draft_is_recovered_after_the_process_is_killed(qtbot, app_home, make_window, tmp_path):
    case_path = tmp_path / "index.json"
    case_path.write_text(CASE.read_text())
    child = _run_child_until_draft(case_path, "Changed Before Crash")
    child.send_signal(signal.SIGKILL)  # no close event, no cleanup: like a power cut
    child.wait(timeout=10)

    drafts = list(paths.drafts_dir().glob("draft-*.json"))
    assert len(drafts) == 1
    assert stat.S_IMODE(drafts[0].stat().st_mode) == 0o600  # patient data: user only
    assert not list(paths.drafts_dir().glob("*.tmp"))  # atomic: no half-written file left

    window = make_window()
    window.prompter.recover_answers = ["recover"]
    assert window.offer_recovery()
    settle(qtbot, window)
    case = window.session.case()
    assert case["patient"]["name"] == "Changed Before Crash"
    assert case["patient"]["id"] == "RXQ-0100571"
    assert window.session.dirty and window.session.file_path == str(case_path.resolve())
    assert window.binder.field_for("patient.name").widget.text() == "Changed Before Crash"
    assert window.session.state == "ok"
    # The old draft was handed over to this window's own draft.
    assert not drafts[0].exists()
    assert window.drafts.own_path.exists()
    # Asked once, with the patient named so the right draft is recovered.
    assert window.prompter.texts("ask_recover") == [
        "Recover: Changed Before Crash RXQ-0100571, last saved "
        + window.prompter.messages[0][2].split("last saved ")[1]]


def test_corrupt_draft_is_reported_and_not_loaded(qtbot, app_home, make_window):
    bad = paths.drafts_dir() / "draft-deadbeef.json"
    bad.write_text('{"format": "mscc-draft/1", "case": {"patient": {"name": "Half wri')
    window = make_window()
    window.prompter.recover_answers = ["recover"]
    assert not window.offer_recovery()
    assert window.session.case() == {"format": "mscc-case/1"}
    errors = window.prompter.texts("error")
    assert len(errors) == 1 and "could not be read and was NOT loaded" in errors[0]
    assert window.prompter.texts("ask_recover") == []
    assert not bad.exists() and bad.with_suffix(".corrupt").exists()
    # Reported once: the next start does not offer or report it again.
    assert not window.offer_recovery() and len(window.prompter.texts("error")) == 1


def test_autosave_writes_after_a_change_and_saving_removes_the_draft(qtbot, window, tmp_path):
    window.files.open_path(str(CASE))
    window.binder.focus("patient.weight_kg")
    line = window.binder.field_for("patient.weight_kg").widget.line
    line.selectAll()
    qtbot.keyClicks(line, "66")
    own = window.drafts.own_path
    qtbot.waitUntil(own.exists, timeout=3000)
    assert json.loads(own.read_text())["case"]["patient"]["weight_kg"] == 66
    target = tmp_path / "saved.json"
    window.prompter.save_paths = [str(target)]
    assert window.files.save_as()
    assert json.loads(target.read_text())["patient"]["weight_kg"] == 66
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not own.exists() and not window.session.dirty
