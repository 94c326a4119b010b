"""Where the open case came from, when that needs a warning: a summary that is not
signed, or whose signer could not be verified. Shown in a strong colour above the
forms for as long as that case is open; hidden for a case from a verified summary,
a case file or a new case. (A summary changed after signing is never opened.)"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout


class ProvenanceBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("provenanceBanner")
        # Explicit colours: the warning must stand out whatever the style sheet says.
        self.setStyleSheet("#provenanceBanner { background: #fff3cd; border: 2px solid #b45309; }"
                           "#provenanceBanner QLabel { color: #5c2d00; }")
        self.text = QLabel(self)
        self.text.setObjectName("provenanceText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text)
        self.setVisible(False)

    def show_warning(self, warning: str) -> None:
        """An empty warning hides the banner."""
        self.text.setText(warning)
        self.setAccessibleName(warning)
        self.setVisible(bool(warning))
