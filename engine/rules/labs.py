"""Section 0: a lab sampled more than 72 h before assessed_at is stale - it raises
stale_result and counts as unknown for every order it gates (Facts.fresh)."""
from __future__ import annotations

from engine.facts import STALE_AFTER
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.units import ANALYTES

STALE = rule("LAB-STALE-1", 1, "Stale results count as unknown",
             ["NICE-NG234-SUPPORTIVE", "ES-HCM-2023"],
             [f"older than {int(STALE_AFTER.total_seconds() // 3600)} h before assessed_at"])


def evaluate_stale_labs(ev: Evaluation) -> None:
    stale = [r for r in ev.facts.labs.values() if r.stale]
    for r in stale:
        ev.alert(STALE, "stale_result", "warning",
                 f"{ANALYTES[r.name].label.capitalize()} {r.describe()} was sampled "
                 f"{r.age_hours:g} h before this assessment (over 72 h): treated as unknown "
                 "for every order it gates. Repeat it.")
    ev.record(STALE, bool(stale), stale=[r.name for r in stale])
