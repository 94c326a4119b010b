"""Issue 15, item 6: nothing clipped. Every piece of text the window shows — labels (one
line or wrapped), buttons, and the words drawn in the pathway diagram's boxes ("next:
Imaging (MRI)", "Radiotherapy", "Haematology-led") — fits the space it is given, at
1366x768, at 1024x600 and at 200 % (the text zoomed to 200 %, which needs more room
than QT_SCALE_FACTOR=2 on a 1920x1080 screen), on every form tab, with the index case
and with a case whose route passes every box."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QLabel, QRadioButton,
                               QScrollArea, QStyle, QStyleOptionButton)

from desktop import zoom
from desktop.ui import pathway_diagram
from engine.report import pathway_map

from .helpers import settle

CASE = Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json"


def clipped_texts(window) -> list[str]:
    """Every visible text that does not fit its widget (or its diagram box)."""
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text() or label.width() <= 1:
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.contentsRect().width() + label.margin() * 0)
            if need > label.height() + 1:
                found.append(f"wrapped label {label.text()[:50]!r}: needs {need} px, "
                             f"has {label.height()}")
        elif label.sizeHint().width() > label.width() + 1:
            found.append(f"label {label.text()[:50]!r}: needs {label.sizeHint().width()} px, "
                         f"has {label.width()}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.text() or button.width() <= 1:
            continue
        if isinstance(button, (QRadioButton, QCheckBox)):
            # The words against the room the style leaves them beside the indicator.
            option = QStyleOptionButton()
            button.initStyleOption(option)
            element = (QStyle.SE_RadioButtonContents if isinstance(button, QRadioButton)
                       else QStyle.SE_CheckBoxContents)
            room = button.style().subElementRect(element, option, button).width()
            need = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
            if need > room:
                found.append(f"button {button.text()[:50]!r}: words need {need} px, "
                             f"have {room}")
        elif button.minimumSizeHint().width() > button.width() + 1:
            found.append(f"button {button.text()[:50]!r}: needs "
                         f"{button.minimumSizeHint().width()} px, has {button.width()}")
    for scroll in window.findChildren(QScrollArea):
        body = scroll.widget()
        if (scroll.isVisibleTo(window) and body is not None
                and scroll.horizontalScrollBarPolicy() == Qt.ScrollBarAlwaysOff
                and body.width() > scroll.viewport().width() + 1):
            found.append(f"{scroll.objectName() or 'scroll area'}: content {body.width()} px "
                         f"wide in a {scroll.viewport().width()} px view that cannot scroll "
                         "sideways")
    diagram = window.panel.diagram
    for node, text, box, font in diagram.drawn_labels():
        metrics = QFontMetrics(font)
        need = metrics.boundingRect(QRect(0, 0, int(box.width()), 10_000),
                                    pathway_diagram.TEXT_FLAGS, text)
        if need.width() > box.width() + 0.5 or need.height() > box.height() + 0.5:
            found.append(f"diagram box {node} {text!r}: needs {need.width()}x{need.height()}, "
                         f"has {box.width():.0f}x{box.height():.0f}")
    return found


def every_tab_checked(qtbot, window) -> list[str]:
    found = []
    forms = window.forms
    for index in range(forms.count()):
        forms.setCurrentIndex(index)
        qtbot.wait(300)
        found += [f"tab {forms.tabText(index)!r}: {text}" for text in clipped_texts(window)]
    forms.setCurrentIndex(0)
    return sorted(set(found))


SIZES = [((1366, 768), 100), ((1024, 600), 100), ((1024, 600), 200)]


@pytest.mark.parametrize("size, percent", SIZES)
def test_no_text_is_clipped_with_the_index_case(qtbot, window, size, percent):
    zoom.apply(QApplication.instance(), percent)
    try:
        assert window.files.open_path(str(CASE), ask=False)
        window.resize(*size)
        settle(qtbot, window)
        qtbot.wait(50)
        assert window.width() == size[0]
        # The index case shows "NOW ▸ Suspected" and "next: Imaging (MRI)".
        assert "next: Imaging (MRI)" in [t for _n, t, _b, _f in window.panel.diagram.drawn_labels()]
        assert every_tab_checked(qtbot, window) == []
    finally:
        zoom.apply(QApplication.instance(), 100)


@pytest.mark.parametrize("size, percent", SIZES)
def test_every_diagram_box_fits_on_every_route(qtbot, window, size, percent):
    """Each box drawn bold and marked "NOW ▸" (its widest form) still fits."""
    zoom.apply(QApplication.instance(), percent)
    try:
        window.resize(*size)
        qtbot.wait(300)
        diagram = window.panel.diagram
        diagram.show()
        for code in [*pathway_map.ROUTES, pathway_map.POST_TREATMENT]:
            for treated in (None, "surgery", "radiotherapy"):
                diagram.show_pathway(code, "emergency", treated)
                qtbot.wait(1)
                bad = [f for f in clipped_texts(window) if f.startswith("diagram")]
                assert bad == [], (code, treated, bad)
    finally:
        zoom.apply(QApplication.instance(), 100)


def test_a_narrow_diagram_shrinks_its_words_and_grows_its_boxes(qtbot, window):
    diagram = window.panel.diagram
    wide_font, wide_h = diagram.fitted(700)
    narrow_font, narrow_h = diagram.fitted(330)
    assert narrow_font.pointSizeF() <= wide_font.pointSizeF()
    assert narrow_font.pointSizeF() < wide_font.pointSizeF() or narrow_h > wide_h


def test_the_check_finds_a_clipped_label(qtbot, window):
    """The check is not vacuous: a label squeezed narrower than its words is found."""
    label = QLabel("A caption far too long for the room it is given", window.panel)
    label.setFixedWidth(40)
    label.show()
    qtbot.wait(10)
    assert any("far too long" in f for f in clipped_texts(window))
    label.setWordWrap(True)
    label.setFixedHeight(12)
    qtbot.wait(10)
    assert any("wrapped label" in f and "far too long" in f for f in clipped_texts(window))
    label.deleteLater()


def test_the_index_case_json_is_the_motivating_case():
    case = json.loads(CASE.read_text(encoding="utf-8"))
    assert case["cancer"]["primary"] == "breast" and case["labs"]["calcium"]["value"] == 11.0
