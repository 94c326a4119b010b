"""A typed local time at a clock change is never moved or chosen silently (issue 21):
the ward clock (Europe/London here) skips 01:00-02:00 on 29 Mar 2026 and repeats
01:00-02:00 on 25 Oct 2026; the field asks which time was meant."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desktop import time_text
from desktop.ui.datetime_input import DateTimeInput

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def field(qtbot, monkeypatch):
    monkeypatch.setattr(time_text, "entry_zone", lambda: LONDON)
    widget = DateTimeInput(now_button=False)
    qtbot.addWidget(widget)
    edits = []
    widget.edited.connect(edits.append)
    asked = []
    widget.edits, widget.asked = edits, asked
    return widget


def _type(widget, text):
    widget.line.setText(text)
    widget.line.textEdited.emit(text)
    widget.line.editingFinished.emit()


@pytest.mark.parametrize("typed, missing, pick, recorded", [
    ("2026-10-25 01:30", False, 1, "2026-10-25T01:30:00+00:00"),   # the second 01:30, GMT
    ("2026-10-25 01:30", False, 0, "2026-10-25T01:30:00+01:00"),   # the first, BST
    ("2026-03-29 01:30", True, 1, "2026-03-29T01:30:00+00:00"),    # = 02:30 BST
])
def test_clock_change_time_asks_which_and_records_the_choice(field, typed, missing, pick,
                                                             recorded):
    def choose(_parent, ambiguous):
        field.asked.append((ambiguous.missing, ambiguous.choices()))
        return ambiguous.readings[pick]

    field.choose = choose
    _type(field, typed)
    assert field.asked and field.asked[0][0] is missing
    assert [datetime.fromisoformat(e) for e in field.edits] == [datetime.fromisoformat(recorded)]
    assert datetime.fromisoformat(field.value()) == datetime.fromisoformat(recorded)


def test_cancelled_question_records_nothing(field):
    field.choose = lambda _parent, _ambiguous: None
    _type(field, "2026-10-25 01:30")
    assert field.edits == []
    assert "happened twice" in field.line.toolTip()


def test_ordinary_time_is_not_questioned(field):
    field.choose = lambda *_: pytest.fail("asked about an ordinary time")
    _type(field, "2026-06-01 10:00")
    assert field.edits == ["2026-06-01T10:00:00+01:00"]


def test_choices_name_the_clock_readings(monkeypatch):
    monkeypatch.setattr(time_text, "entry_zone", lambda: LONDON)
    gap = time_text.parse_datetime_text("2026-03-29 01:30")
    assert gap.missing and gap.choices() == ["00:30 GMT", "02:30 BST"]
    overlap = time_text.parse_datetime_text("2026-10-25 01:30")
    assert not overlap.missing and overlap.choices() == ["01:30 BST", "01:30 GMT"]
    assert time_text.parse_datetime_text("2026-10-25 01:30 GMT") == "2026-10-25T01:30:00+00:00"
