"""All input sections as tabs. Each tab title carries a count of the problems inside
it ("Labs ⚠ 1"), so an error on a hidden tab is never out of sight."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from desktop.ui.cancer_form import CancerForm
from desktop.ui.history_form import HistoryForm
from desktop.ui.imaging_form import ImagingForm
from desktop.ui.labs_form import LabsForm
from desktop.ui.medications_form import MedicationsForm
from desktop.ui.neuro_exam_form import NeuroExamForm
from desktop.ui.patient_form import PatientForm
from desktop.ui.presentation_form import PresentationForm
from desktop.ui.procedures_form import ProceduresForm

# Tab title (with Alt mnemonic) -> the section forms on that tab.
TABS = [
    ("&1 Patient", (PatientForm, CancerForm)),
    ("&2 Symptoms", (PresentationForm,)),
    ("&3 Neuro exam", (NeuroExamForm,)),
    ("&4 Imaging", (ImagingForm,)),
    ("&5 Labs", (LabsForm,)),
    ("&6 Meds, history", (MedicationsForm, HistoryForm, ProceduresForm)),
]


class CaseForms(QTabWidget):
    def __init__(self, binder, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseForms")
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.forms: dict[str, QWidget] = {}
        self._titles: list[str] = []
        self._sections: list[set[str]] = []
        for title, form_classes in TABS:
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            sections = set()
            for form_class in form_classes:
                form = form_class(binder)
                self.forms[form_class.section] = form
                sections.add(form_class.section)
                column.addWidget(form)
            column.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            scroll.setWidget(page)
            self.addTab(scroll, title)
            self._titles.append(title)
            self._sections.append(sections)
        binder.sectionProblemsChanged.connect(self.show_problem_counts)

    def show_problem_counts(self, per_section: dict) -> None:
        for index, (title, sections) in enumerate(zip(self._titles, self._sections)):
            count = sum(per_section.get(s, 0) for s in sections)
            self.setTabText(index, f"{title}  ⚠ {count}" if count else title)
            self.setTabToolTip(index, f"{count} problem(s) to correct on this tab" if count else "")
