"""One imaged lesion: level and the features that make up its SINS."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo
from engine.field_choices import choices


class LesionEditor(QGroupBox):
    removeRequested = Signal(int)

    def __init__(self, add_field, study_index: int, lesion_index: int,
                 parent: QWidget | None = None):
        super().__init__(f"Lesion {lesion_index + 1}", parent)
        self.setObjectName("lesionBox")
        self.index = lesion_index
        base = f"imaging.{study_index}.lesions.{lesion_index}"
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        # Answers and their words are the engine's (engine.field_choices).
        for name, widget in (("level", ChoiceCombo), ("lesion_type", ChoiceButtons),
                             ("bilsky_grade", ChoiceButtons), ("alignment", ChoiceButtons),
                             ("collapse", ChoiceCombo), ("posterolateral", ChoiceButtons)):
            add_field(form, f"{base}.{name}", widget(choices(f"{base}.{name}")))
        remove = QPushButton(f"Remove lesion {lesion_index + 1}", self)
        remove.setObjectName("removeButton")
        remove.clicked.connect(lambda: self.removeRequested.emit(self.index))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(remove)
        form.addRow(row)
