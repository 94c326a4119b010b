"""A calendar date typed as YYYY-MM-DD (date of birth)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.time_text import parse_date_text


class DateInput(QLineEdit):
    edited = Signal(object)
    discrete = True  # one edit per click or commit: assessed at once, no typing debounce

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaximumWidth(140)
        self._committed = None
        self.editingFinished.connect(self._commit)

    def value(self):
        return parse_date_text(self.text())

    def set_value(self, value) -> None:
        self._committed = value
        self.setText("" if value is None else str(value))

    def focus_input(self) -> None:
        self.setFocus(Qt.OtherFocusReason)
        self.selectAll()

    def _commit(self) -> None:
        value = self.value()
        if value != self._committed:
            self._committed = value
            self.edited.emit(value)
