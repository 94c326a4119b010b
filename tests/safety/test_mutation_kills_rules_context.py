"""Behaviour of the evaluation context (engine/rules/context.py: actions, alerts and the
rule trace) that survivors of the cosmic-ray run (python -m tools.mutation,
docs/mutation.md) showed no test pinned. Behavioural only: cases from engine_cases,
assessed, and the assessment checked."""
from __future__ import annotations

import copy

from engine_cases import MRI, action, assess, case, lesion, study


def test_same_action_with_the_same_deadline_keeps_the_first_rule_and_text():
    """Deterioration asks for the coordinator now, as the imaging rule already did: the
    action stays the imaging rule's (equal deadlines never replace one another)."""
    doc = case()
    earlier = copy.deepcopy(doc["neuro_exam"])
    earlier["examined_at"] = "2026-03-10T06:00:00+00:00"
    earlier["mrc_power"] = {**earlier["mrc_power"], "left_leg": 5}
    doc["earlier_neuro_exams"] = [earlier]
    coordinator = action(assess(doc), "contact_mscc_coordinator")
    assert coordinator["due_within_hours"] == 0
    assert coordinator["rule"] == "IMG-NEURO-1"
    assert coordinator["text"].startswith("Contact the MSCC coordinator now: neurological "
                                          "symptoms or signs")


def test_the_same_alert_twice_is_shown_once():
    same = lesion("T8", collapse=None)             # incomplete SINS 4-7 on two studies
    a = assess(case(imaging=[study(MRI, [same]), study(MRI, [same])],
                    presentation__spinal_pain="mechanical", presentation__pain_severe=False))
    assert [x["code"] for x in a["alerts"]].count("sins_incomplete") == 1


def test_trace_states_times_as_iso_text_with_their_offset():
    a = assess(case(procedures__spinal_surgery_at="2026-03-09T12:00:00+00:00",
                    presentation__neuro_onset_at="2026-03-08T08:00:00+00:00"))
    neuro = next(t for t in a["trace"] if t["rule"] == "NEURO-1")
    assert neuro["inputs"]["examined_at"] == "2026-03-10T11:00:00+00:00"
    post = next(t for t in a["trace"] if t["rule"] == "PATH-POST-1")
    assert post["inputs"]["spinal_surgery_at"] == "2026-03-09T12:00:00+00:00"
    assert post["inputs"]["neuro_onset_at"] == "2026-03-08T08:00:00+00:00"
