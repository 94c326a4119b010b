"""One imaged lesion: level and the features that make up its SINS."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo

LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 6)])


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
        add_field(form, f"{base}.level", ChoiceCombo([(v, v) for v in LEVELS]))
        add_field(form, f"{base}.lesion_type", ChoiceButtons(
            [("lytic", "Lytic"), ("mixed", "Mixed"), ("blastic", "Blastic")]))
        add_field(form, f"{base}.bilsky_grade", ChoiceButtons(
            [(g, g) for g in ("0", "1a", "1b", "1c", "2", "3")]),
            hint="Epidural spinal cord compression grade (2 or 3 = cord compression).")
        add_field(form, f"{base}.alignment", ChoiceButtons(
            [("subluxation", "Subluxation"), ("deformity", "Deformity"), ("normal", "Normal")]))
        add_field(form, f"{base}.collapse", ChoiceCombo(
            [("over_50", "Over 50% collapse"), ("under_50", "Under 50% collapse"),
             ("none_over_50_involved", "No collapse, over 50% of body involved"),
             ("none", "None of the above")]))
        add_field(form, f"{base}.posterolateral", ChoiceButtons(
            [("bilateral", "Bilateral"), ("unilateral", "Unilateral"), ("none", "None")]))
        remove = QPushButton(f"Remove lesion {lesion_index + 1}", self)
        remove.setObjectName("removeButton")
        remove.clicked.connect(lambda: self.removeRequested.emit(self.index))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(remove)
        form.addRow(row)
