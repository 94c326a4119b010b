"""The banner marks what is missing or out of date (style property "missing")."""
from __future__ import annotations

from datetime import datetime, timedelta

from conftest import REPO

from desktop.ui.patient_banner import OLD_ASSESSMENT_SECONDS

ASSESSED = datetime.fromisoformat("2026-03-10T14:30:00+00:00")  # examples/index-case-c5.json


def _marked(banner) -> dict:
    return {name: bool(getattr(banner, name).property("missing"))
            for name in ("name", "identity", "when", "locale")}


def _window_at(make_window, seconds_after: float):
    window = make_window(now_fn=lambda: ASSESSED + timedelta(seconds=seconds_after))
    return window


def test_a_new_case_marks_every_part_missing(make_window):
    window = _window_at(make_window, 60)
    assert _marked(window.banner) == {"name": True, "identity": True, "when": True, "locale": True}


def test_an_entered_case_is_unmarked_while_its_assessment_is_recent(make_window):
    window = _window_at(make_window, OLD_ASSESSMENT_SECONDS)
    assert window.files.open_path(str(REPO / "examples" / "index-case-c5.json"), ask=False)
    assert _marked(window.banner) == {"name": False, "identity": False, "when": False,
                                      "locale": False}


def test_an_old_assessment_time_is_marked(make_window):
    window = _window_at(make_window, OLD_ASSESSMENT_SECONDS + 1)
    assert window.files.open_path(str(REPO / "examples" / "index-case-c5.json"), ask=False)
    assert _marked(window.banner)["when"] is True
    assert "ago" in window.banner.when.text()


def test_an_assessment_time_after_the_clock_is_marked(make_window):
    window = _window_at(make_window, -120)
    assert window.files.open_path(str(REPO / "examples" / "index-case-c5.json"), ask=False)
    assert _marked(window.banner)["when"] is True
    assert "later than this computer's clock" in window.banner.when.text()
