"""All input sections as tabs. Each tab title carries a count of the problems inside
it ("Labs ⚠ 1"), so an error on a hidden tab is never out of sight.

Only the first tab is built with the window; the others (about 600 widgets) are
built by `build_all()`, which the main window runs right after its first frame, and
which the field binder runs before any look-up, so a field is never missing when a
missing input or a problem names it."""
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

# Tab title -> the section forms on that tab. Alt+1...6 (main window) brings the tab to
# the front AND puts the cursor in its first field (a tab-bar mnemonic only switched
# the page, and what was typed next went nowhere).
TABS = [
    ("1 Patient", (PatientForm, CancerForm)),
    ("2 Symptoms", (PresentationForm,)),
    ("3 Neuro exam", (NeuroExamForm,)),
    ("4 Imaging", (ImagingForm,)),
    ("5 Labs", (LabsForm,)),
    ("6 Meds, history", (MedicationsForm, HistoryForm, ProceduresForm)),
]


class CaseForms(QTabWidget):
    def __init__(self, binder, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseForms")
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self._binder = binder
        self._forms: dict[str, QWidget] = {}
        self._titles = [title for title, _ in TABS]
        self._sections = [{c.section for c in classes} for _, classes in TABS]
        self._scrolls: list[QScrollArea] = []
        self._built = [False] * len(TABS)
        self._building = False
        for title in self._titles:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            self._scrolls.append(scroll)
            self.addTab(scroll, title)
        self._build_tab(0)
        self.currentChanged.connect(self._on_current)
        binder.sectionProblemsChanged.connect(self.show_problem_counts)
        binder.set_completer(self.build_all)

    @property
    def forms(self) -> dict[str, QWidget]:
        """Section name -> its form (every tab built first)."""
        self.build_all()
        return self._forms

    def build_all(self) -> None:
        if self._building or all(self._built):
            return
        for index in range(len(TABS)):
            self._build_tab(index)
        self._binder.refresh_problems()  # problems already shown reach the new fields

    def _on_current(self, index: int) -> None:
        if 0 <= index < len(TABS) and not self._built[index]:
            self.build_all()  # problem counts need every field bound anyway

    def _build_tab(self, index: int) -> None:
        if self._built[index]:
            return
        self._building = True  # binding fields must not start a look-up that builds more
        try:
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            for form_class in TABS[index][1]:
                form = form_class(self._binder)
                self._forms[form_class.section] = form
                column.addWidget(form)
            column.addStretch(1)
            self._scrolls[index].setWidget(page)
            self._built[index] = True
        finally:
            self._building = False

    def focus_tab(self, index: int) -> bool:
        """Bring tab `index` to the front and focus its first field."""
        self.build_all()
        self.setCurrentIndex(index)
        sections = self._sections[index]
        for field in self._binder.fields():
            if field.section in sections and field.widget.isEnabled():
                return self._binder.focus(field.path)
        self._scrolls[index].setFocus()
        return False

    def show_problem_counts(self, per_section: dict) -> None:
        for index, (title, sections) in enumerate(zip(self._titles, self._sections)):
            count = sum(per_section.get(s, 0) for s in sections)
            self.setTabText(index, f"{title}  ⚠ {count}" if count else title)
            self.setTabToolTip(index, f"{count} problem(s) to correct on this tab" if count else "")
