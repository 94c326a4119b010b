"""Behaviour of the dexamethasone rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

import copy

import pytest

from engine_cases import DELETE, MRI, alert_codes, assess, case, order, study

RT_STARTED = "2026-03-09T12:00:00+00:00"


def with_weaker_leg_than_before(doc: dict) -> dict:
    """An earlier examination this morning with the left leg at 5 (now 4): deterioration."""
    earlier = copy.deepcopy(doc["neuro_exam"])
    earlier["examined_at"] = "2026-03-10T06:00:00+00:00"
    earlier["mrc_power"] = {**earlier["mrc_power"], "left_leg": 5}
    doc["earlier_neuro_exams"] = [earlier]
    return doc


def test_deterioration_restarts_the_daily_dose_from_tomorrow():
    a = assess(with_weaker_leg_than_before(case()))
    assert "neuro_deterioration" in alert_codes(a)
    dex = order(a, "dexamethasone")
    assert dex["status"] == "recommended"
    assert dex["frequency"] == ("16 mg now; daily from 08:00 on Wed 11 Mar 2026: 8 mg 08:00 + "
                                "8 mg 12:00, until the MSCC team reviews")


@pytest.mark.parametrize("started, days, words", [
    ("2026-03-05T12:00:00+00:00", 5, "reduce gradually and stop. "),
    ("2026-02-01T12:00:00+00:00", 37, "reduce gradually and slowly (course over 21 days). "),
])
def test_taper_reason_says_stop_or_slow_by_course_length(started, days, words):
    a = assess(case(procedures__radiotherapy_started_at=RT_STARTED,
                    medications__dexamethasone_started_at=started))
    dex = order(a, "dexamethasone")
    assert dex["status"] == "taper"
    assert dex["reason"].startswith(f"On dexamethasone for {days} days after surgery or "
                                    f"radiotherapy: {words}Any neurological deterioration")


@pytest.mark.parametrize("started, status, reason", [
    ("2026-03-05T12:00:00+00:00", "stop", "MSCC and metastases excluded: stop dexamethasone."),
    (None, "not_indicated", "MSCC excluded; not on dexamethasone."),
])
def test_excluded_mscc_stops_or_withholds_dexamethasone(started, status, reason):
    edits = {"imaging": [study(MRI, [], metastases_excluded=True)]}
    if started:
        edits["medications__dexamethasone_started_at"] = started
    a = assess(case(**edits))
    assert a["pathway"]["code"] == "mscc_excluded"
    dex = order(a, "dexamethasone")
    assert (dex["status"], dex["reason"]) == (status, reason)


def test_deterioration_raises_the_dose_even_with_suspected_haematological_malignancy():
    a = assess(with_weaker_leg_than_before(case(cancer__haematological_suspected=True)))
    dex = order(a, "dexamethasone")
    assert dex["status"] == "recommended"
    assert dex["reason"].startswith("Temporary increase: neurological deterioration")


@pytest.mark.parametrize("edits, words", [
    ({"history__diabetes": True},
     "Steroid-induced hyperglycaemia: diabetes or glucose above 12 mmol/L, so four times daily."),
    ({}, "Steroid-induced hyperglycaemia: at least daily (before the evening meal); four times "
         "daily if diabetic or glucose above 12 mmol/L."),
])
def test_glucose_monitoring_reason_follows_its_frequency(edits, words):
    assert order(assess(case(**edits)), "capillary_glucose_monitoring")["reason"] == words


NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")


@pytest.mark.parametrize("edits, asked", [
    ({"cancer__haematological_suspected": DELETE}, True),
    ({"cancer__haematological_suspected": False}, False),
    ({"cancer__primary": "myeloma", "cancer__haematological_suspected": DELETE,
      "cancer__vertebral_metastases": DELETE}, False),       # already haematological
])
def test_haematological_suspicion_asked_only_when_unrecorded_and_not_known(edits, asked):
    a = assess(case(**NEG, **edits))
    assert order(a, "dexamethasone")["status"] == "not_indicated"
    assert ("cancer.haematological_suspected" in a["missing_inputs"]) is asked
