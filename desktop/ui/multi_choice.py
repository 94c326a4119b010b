"""Several answers may apply (pain regions). Nothing ticked means "not recorded":
the field is left out of the case rather than saved as an empty list."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget


class MultiChoice(QWidget):
    edited = Signal(object)
    discrete = True  # one edit per click or commit: assessed at once, no typing debounce

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._boxes: list[tuple[str, QCheckBox]] = []
        for value, label in options:
            box = QCheckBox(label, self)
            box.toggled.connect(self._on_toggled)
            layout.addWidget(box)
            self._boxes.append((value, box))
        layout.addStretch(1)
        self._loading = False

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        for _, box in self._boxes:
            box.setAccessibleName(f"{name}: {box.text()}")

    def checkboxes(self) -> list[QCheckBox]:
        return [box for _, box in self._boxes]

    def value(self):
        chosen = [value for value, box in self._boxes if box.isChecked()]
        return chosen or None

    def set_value(self, value) -> None:
        self._loading = True
        try:
            chosen = set(value) if isinstance(value, list) else set()
            for item, box in self._boxes:
                box.setChecked(item in chosen)
        finally:
            self._loading = False

    def focus_input(self) -> None:
        self._boxes[0][1].setFocus(Qt.OtherFocusReason)

    def _on_toggled(self, _checked: bool) -> None:
        if not self._loading:
            self.edited.emit(self.value())
