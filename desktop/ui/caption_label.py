"""The caption beside a form field. It wraps when it is longer than its column, and
asks for the height of every wrapped line (a form layout gives a word-wrapped label
only one line's height, which cut its second line off at large text sizes)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class CaptionLabel(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._fit_height()

    def _fit_height(self) -> None:
        need = self.heightForWidth(self.width())
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)
