"""Behaviour of the serial-examination rule that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
cases from engine_cases with earlier examinations, and the assessment's derived
neuro_trend (comparisons and timeline), alerts and trace."""
from __future__ import annotations

import copy

import pytest

from engine_cases import DELETE, MRI, action, alert_codes, assess, case, study

FIRST = "2026-03-10T02:00:00+00:00"
EARLIER = "2026-03-10T06:00:00+00:00"
ALL_FIVE = {"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5}


def with_earlier(doc: dict, at: str = EARLIER, **changes) -> dict:
    """Add an earlier examination: the latest one as it is, changed by `changes`."""
    exam = copy.deepcopy(doc["neuro_exam"])
    exam["examined_at"] = at
    for key, value in changes.items():
        if key == "mrc":
            exam["mrc_power"] = {**exam["mrc_power"], **value}
        else:
            exam[key] = value
    doc.setdefault("earlier_neuro_exams", []).append(exam)
    return doc


def trend(a) -> dict:
    return a["derived"]["neuro_trend"]


def latest_frankel(a) -> str | None:
    return trend(a)["timeline"][-1]["frankel"]


def test_better_walking_and_frankel_are_improvement_not_deterioration():
    doc = with_earlier(case(neuro_exam__ambulation="independent", neuro_exam__mrc_power=ALL_FIVE,
                            presentation__walking_difficulty=False,
                            presentation__limb_weakness=False), ambulation="with_aid")
    a = assess(doc)
    assert trend(a)["deteriorated"] is False
    assert len(trend(a)["comparisons"]) == 1        # one earlier examination: one comparison
    assert trend(a)["comparisons"][0]["worse"] == []
    assert trend(a)["comparisons"][0]["better"] == ["walks with an aid -> walks independently",
                                                    "Frankel D -> E"]
    assert "neuro_deterioration" not in alert_codes(a)


@pytest.mark.parametrize("exam, grade", [
    ({"ambulation": "unable", "mrc_power": {**ALL_FIVE, "right_leg": 2, "left_leg": 2}}, "C"),
    ({"ambulation": "independent", "mrc_power": {**ALL_FIVE, "left_leg": 4}}, "D"),
    ({"ambulation": "independent", "mrc_power": ALL_FIVE}, "E"),
    ({"ambulation": "with_aid", "mrc_power": DELETE}, "D"),      # walks with an aid: a deficit
])
def test_frankel_grade_of_one_examination(exam, grade):
    edits = {f"neuro_exam__{k}": v for k, v in exam.items()}
    a = assess(with_earlier(case(**edits)))
    assert latest_frankel(a) == grade


def test_one_examination_alone_is_no_trend():
    a = assess(case())
    rule = next(t for t in a["trace"] if t["rule"] == "NEURO-TREND-1")
    assert rule["fired"] is False
    assert a["derived"]["neuro_trend"] is None


def test_the_first_examination_of_the_episode_is_compared_too():
    """Left leg 5 at the first examination, 4 at the one before the latest and now: worse
    than the first even though unchanged since the last."""
    doc = with_earlier(case(), at=FIRST, mrc={"left_leg": 5})
    doc = with_earlier(doc, at=EARLIER)
    a = assess(doc)
    froms = [c["from"] for c in trend(a)["comparisons"]]
    assert froms == [EARLIER, FIRST]
    assert trend(a)["comparisons"][0]["worse"] == []
    assert trend(a)["comparisons"][1]["worse"] == ["left leg power MRC 5 -> 4"]
    assert trend(a)["deteriorated"] is True
    assert "neuro_deterioration" in alert_codes(a)


@pytest.mark.parametrize("before, now, worse, better", [
    (False, True, ["new bladder dysfunction"], []),
    (True, False, [], ["resolved bladder dysfunction"]),
])
def test_sphincter_change_is_named_new_or_resolved(before, now, worse, better):
    doc = with_earlier(case(presentation__bladder_dysfunction=now), bladder_dysfunction=before,
                       bowel_dysfunction=False)
    comparison = trend(assess(doc))["comparisons"][0]
    assert comparison["worse"] == worse
    assert comparison["better"] == better


def test_no_change_is_stated_against_the_examination_just_before():
    doc = with_earlier(with_earlier(case(), at=FIRST), at=EARLIER)
    a = assess(doc)
    texts = [x["text"] for x in a["alerts"] if x["code"] == "neuro_trend"]
    assert texts == ["Neurological examination 11:00 Tue 10 Mar compared with 06:00 Tue 10 Mar: "
                     "unchanged."]


@pytest.mark.parametrize("legs, grade", [
    ({"right_leg": 0, "left_leg": None}, None),     # one leg 0, one unknown: not graded
    ({"right_leg": 1, "left_leg": 0}, "C"),         # a flicker of movement: motor useless
])
def test_frankel_when_unable_to_walk_needs_some_movement_for_c(legs, grade):
    power = {**ALL_FIVE, **legs}
    a = assess(with_earlier(case(neuro_exam__ambulation="unable", neuro_exam__mrc_power=power)))
    assert latest_frankel(a) == grade


def test_frankel_e_needs_every_limb_recorded():
    power = {"left_arm": 5, "right_leg": 5, "left_leg": 5}        # right arm not recorded
    a = assess(with_earlier(case(neuro_exam__ambulation="independent",
                                 neuro_exam__mrc_power=power, neuro_exam__sensory_level="none")))
    assert latest_frankel(a) is None


def test_the_lowest_sensory_level_is_still_a_new_sensory_level():
    doc = with_earlier(case(neuro_exam__sensory_level="S5"), sensory_level="none")
    worse = trend(assess(doc))["comparisons"][0]["worse"]
    assert "sensory level none -> S5" in worse


def test_no_change_since_the_last_examination_is_unchanged_even_if_better_than_the_first():
    latest = dict(neuro_exam__ambulation="independent", neuro_exam__mrc_power=ALL_FIVE,
                  presentation__walking_difficulty=False, presentation__limb_weakness=False)
    doc = with_earlier(case(**latest), at=FIRST, ambulation="with_aid")
    doc = with_earlier(doc, at=EARLIER)
    a = assess(doc)
    assert trend(a)["deteriorated"] is False
    texts = [x["text"] for x in a["alerts"] if x["code"] == "neuro_trend"]
    assert texts == ["Neurological examination 11:00 Tue 10 Mar compared with 06:00 Tue 10 Mar: "
                     "unchanged."]


def test_the_trace_counts_the_examinations():
    trace = next(t for t in assess(case())["trace"] if t["rule"] == "NEURO-TREND-1")
    assert trace["inputs"] == {"examinations": 1}


def test_deterioration_does_not_make_an_excluded_pathway_an_emergency():
    doc = with_earlier(case(imaging=[study(MRI, [], metastases_excluded=True)]),
                       mrc={"left_leg": 5})
    a = assess(doc)
    assert "neuro_deterioration" in alert_codes(a)
    assert a["pathway"]["code"] == "mscc_excluded"
    assert a["pathway"]["urgency"] == "routine"
    assert action(a, "contact_mscc_coordinator") is None
