"""One laboratory result: value, unit (an explicit choice when there is more than
one), sample time, and the value converted to the other unit beside it.

Switching the unit keeps the number as typed and re-validates it: the usual reason to
switch is that the unit was picked wrongly for the number on the lab report, and
silently rescaling the number would then be wrong twice. The converted value shows
what the chosen unit means."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QLabel, QLineEdit, QPushButton, QWidget)

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.number_input import format_number, parse_number
from engine.units import unit_text


class LabValueInput(QWidget):
    edited = Signal(object)

    def __init__(self, units: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self._units = units
        self.value_line = QLineEdit(self)
        self.value_line.setPlaceholderText("value")
        self.value_line.setMaximumWidth(90)
        self.value_line.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setFocusProxy(self.value_line)
        if len(units) > 1:
            self.unit = ChoiceButtons([(u, unit_text(u)) for u in units], none_label=None)
            self.unit.edited.connect(lambda _v: self._emit())
        else:
            self.unit = None
        self.fixed_unit = QLabel(unit_text(units[0]) if len(units) == 1 else "", self)
        self.converted = QLabel("", self)
        self.converted.setObjectName("convertedValue")
        self.sampled = DateTimeInput(self)
        self.sampled.line.setPlaceholderText("sampled YYYY-MM-DD HH:MM")
        self.sampled.edited.connect(lambda _v: self._emit())
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setFocusPolicy(Qt.TabFocus)
        self.clear_button.clicked.connect(self._clear)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self.value_line, 0, 0)
        grid.addWidget(self.unit if self.unit else self.fixed_unit, 0, 1)
        grid.addWidget(self.converted, 0, 2)
        grid.addWidget(self.sampled, 1, 0, 1, 3)
        grid.addWidget(self.clear_button, 1, 3)
        grid.setColumnStretch(2, 1)
        # Tab follows the row as it is read: value, unit, sample time, then the buttons
        # (Clear last, so a stray Space on the way to the unit clears nothing).
        chain = [self.value_line, *(self.unit.buttons() if self.unit else []),
                 self.sampled.line, self.sampled.calendar_button]
        chain += [b for b in (self.sampled.now_button, self.clear_button) if b is not None]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        self._loading = False
        self.value_line.textChanged.connect(lambda _t: self._emit())

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.value_line.setAccessibleName(f"{name} value")
        if self.unit:
            self.unit.setAccessibleName(f"{name} unit")
        self.sampled.setAccessibleName(f"{name} sample time")
        self.clear_button.setAccessibleName(f"Clear {name}")

    def value(self):
        result = {}
        number = parse_number(self.value_line.text())
        if number is not None:
            result["value"] = number
        unit = self.unit.value() if self.unit else (self._units[0] if number is not None else None)
        if unit is not None:
            result["unit"] = unit
        sampled = self.sampled.value()
        if sampled is not None:
            result["sampled_at"] = sampled
        return result or None

    def set_value(self, value) -> None:
        self._loading = True
        try:
            value = value if isinstance(value, dict) else {}
            self.value_line.setText(format_number(value.get("value")))
            if self.unit:
                self.unit.set_value(value.get("unit"))
            self.sampled.set_value(value.get("sampled_at"))
        finally:
            self._loading = False

    def set_converted(self, text: str) -> None:
        self.converted.setText(text)

    def focus_input(self) -> None:
        self.value_line.setFocus(Qt.OtherFocusReason)
        self.value_line.selectAll()

    def _clear(self) -> None:
        self.set_value(None)
        self._emit()

    def _emit(self) -> None:
        if not self._loading:
            self.edited.emit(self.value())
