"""Spinal precautions in a box nobody can miss: thick border, words first."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from engine.report import labels
from desktop.basis import basis_for
from desktop.ui.row_toggle import RowToggle
from desktop.ui.style_state import set_style_property


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
        self.why = RowToggle("Show basis: spinal precautions", self)
        self.why.toggled.connect(self.basis.setVisible)
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
        set_style_property(self, "active", active, self.title)  # [active] #precautionsTitle
        heading = labels.word(labels.PRECAUTIONS, self.code)
        self.title.setText(("⚠ SPINAL PRECAUTIONS: " if active else "Spinal precautions: ")
                           + heading)
        self.text.setText(str(item.get("text") or ""))
        self.text.setVisible(bool(item.get("text")) and item.get("text") != heading)
        self.basis.setText(basis_for(item, assessment).as_html())
