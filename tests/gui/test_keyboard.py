"""Issue 15, item 3: no silent keyboard traps. Arrow keys choose in every radio group,
Tab reaches a question once (at its answer), Alt+1...6 puts the cursor in the tab's
first field, lab rows tab value -> unit -> time, and Ctrl+Z / Ctrl+Shift+Z undo and
redo every edit (including Clear)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.choice_buttons import ChoiceButtons
from .helpers import settle

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json")


def _key(qtbot, window, key, modifiers=Qt.NoModifier):
    """A key press as the window system delivers it (shortcuts included)."""
    qtbot.keyClick(window.windowHandle(), key, modifiers)


def test_arrow_keys_choose_in_every_radio_group(qtbot, window):
    groups = [f for f in window.binder.fields() if isinstance(f.widget, ChoiceButtons)]
    assert len(groups) > 20
    for field in groups:
        widget = field.widget
        window.binder.focus(field.path)
        assert widget.value() is None  # a new case: nothing chosen
        focused = QApplication.focusWidget()
        assert focused is widget.buttons()[-1]  # Tab/focus lands on "Not assessed"
        qtbot.keyClick(focused, Qt.Key_Left)
        buttons = widget.buttons()
        assert QApplication.focusWidget() is buttons[-2], field.path
        assert buttons[-2].isChecked(), field.path
        assert window.session.value(field.path) == widget.value() is not None, field.path


def test_left_left_on_dose_conventions_and_sex_is_recorded(qtbot, window):
    for path, expected in (("locale", "GB"), ("patient.sex", "female")):
        window.binder.focus(path)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Left)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Left)
        settle(qtbot, window)
        assert window.session.value(path) == expected


def test_tab_reaches_a_question_once_at_its_checked_answer(qtbot, window):
    window.binder.focus("patient.name")
    sex = window.binder.field_for("patient.sex").widget
    # Name -> Date of birth (-> its date picker) -> Sex: Tab never stops on "Female"
    # or "Male" of an unanswered question; it lands on "Not assessed".
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert sex.buttons()[-1] in seen
    assert sex.buttons()[0] not in seen and sex.buttons()[1] not in seen


def test_the_focus_on_not_assessed_is_visible(qtbot, window):
    button = window.binder.field_for("patient.sex").widget.buttons()[-1]
    window.binder.focus("patient.sex")
    assert button.hasFocus()
    unfocused = window.binder.field_for("locale").widget.buttons()[-1]
    # The focused answer is drawn differently from an unfocused one (style: focus ring).
    assert button.grab().toImage() != unfocused.grab().toImage()
    sheet = QApplication.instance().styleSheet()
    assert "QRadioButton:focus" in sheet


def test_alt_number_puts_the_cursor_in_the_first_field_of_the_tab(qtbot, window):
    for index, first in ((4, "labs.calcium"), (5, "medications.anticoagulation"),
                         (2, "neuro_exam.examined_at"), (0, "assessed_at")):
        _key(qtbot, window, getattr(Qt, f"Key_{index + 1}"), Qt.AltModifier)
        assert window.forms.currentIndex() == index
        widget = window.binder.field_for(first).widget
        focused = QApplication.focusWidget()
        assert focused is widget or widget.isAncestorOf(focused), first
    # What is typed next lands in that field.
    _key(qtbot, window, Qt.Key_5, Qt.AltModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "11")
    settle(qtbot, window)
    assert window.session.value("labs.calcium") == {"value": 11}


def test_a_lab_row_tabs_value_then_unit_then_time(qtbot, window):
    lab = window.binder.field_for("labs.calcium").widget
    window.binder.focus("labs.calcium")
    order = [QApplication.focusWidget()]
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[0] is lab.value_line
    assert order[1] in lab.unit.buttons()
    assert order[2] is lab.sampled.line


def test_clear_is_undone_by_ctrl_z_and_redone_by_ctrl_shift_z(qtbot, window):
    assert window.files.open_path(CASE, ask=False)
    lab = window.binder.field_for("labs.calcium").widget
    before = window.session.value("labs.calcium")
    window.binder.focus("labs.calcium")
    qtbot.mouseClick(lab.clear_button, Qt.LeftButton)
    settle(qtbot, window)
    assert window.session.value("labs.calcium") is None and lab.value_line.text() == ""
    _key(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot, window)
    assert window.session.value("labs.calcium") == before
    assert lab.value_line.text() == "11.0" and lab.unit.value() == "mg/dL"
    _key(qtbot, window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    settle(qtbot, window)
    assert window.session.value("labs.calcium") is None and lab.value_line.text() == ""


def test_ctrl_z_in_a_text_field_undoes_the_case_edit_typed_as_one_step(qtbot, window):
    assert window.files.open_path(CASE, ask=False)
    line = window.binder.field_for("patient.weight_kg").widget.line
    window.binder.focus("patient.weight_kg")
    line.selectAll()
    qtbot.keyClicks(line, "70")
    settle(qtbot, window)
    assert window.session.value("patient.weight_kg") == 70
    _key(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot, window)
    assert window.session.value("patient.weight_kg") == 65 and line.text() == "65"


def test_undo_brings_back_a_removed_imaging_study(qtbot, window, monkeypatch):
    assert window.files.open_path(CASE, ask=False)
    imaging = window.forms.forms["Imaging"]
    monkeypatch.setattr(imaging, "_confirm", lambda _q: True)
    imaging.remove_study(0)
    settle(qtbot, window)
    assert window.session.value("imaging") is None and imaging.editors == []
    window.undo_edit()
    settle(qtbot, window)
    assert len(imaging.editors) == 1
    assert window.binder.field_for("imaging.0.lesions.0.level").widget.value() == "C5"


def test_opening_another_case_empties_the_undo_history(qtbot, window):
    window.binder.focus("patient.weight_kg")
    qtbot.keyClicks(window.binder.field_for("patient.weight_kg").widget.line, "70")
    assert window.undo.stack.canUndo()
    assert window.files.open_path(CASE, ask=False)
    assert not window.undo.stack.canUndo()
