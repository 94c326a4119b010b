"""Issue 15, item 7: what ward users asked for. An action ticked done with its time
from its row (recorded in the case, undoable, on the summary); the site's MSCC
coordinator and on-call numbers beside "Contact MSCC coordinator"; "Copy orders" puts
the order set on the clipboard as plain text."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import engine
from engine import actions_done
from engine.models.case import ActionsDone
from engine.report import labels
from engine.site_config import SiteConfigError, parse

from .entry import type_text
from .helpers import settle

CASE = Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json"
ASSESSED = datetime.fromisoformat("2026-03-10T14:30:00+00:00")


@pytest.fixture
def ward(make_window, qtbot):
    window = make_window(now_fn=lambda: ASSESSED + timedelta(minutes=20))
    assert window.files.open_path(str(CASE), ask=False)
    settle(qtbot, window)
    return window


def _tick(qtbot, window, code: str, typed: str | None = None, now: bool = False):
    button = window.panel.actions.row_button(code)
    assert button is not None and button.text() == "Done…"
    qtbot.mouseClick(button, Qt.LeftButton)
    dialog = window.done_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.time.value() is None  # never pre-filled
    assert not dialog.record.isEnabled()
    if typed is not None:
        type_text(qtbot, dialog.time.line, typed)
    if now:
        qtbot.mouseClick(dialog.time.now_button, Qt.LeftButton)
    return dialog


def test_every_action_code_can_be_ticked_done_somewhere():
    assert set(labels.ACTIONS) == set(actions_done.CASE_FIELDS) | set(actions_done.EXTENSION_CODES)
    assert tuple(ActionsDone.model_fields) == actions_done.EXTENSION_CODES


def test_coordinator_contact_is_recorded_in_its_case_field(qtbot, ward):
    dialog = _tick(qtbot, ward, "contact_mscc_coordinator", "2026-03-10 14:25")
    assert dialog.record.isEnabled()
    qtbot.mouseClick(dialog.record, Qt.LeftButton)
    settle(qtbot, ward)
    stored = ward.session.value("procedures.mscc_coordinator_contacted_at")
    assert datetime.fromisoformat(stored) == datetime(2026, 3, 10, 14, 25).astimezone()
    action = next(a for a in ward.session.assessment["actions"]
                  if a["code"] == "contact_mscc_coordinator")
    assert datetime.fromisoformat(action["done_at"]) == datetime.fromisoformat(stored)
    assert ward.panel.actions.row_button("contact_mscc_coordinator").text().startswith("✓ ")
    assert ward.panel.actions.cell_texts("contact_mscc_coordinator")[2].startswith("DONE ")
    # The QS56 time stamp and the form field show the same moment.
    stamp = next(t for t in ward.session.assessment["timestamps"]
                 if t["code"] == "coordinator_contact")
    assert datetime.fromisoformat(stamp["at"]) == datetime.fromisoformat(stored)
    assert ward.binder.field_for("procedures.mscc_coordinator_contacted_at").widget.value()
    # One undoable edit.
    ward.undo_edit()
    settle(qtbot, ward)
    assert ward.session.value("procedures.mscc_coordinator_contacted_at") is None
    assert ward.panel.actions.row_button("contact_mscc_coordinator").text() == "Done…"


def test_an_action_without_a_case_field_goes_into_actions_done(qtbot, ward):
    dialog = _tick(qtbot, ward, "analgesia", "2026-03-10 14:10")
    qtbot.mouseClick(dialog.record, Qt.LeftButton)
    settle(qtbot, ward)
    assert ward.session.value("actions_done.analgesia") is not None
    assert ward.session.state == "ok"
    case = ward.session.case()
    assert engine.assess(case)["actions"][0]["done_at"]  # the engine reads it back
    # Ticked done again: change it or take the tick away.
    qtbot.mouseClick(ward.panel.actions.row_button("analgesia"), Qt.LeftButton)
    dialog = ward.done_dialog
    assert dialog.time.value() is not None
    qtbot.mouseClick(dialog.clear, Qt.LeftButton)
    settle(qtbot, ward)
    assert ward.session.value("actions_done.analgesia") is None
    assert "done_at" not in ward.session.assessment["actions"][0] or \
        ward.session.assessment["actions"][0]["done_at"] is None


def test_a_time_after_the_assessment_is_explained_not_recorded(qtbot, ward):
    dialog = _tick(qtbot, ward, "mri_whole_spine", now=True)  # clock: 20 min after
    assert not dialog.record.isEnabled()
    assert "after the assessment time" in dialog.message.text()
    assert "Ctrl+T" in dialog.message.text()
    dialog.reject()
    assert ward.session.value("actions_done.mri_whole_spine") is None


def test_a_done_mri_still_asks_for_its_findings(qtbot, ward):
    dialog = _tick(qtbot, ward, "mri_whole_spine", "2026-03-10 14:00")
    qtbot.mouseClick(dialog.record, Qt.LeftButton)
    settle(qtbot, ward)
    codes = [a["code"] for a in ward.session.assessment["actions"]]
    assert "mri_whole_spine" in codes  # no decision changes on a tick alone
    assert "enter the study and its findings" in ward.panel.actions.cell_texts(
        "mri_whole_spine")[0]


def test_done_times_are_printed_on_the_summary():
    from engine.report.sections_nurse import actions_table

    case = json.loads(CASE.read_text(encoding="utf-8"))
    case["actions_done"] = {"analgesia": "2026-03-10T14:10:00+00:00"}
    assessment = engine.assess(case)
    from zoneinfo import ZoneInfo

    table = actions_table(assessment, 180, ZoneInfo("Europe/London"))[-1]
    cells = [str(getattr(c, "text", c)) for row in table._cellvalues for c in row]
    assert any("DONE" in c and "14:10" in c for c in cells), cells


def test_site_numbers_are_shown_beside_the_coordinator(qtbot, make_window, tmp_path,
                                                       monkeypatch):
    site = tmp_path / "site.toml"
    site.write_text('mscc_coordinator_contact = "0161 446 3000 bleep 2345"\n'
                    'on_call_doctor_contact = "ext 4471"\n', encoding="utf-8")
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    window = make_window()
    assert window.files.open_path(str(CASE), ask=False)
    settle(qtbot, window)
    text = window.panel.actions.cell_texts("contact_mscc_coordinator")[0]
    assert "☎ MSCC coordinator: 0161 446 3000 bleep 2345 · on call: ext 4471" in text
    assert "0161 446 3000" in window.panel.actions.row_text("contact_mscc_coordinator")
    # Only in that row.
    assert "0161" not in window.panel.actions.cell_texts("analgesia")[0]


def test_without_site_numbers_nothing_is_invented(ward):
    assert ward.panel.actions.contacts() == ""
    assert "☎" not in ward.panel.actions.cell_texts("contact_mscc_coordinator")[0]


@pytest.mark.parametrize("line", ["on_call_doctor_contact = 4471",
                                  'on_call_doctor_contact = ""',
                                  'mscc_coordinator_contact = "' + "9" * 61 + '"'])
def test_site_numbers_are_validated(line):
    with pytest.raises(SiteConfigError) as error:
        parse(line)
    assert "one line of at most 60 characters" in str(error.value)


def test_copy_orders_puts_plain_text_on_the_clipboard(qtbot, ward):
    QApplication.clipboard().clear()
    qtbot.mouseClick(ward.panel.copy_orders_button, Qt.LeftButton)
    text = QApplication.clipboard().text()
    assert text.startswith("MSCC Pathway draft orders — hospital no. RXQ-0100571")
    assert "1. Dexamethasone: RECOMMENDED" in text
    assert "   Drug: dexamethasone\n" in text
    assert "   Dose: 16 mg" in text and "   Route: oral" in text
    assert "   Reason: Neurological symptoms or signs of MSCC" in text
    assert "LMWH prophylaxis: PENDING" in text
    assert "<" not in text  # no markup
    assert "orders copied" in ward.statusBar().currentMessage()
    # Ctrl+Shift+C does the same from anywhere in the window.
    QApplication.clipboard().clear()
    qtbot.keyClick(ward.windowHandle(), Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert QApplication.clipboard().text() == text


def test_copy_orders_is_refused_while_an_input_is_invalid(qtbot, ward):
    field = ward.binder.field_for("patient.weight_kg")
    ward.binder.focus("patient.weight_kg")
    type_text(qtbot, field.widget.line, "6,5kg")
    settle(qtbot, ward)
    assert ward.session.state == "partial"
    QApplication.clipboard().setText("before")
    ward.copy_orders()
    assert QApplication.clipboard().text() == "before"
    assert "Orders not copied" in ward.statusBar().currentMessage()
