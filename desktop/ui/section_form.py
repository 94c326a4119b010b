"""Base of the input sections: titled groups of labelled fields, each bound to a case
path through the FieldBinder."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.ui.caption_label import CaptionLabel
from desktop.ui.field_row import FieldRow
from engine import field_hints, field_labels


ROW_FRAMES = 40  # section and group margins and frames around a field, each side summed
CAPTION_GAP = 12  # between a caption and its field


class SectionForm(QWidget):
    section = ""  # shown in missing-input labels: "Neuro exam › Hoffmann sign"

    def __init__(self, binder, parent: QWidget | None = None):
        super().__init__(parent)
        self.binder = binder
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._rows: list[tuple[QLabel, FieldRow]] = []

    def group(self, title: str, note: str = "") -> QFormLayout:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        # A row too narrow for caption and answers (a small screen, large text) puts
        # the answers under the caption instead of squeezing either.
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setHorizontalSpacing(CAPTION_GAP)
        form.setVerticalSpacing(6)
        if note:
            hint = QLabel(note, box)
            hint.setObjectName("groupNote")
            hint.setWordWrap(True)
            form.addRow(hint)
        self._layout.addWidget(box)
        return form

    def add(self, form: QFormLayout, path: str, widget: QWidget, hint: str = "") -> QWidget:
        """The caption is the engine's name of the field (engine.field_labels) and the
        hint its sentence (engine.field_hints) unless the form says something about the
        widget itself: the form keeps no copy of its own, so the caption, the
        missing-input list and the command line always name a field alike."""
        label = field_labels.caption(path)
        hint = hint or field_hints.hint(path)
        row = FieldRow(widget)
        caption = CaptionLabel(label + ":")
        caption.setBuddy(widget)
        caption.setMinimumWidth(120)
        caption.setMaximumWidth(210)
        if hint:
            caption.setToolTip(hint)
            widget.setToolTip(hint)
            widget.setAccessibleDescription(hint)
        form.addRow(caption, row)
        self._rows.append((caption, row))
        self.binder.bind(path, widget, row, label, self.section)
        return widget

    def finish(self) -> None:
        self._layout.addStretch(1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """At least as wide as the widest row's answers plus the group frames: a form
        layout that wraps a long row under its caption gave the answers a few pixels
        less than they need at 200 %, cutting the last answer's words."""
        hint = super().minimumSizeHint()
        self._need = self._rows_need()
        return QSize(max(hint.width(), self._need), hint.height())

    def _rows_need(self) -> int:
        # Each row where the form placed it: the caption column as laid out (the
        # widest caption), the gap, the row's answers, and the frames around them.
        need = 0
        for caption, row in self._rows:
            left = row.mapTo(self, row.rect().topLeft()).x() if row.isVisible() else \
                min(caption.sizeHint().width(), caption.maximumWidth()) + CAPTION_GAP
            need = max(need, left + row.minimumSizeHint().width() + ROW_FRAMES // 2)
        return need

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._rows_need() != getattr(self, "_need", None):
            self.updateGeometry()  # the caption column moved: ask for the width again
