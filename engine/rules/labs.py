"""Section 0: a lab sampled more than STALE_AFTER (engine.facts) before assessed_at is
stale - it raises stale_result and counts as unknown for every order it gates
(Facts.fresh). Every text that states the limit is made here from that one value: the
rule's criterion, the alert, and the sentences the desktop and the summary show."""
from __future__ import annotations

from datetime import timedelta

from engine.facts import STALE as STALE_LIMIT
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.units import ANALYTES


def stale_limit_text() -> str:
    """How old a result may be before it counts as unknown: '72 h' (the declared limit)."""
    return STALE_LIMIT.limit


def stale_note() -> str:
    """The staleness rule in one sentence, for a form or a printed note."""
    return f"Results {STALE_LIMIT.phrase} count as unknown."


STALE = rule("LAB-STALE-1", 3, "Stale results count as unknown",
             ["NICE-NG234-SUPPORTIVE", "ES-HCM-2023"],
             [f"{STALE_LIMIT.text} before assessed_at"], thresholds=[STALE_LIMIT])


def age_text(age: timedelta) -> str:
    """Whole hours and minutes, cut not rounded, with seconds when the minutes alone would
    read as the limit itself: '72 h 0 min 30 s', never '72 h' for an age just over it."""
    seconds = int(age.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours} h {minutes} min"
    return text + (f" {secs} s" if secs and minutes == 0 else "")


def evaluate_stale_labs(ev: Evaluation) -> None:
    stale = [r for r in ev.facts.labs.values() if r.stale]
    for r in stale:
        ev.alert(STALE, "stale_result", "warning",
                 f"{ANALYTES[r.name].label.capitalize()} {r.describe()} was sampled "
                 f"{age_text(ev.facts.now - r.sampled_at)} before this assessment "
                 f"({STALE_LIMIT.phrase}): "
                 "treated as unknown "
                 "for every order it gates. Repeat it.")
    ev.record(STALE, bool(stale), stale=[r.name for r in stale])
