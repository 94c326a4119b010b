"""One input with the place where its problems are shown: directly under the field,
in words (the engine's message names the field, the value, the unit and the range),
with a red border on the input. Colour is never the only sign."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.ui.style_state import set_style_property


class FieldRow(QWidget):
    def __init__(self, input_widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.input = input_widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(input_widget)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.setFocusProxy(input_widget)
        # The row takes the whole width of its form column: left at its size hint, a
        # form layout gave a row of answers a pixel or two less than its words need.
        self.setSizePolicy(QSizePolicy.Expanding, self.sizePolicy().verticalPolicy())
        self._message: str | None = None
        self._hint: str | None = None

    def error(self) -> str | None:
        return self._message

    def set_error(self, message: str | None) -> None:
        message = message or None
        if message == self._message:
            return  # unchanged: skip the re-polish, it touches every child widget
        self._message = message
        if message:
            self.error_label.setText(f"⚠ {message}")
            self.error_label.show()
        else:
            self.error_label.clear()
            self.error_label.hide()
        if self._hint is None:
            self._hint = self.input.accessibleDescription()
        self.input.setAccessibleDescription(message or self._hint)
        # Re-apply the style sheet when [invalid="true"] flips (on the input and its parts).
        set_style_property(self.input, "invalid", bool(message), *self.input.findChildren(QWidget))
