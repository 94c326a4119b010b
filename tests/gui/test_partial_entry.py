"""Issue 15, item 1: an invalid or unfinished input never takes the recommendation off
the screen. It is named (label and plain reason) as missing; export waits for it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from .entry import type_text
from .helpers import settle

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json")


def _open(window):
    assert window.files.open_path(CASE)
    assert window.session.state == "ok"


def test_weight_typed_with_a_comma_keeps_the_emergency_and_names_the_field(qtbot, window):
    _open(window)
    panel = window.panel
    window.binder.focus("patient.weight_kg")
    type_text(qtbot, window.binder.field_for("patient.weight_kg").widget.line, "6,5kg")
    settle(qtbot, window)

    assert window.session.state == "partial"
    assert panel.header.headline.text().startswith("EMERGENCY")
    assert panel.header.invalid.isVisible()
    assert panel.header.invalid.text().startswith("1 input invalid — shown as missing")
    assert panel.sections["orders"].isVisible() and panel.sections["precautions"].isVisible()
    assert panel.orders.status_of("dexamethasone") == "RECOMMENDED"
    first = panel.missing.item(0).text()
    assert first.startswith("→ INVALID, shown as missing — Patient › Weight: ")
    assert '"6,5kg" is not a number' in first
    assert "patient." not in first
    # The field itself says why, in the same words.
    row = window.binder.field_for("patient.weight_kg").row
    assert '"6,5kg" is not a number' in row.error()


def test_export_and_print_wait_until_the_invalid_input_is_corrected(qtbot, window):
    _open(window)
    window.binder.focus("patient.weight_kg")
    line = window.binder.field_for("patient.weight_kg").widget.line
    type_text(qtbot, line, "6,5kg")
    settle(qtbot, window)
    assert not window.export_action.isEnabled() and not window.print_action.isEnabled()
    assert "invalid" in window.export_action.toolTip()
    window.files.export_pdf()  # the command itself refuses too (not only the menu)
    [text] = window.prompter.texts("info")
    assert text.startswith("Input invalid: 1 input is invalid") and "Patient › Weight" in text

    type_text(qtbot, line, "65")
    settle(qtbot, window)
    assert window.session.state == "ok" and window.export_action.isEnabled()
    assert not window.panel.header.invalid.isVisible()


def test_exam_two_minutes_after_the_assessment_keeps_the_recommendation(qtbot, window):
    _open(window)
    panel = window.panel
    field = window.binder.field_for("neuro_exam.examined_at")
    window.binder.focus("neuro_exam.examined_at")
    type_text(qtbot, field.widget.line, "2026-03-10 14:32 +00:00", commit=True)  # assessed 14:30
    settle(qtbot, window)

    assert window.session.state == "partial"
    assert panel.header.headline.text().startswith("EMERGENCY")
    assert panel.orders.status_of("dexamethasone") == "RECOMMENDED"
    entry = panel.missing.item(0).text()
    assert "Neuro exam › Examined at" in entry
    assert "2 min after the assessment time (14:30 Tue 10 Mar)" in entry
    assert "assessed_at" not in entry and "+00:00" not in entry
    # Selecting the entry goes to the field.
    panel.missing.setFocus()
    panel.missing.setCurrentRow(0)
    qtbot.keyClick(panel.missing, Qt.Key_Return)
    assert field.widget.line.hasFocus()


def test_a_lab_value_typed_before_its_unit_keeps_the_recommendation(qtbot, window):
    _open(window)
    window.session.set_value("labs.glucose", {"value": 5.5}, immediate=True)
    settle(qtbot, window)
    assert window.session.state == "partial"
    assert window.panel.header.headline.text().startswith("EMERGENCY")
    texts = [window.panel.missing.item(i).text() for i in range(window.panel.missing.count())]
    assert any("Labs › Glucose: unit: not entered" in t for t in texts), texts
