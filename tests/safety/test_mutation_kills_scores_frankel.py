"""Behaviour of the Frankel score that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment's score checked."""
from __future__ import annotations

from engine_cases import DELETE, assess, case

ALL_FIVE = {"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5}


def test_frankel_d_when_walking_with_positive_signs_but_no_recorded_deficit():
    """Full power, walks independently, brisk leg reflexes (a positive sign, not a
    functional deficit), bladder not recorded: not provably normal, neurology positive."""
    a = assess(case(neuro_exam__mrc_power=ALL_FIVE, neuro_exam__ambulation="independent",
                    presentation__limb_weakness=False, presentation__walking_difficulty=False,
                    neuro_exam__reflexes_legs="brisk", presentation__bladder_dysfunction=DELETE))
    assert a["scores"]["frankel"]["grade"] == "D"
    assert a["scores"]["frankel"]["inputs"]["neuro_status"] == "positive"



WALKS_FULL_POWER = dict(neuro_exam__mrc_power=ALL_FIVE, neuro_exam__ambulation="independent",
                        presentation__limb_weakness=False, presentation__walking_difficulty=False,
                        neuro_exam__reflexes_legs="normal")


def frankel(**edits):
    return assess(case(**WALKS_FULL_POWER, **edits))["scores"]["frankel"]


def test_frankel_e_when_walking_with_nothing_abnormal():
    assert frankel()["grade"] == "E"


def test_reduced_anal_tone_alone_is_a_deficit():
    assert frankel(neuro_exam__anal_tone="reduced")["grade"] == "D"


def test_sensory_impairment_is_a_deficit_even_while_neurology_is_incomplete():
    """Peripheral neuropathy makes sensation impaired; bowel function unrecorded leaves the
    neurological status unknown: the sensory deficit still grades D."""
    score = frankel(history__peripheral_neuropathy=True, presentation__bowel_dysfunction=DELETE)
    assert score["inputs"]["neuro_status"] == "unknown"
    assert score["grade"] == "D"
