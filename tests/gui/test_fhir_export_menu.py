"""File > Export FHIR…: writes a valid R4B bundle of the open case, audited, and names
what the case does not hold; refuses while inputs are invalid."""
from __future__ import annotations

import json
from pathlib import Path

from .helpers import settle

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "sparse-night-call.json")


def test_export_fhir_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    from desktop.ui import fhir_export
    from engine import audit
    from engine.fhir import check_bundle

    assert window.files.open_path(CASE)
    settle(qtbot, window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "Export &FHIR…" in [a.text() for a in file_menu.actions()]
    target = tmp_path / "out"
    monkeypatch.setattr(fhir_export, "choose_path", lambda parent, suggested: str(target))
    window.fhir_action.trigger()
    written = tmp_path / "out.json"
    bundle = json.loads(written.read_text())
    check_bundle(bundle)
    (info,) = window.prompter.texts("info")
    assert "FHIR bundle written" in info and "never active prescriptions" in info
    assert "Not exported (not in the case)" in info and "platelets" in info
    assert audit.read_entries()[-1]["event"] == "fhir"


def test_export_fhir_cancelled_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    from desktop.ui import fhir_export

    assert window.files.open_path(CASE)
    settle(qtbot, window)
    monkeypatch.setattr(fhir_export, "choose_path", lambda parent, suggested: "")
    assert fhir_export.export_fhir(window.files) is None
    assert window.prompter.texts("info") == [] and window.prompter.texts("error") == []
