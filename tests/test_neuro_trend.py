"""Serial neurological examinations (issue 14; clinical-rules.md section 6): each
deterioration criterion on both sides, and what deterioration changes."""
from __future__ import annotations

import copy

import pytest

import engine
from engine_cases import (MRI, action, alert_codes, assess, case, lesion, order, study)

LATEST = "2026-03-10T11:00:00+00:00"
EARLIER = "2026-03-10T06:00:00+00:00"
NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           presentation__bladder_dysfunction=False, presentation__bowel_dysfunction=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")


def with_earlier(doc: dict, **changes) -> dict:
    """The case with an earlier examination equal to the latest, changed by `changes`."""
    earlier = copy.deepcopy(doc["neuro_exam"])
    earlier["examined_at"] = EARLIER
    earlier["bladder_dysfunction"] = doc["presentation"].get("bladder_dysfunction")
    earlier["bowel_dysfunction"] = doc["presentation"].get("bowel_dysfunction")
    for key, value in changes.items():
        if key == "mrc":
            earlier["mrc_power"] = {**earlier["mrc_power"], **value}
        else:
            earlier[key] = value
    doc["earlier_neuro_exams"] = [earlier]
    return doc


def deteriorated(doc) -> bool:
    return "neuro_deterioration" in alert_codes(assess(doc))


@pytest.mark.parametrize("earlier, latest, worse", [
    ({"mrc": {"left_leg": 4}}, {}, False),            # latest 4 as before: same
    ({"mrc": {"left_leg": 5}}, {}, True),             # 5 -> 4: one grade
    ({"mrc": {"left_leg": 3}}, {}, False),            # 3 -> 4: better
])
def test_a_fall_of_one_mrc_grade(earlier, latest, worse):
    assert deteriorated(with_earlier(case(), **earlier)) is worse


@pytest.mark.parametrize("before, now, worse", [
    ("none", "T8", True), ("T10", "T8", True), ("T8", "T8", False), ("T6", "T8", False)])
def test_a_new_or_higher_sensory_level(before, now, worse):
    doc = with_earlier(case(neuro_exam__sensory_level=now), sensory_level=before)
    assert deteriorated(doc) is worse


@pytest.mark.parametrize("before, now, worse", [(False, True, True), (True, True, False),
                                                (None, True, False)])
def test_new_bladder_dysfunction(before, now, worse):
    doc = with_earlier(case(presentation__bladder_dysfunction=now), bladder_dysfunction=before)
    assert deteriorated(doc) is worse


@pytest.mark.parametrize("before, now, worse", [("with_aid", "unable", True),
                                                ("independent", "with_aid", True),
                                                ("unable", "unable", False)])
def test_lost_ambulation(before, now, worse):
    doc = with_earlier(case(neuro_exam__ambulation=now), ambulation=before)
    assert deteriorated(doc) is worse


@pytest.mark.parametrize("saddle_before, worse", [(False, True), (True, False)])
def test_a_lower_frankel_grade(saddle_before, worse):
    # both legs MRC 0 and unable to walk: Frankel B (sacral sensation) vs A (complete)
    legs = {"right_arm": 5, "left_arm": 5, "right_leg": 0, "left_leg": 0}
    doc = with_earlier(case(neuro_exam__mrc_power=legs, neuro_exam__ambulation="unable",
                            neuro_exam__saddle_anaesthesia=True,
                            presentation__paraplegia_since="2026-03-09T12:00:00+00:00"),
                       saddle_anaesthesia=saddle_before)
    a = assess(doc)
    assert ("neuro_deterioration" in alert_codes(a)) is worse
    if worse:
        assert "Frankel B -> A" in next(x["text"] for x in a["alerts"]
                                        if x["code"] == "neuro_deterioration")


def test_stability_and_improvement_are_stated():
    stable = assess(with_earlier(case()))
    assert "unchanged" in next(x["text"] for x in stable["alerts"] if x["code"] == "neuro_trend")
    better = assess(with_earlier(case(), mrc={"left_leg": 3}))
    assert "improved: left leg power MRC 3 -> 4" in next(
        x["text"] for x in better["alerts"] if x["code"] == "neuro_trend")


@pytest.mark.parametrize("worse", [True, False])
def test_deterioration_makes_the_pathway_an_emergency_with_the_coordinator_now(worse):
    # stable spinal metastases, neurologically intact: routine with no coordinator call
    doc = case(imaging=[study(MRI, [lesion("T8")])], **NEG)
    doc = with_earlier(doc, mrc={"left_leg": 5}) if not worse else with_earlier(doc)
    if worse:
        doc["neuro_exam"]["mrc_power"]["left_leg"] = 4
    a = assess(doc)
    assert (a["pathway"]["urgency"] == "emergency") is worse
    coordinator = action(a, "contact_mscc_coordinator")
    assert (coordinator is not None and coordinator["due_within_hours"] == 0) is worse


@pytest.mark.parametrize("worse, status", [(True, "recommended"), (False, "taper")])
def test_deterioration_raises_dexamethasone_over_the_taper(worse, status):
    doc = case(procedures__radiotherapy_started_at="2026-03-09T12:00:00+00:00",
               medications__dexamethasone_started_at="2026-03-05T12:00:00+00:00")
    doc = with_earlier(doc, mrc={"left_leg": 5} if worse else {})
    o = order(assess(doc), "dexamethasone")
    assert o["status"] == status
    if worse:
        assert o["dose"]["value"] == 16 and "neurological deterioration" in o["reason"]


def test_deterioration_never_restarts_steroids_when_mscc_is_excluded():
    doc = case(imaging=[study(MRI, [], metastases_excluded=True)],
               medications__dexamethasone_started_at="2026-03-09T12:00:00+00:00")
    doc = with_earlier(doc, mrc={"left_leg": 5})
    assert order(assess(doc), "dexamethasone")["status"] == "stop"


def test_earlier_examinations_must_come_before_the_latest():
    doc = with_earlier(case())
    doc["earlier_neuro_exams"][0]["examined_at"] = LATEST
    with pytest.raises(engine.CaseError, match="not before the latest examination"):
        engine.parse_case(doc)
    doc = with_earlier(case())
    del doc["neuro_exam"]["examined_at"]
    with pytest.raises(engine.CaseError, match="needs its time"):
        engine.parse_case(doc)


def test_a_case_without_earlier_examinations_is_unchanged():
    a, b = assess(case()), assess(case())
    assert a == b and "neuro_trend" not in alert_codes(a)
    assert a["derived"]["neuro_trend"] is None


@pytest.mark.parametrize("name, worse", [("serial-deterioration", True), ("serial-stable", False)])
def test_shipped_serial_examples(name, worse):
    from conftest import REPO
    import json
    a = engine.assess(json.loads((REPO / "examples" / f"{name}.json").read_text()))
    assert ("neuro_deterioration" in alert_codes(a)) is worse
    assert ("neuro_trend" in alert_codes(a)) is (not worse)
    assert len(a["derived"]["neuro_trend"]["timeline"]) == 2
