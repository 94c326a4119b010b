"""Partial evaluation (issue 15): an invalid or unfinished input is treated as missing and
named; the rest of the case is still assessed. Plain evaluate keeps refusing."""
from __future__ import annotations

import json

import pytest
from conftest import REPO

from engine import CaseError, assess
from engine.cli import main
from engine.field_labels import label
from engine.partial import assess_partial, partial_case

EXAMPLE = REPO / "examples" / "index-case-c5.json"


def _index() -> dict:
    return json.loads(EXAMPLE.read_text())


def _write(tmp_path, doc, name="case.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return str(path)


def _codes(assessment) -> dict:
    return {o["code"]: o["status"] for o in assessment["orders"]}


def test_exam_two_minutes_after_assessment_keeps_the_emergency_pathway(tmp_path, capsys):
    doc = _index()
    doc["neuro_exam"]["examined_at"] = "2026-03-10T14:32:00+00:00"  # assessed 14:30
    path = _write(tmp_path, doc)
    assert main(["evaluate", path]) == 2           # plain evaluate still refuses
    capsys.readouterr()
    assert main(["evaluate", "--partial", "--json", path]) == 0
    a = json.loads(capsys.readouterr().out)
    assert a["pathway"]["code"] == "suspected_mscc" and a["pathway"]["urgency"] == "emergency"
    assert _codes(a)["dexamethasone"] == "recommended"
    assert a["complete"] is False and a["partial"] is True
    [item] = a["invalid_inputs"]
    assert item["path"] == "neuro_exam.examined_at"
    assert item["label"] == "Neuro exam › Examined at"
    assert item["value"] == "2026-03-10T14:32:00+00:00"
    assert "2 min after the assessment time (14:30 Tue 10 Mar)" in item["reason"]
    assert "assessed_at" not in item["reason"] and "+00:00" not in item["reason"]


def test_weight_typed_with_a_comma_keeps_pathway_and_orders(tmp_path, capsys):
    doc = _index()
    doc["patient"]["weight_kg"] = "6,5kg"
    path = _write(tmp_path, doc)
    assert main(["evaluate", path]) == 2
    assert "patient.weight_kg" in capsys.readouterr().err
    assert main(["evaluate", "--partial", "--json", path]) == 0
    a = json.loads(capsys.readouterr().out)
    valid = assess(_index())
    assert a["pathway"] == valid["pathway"]
    assert _codes(a)["dexamethasone"] == "recommended"
    assert a["invalid_inputs"] == [{
        "path": "patient.weight_kg", "label": "Patient › Weight", "value": "6,5kg",
        "reason": '"6,5kg" is not a number', "left_out": "patient.weight_kg"}]
    # Weight is now unknown: what needs it says so, as for a weight never entered.
    assert "patient.weight_kg" in a["missing_inputs"]


def test_partial_readable_output_names_the_invalid_input_first(tmp_path, capsys):
    doc = _index()
    doc["patient"]["weight_kg"] = "6,5kg"
    assert main(["evaluate", "--partial", _write(tmp_path, doc)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 input invalid — shown as missing:\n  Patient › Weight: ")
    assert "PATHWAY: Suspected MSCC: whole-spine MRI not yet done  [EMERGENCY]" in out


def test_a_valid_case_is_the_same_assessment_with_an_empty_list():
    a = assess_partial(_index())
    b = assess(_index())
    assert a.pop("invalid_inputs") == [] and a.pop("partial") is False
    assert a == b


def test_a_required_part_takes_its_object_out_and_says_so():
    doc = _index()
    del doc["labs"]["calcium"]["unit"]
    case, invalid = partial_case(doc)
    assert case.labs.calcium is None and case.labs.albumin is not None
    [item] = invalid
    assert (item.path, item.left_out) == ("labs.calcium.unit", "labs.calcium")
    assert item.label == "Labs › Calcium (total): unit"
    assert item.reason.startswith("not entered; Calcium (total) is left out")


def test_paths_name_the_items_as_entered_after_earlier_items_were_taken_out():
    doc = _index()
    doc["imaging"] = [{"performed_at": "2026-03-10T11:30:00+00:00"},  # no modality
                      {"modality": "mri_whole_spine", "performed_at": "2026-03-10T15:30:00+00:00"},
                      {"modality": "ct", "lesions": [{"level": "C5"}]}]
    case, invalid = partial_case(doc)
    assert [(i.path, i.left_out) for i in invalid] == [
        ("imaging.0.modality", "imaging.0"), ("imaging.1.performed_at", "imaging.1.performed_at")]
    assert [s.modality for s in case.imaging] == ["mri_whole_spine", "ct"]
    assert case.imaging[0].performed_at is None
    assert invalid[1].label == "Imaging › Study 2: performed at"


@pytest.mark.parametrize("field, value", [("assessed_at", "tomorrow"), ("locale", "FR")])
def test_essential_fields_still_refuse(field, value):
    doc = _index()
    doc[field] = value
    with pytest.raises(CaseError) as info:
        assess_partial(doc)
    assert [p.path for p in info.value.problems] == [field]


def test_when_nothing_can_be_assessed_every_problem_is_still_named():
    doc = _index()
    doc["locale"] = "FR"
    doc["patient"]["weight_kg"] = "6,5kg"
    with pytest.raises(CaseError) as info:
        assess_partial(doc)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("locale", '"FR" is not one of: "GB" or "US"'),
        ("patient.weight_kg", '"6,5kg" is not a number')]


def test_missing_hospital_number_cannot_be_assessed(tmp_path, capsys):
    doc = _index()
    del doc["patient"]["id"]
    assert main(["evaluate", "--partial", _write(tmp_path, doc)]) == 2
    assert "patient.id" in capsys.readouterr().err


def test_labels_name_list_items_and_lab_parts():
    assert label("imaging.0.lesions.1.alignment") == "Imaging › Study 1 lesion 2: alignment"
    assert label("labs.creatinine.sampled_at") == "Labs › Creatinine: sample time"
    assert label("presentation.sensory_loss") == "Symptoms › Sensory loss"
