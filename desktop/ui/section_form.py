"""Base of the input sections: titled groups of labelled fields, each bound to a case
path through the FieldBinder."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.ui.field_row import FieldRow


class SectionForm(QWidget):
    section = ""  # shown in missing-input labels: "Neuro exam › Hoffmann sign"

    def __init__(self, binder, parent: QWidget | None = None):
        super().__init__(parent)
        self.binder = binder
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)

    def group(self, title: str, note: str = "") -> QFormLayout:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        if note:
            hint = QLabel(note, box)
            hint.setObjectName("groupNote")
            hint.setWordWrap(True)
            form.addRow(hint)
        self._layout.addWidget(box)
        return form

    def add(self, form: QFormLayout, path: str, label: str, widget: QWidget,
            hint: str = "") -> QWidget:
        row = FieldRow(widget)
        caption = QLabel(label + ":")
        caption.setWordWrap(True)
        caption.setBuddy(widget)
        caption.setMinimumWidth(120)
        caption.setMaximumWidth(210)
        if hint:
            caption.setToolTip(hint)
            widget.setToolTip(hint)
            widget.setAccessibleDescription(hint)
        form.addRow(caption, row)
        self.binder.bind(path, widget, row, label, self.section)
        return widget

    def finish(self) -> None:
        self._layout.addStretch(1)
