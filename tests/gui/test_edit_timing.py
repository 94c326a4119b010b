"""When an edit is assessed: typing waits for a pause (the session's debounce), a
click on an answer is one whole edit and is assessed at once."""
from __future__ import annotations

from conftest import REPO

from .entry import click_choice, type_text

LONG_PAUSE_MS = 60_000  # far longer than any test waits: only an immediate edit is seen


def _open_example(window):
    assert window.files.open_path(str(REPO / "examples" / "index-case-c5.json"), ask=False)
    assert not window.session.pending


def test_a_click_on_an_answer_is_assessed_without_the_typing_pause(make_window, qtbot):
    window = make_window(debounce_ms=LONG_PAUSE_MS)
    _open_example(window)
    before = window.session.assessment["case_sha256"]
    window.binder.focus("neuro_exam.clonus")
    clonus = window.binder.field_for("neuro_exam.clonus").widget
    answer = False if window.session.value("neuro_exam.clonus") is not False else True
    click_choice(qtbot, clonus, answer)
    qtbot.waitUntil(lambda: not window.session.pending, timeout=2000)
    assert window.session.assessment["case_sha256"] != before
    assert window.panel.assessment["case_sha256"] == window.session.assessment["case_sha256"]


def test_typing_waits_for_the_pause(make_window, qtbot):
    window = make_window(debounce_ms=LONG_PAUSE_MS)
    _open_example(window)
    window.binder.focus("patient.weight_kg")
    weight = window.binder.field_for("patient.weight_kg").widget
    new = "71" if window.session.value("patient.weight_kg") != 71 else "72"
    type_text(qtbot, weight.line, new)
    qtbot.wait(300)
    assert window.session.pending and window.session.assessment is None
    window.session.flush()
    assert not window.session.pending and window.session.assessment is not None
    assert window.session.value("patient.weight_kg") == int(new)
