"""Spinal precautions in a box nobody can miss: thick border, words first."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from desktop import words
from desktop.basis import basis_for


class PrecautionsBox(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("precautionsBox")
        self.setAccessibleName("Spinal precautions")
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("precautionsTitle")
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.basis = QLabel(self)
        self.basis.setObjectName("rowDetail")
        self.basis.setWordWrap(True)
        self.basis.setTextFormat(Qt.RichText)
        self.basis.hide()
        self.why = QToolButton(self)
        self.why.setObjectName("rowToggle")
        self.why.setCheckable(True)
        self.why.setAutoRaise(True)
        self.why.setArrowType(Qt.RightArrow)
        self.why.setAccessibleName("Show basis: spinal precautions")
        self.why.setToolTip("Show why (rule, source, inputs)")
        self.why.toggled.connect(self._toggle)
        top = QHBoxLayout()
        top.addWidget(self.why, 0, Qt.AlignTop)
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.basis)
        self.code = ""

    def show_precautions(self, assessment: dict) -> None:
        item = assessment.get("precautions") or {}
        self.code = str(item.get("code", ""))
        active = self.code not in ("", "none")
        self.setProperty("active", active)
        self.style().unpolish(self)
        self.style().polish(self)
        heading = words.word(words.PRECAUTIONS, self.code) if words.PRECAUTIONS else self.code
        self.title.setText(("⚠ SPINAL PRECAUTIONS: " if active else "Spinal precautions: ")
                           + heading)
        self.text.setText(str(item.get("text") or ""))
        self.text.setVisible(bool(item.get("text")) and item.get("text") != heading)
        self.basis.setText(basis_for(item, assessment).as_html())

    def _toggle(self, shown: bool) -> None:
        self.basis.setVisible(shown)
        self.why.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
