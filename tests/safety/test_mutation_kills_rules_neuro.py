"""Behaviour of the neurological-status rule that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, assess, case, hours_before

NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
HEAD = "Neurological assessment incomplete: treated as positive (emergency) until recorded. "
OLD = "The only examination is more than 24 h old: examine again today. "


def incomplete_text(**edits) -> str:
    a = assess(case(**NEG, **edits))
    texts = [x["text"] for x in a["alerts"] if x["code"] == "neuro_assessment_incomplete"]
    assert len(texts) == 1
    return texts[0]


def test_old_examination_alone_says_examine_again_and_lists_nothing():
    assert incomplete_text(neuro_exam__examined_at=hours_before(30)) == HEAD + OLD


@pytest.mark.parametrize("old", [False, True])
def test_unrecorded_symptom_is_listed_and_the_old_examination_only_when_old(old):
    edits = {"presentation__sensory_loss": DELETE}
    if old:
        edits["neuro_exam__examined_at"] = hours_before(30)
    text = incomplete_text(**edits)
    assert text.startswith(HEAD + (OLD if old else "") + "Not recorded: ")
    listed = text.removeprefix(HEAD + (OLD if old else "") + "Not recorded: ")
    assert "Sensory loss" in listed
    assert "xamin" not in listed          # the examination's time is said above, not listed
