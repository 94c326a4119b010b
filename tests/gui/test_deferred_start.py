"""The window is painted before the engine is loaded and the hidden tabs are built
(MainWindow defer_start, used by `mscc-pathway`). Until the first assessment nothing
is recommended; after it the window is the same as one built eagerly."""
from __future__ import annotations

import json

from conftest import REPO

from desktop.session import INVALID, OK
from desktop.ui.neuro_exam_form import NeuroExamForm
from desktop.ui.status_header import ASSESSING, NO_RECOMMENDATION_INVALID


def _unbuilt_tabs(window) -> list[int]:
    return [i for i in range(window.forms.count()) if window.forms.widget(i).widget() is None]


def test_before_the_first_frame_only_the_first_tab_exists_and_nothing_is_recommended(
        qtbot, app_home):
    from desktop.app import build_window, create_application

    create_application([])
    window = build_window(defer_start=True)
    qtbot.addWidget(window)
    try:
        assert _unbuilt_tabs(window) == [1, 2, 3, 4, 5]
        assert window.session.pending and window.session.assessment is None
        assert window.panel.assessment is None
        assert window.panel.header.headline.text() == ASSESSING
        assert not window.export_action.isEnabled() and not window.print_action.isEnabled()
    finally:
        window._after_start = None  # never shown: nothing to finish
        window.close()


def test_after_the_first_frame_every_tab_is_built_and_the_case_assessed(make_window, qtbot):
    window = make_window(defer_start=True)
    qtbot.waitUntil(lambda: not window.session.pending, timeout=5000)
    assert _unbuilt_tabs(window) == []
    # The empty case was assessed: it lacks its assessment time, so it is invalid and
    # the problem is marked at the field.
    assert window.session.state == INVALID
    assert window.panel.header.headline.text() == NO_RECOMMENDATION_INVALID
    assert window.binder.field_for("assessed_at").row.error() == "required field is missing"
    # Missing inputs name fields on tabs that did not exist at the first frame.
    window.files.open_path(str(REPO / "examples" / "sparse-night-call.json"), ask=False)
    missing = window.panel.missing
    labels = [missing.item_for(path).text() for path in missing.paths()]
    assert any("Neuro exam › " in label for label in labels), labels
    assert any("Labs › " in label for label in labels), labels


def test_a_case_queued_for_the_start_is_the_one_assessed(make_window, qtbot):
    window = make_window(defer_start=True)
    case_path = REPO / "examples" / "index-case-c5.json"
    window.after_start(lambda: window.files.open_path(str(case_path), ask=False))
    qtbot.waitUntil(lambda: not window.session.pending, timeout=5000)
    assert window.session.state == OK
    case = json.loads(case_path.read_text())
    assert window.session.value("patient.id") == case["patient"]["id"]
    assert window.panel.assessment["case_sha256"] == window.session.assessment["case_sha256"]
    # The queue is spent: a later callback runs at once.
    ran = []
    window.after_start(lambda: ran.append(True))
    assert ran == [True]


def test_focusing_a_field_on_an_unbuilt_tab_builds_it_and_focuses_the_field(qtbot, app_home):
    from desktop.app import build_window, create_application

    create_application([])
    window = build_window(defer_start=True)
    qtbot.addWidget(window)
    try:
        window.resize(1366, 768)
        # Names come from the engine's table, so naming a field builds nothing...
        assert window.binder.label_for("labs.calcium.value") == "Labs › Calcium (total): value"
        assert _unbuilt_tabs(window) == [1, 2, 3, 4, 5]
        assert window.binder.focus("labs.calcium")  # ...focusing it builds every tab first
        assert _unbuilt_tabs(window) == []
        assert window.forms.tabText(window.forms.currentIndex()).startswith("5 Labs")
    finally:
        window._after_start = None
        window.close()


def test_switching_to_an_unbuilt_tab_builds_it(qtbot, app_home):
    from desktop.app import build_window, create_application

    create_application([])
    window = build_window(defer_start=True)
    qtbot.addWidget(window)
    try:
        window.forms.setCurrentIndex(2)
        assert _unbuilt_tabs(window) == []
        assert window.forms.currentWidget().widget().findChild(NeuroExamForm) is not None
    finally:
        window._after_start = None
        window.close()
