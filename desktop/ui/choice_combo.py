"""A drop-down for longer lists of answers. It starts empty (no item selected, the
placeholder says "Not assessed"); the first list item, with the same words, clears
it again (and stays selected, so arrow keys can move on past it).

The mouse wheel is ignored: scrolling the form over a drop-down must never change a
clinical answer unnoticed."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.ui.choice_buttons import NOT_ASSESSED


class ChoiceCombo(QComboBox):
    edited = Signal(object)
    discrete = True  # one edit per click or commit: assessed at once, no typing debounce

    def __init__(self, options: list[tuple[Any, str]], none_label: str = NOT_ASSESSED,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setPlaceholderText(f"— {none_label} —")
        self.addItem(f"— {none_label} —", None)
        for value, label in options:
            self.addItem(label, value)
        self.setMaxVisibleItems(16)
        self.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self._loading = False
        self.setCurrentIndex(-1)
        self.activated.connect(self._on_activated)

    def value(self) -> Any:
        index = self.currentIndex()
        return None if index <= 0 else self.itemData(index)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            index = -1
            if value is not None:
                for i in range(1, self.count()):
                    if self.itemData(i) == value and type(self.itemData(i)) is type(value):
                        index = i
                        break
            self.setCurrentIndex(index)
        finally:
            self._loading = False

    def focus_input(self) -> None:
        self.setFocus(Qt.OtherFocusReason)

    def _on_activated(self, _index: int) -> None:
        if not self._loading:
            self.edited.emit(self.value())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        event.ignore()
