"""A date-time field: typed as YYYY-MM-DD HH:MM (offset optional), with a Now button.
The value is committed when the field is left or Enter is pressed, so a half-typed
date does not flash errors; what was understood is shown back with its UTC offset."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.time_text import format_datetime, now_iso, parse_datetime_text


class DateTimeInput(QWidget):
    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None, now_button: bool = True,
                 now_provider=now_iso):
        super().__init__(parent)
        self._now = now_provider
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.line.setMinimumWidth(200)
        self.line.setMaximumWidth(230)
        self.line.setToolTip("Type year-month-day and 24-hour time, e.g. 2026-03-10 14:30.\n"
                             "Without a UTC offset this computer's offset is used and shown.")
        self.setFocusProxy(self.line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.now_button = None
        if now_button:
            self.now_button = QPushButton("Now", self)
            self.now_button.setToolTip("Fill in the current local time")
            self.now_button.setFocusPolicy(Qt.TabFocus)
            self.now_button.clicked.connect(self.set_now)
            layout.addWidget(self.now_button)
        layout.addStretch(1)
        self._committed = None
        self.line.editingFinished.connect(self._commit)
        self.line.textEdited.connect(self._on_typed)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        if self.now_button:
            self.now_button.setAccessibleName(f"{name}: set to now")

    def value(self):
        return parse_datetime_text(self.line.text())

    def set_value(self, value) -> None:
        self._committed = value
        self.line.setText(format_datetime(value))

    def set_now(self) -> None:
        self.line.setText(format_datetime(self._now()))
        self._commit()

    def focus_input(self) -> None:
        self.line.setFocus(Qt.OtherFocusReason)
        self.line.selectAll()

    def _on_typed(self, text: str) -> None:
        # A complete date-time (or an emptied field) counts at once, so a value typed
        # just before Ctrl+S is never lost; half-typed text waits for Enter or Tab.
        value = self.value()
        if value is None or (isinstance(value, str) and value != text.strip()):
            if value != self._committed:
                self._committed = value
                self.edited.emit(value)

    def _commit(self) -> None:
        value = self.value()
        if value != self._committed:
            self._committed = value
            self.edited.emit(value)
        if isinstance(value, str) and value.strip():
            shown = format_datetime(value)
            if shown != self.line.text():
                self.line.setText(shown)
