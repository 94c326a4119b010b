"""Each missing input is a link to its field."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import shared_path
from .helpers import settle

pytestmark = pytest.mark.shared


def _click_entry(qtbot, listing, path):
    item = listing.item_for(path)
    assert item is not None, listing.paths()
    listing.scrollToItem(item)
    rect = listing.visualItemRect(item)
    qtbot.mouseClick(listing.viewport(), Qt.LeftButton, pos=rect.center())


def test_clicking_a_missing_input_focuses_its_field(qtbot, window, tmp_path):
    case = json.loads(next(shared_path("vignettes").glob("01-*.json")).read_text())["case"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    window.files.open_path(str(path))
    settle(qtbot, window)
    listing = window.panel.missing
    assert "procedures.spinal_surgery_expected_within_24h" in listing.paths()
    assert window.forms.currentIndex() == 0

    _click_entry(qtbot, listing, "imaging.0.lesions.0.alignment")
    alignment = window.binder.field_for("imaging.0.lesions.0.alignment").widget
    focused = QApplication.focusWidget()
    assert focused is not None and alignment.isAncestorOf(focused)
    assert window.forms.tabText(window.forms.currentIndex()).endswith("Imaging")
    # The list names the field in words, not as a path.
    assert listing.item_for("imaging.0.lesions.0.alignment").text() == (
        "→ Imaging › Study 1 lesion 1: alignment")

    _click_entry(qtbot, listing, "procedures.spinal_surgery_expected_within_24h")
    surgery = window.binder.field_for("procedures.spinal_surgery_expected_within_24h").widget
    assert surgery.isAncestorOf(QApplication.focusWidget())
    assert "Meds" in window.forms.tabText(window.forms.currentIndex())

    # Answering it removes it from the list.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_N)
    settle(qtbot, window)
    assert window.session.value("procedures.spinal_surgery_expected_within_24h") is False
    assert "procedures.spinal_surgery_expected_within_24h" not in listing.paths()


def test_clicking_a_problem_focuses_its_field(qtbot, window):
    window.files.new_case()
    settle(qtbot, window)
    listing = window.panel.missing
    assert set(listing.paths()) == {"assessed_at", "locale", "patient"}
    _click_entry(qtbot, listing, "patient")
    assert QApplication.focusWidget() is window.binder.field_for("patient.id").widget
