"""Frankel grade from the examination (as used by the revised Tokuhashi score).

A complete motor and sensory loss; B sensory only; C motor present but useless
(cannot walk); D motor useful (walks, with or without aid); E normal motor and sensory
function and sphincters (abnormal reflexes allowed)."""
from __future__ import annotations

from typing import Optional

from engine.facts import Facts
from engine.rules.neuro import MRC_WEAK


def frankel(facts: Facts, neuro_status: str, sensory: Optional[bool]) -> Optional[dict]:
    exam, mrc = facts.exam, facts.mrc
    legs = (mrc.right_leg, mrc.left_leg)
    inputs = {"ambulation": exam.ambulation, "mrc_legs": list(legs),
              "saddle_anaesthesia": exam.saddle_anaesthesia, "neuro_status": neuro_status}
    grade = None
    if exam.ambulation in ("independent", "with_aid"):
        deficit, normal = _deficit(facts, sensory)
        if deficit:
            grade = "D"
        elif normal:
            grade = "E"  # full power, no sensory or sphincter deficit (reflexes may differ)
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


def _deficit(facts: Facts, sensory: Optional[bool]) -> tuple[bool, bool]:
    """(a motor, sensory or sphincter deficit is recorded, none is and all are known).
    Frankel grades function: brisk reflexes or radicular pain alone leave grade E."""
    mrc = facts.mrc
    power = (mrc.right_arm, mrc.left_arm, mrc.right_leg, mrc.left_leg)
    pres, exam = facts.pres, facts.exam
    sphincter = (pres.bladder_dysfunction, pres.bowel_dysfunction)
    tone = exam.anal_tone
    deficit = (any(p is not None and MRC_WEAK.met_by(p) for p in power) or sensory is True
               or True in sphincter or exam.saddle_anaesthesia is True
               or tone in ("reduced", "absent"))
    normal = (not deficit and None not in power and sensory is False
              and sphincter == (False, False))
    return deficit, normal
