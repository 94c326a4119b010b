"""Issue 15, item 2: a future assessment time is refused in words; the screen states
each action's deadline as page 1 of the summary does; Ctrl+T says when it moves every
deadline; times are local, with a date picker, and no UTC offset is shown."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from conftest import REPO
from PySide6.QtCore import Qt

from engine import assess
from engine.report import timefmt
from .entry import type_text
from .helpers import settle

CASE = REPO / "examples" / "index-case-c5.json"
ASSESSED = datetime.fromisoformat("2026-03-10T14:30:00+00:00")


def _window(make_window, after: timedelta = timedelta(minutes=25)):
    window = make_window(now_fn=lambda: ASSESSED + after)
    assert window.files.open_path(str(CASE), ask=False)
    return window


def test_a_future_assessment_time_is_refused_with_a_clear_message(qtbot, make_window):
    window = _window(make_window)
    field = window.binder.field_for("assessed_at")
    window.binder.focus("assessed_at")
    type_text(qtbot, field.widget.line, "2027-06-01 14:30", commit=True)
    settle(qtbot, window)
    assert window.session.state == "invalid"
    panel = window.panel
    assert panel.header.headline.text().startswith("No recommendation yet")
    [entry] = [panel.missing.item(i).text() for i in range(panel.missing.count())]
    assert entry.startswith("→ Patient › Assessment time: 14:30 Tue 1 Jun 2027 is in the future")
    assert "press Now (Ctrl+T)" in entry and "+00:00" not in entry
    assert "in the future" in field.row.error()
    assert not window.export_action.isEnabled()


def test_an_assessment_time_a_minute_ahead_of_the_clock_is_accepted(qtbot, make_window):
    window = _window(make_window, after=timedelta(minutes=-1))  # clock 14:29
    assert window.session.state == "ok"


def test_the_screen_deadline_is_the_clock_time_of_page_one(make_window):
    window = _window(make_window)
    expected = assess(json.loads(CASE.read_text()))
    tz = ASSESSED.tzinfo
    actions = window.panel.actions
    shown = {key: actions.cell_texts(key)[1] for key in actions.keys()}
    assert shown.keys() == {a["code"] for a in expected["actions"]}
    for action in expected["actions"]:
        if action.get("due_at"):
            # The same clock time and words as the nurse page's "Due by" column.
            assert shown[action["code"]].startswith(timefmt.clock(action["due_at"], tz))
            assert timefmt.hours(action["due_within_hours"]) in shown[action["code"]]
    assert shown["mri_whole_spine"] == "14:30 Wed 11 Mar (within 24 h)"


def test_an_immediate_action_is_due_now_not_overdue_by_zero(make_window):
    window = _window(make_window, after=timedelta(seconds=20))
    actions = window.panel.actions
    left = {key: actions.cell_texts(key)[2] for key in actions.keys()}
    assert left["contact_mscc_coordinator"] == "Due now"
    assert not any("OVERDUE by 0 min" in t for t in left.values())


def test_ctrl_t_says_that_it_moved_every_deadline(qtbot, make_window):
    window = _window(make_window)
    window.forms.forms["Patient"].assessed_at._now = lambda: "2026-03-10T14:55:00+00:00"
    window.binder.focus("patient.weight_kg")
    qtbot.keyClick(window.windowHandle(), Qt.Key_T, Qt.ControlModifier)  # as a key press
    settle(qtbot, window)
    assert window.session.value("assessed_at") == "2026-03-10T14:55:00+00:00"
    assert window.notice_bar.isVisible()
    assert window.notice_bar.text.text().startswith(
        "Assessment time moved from 14:30 Tue 10 Mar to 14:55 Tue 10 Mar: every deadline "
        "now counts from 14:55 Tue 10 Mar.")
    assert "Ctrl+Z" in window.notice_bar.text.text()


def test_times_are_shown_in_local_time_without_an_offset(qtbot, make_window):
    window = _window(make_window)
    line = window.binder.field_for("assessed_at").widget.line
    assert line.text() == "2026-03-10 14:30"
    assert "+00:00" not in window.banner.when.text()
    assert window.banner.when.text().startswith("Assessed 14:30 Tue 10 Mar 2026")
    # Leaving the field untouched changes nothing (same moment, shown without offset).
    window.binder.focus("assessed_at")
    qtbot.keyClick(line, Qt.Key_Tab)
    assert not window.session.dirty


def test_the_date_picker_sets_the_date_and_keeps_the_time(qtbot, make_window):
    window = _window(make_window)
    widget = window.binder.field_for("neuro_exam.examined_at").widget
    window.binder.focus("neuro_exam.examined_at")
    qtbot.mouseClick(widget.calendar_button, Qt.LeftButton)
    assert widget.calendar is not None
    widget.pick_date(date(2026, 3, 9))
    settle(qtbot, window)
    assert widget.line.text() == "2026-03-09 13:40"
    assert window.session.value("neuro_exam.examined_at") == "2026-03-09T13:40:00+00:00"


def test_the_banner_keeps_counting_without_edits(qtbot, make_window):
    clock = [ASSESSED + timedelta(minutes=6)]
    window = make_window(now_fn=lambda: clock[0])
    assert window.files.open_path(str(CASE), ask=False)
    assert "(6 min ago)" in window.banner.when.text()
    clock[0] += timedelta(minutes=10)
    window.banner._tick.timeout.emit()
    assert "(16 min ago)" in window.banner.when.text()
