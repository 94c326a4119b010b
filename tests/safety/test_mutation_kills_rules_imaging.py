"""Behaviour of the imaging rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

import pytest

from engine_cases import MRI, action, alert_codes, assess, case, lesion, study

NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")


def fired(a, rule_id):
    return next(t for t in a["trace"] if t["rule"] == rule_id)["fired"]


def test_outdated_study_is_named_by_its_position_from_one():
    old = study(MRI, [lesion("T8")], performed_at="2026-01-01T10:00:00+00:00")
    a = assess(case(imaging=[old]))
    texts = [x["text"] for x in a["alerts"] if x["code"] == "imaging_outdated"]
    assert texts and texts[0].startswith("Study 1 (whole-spine MRI of 1 Jan 2026) is more than "
                                         "28 days old")


@pytest.mark.parametrize("grade, hours, words", [
    ("1b", 24, "MRI of the whole spine within 24 hours (epidural disease already shown)."),
    ("1c", 24, "MRI of the whole spine within 24 hours (epidural disease already shown)."),
    ("1a", 168, "MRI of the whole spine within 1 week."),
])
def test_pain_pathway_scan_sooner_when_epidural_disease_is_shown(grade, hours, words):
    a = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade=grade)])], **NEG))
    scan = action(a, "mri_whole_spine")
    assert scan["due_within_hours"] == hours
    assert scan["text"] == words


def test_compression_on_a_limited_mri_asks_for_ct_when_mri_is_contraindicated():
    a = assess(case(mri_contraindicated=True,
                    imaging=[study("mri_limited", [lesion("T8", bilsky_grade="3")])]))
    assert fired(a, "IMG-LIMITED-1") is True
    assert action(a, "ct_spine")["due_within_hours"] == 24


def test_unfit_patient_with_pain_only_gets_conditional_imaging():
    a = assess(case(cancer__fit_for_treatment=False, **NEG))
    assert fired(a, "IMG-PAIN-1") is True and fired(a, "IMG-LIMITED-1") is False
    assert fired(a, "IMG-UNFIT-1") is True
    assert "imaging_conditional" in alert_codes(a)
    assert action(a, "goals_of_care_discussion")["due_within_hours"] == 24
    assert action(a, "mri_whole_spine")["due_within_hours"] is None


def test_incomplete_answering_study_is_named_by_its_position_from_one():
    a = assess(case(imaging=[study(MRI, [])]))
    texts = [x["text"] for x in a["alerts"] if x["code"] == "imaging_incomplete"]
    assert texts and texts[0].startswith("Study 1 (whole-spine MRI) records no lesion")


@pytest.mark.parametrize("levels, areas", [(["T12", "L1"], 1), (["T11", "T12"], 2)])
def test_cauda_equina_is_one_more_area_unless_a_run_reaches_l1(levels, areas):
    a = assess(case(imaging=[study(MRI, [lesion(lv, bilsky_grade="3") for lv in levels],
                                   cauda_equina_compression=True)]))
    compression = next(t for t in a["trace"] if t["rule"] == "IMG-COMPRESSION-1")
    assert compression["inputs"]["areas"] == areas


def test_no_imaging_conflict_without_an_excluding_study():
    a = assess(case(imaging=[study(MRI, [lesion("T8")])]))
    assert "imaging_conflict" not in alert_codes(a)
    assert fired(a, "IMG-CONFLICT-1") is False


@pytest.mark.parametrize("one, incomplete_alert", [
    (lesion("T8", lesion_type=None), False),      # SINS 4-6: cannot reach 7
    (lesion("T8", collapse=None), True),          # SINS 4-7: may be unstable
])
def test_incomplete_sins_alert_only_when_the_maximum_reaches_7(one, incomplete_alert):
    a = assess(case(imaging=[study(MRI, [one])], presentation__spinal_pain="mechanical",
                    presentation__pain_severe=False))
    assert ("sins_incomplete" in alert_codes(a)) is incomplete_alert


def test_highest_bilsky_grade_is_by_grade_not_by_level_name():
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="1a"),
                                         lesion("L2", bilsky_grade="3")])]))
    assert a["scores"]["bilsky"] == {"grade": "3", "level": "L2", "high_grade": True,
                                     "graded_lesions": 2}


def test_limited_mri_rule_records_which_answering_study_is_on_file():
    def inputs(a):
        return next(t for t in a["trace"] if t["rule"] == "IMG-LIMITED-1")["inputs"]
    mri = inputs(assess(case(imaging=[study(MRI, [lesion("T8")])])))
    assert (mri["whole_spine_mri_on_file"], mri["answering_ct_on_file"]) == (True, False)
    ct = inputs(assess(case(mri_contraindicated=True, imaging=[study("ct", [lesion("T8")])])))
    assert (ct["whole_spine_mri_on_file"], ct["answering_ct_on_file"]) == (False, True)


def test_every_outdated_study_is_named_by_its_own_position():
    old = [study(MRI, [lesion("T8")], performed_at="2026-01-01T10:00:00+00:00"),
           study(MRI, [lesion("T8")], performed_at="2026-01-02T10:00:00+00:00")]
    texts = [x["text"] for x in assess(case(imaging=old))["alerts"]
             if x["code"] == "imaging_outdated"]
    assert [t[:8] for t in texts] == ["Study 1 ", "Study 2 "]


def test_compression_with_cauda_equina_unrecorded_counts_the_lesion_only():
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="3")],
                                   cauda_equina_compression=None)]))     # not assessed
    compression = next(t for t in a["trace"] if t["rule"] == "IMG-COMPRESSION-1")
    assert compression["inputs"]["areas"] == 1
    assert compression["inputs"]["cauda_equina_compression"] is False
