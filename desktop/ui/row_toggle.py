"""The ▸ button that opens a row to its basis (rule, source, inputs). A real, focusable
button so the basis can be opened from the keyboard (Space, or Enter as a doctor
expects) and a screen reader names it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget


class RowToggle(QToolButton):
    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rowToggle")
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setArrowType(Qt.RightArrow)
        self.setAccessibleName(accessible_name)
        self.setToolTip("Show why (rule, source, inputs)")
        self.toggled.connect(self._show_state)

    def set_open(self, shown: bool) -> None:
        """Reflect a state set elsewhere without emitting toggled again."""
        if shown == self.isChecked():
            return
        self.blockSignals(True)
        self.setChecked(shown)
        self.blockSignals(False)
        self._show_state(shown)

    def _show_state(self, shown: bool) -> None:
        self.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.isEnabled():
            self.click()
            return
        super().keyPressEvent(event)
