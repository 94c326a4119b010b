"""Lab units: an explicit choice, re-validated when switched; implausible values are
marked at the field and there is no recommendation until they are corrected."""
from __future__ import annotations

import json

import pytest

from conftest import shared_path
from .helpers import settle
from .entry import click_choice, type_text

pytestmark = pytest.mark.shared


def test_switching_calcium_unit_revalidates_and_implausible_value_blocks_the_result(
        qtbot, window, tmp_path):
    case = json.loads(next(shared_path("vignettes").glob("01-*.json")).read_text())["case"]
    del case["labs"]["calcium"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    assert window.files.open_path(str(path))
    assert window.session.state == "ok"
    assert window.export_action.isEnabled()

    window.binder.focus("labs.calcium")
    field = window.binder.field_for("labs.calcium")
    lab = field.widget
    assert lab.unit.value() is None  # no unit chosen for the doctor
    type_text(qtbot, lab.value_line, "11")
    click_choice(qtbot, lab.unit, "mmol/L")
    type_text(qtbot, lab.sampled.line, "2026-03-10 12:30 +00:00", commit=True)
    settle(qtbot, window)

    # The engine's message is at the field, naming value, unit, range and the fix.
    error = field.row.error()
    assert error and "11 mmol/L is not a plausible calcium" in error and "mg/dL" in error
    assert field.row.error_label.isVisible()
    assert field.widget.value_line.property("invalid") is True or lab.property("invalid") is True
    # ... the calcium counts as missing (issue 15): the rest of the assessment stays,
    # the header says an input is invalid, and the problem heads the missing list ...
    panel = window.panel
    assert window.session.state == "partial"
    assert panel.header.invalid.text().startswith("1 input invalid — shown as missing")
    assert panel.sections["orders"].isVisible()
    assert panel.missing.paths()[0] == "labs.calcium.value"
    assert "⚠ 1" in window.forms.tabText(4)
    assert not window.export_action.isEnabled() and not window.print_action.isEnabled()
    assert lab.converted.text() == ""

    # Switching the unit keeps the number as typed and re-validates it.
    click_choice(qtbot, lab.unit, "mg/dL")
    settle(qtbot, window)
    assert window.session.value("labs.calcium") == {
        "value": 11, "unit": "mg/dL", "sampled_at": "2026-03-10T12:30:00+00:00"}
    assert field.row.error() is None and not field.row.error_label.isVisible()
    assert window.session.state == "ok"
    assert lab.converted.text() == "= 2.74 mmol/L"
    assert "2.86 mmol/L" in panel.scores.texts["corrected_calcium"]
    assert window.export_action.isEnabled()


def test_text_that_is_not_a_number_is_rejected_at_the_field_not_dropped(qtbot, window):
    window.binder.focus("patient.weight_kg")
    field = window.binder.field_for("patient.weight_kg")
    type_text(qtbot, field.widget.line, "6S")
    settle(qtbot, window)
    assert window.session.value("patient.weight_kg") == "6S"
    assert "not a number" in (field.row.error() or "")


def test_the_labs_form_asks_the_engine_for_units_and_the_staleness_limit(make_window,
                                                                         monkeypatch):
    """A limit changed in the engine is the limit the form states; the units offered
    are the engine's, written as the engine writes them."""
    from PySide6.QtWidgets import QLabel

    import engine.rules.labs
    from engine.thresholds import threshold
    from engine.units import ANALYTES, unit_text

    monkeypatch.setattr(engine.rules.labs, "STALE_LIMIT",
                        threshold("result", 48, "h", "older_than", "NICE-NG234-SUPPORTIVE"))
    window = make_window()
    notes = [label.text() for label in window.findChildren(QLabel, "groupNote")]
    assert any("Results older than 48 h count as unknown." in n for n in notes), notes
    for key, analyte in ANALYTES.items():
        lab = window.binder.field_for(f"labs.{key}").widget
        if lab.unit is None:
            assert lab.fixed_unit.text() == unit_text(next(iter(analyte.units)))
        else:
            assert [b.text() for b in lab.unit.buttons()] == [unit_text(u) for u in analyte.units]
