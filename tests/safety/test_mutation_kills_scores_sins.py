"""Behaviour of the SINS score that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a lesion in a case from engine_cases, assessed, and the assessment's SINS checked."""
from __future__ import annotations

import pytest

from engine_cases import MRI, assess, case, lesion, study

MECHANICAL = dict(presentation__spinal_pain="mechanical", presentation__pain_severe=False)


@pytest.mark.parametrize("one, total, category", [
    (lesion("T12", lesion_type="lytic", collapse="over_50", posterolateral="bilateral",
            alignment="deformity"), (16, 16), "unstable"),       # above 13, not only at 13
    (lesion("T12", lesion_type="lytic"), (8, 8), "indeterminate"),
    (lesion("T8", collapse=None), (4, 7), "undetermined"),       # may be stable or not
])
def test_sins_category_of_a_lesion(one, total, category):
    sins = assess(case(imaging=[study(MRI, [one])], **MECHANICAL))["scores"]["sins"]
    assert (sins["total_min"], sins["total_max"]) == total
    assert sins["category"] == category
