"""Internal errors end in "No recommendation — internal error", logged without
patient identifiers; export and print are blocked."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import engine
from desktop import crash_guard, paths
from desktop.ui.status_header import NO_RECOMMENDATION_ERROR
from .helpers import settle

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json")


def test_exception_inside_the_engine_shows_no_recommendation(qtbot, window, monkeypatch):
    crash_guard.setup_logging()
    assert window.files.open_path(CASE)
    panel = window.panel
    assert window.session.state == "ok" and panel.sections["orders"].isVisible()

    def broken(_case):
        raise ZeroDivisionError("boom in a rule for Vignette 01 Index")

    monkeypatch.setattr(engine, "assess_partial", broken)
    window.binder.focus("patient.weight_kg")
    line = window.binder.field_for("patient.weight_kg").widget.line
    line.selectAll()
    qtbot.keyClicks(line, "64")
    settle(qtbot, window)

    assert window.session.state == "error" and window.session.assessment is None
    assert panel.header.headline.text() == NO_RECOMMENDATION_ERROR
    assert not any(panel.sections[k].isVisible() for k in ("orders", "actions", "precautions"))
    assert panel.diagram.current is None
    assert not window.export_action.isEnabled() and not window.print_action.isEnabled()
    log = paths.log_file().read_text()
    assert "ZeroDivisionError" in log
    assert "Vignette" not in log and "RXQ-0100571" not in log  # identifiers redacted

    monkeypatch.undo()  # the engine works again: the next edit shows a fresh result
    line.selectAll()
    qtbot.keyClicks(line, "65")
    settle(qtbot, window)
    assert window.session.state == "ok"
    assert panel.header.headline.text().startswith("EMERGENCY")


def test_uncaught_exception_elsewhere_drops_the_recommendation(qtbot, window):
    crash_guard.setup_logging()
    assert window.files.open_path(CASE)
    try:
        raise RuntimeError("render bug")
    except RuntimeError:
        crash_guard.report(*sys.exc_info())
    assert window.panel.header.headline.text() == NO_RECOMMENDATION_ERROR
    assert window.session.assessment is None
    assert any("internal error" in t for t in window.prompter.texts("error"))


def test_export_and_print_say_plainly_when_not_in_this_build(qtbot, window, monkeypatch):
    monkeypatch.setitem(sys.modules, "desktop.ui.export_dialog", None)  # import fails
    monkeypatch.setitem(sys.modules, "desktop.ui.print_summary", None)
    window.files.open_path(CASE)
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    window.print_action.trigger()
    assert window.prompter.texts("info") == [
        "Export: Export signed PDF is not available in this build.",
        "Print: Printing is not available in this build."]
