"""Opening files: whole or nothing; recent files; PDF reading when available."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from .helpers import settle

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json")


def test_file_with_errors_lists_them_and_loads_nothing(qtbot, window, tmp_path):
    assert window.files.open_path(CASE)
    before = window.session.case()
    case = json.loads(open(CASE).read())
    case["labs"]["calcium"]["value"] = 11
    case["labs"]["calcium"]["unit"] = "mmol/L"
    case["patient"]["weigth_kg"] = 60  # a typo must not vanish
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(case))
    assert not window.files.open_path(str(bad))
    assert window.session.case() == before  # nothing loaded half-way
    text = window.prompter.texts("problems")[0]
    assert "Nothing was loaded" in text
    assert "labs.calcium.value" in text and "patient.weigth_kg" in text
    not_json = tmp_path / "broken.json"
    not_json.write_text("{not json")
    assert not window.files.open_path(str(not_json))
    assert "not valid JSON" in window.prompter.texts("problems")[1]


def test_open_remembers_recent_files_and_new_case_clears_everything(qtbot, window):
    assert window.files.open_path(CASE)
    assert window.settings.recent_files[0].endswith("index-case-c5.json")
    assert [a.text() for a in window.recent_menu.actions()] == window.settings.recent_files
    assert window.banner.name.text() == "Vignette 01 Index"
    window.files.new_case()
    settle(qtbot, window)
    assert window.session.case() == {"format": "mscc-case/1"}
    assert window.banner.name.text() == "Name not entered"
    assert window.binder.field_for("labs.calcium").widget.value() is None
    assert window.forms.forms["Imaging"].editors == []


def test_opening_a_pdf_says_when_the_report_reader_is_missing(qtbot, window, tmp_path,
                                                             monkeypatch):
    """The real summaries are opened in test_open_summary.py."""
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(b"%PDF-1.7 test")
    monkeypatch.setitem(sys.modules, "engine.report.reopen", None)
    assert not window.files.open_path(str(pdf))
    assert "not available in this build" in window.prompter.texts("info")[-1]


def test_unsaved_changes_are_asked_about_on_close(qtbot, window):
    assert window.files.open_path(CASE)
    window.binder.focus("patient.name")
    qtbot.keyClicks(window.binder.field_for("patient.name").widget, "x")
    window.prompter.save_answers = ["cancel"]
    assert not window.close()
    assert window.isVisible()
    assert window.prompter.texts("ask_save") == ["Unsaved changes: x (RXQ-0100571)"]
    window.prompter.save_answers = ["discard"]
    assert window.close()


def test_ctrl_s_right_after_typing_saves_what_was_typed(qtbot, window, tmp_path):
    assert window.files.open_path(CASE)
    # A date of birth commits on Enter/Tab; a shortcut must commit the focused field.
    window.binder.focus("patient.date_of_birth")
    dob = window.binder.field_for("patient.date_of_birth").widget
    dob.selectAll()
    qtbot.keyClicks(dob, "1968-09-16")
    assert window.session.value("patient.date_of_birth") == "1968-09-14"
    # A complete date-time counts as soon as it is typed.
    window.binder.focus("assessed_at")
    line = window.binder.field_for("assessed_at").widget.line
    line.selectAll()
    qtbot.keyClicks(line, "2026-03-10 14:45 +00:00")
    window.binder.focus("patient.date_of_birth")
    assert window.session.value("patient.date_of_birth") == "1968-09-16"  # left: committed
    dob.selectAll()
    qtbot.keyClicks(dob, "1968-09-15")
    assert window.session.value("patient.date_of_birth") == "1968-09-16"
    target = tmp_path / "saved.json"
    window.prompter.save_paths = [str(target)]
    qtbot.keyClick(dob, "S", Qt.ControlModifier | Qt.ShiftModifier)
    saved = json.loads(target.read_text())
    assert saved["patient"]["date_of_birth"] == "1968-09-15"
    assert saved["assessed_at"] == "2026-03-10T14:45:00+00:00"


def test_about_shows_versions_sources_and_intended_use(qtbot, window):
    from desktop.ui.about_dialog import AboutDialog

    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "Decision support for clinicians; it does not replace clinical judgement." in text
    assert "Knowledge version 2." in text and "Engine version" in text
    assert "NICE-NG234-1.8" in text and "Sources (" in text
    assert "Ctrl+E" in text
