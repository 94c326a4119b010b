"""Issue 15, item 6: words. Captions are the engine's field names; labels agree with the
values they describe (calcium method, IPC with unrecorded leg checks, LMWH's missing
inputs, sensory loss answered No); screen readers hear words, not codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

import engine
from engine import field_labels

from .entry import enter
from .helpers import settle

CASE = Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json"


def _index() -> dict:
    return json.loads(CASE.read_text(encoding="utf-8"))


def _open(qtbot, window, case: dict, tmp_path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    assert window.files.open_path(str(path), ask=False)
    settle(qtbot, window)


def _caption_of(field) -> str:
    form = field.row.parentWidget().layout()
    label = form.labelForField(field.row)
    assert isinstance(label, QLabel), field.path
    return label.text().rstrip(":")


def test_every_caption_is_the_engines_name_of_its_field(qtbot, window, tmp_path):
    # A case with a study and a lesion, so their editors' captions are checked too.
    _open(qtbot, window, _index(), tmp_path)
    fields = window.binder.fields()
    assert len(fields) > 60
    for field in fields:
        assert field.path in field_labels.FIELDS or field_labels.pattern(field.path) \
            in field_labels.FIELDS, f"{field.path} has no name in engine.field_labels"
        assert _caption_of(field) == field_labels.caption(field.path), field.path
        # The missing-input list and the form say the same words.
        assert window.binder.label_for(field.path).endswith(field_labels.caption(field.path)) \
            or "Study" in window.binder.label_for(field.path)


def test_every_case_field_has_a_name():
    """No missing input can be printed as a path: every field of the case model has an
    entry (a new rules field, like fit_for_treatment, was listed as 'cancer fit for
    treatment')."""
    from typing import get_args

    from pydantic import BaseModel

    from engine.models.case import Case

    def walk(model, prefix):
        for name, info in model.model_fields.items():
            path = prefix + name
            yield path
            for arg in (info.annotation, *get_args(info.annotation)):
                for inner in (arg, *get_args(arg)):
                    if isinstance(inner, type) and issubclass(inner, BaseModel) \
                            and inner.__name__ != "LabResult":
                        many = "list" in str(info.annotation)
                        yield from walk(inner, path + (".*." if many else "."))

    def lab_part(path: str) -> bool:  # "Labs › Calcium (total): unit", from LAB_PARTS
        parts = path.split(".")
        return len(parts) == 3 and parts[0] == "labs" and parts[2] in field_labels.LAB_PARTS

    unnamed = [p for p in walk(Case, "") if p != "format" and p not in field_labels.FIELDS
               and p not in field_labels.SECTIONS and p != "neuro_exam.mrc_power"
               and not lab_part(p)]
    assert field_labels.label("labs.calcium.unit") == "Labs › Calcium (total): unit"
    assert unnamed == []


def test_uncorrected_calcium_is_never_called_corrected(qtbot, window, tmp_path):
    case = _index()
    del case["labs"]["albumin"]
    _open(qtbot, window, case, tmp_path)
    scores = window.panel.scores
    assert scores.names["corrected_calcium"] == "Calcium (NOT corrected for albumin)"
    text = scores.texts["corrected_calcium"]
    assert "2.74 mmol/L" in text and "not corrected" in text
    fluids = window.panel.orders.cell_texts("iv_fluids")[3]
    assert fluids.startswith("Calcium (NOT corrected for albumin) 2.74 mmol/L")
    assert "Corrected calcium" not in fluids


def test_corrected_calcium_says_how(qtbot, window, tmp_path):
    _open(qtbot, window, _index(), tmp_path)
    scores = window.panel.scores
    assert scores.names["corrected_calcium"] == "Corrected calcium"
    assert "2.86 mmol/L" in scores.texts["corrected_calcium"]
    assert "corrected for albumin (Payne), albumin 34 g/L" in scores.texts["corrected_calcium"]


def test_ipc_says_its_leg_checks_are_not_recorded_beside_the_status(qtbot, window, tmp_path):
    case = _index()
    for name in ("acute_dvt", "leg_skin_condition"):
        del case["history"][name]
    _open(qtbot, window, case, tmp_path)
    orders = window.panel.orders
    assessment = window.session.assessment
    ipc = next(o for o in assessment["orders"] if o["code"] == "intermittent_pneumatic_compression")
    assert ipc["status"] == "recommended"  # the engine's status is kept
    status_cell = orders._rows["intermittent_pneumatic_compression"].cells[1]
    assert status_cell.text == "RECOMMENDED"
    assert status_cell.note == "check first — not recorded: Acute DVT, Leg skin condition"
    # Drawn in the row, and read out with it.
    assert "not recorded: Acute DVT, Leg skin condition" in orders.row_text(
        "intermittent_pneumatic_compression")
    assert "Leg skin condition" in orders.toggle_button(
        "intermittent_pneumatic_compression").accessibleDescription()
    # Once recorded, the note goes.
    enter(qtbot, window, "history.acute_dvt", False)
    enter(qtbot, window, "history.leg_skin_condition", False)
    settle(qtbot, window)
    assert orders._rows["intermittent_pneumatic_compression"].cells[1].note == ""


def test_lmwh_names_only_what_creatinine_clearance_still_needs(qtbot, window, tmp_path):
    case = _index()
    del case["patient"]["weight_kg"]
    case["procedures"]["spinal_surgery_expected_within_24h"] = False
    _open(qtbot, window, case, tmp_path)
    reason = window.panel.orders.cell_texts("lmwh_prophylaxis")[3]
    assert "creatinine clearance (needs weight)" in reason
    assert "age" not in reason and "sex" not in reason


def test_sensory_loss_answered_no_is_not_listed_missing(qtbot, window, tmp_path):
    case = _index()
    del case["neuro_exam"]["sensory_level"]
    assert case["presentation"]["sensory_loss"] is False
    _open(qtbot, window, case, tmp_path)
    paths = window.panel.missing.paths()
    assert "neuro_exam.sensory_level" in paths
    assert "presentation.sensory_loss" not in paths
    # Unknown is still unknown: with both unanswered, both are asked for.
    enter(qtbot, window, "presentation.sensory_loss", None)
    settle(qtbot, window)
    assert "presentation.sensory_loss" in window.panel.missing.paths()


def test_incomplete_neuro_alert_names_fields_in_words():
    case = _index()
    case["presentation"] = {"spinal_pain": "mechanical"}
    case["neuro_exam"] = {}
    alert = next(a for a in engine.assess_partial(case)["alerts"]
                 if a["code"] == "neuro_assessment_incomplete")
    assert "Limb weakness" in alert["text"] and "Right arm power" in alert["text"]
    assert "presentation." not in alert["text"] and "neuro_exam." not in alert["text"]


@pytest.mark.parametrize("table", ["alerts", "disagreements", "actions", "orders"])
def test_screen_readers_hear_words_not_codes(qtbot, window, table):
    assert window.files.open_path(str(CASE), ask=False)
    settle(qtbot, window)
    rows = getattr(window.panel, table)
    assert rows.keys()
    for key in rows.keys():
        name = rows.toggle_button(key).accessibleName()
        assert name.startswith("Show basis: ")
        assert "_" not in name, name
        assert key not in name or " " in key, name
    if table == "alerts":
        assert "Show basis: WARNING alert: SINS at C5 is 7-17" in \
            rows.toggle_button("sins_incomplete").accessibleName()
