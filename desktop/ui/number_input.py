"""A number typed as text. Text that is not a plain number is passed to the engine
unchanged, so the case becomes invalid and the engine's message appears at the
field: a typo can never be dropped silently and leave the field looking "absent".
No clamping, no spin arrows, no wheel: the value is exactly what was typed."""
from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(text: str, integer: bool = False):
    """'' -> None; '65' -> 65; '3.4' -> 3.4; anything else -> the text itself."""
    text = text.strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        return text
    if "." not in text:
        return int(text)
    value = float(text)
    if integer and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def format_number(value) -> str:
    if value is None:
        return ""
    return str(value)


class NumberInput(QWidget):
    edited = Signal(object)

    def __init__(self, unit: str = "", placeholder: str = "", integer: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._integer = integer
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.setMaximumWidth(120)
        self.line.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setFocusProxy(self.line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        if unit:
            layout.addWidget(QLabel(unit, self))
        layout.addStretch(1)
        self._loading = False
        self.line.textChanged.connect(self._on_changed)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def value(self):
        return parse_number(self.line.text(), self._integer)

    def set_value(self, value) -> None:
        self._loading = True
        try:
            self.line.setText(format_number(value))
        finally:
            self._loading = False

    def focus_input(self) -> None:
        self.line.setFocus(Qt.OtherFocusReason)
        self.line.selectAll()

    def _on_changed(self, _text: str) -> None:
        if not self._loading:
            self.edited.emit(self.value())
