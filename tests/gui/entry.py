"""Entering a case through the widgets, as a user would: typing into fields,
clicking answers, pressing keys in drop-downs, clicking Add buttons. The binder is
used only to find the widget for a path (and to bring its tab to the front)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.time_text import format_datetime
from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.date_input import DateInput
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.lab_value_input import LabValueInput
from desktop.ui.multi_choice import MultiChoice
from desktop.ui.number_input import NumberInput
from desktop.ui.text_input import TextInput


def type_text(qtbot, line, text: str, commit: bool = False) -> None:
    qtbot.mouseClick(line, Qt.LeftButton)
    line.selectAll()
    qtbot.keyClick(line, Qt.Key_Delete)
    qtbot.keyClicks(line, text)
    if commit:
        qtbot.keyClick(line, Qt.Key_Return)


def click_button(qtbot, button) -> None:
    """Click a button once the layout has given it a size (it may be brand new)."""
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0, timeout=2000)
    qtbot.mouseClick(button, Qt.LeftButton, pos=button.rect().center())


def click_choice(qtbot, widget: ChoiceButtons, value) -> None:
    index = widget._index_of(value)
    assert index is not None, f"{value!r} is not an answer of this question"
    click_button(qtbot, widget.buttons()[index])
    assert widget.value() == value


def choose_in_combo(qtbot, combo: ChoiceCombo, value) -> None:
    combo.setFocus()
    for _ in range(combo.count() + 1):
        if combo.value() == value and combo.currentIndex() > 0:
            return
        qtbot.keyClick(combo, Qt.Key_Down)
    raise AssertionError(f"{value!r} not reachable in the drop-down")


def number_text(value) -> str:
    return str(value)


def enter(qtbot, window, path: str, value) -> None:
    """Put `value` into the field for `path` through its widget."""
    field = window.binder.field_for(path)
    assert field is not None and field.path == path, f"no field for {path}"
    window.binder.focus(path)
    widget = field.widget
    if isinstance(widget, TextInput):
        type_text(qtbot, widget, str(value))
    elif isinstance(widget, NumberInput):
        type_text(qtbot, widget.line, number_text(value))
    elif isinstance(widget, DateTimeInput):
        type_text(qtbot, widget.line, format_datetime(value), commit=True)
    elif isinstance(widget, DateInput):
        type_text(qtbot, widget, str(value), commit=True)
    elif isinstance(widget, ChoiceButtons):
        click_choice(qtbot, widget, value)
    elif isinstance(widget, ChoiceCombo):
        choose_in_combo(qtbot, widget, value)
    elif isinstance(widget, MultiChoice):
        for item, box in widget._boxes:
            if (item in value) != box.isChecked():
                click_button(qtbot, box)
    elif isinstance(widget, LabValueInput):
        type_text(qtbot, widget.value_line, number_text(value["value"]))
        if widget.unit is not None:
            click_choice(qtbot, widget.unit, value["unit"])
        if "sampled_at" in value:
            type_text(qtbot, widget.sampled.line, format_datetime(value["sampled_at"]), commit=True)
    else:  # pragma: no cover - a new widget type needs a branch here
        raise AssertionError(f"do not know how to enter {type(widget).__name__}")
    QApplication.processEvents()


def enter_case(qtbot, window, case: dict) -> None:
    """Enter a whole mscc-case/1 document field by field."""
    imaging = case.get("imaging") or []
    for key, value in case.items():
        if key in ("format", "imaging"):
            continue
        if isinstance(value, dict) and key != "labs":
            _enter_object(qtbot, window, key, value)
        elif key == "labs":
            for lab, entry in value.items():
                enter(qtbot, window, f"labs.{lab}", entry)
        else:
            enter(qtbot, window, key, value)
    forms = window.forms.forms["Imaging"]
    for s_index, study in enumerate(imaging):
        window.binder.focus("mri_contraindicated")
        click_button(qtbot, forms.add_study_button)
        for key, value in study.items():
            if key == "lesions":
                continue
            enter(qtbot, window, f"imaging.{s_index}.{key}", value)
        for l_index, lesion in enumerate(study.get("lesions") or []):
            click_button(qtbot, forms.editors[s_index].add_lesion_button)
            for key, value in lesion.items():
                enter(qtbot, window, f"imaging.{s_index}.lesions.{l_index}.{key}", value)


def _enter_object(qtbot, window, prefix: str, obj: dict) -> None:
    for key, value in obj.items():
        path = f"{prefix}.{key}"
        if isinstance(value, dict):
            _enter_object(qtbot, window, path, value)
        else:
            enter(qtbot, window, path, value)
