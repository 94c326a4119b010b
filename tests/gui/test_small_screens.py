"""Issue 15, item 4: usable at 1024x600 and at 200 % (QT_SCALE_FACTOR=2 on 1920x1080 is
960x540 in window units; here the text is zoomed to 200 % instead, which needs even
more room): the window never grows past the screen, the forms and the assessment
scroll, and no label's text is cut off. View › Zoom is kept in the settings."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop import zoom
from desktop.settings import SettingsStore

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json")


def _clipped_labels(window) -> list[str]:
    """Visible labels whose one-line text is wider than the label (wrapping labels
    reflow instead)."""
    clipped = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text() or label.wordWrap():
            continue
        if label.sizeHint().width() > label.width() + 1:
            clipped.append(f"{label.objectName() or type(label.parent()).__name__}: "
                           f"{label.text()[:40]!r} {label.sizeHint().width()} > {label.width()}")
    return clipped


@pytest.mark.parametrize("size, percent", [((1024, 600), 100), ((960, 540), 100),
                                           ((1024, 600), 200)])
def test_the_window_fits_the_screen_and_nothing_is_clipped(qtbot, window, size, percent):
    zoom.apply(QApplication.instance(), percent)
    try:
        assert window.files.open_path(CASE, ask=False)
        window.resize(*size)
        qtbot.wait(50)
        assert window.minimumSizeHint().width() <= size[0]
        assert window.width() == size[0]
        # The assessment scrolls to every section; the forms scroll too.
        panel = window.panel
        assert panel.scroll.widget().height() > panel.scroll.viewport().height()
        assert _clipped_labels(window) == []
        # The header (headline, summary, completeness) is inside the window.
        header = panel.header
        right = header.mapTo(window, header.rect().topRight()).x()
        assert right <= window.width()
    finally:
        zoom.apply(QApplication.instance(), 100)


def test_zoom_keys_change_the_text_size_and_are_kept(qtbot, window, app_home):
    base = window.panel.header.headline.font().pointSizeF()
    qtbot.keyClick(window.windowHandle(), Qt.Key_Equal, Qt.ControlModifier)
    qtbot.keyClick(window.windowHandle(), Qt.Key_Equal, Qt.ControlModifier)
    try:
        assert window.settings.zoom_percent == 125
        assert SettingsStore().load().zoom_percent == 125
        assert window.panel.header.headline.font().pointSizeF() == pytest.approx(base * 1.25, 0.05)
        qtbot.keyClick(window.windowHandle(), Qt.Key_Minus, Qt.ControlModifier)
        assert window.settings.zoom_percent == 110
    finally:
        window.zoom(0)
    assert SettingsStore().load().zoom_percent == 100


def test_zoom_steps_are_bounded():
    assert zoom.step(200, 1) == 200 and zoom.step(80, -1) == 80
    assert zoom.clamp("big") == 100 and zoom.clamp(130) == 125
