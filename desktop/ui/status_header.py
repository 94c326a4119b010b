"""The top of the assessment: the pathway and its urgency in words and colour, whether
the assessment is complete, or plainly that there is no recommendation and why."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from engine.report import labels
from desktop.ui.style_state import set_style_property

NO_RECOMMENDATION_ERROR = "No recommendation — internal error"
NO_RECOMMENDATION_INVALID = "No recommendation yet — complete or correct the fields below"
ASSESSING = "Assessing…"


class StatusHeader(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("statusHeader")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        self.headline = QLabel(self)
        self.headline.setObjectName("statusHeadline")
        self.headline.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.completeness = QLabel(self)
        self.completeness.setObjectName("completeness")
        self.completeness.setWordWrap(True)
        self.invalid = QLabel(self)
        self.invalid.setObjectName("invalidInputs")
        self.invalid.setWordWrap(True)
        self.invalid.setVisible(False)
        for label in (self.headline, self.invalid, self.summary, self.completeness):
            layout.addWidget(label)
        self.state = ""

    def _set_kind(self, kind: str) -> None:
        self.state = kind
        # [kind] QLabel: the labels' colours follow the header's kind.
        set_style_property(self, "kind", kind, self.headline, self.summary, self.completeness,
                           self.invalid)
        if kind in ("invalid", "error"):
            self.invalid.setVisible(False)

    def show_assessment(self, assessment: dict) -> None:
        pathway = assessment.get("pathway") or {}
        urgency = str(pathway.get("urgency", ""))
        self._set_kind(urgency or "routine")
        self.headline.setText(f"{labels.word(labels.URGENCY, urgency)}: "
                              f"{labels.word(labels.PATHWAYS, pathway.get('code'))}")
        self.summary.setText(str(pathway.get("summary") or ""))
        self.summary.setVisible(True)
        invalid = len(assessment.get("invalid_inputs") or [])
        self.invalid.setVisible(bool(invalid))
        if invalid:
            self.invalid.setText(
                f"{invalid} input{'s' if invalid != 1 else ''} invalid — shown as missing. "
                "The recommendation below uses the other inputs; correct the field"
                f"{'s' if invalid != 1 else ''} marked in red. Export and print wait until "
                "then.")
        missing = len(assessment.get("missing_inputs") or [])
        if assessment.get("complete"):
            self.completeness.setText("Assessment complete on the information given.")
            set_style_property(self.completeness, "incomplete", False)
        else:
            self.completeness.setText(
                f"INCOMPLETE — {missing} missing input{'s' if missing != 1 else ''} could change "
                "this. Until then the safer option is shown. See \"Missing inputs\" below.")
            set_style_property(self.completeness, "incomplete", True)
        self.completeness.setVisible(True)
        self.setAccessibleName(self.headline.text())

    def show_invalid(self, count: int) -> None:
        self._set_kind("invalid")
        self.headline.setText(NO_RECOMMENDATION_INVALID)
        self.summary.setText(f"{count} problem{'s' if count != 1 else ''} in the case "
                             "(listed below and marked at each field). Nothing is recommended "
                             "until they are corrected.")
        self.completeness.setVisible(False)
        self.setAccessibleName(self.headline.text())

    def show_pending(self) -> None:
        """Between the first frame and the first assessment (about half a second)."""
        self._set_kind("invalid")
        self.headline.setText(ASSESSING)
        self.summary.setText("Loading the decision engine. Nothing is recommended until the "
                             "case has been assessed.")
        self.completeness.setVisible(False)
        self.setAccessibleName(self.headline.text())

    def show_error(self, summary: str) -> None:
        self._set_kind("error")
        self.headline.setText(NO_RECOMMENDATION_ERROR)
        self.summary.setText("The program failed while working out the recommendation, so "
                             "none is shown. Manage the patient by your local MSCC pathway and "
                             f"senior advice. The error has been logged ({summary}).")
        self.completeness.setVisible(False)
        self.setAccessibleName(self.headline.text())
