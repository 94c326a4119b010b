"""A line of plain words above the case that stays until it is dismissed or replaced:
what just changed that the user must know about (the assessment time moved, so every
deadline moved), or a fault that stays (drafts and the audit log cannot be written).
Never only colour: the kind is also said in words."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QFrame

from desktop.ui.style_state import set_style_property


class NoticeBar(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setFocusPolicy(Qt.TabFocus)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignTop)
        self.kind = ""
        self.setVisible(False)

    def show_notice(self, text: str, kind: str = "info", dismissible: bool = True) -> None:
        """kind: "info" (something changed) or "fault" (something does not work)."""
        self.kind = kind
        self.text.setText(text)
        self.close_button.setVisible(dismissible)
        set_style_property(self, "kind", kind, self.text)
        self.setAccessibleName(text)
        self.setVisible(True)

    def dismiss(self) -> None:
        self.kind = ""
        self.text.setText("")
        self.setVisible(False)
