"""Add reassessment and the examination timeline (issue 14): the doctor keeps today's
examination, changes what is different, and the screen shows what got worse."""
from __future__ import annotations

import html
import json

from PySide6.QtCore import Qt

from conftest import REPO
from desktop.ui.neuro_timeline import reassessment, timeline_html

from .helpers import settle


def _load(window, qtbot, name):
    case = json.loads((REPO / "examples" / f"{name}.json").read_text())
    window.session.replace_case(case)
    settle(qtbot, window)
    window.forms.build_all()
    return window.forms.forms["Neuro exam"].timeline


def test_add_reassessment_keeps_the_exam_and_asks_for_the_new_time(qtbot, window):
    timeline = _load(window, qtbot, "index-case-c5")
    assert "No earlier examination" in timeline.table.text()
    qtbot.mouseClick(timeline.add_button, Qt.LeftButton)
    case = window.session.case()
    assert len(case["earlier_neuro_exams"]) == 1
    assert case["earlier_neuro_exams"][0]["examined_at"] == "2026-03-10T13:40:00+00:00"
    assert case["earlier_neuro_exams"][0]["mrc_power"] == case["neuro_exam"]["mrc_power"]
    assert "examined_at" not in case["neuro_exam"] or case["neuro_exam"]["examined_at"] is None
    # the new examination's time is named as the problem to fix, nothing else is lost
    settle(qtbot, window)
    assert window.session.case()["neuro_exam"]["mrc_power"]["left_leg"] == 4


def test_timeline_marks_deterioration_on_screen(qtbot, window):
    timeline = _load(window, qtbot, "serial-deterioration")
    text = timeline.table.text()
    # What to do is the engine's own alert, word for word.
    alert = next(a for a in window.session.assessment["alerts"]
                 if a["code"] == "neuro_deterioration")
    assert f"WORSE. {html.escape(alert['text'])}" in text
    assert "Contact the MSCC coordinator now" in text
    assert "&#9670; 3" in text and "&#9670; T4" in text
    stable = _load(window, qtbot, "serial-stable")
    assert "No deterioration." in stable.table.text() and "&#9670; 4" not in stable.table.text()


def test_reassessment_carries_the_sphincter_answers_of_now():
    case = {"neuro_exam": {"examined_at": "2026-03-10T08:00:00+00:00"},
            "presentation": {"bladder_dysfunction": True}}
    assert reassessment(case)[-1]["bladder_dysfunction"] is True
    assert reassessment(case)[-1]["bowel_dysfunction"] is None


def test_no_trend_is_said_in_words():
    assert timeline_html(None).startswith("No earlier examination")
