"""Free text (hospital number, name). Empty means absent."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class TextInput(QLineEdit):
    edited = Signal(object)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self._on_changed)
        self._loading = False

    def value(self) -> str | None:
        text = self.text().strip()
        return text or None

    def set_value(self, value) -> None:
        self._loading = True
        try:
            self.setText("" if value is None else str(value))
        finally:
            self._loading = False

    def focus_input(self) -> None:
        self.setFocus(Qt.OtherFocusReason)
        self.selectAll()

    def _on_changed(self, _text: str) -> None:
        if not self._loading:
            self.edited.emit(self.value())
