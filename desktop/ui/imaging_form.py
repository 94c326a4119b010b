"""Imaging: whether MRI is contraindicated, and every study with its lesions.
Studies and lesions are rebuilt from the case whenever their number changes, so the
widgets always mirror the list in the case one to one."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop.ui.caption_label import CaptionLabel
from desktop.ui.field_row import FieldRow
from engine import field_hints, field_labels
from desktop.ui.imaging_study_editor import ImagingStudyEditor
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState


class ImagingForm(SectionForm):
    section = "Imaging"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        self.session = binder.session
        form = self.group("MRI")
        self.add(form, "mri_contraindicated", TriState())
        self._studies_host = QWidget(self)
        self._studies_layout = QVBoxLayout(self._studies_host)
        self._studies_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._studies_host)
        self.empty_label = QLabel("No imaging recorded.", self)
        self._layout.addWidget(self.empty_label)
        self.add_study_button = QPushButton("Add imaging study", self)
        self.add_study_button.clicked.connect(self.add_study)
        self._layout.addWidget(self.add_study_button)
        self.editors: list[ImagingStudyEditor] = []
        self.finish()
        self.session.caseReplaced.connect(self.rebuild)
        self.session.valueRestored.connect(
            lambda path: self.rebuild() if path == "imaging" or (
                path.startswith("imaging.") and path.endswith(".lesions")) else None)
        self.rebuild()

    def _studies(self) -> list:
        studies = self.session.value("imaging")
        return studies if isinstance(studies, list) else []

    def _add_field(self, form, path, widget, hint=""):
        """Caption, name and hint from the engine (engine.field_labels, field_hints)."""
        caption, label = field_labels.caption(path), field_labels.field(path)[1]
        hint = hint or field_hints.hint(path)
        row = FieldRow(widget)
        title = CaptionLabel(caption + ":")
        if len(caption) > 14:  # only long captions wrap; short ones keep one line
            title.setMaximumWidth(130)
        else:
            title.setWordWrap(False)
        title.setBuddy(widget)
        if hint:
            title.setToolTip(hint)
            widget.setToolTip(hint)
        form.addRow(title, row)
        self._rows.append((title, row))
        self.binder.bind(path, widget, row, label, self.section)

    def rebuild(self) -> None:
        self.binder.unbind_prefix("imaging")
        self._rows = self._rows[:1]  # the MRI question stays; the studies' rows go
        for editor in self.editors:
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        for index, study in enumerate(self._studies()):
            lesions = study.get("lesions") if isinstance(study, dict) else None
            count = len(lesions) if isinstance(lesions, list) else 0
            editor = ImagingStudyEditor(self._add_field, index, count, self._studies_host)
            editor.removeRequested.connect(self.remove_study)
            editor.addLesionRequested.connect(self.add_lesion)
            editor.removeLesionRequested.connect(self.remove_lesion)
            self._studies_layout.addWidget(editor)
            self.editors.append(editor)
        self.empty_label.setVisible(not self.editors)
        self.binder.refresh_problems()

    # Structural edits go through the session like any other edit.
    def add_study(self) -> None:
        self.session.set_value("imaging", self._studies() + [{}])
        self.rebuild()
        self.binder.focus(f"imaging.{len(self.editors) - 1}.modality")

    def remove_study(self, index: int) -> None:
        if not self._confirm(f"Remove imaging study {index + 1} and its lesions?"):
            return
        studies = self._studies()
        del studies[index]
        self.session.set_value("imaging", studies or None)
        self.rebuild()

    def add_lesion(self, study: int) -> None:
        lesions = self.session.value(f"imaging.{study}.lesions") or []
        self.session.set_value(f"imaging.{study}.lesions", lesions + [{}])
        self.rebuild()
        self.binder.focus(f"imaging.{study}.lesions.{len(lesions)}.level")

    def remove_lesion(self, study: int, lesion: int) -> None:
        if not self._confirm(f"Remove lesion {lesion + 1} of study {study + 1}?"):
            return
        lesions = self.session.value(f"imaging.{study}.lesions") or []
        del lesions[lesion]
        self.session.set_value(f"imaging.{study}.lesions", lesions or None)
        self.rebuild()

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Remove", question,
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes
