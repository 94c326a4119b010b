"""Behaviour of the stale-result rule that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment's alert checked."""
from __future__ import annotations

import pytest

from engine_cases import assess, case


@pytest.mark.parametrize("sampled_at, age", [
    ("2026-03-07T11:54:30+00:00", "72 h 5 min"),          # seconds dropped: minutes say it
    ("2026-03-07T11:59:30+00:00", "72 h 0 min 30 s"),     # seconds kept: over, not at, 72 h
    ("2026-03-07T11:59:01+00:00", "72 h 0 min 59 s"),     # 59 s is not yet a minute
    ("2026-03-07T11:01:00+00:00", "72 h 59 min"),         # 59 min is not yet an hour
])
def test_stale_result_age_shows_seconds_only_when_the_minutes_read_as_the_limit(sampled_at,
                                                                                  age):
    a = assess(case(labs__platelets={"value": 250, "unit": "10^9/L", "sampled_at": sampled_at}))
    texts = [x["text"] for x in a["alerts"] if x["code"] == "stale_result"]
    assert texts == [f"Platelet count 250 10^9/L was sampled {age} before this assessment "
                     "(older than 72 h): treated as unknown for every order it gates. Repeat it."]
