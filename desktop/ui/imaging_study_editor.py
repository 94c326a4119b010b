"""One imaging study with its lesions."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.lesion_editor import LesionEditor
from desktop.ui.tri_state import TriState
from engine.field_choices import choices


class ImagingStudyEditor(QGroupBox):
    removeRequested = Signal(int)
    addLesionRequested = Signal(int)
    removeLesionRequested = Signal(int, int)

    def __init__(self, add_field, index: int, lesion_count: int, parent: QWidget | None = None):
        super().__init__(f"Study {index + 1}", parent)
        self.setObjectName("studyBox")
        self.index = index
        base = f"imaging.{index}"
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        add_field(form, f"{base}.modality", ChoiceButtons(choices(f"{base}.modality")))
        add_field(form, f"{base}.performed_at", DateTimeInput(now_button=False))
        add_field(form, f"{base}.metastases_excluded", TriState())
        add_field(form, f"{base}.cauda_equina_compression", TriState())
        self.lesions: list[LesionEditor] = []
        for lesion_index in range(lesion_count):
            editor = LesionEditor(add_field, index, lesion_index, self)
            editor.removeRequested.connect(lambda i: self.removeLesionRequested.emit(self.index, i))
            form.addRow(editor)
            self.lesions.append(editor)
        buttons = QHBoxLayout()
        self.add_lesion_button = QPushButton(f"Add lesion to study {index + 1}", self)
        self.add_lesion_button.clicked.connect(lambda: self.addLesionRequested.emit(self.index))
        remove = QPushButton(f"Remove study {index + 1}", self)
        remove.setObjectName("removeButton")
        remove.clicked.connect(lambda: self.removeRequested.emit(self.index))
        buttons.addWidget(self.add_lesion_button)
        buttons.addStretch(1)
        buttons.addWidget(remove)
        form.addRow(buttons)
