"""Frankel grade from the examination (as used by the revised Tokuhashi score).

A complete motor and sensory loss; B sensory only; C motor present but useless
(cannot walk); D motor useful (walks, with or without aid); E normal."""
from __future__ import annotations

from typing import Optional

from engine.facts import Facts


def frankel(facts: Facts, neuro_status: str, sensory: Optional[bool]) -> Optional[dict]:
    exam, mrc = facts.exam, facts.mrc
    legs = (mrc.right_leg, mrc.left_leg)
    inputs = {"ambulation": exam.ambulation, "mrc_legs": list(legs),
              "saddle_anaesthesia": exam.saddle_anaesthesia, "neuro_status": neuro_status}
    grade = None
    if exam.ambulation in ("independent", "with_aid"):
        if neuro_status == "negative" and sensory is False:
            grade = "E"
        elif neuro_status in ("positive", "negative"):
            grade = "D" if neuro_status == "positive" or sensory else "E"
    elif exam.ambulation == "unable":
        if None not in legs and max(legs) > 0:
            grade = "C"
        elif legs == (0, 0):
            # Sacral sensation decides complete (A) versus sensory-incomplete (B).
            grade = {True: "A", False: "B"}.get(exam.saddle_anaesthesia)
    if grade is None:
        return None
    return {"grade": grade, "inputs": inputs}
