"""Inputs the engine says could change the recommendation, or problems that stop it.
Each entry names the field in words; clicking it (or Enter) jumps to the field and
focuses it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

PATH_ROLE = Qt.UserRole + 1


class MissingInputsList(QListWidget):
    focusRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("missingInputs")
        self.setAccessibleName("Missing inputs: select one to go to its field")
        self.setSelectionMode(QListWidget.SingleSelection)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.itemClicked.connect(self._on_item)
        self.itemActivated.connect(self._on_item)

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        """entries: (path, text shown)."""
        if [(p, f"→ {t}") for p, t in entries] == [
                (self.item(i).data(PATH_ROLE), self.item(i).text()) for i in range(self.count())]:
            return  # unchanged: keep the selection and scroll position
        self.clear()
        for path, text in entries:
            item = QListWidgetItem(f"→ {text}")
            item.setData(PATH_ROLE, path)
            item.setToolTip("Select to go to this field")
            self.addItem(item)
        # Show every entry without an inner scroll bar (the panel itself scrolls).
        height = sum(self.sizeHintForRow(i) for i in range(self.count())) + 2 * self.frameWidth() + 4
        self.setFixedHeight(max(height, 24))

    def paths(self) -> list[str]:
        return [self.item(i).data(PATH_ROLE) for i in range(self.count())]

    def item_for(self, path: str) -> QListWidgetItem | None:
        for i in range(self.count()):
            if self.item(i).data(PATH_ROLE) == path:
                return self.item(i)
        return None

    def _on_item(self, item: QListWidgetItem) -> None:
        self.focusRequested.emit(item.data(PATH_ROLE))
