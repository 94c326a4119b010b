"""Serial neurological examinations: "Add reassessment" and the timeline of motor
grades, sensory level, walking and Frankel grade over the night. The comparison itself
is the engine's (assessment derived.neuro_trend, rule NEURO-TREND-1): this widget only
shows it, marking each value that changed from the examination before it."""
from __future__ import annotations

import copy
import html

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout

from desktop.time_text import clock_text
from engine.field_choices import choices
from engine.field_labels import FIELDS
from engine.report import labels
from engine.rules.neuro_trend import TREND


def _name(path: str) -> str:
    return FIELDS[path][1]


# Rows named as the engine names the fields and the score.
ROWS = tuple((_name(f"neuro_exam.mrc_power.{limb}"), lambda r, limb=limb: r["mrc"][limb])
             for limb in ("right_arm", "left_arm", "right_leg", "left_leg")) + (
    (_name("neuro_exam.sensory_level"), lambda r: r["sensory_level"]),
    (_name("neuro_exam.ambulation"), lambda r: r["ambulation"]),
    (labels.word(labels.SCORES, "frankel"), lambda r: r["frankel"]))
WORDS = {**dict(choices("neuro_exam.ambulation")), "none": "none", None: "—"}


def worse_instruction(assessment: dict) -> str:
    """What the engine says about the deterioration and what to do (its critical
    alert, rule NEURO-TREND-1), or ''."""
    return next((str(a.get("text")) for a in assessment.get("alerts") or []
                 if isinstance(a, dict) and a.get("rule") == TREND.id
                 and a.get("severity") == "critical"), "")


def timeline_html(trend: dict | None, instruction: str = "") -> str:
    """The timeline as a table: one column per examination, oldest first; a value that
    changed from the column before is bold and marked with a triangle. `instruction` is
    the engine's action for a deterioration."""
    if not trend or not trend.get("timeline"):
        return "No earlier examination: the next one is compared with this one."
    rows = trend["timeline"]
    head = "".join(f"<th>{html.escape(clock_text(r['at']))}</th>" for r in rows)
    body = []
    for label, get in ROWS:
        cells, before = [], None
        for i, r in enumerate(rows):
            value = get(r)
            shown = html.escape(str(WORDS.get(value, value)))
            if i and value != before and value is not None and before is not None:
                shown = f"<b>&#9670; {shown}</b>"  # changed since the examination before
            cells.append(f"<td>{shown}</td>")
            before = value
        body.append(f"<tr><th align='left'>{label}</th>{''.join(cells)}</tr>")
    verdict = (f"<b>WORSE. {html.escape(instruction)}</b>" if trend.get("deteriorated")
               else "No deterioration.")
    return (f"<table cellspacing='0' cellpadding='3'><tr><th></th>{head}</tr>"
            f"{''.join(body)}</table><p>{verdict} &#9670; = changed since the examination "
            "before.</p>")


def reassessment(case: dict) -> list:
    """The earlier examinations with today's examination added as the latest earlier
    one (with the bladder and bowel answers of now): the form then holds it as the
    starting point for the new examination, whose time is entered afresh."""
    exam = copy.deepcopy(case.get("neuro_exam") or {})
    presentation = case.get("presentation") or {}
    for key in ("bladder_dysfunction", "bowel_dysfunction"):
        exam[key] = presentation.get(key)
    return list(case.get("earlier_neuro_exams") or []) + [exam]


class NeuroTimeline(QGroupBox):
    def __init__(self, session, parent=None):
        super().__init__("Serial examinations", parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.table = QLabel(self)
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Examination timeline")
        layout.addWidget(self.table)
        self.add_button = QPushButton("Add reassessment", self)
        self.add_button.setToolTip("Keep this examination in the timeline and start the next "
                                   "one from it: change what is different and enter its time.")
        self.add_button.clicked.connect(self.add_reassessment)
        layout.addWidget(self.add_button)
        session.assessmentChanged.connect(self.show_trend)
        self.show_trend(session.assessment or {})

    def show_trend(self, assessment: dict) -> None:
        trend = (assessment.get("derived") or {}).get("neuro_trend")
        self.table.setText(timeline_html(trend, worse_instruction(assessment)))
        exam = self.session.value("neuro_exam") or {}
        self.add_button.setEnabled(bool(exam.get("examined_at")))

    def add_reassessment(self) -> None:
        case = self.session.case()
        if not (case.get("neuro_exam") or {}).get("examined_at"):
            return  # an examination without its time cannot be placed in the timeline
        self.session.set_value("earlier_neuro_exams", reassessment(case))
        self.session.restore_value("neuro_exam.examined_at", None)
