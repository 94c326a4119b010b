"""Serial neurological examinations: the latest (`neuro_exam`) compared with the one
before it and with the first of the episode (`earlier_neuro_exams`). Any worsening is
`neuro_deterioration` (critical): the pathway becomes an emergency, the MSCC coordinator
is contacted now, and dexamethasone goes back to the full dose (DEX-1, whose order states
it; clinical-rules.md section 6; NICE NG234: progressive signs need immediate coordinator
contact). Improvement and stability are stated too, never left unsaid."""
from __future__ import annotations

from dataclasses import dataclass

from engine.models.case import NeuroExam
from engine.models.vocabulary import SENSORY_LEVELS
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.rules.dexamethasone import DAILY as DEX_DAILY
from engine.rules.imaging import COORDINATOR_NEURO as COORDINATOR_NOW, due_words, hours
from engine.rules.neuro import MRC_WEAK
from engine.thresholds import threshold

MRC_FALL = threshold("fall in MRC power", 1, "grade", "at_least", "NICE-NG234-1.3")
TREND = rule("NEURO-TREND-1", 2, "Serial neurological examinations: deterioration",
             ["NICE-NG234-1.3", "NICE-NG234-1.8"],
             [f"a {MRC_FALL.name} of {MRC_FALL.limit} or more in any limb",
              "a lower Frankel grade", "a new or higher sensory level",
              "new bladder or bowel dysfunction",
              "walking worse (independent -> with aid -> unable)",
              f"deterioration: coordinator {due_words(COORDINATOR_NOW)}, urgency emergency, "
              f"dexamethasone back to {DEX_DAILY.limit} daily (DEX-1)"],
             thresholds=[MRC_FALL, COORDINATOR_NOW])

LIMBS = {"right_arm": "right arm", "left_arm": "left arm", "right_leg": "right leg",
         "left_leg": "left leg"}
WALKING = ("unable", "with_aid", "independent")             # worst first
WALKING_WORDS = {"unable": "unable to walk", "with_aid": "walks with an aid",
                 "independent": "walks independently"}
FRANKEL_ORDER = "ABCDE"                                     # A worst
SPHINCTERS = {"bladder_dysfunction": "bladder", "bowel_dysfunction": "bowel"}


@dataclass(frozen=True)
class Snapshot:
    """One examination's comparable findings (None = not recorded)."""
    at: object
    mrc: dict
    sensory_level: str | None
    walking: str | None
    frankel: str | None
    sphincters: dict


def exam_frankel(exam: NeuroExam) -> str | None:
    """Frankel grade from one examination alone: A/B complete motor loss (sacral
    sensation decides), C motor useless, D walks with a deficit, E normal."""
    mrc = exam.mrc_power
    legs = (mrc.right_leg, mrc.left_leg) if mrc else (None, None)
    if exam.ambulation == "unable":
        if legs == (0, 0):
            return {True: "A", False: "B"}.get(exam.saddle_anaesthesia)
        return "C" if any(leg is not None and leg > 0 for leg in legs) else None
    if exam.ambulation in ("independent", "with_aid"):
        limbs = [getattr(mrc, limb) for limb in LIMBS] if mrc else [None] * 4
        deficit = (any(v is not None and MRC_WEAK.met_by(v) for v in limbs)
                   or exam.sensory_level not in (None, "none") or exam.ambulation == "with_aid")
        if deficit:
            return "D"
        if None in limbs or exam.sensory_level is None:
            return None
        return "E"
    return None


def snapshot(exam: NeuroExam, sphincters: dict) -> Snapshot:
    mrc = exam.mrc_power
    return Snapshot(at=exam.examined_at,
                    mrc={limb: getattr(mrc, limb) if mrc else None for limb in LIMBS},
                    sensory_level=exam.sensory_level, walking=exam.ambulation,
                    frankel=exam_frankel(exam), sphincters=sphincters)


def _level_rank(level: str | None) -> int | None:
    """Higher rank = worse: 'none' is 0; a level nearer the head ranks higher."""
    if level is None:
        return None
    return 0 if level == "none" else len(SENSORY_LEVELS) - SENSORY_LEVELS.index(level)


def changes(before: Snapshot, after: Snapshot) -> tuple[list[str], list[str]]:
    """(worse, better): each a finding in words with its values before and after."""
    worse, better = [], []

    def note(got_worse: bool, text: str) -> None:
        (worse if got_worse else better).append(text)

    for limb, words in LIMBS.items():
        a, b = before.mrc[limb], after.mrc[limb]
        if a is not None and b is not None and (MRC_FALL.met_by(a - b) or b > a):
            note(MRC_FALL.met_by(a - b), f"{words} power MRC {a} -> {b}")
    ra, rb = _level_rank(before.sensory_level), _level_rank(after.sensory_level)
    if ra is not None and rb is not None and ra != rb:
        note(rb > ra, f"sensory level {before.sensory_level} -> {after.sensory_level}")
    if before.walking and after.walking and before.walking != after.walking:
        note(WALKING.index(after.walking) < WALKING.index(before.walking),
             f"{WALKING_WORDS[before.walking]} -> {WALKING_WORDS[after.walking]}")
    if before.frankel and after.frankel and before.frankel != after.frankel:
        note(after.frankel < before.frankel, f"Frankel {before.frankel} -> {after.frankel}")
    for field, words in SPHINCTERS.items():
        a, b = before.sphincters.get(field), after.sphincters.get(field)
        if a is not None and b is not None and a != b:
            note(b is True, f"{'new' if b else 'resolved'} {words} dysfunction")
    return worse, better


def _when(moment) -> str:
    return f"{moment:%H:%M} {moment:%a} {moment.day} {moment:%b}"


def evaluate_neuro_trend(ev: Evaluation) -> bool:
    """True when the latest examination is worse than an earlier one; records the
    comparison in words (ev.notes['neuro_trend']) for the screen and the paper."""
    f = ev.facts
    earlier = sorted(ev.case.earlier_neuro_exams or [], key=lambda e: e.examined_at)
    if not earlier or ev.case.neuro_exam is None:
        ev.record(TREND, False, examinations=len(earlier) + (ev.case.neuro_exam is not None))
        return False
    latest = snapshot(ev.case.neuro_exam, {k: getattr(f.pres, k) for k in SPHINCTERS})
    snaps = [snapshot(e, {k: getattr(e, k) for k in SPHINCTERS}) for e in earlier]
    compared = [snaps[-1]] + ([snaps[0]] if len(snaps) > 1 else [])
    findings = []
    for before in compared:
        worse, better = changes(before, latest)
        findings.append({"from": before.at.isoformat(), "to": latest.at.isoformat(),
                         "worse": worse, "better": better})
    deteriorated = any(x["worse"] for x in findings)
    ev.notes["neuro_trend"] = {"deteriorated": deteriorated, "comparisons": findings,
                               "timeline": [_row(s) for s in snaps + [latest]]}
    if deteriorated:
        said = "; ".join(
            f"between {_when(before.at)} and {_when(latest.at)}: " + ", ".join(x["worse"])
            for before, x in zip(compared, findings) if x["worse"])
        ev.alert(TREND, "neuro_deterioration", "critical",
                 f"Neurological deterioration {said}. Contact the MSCC coordinator "
                 f"{due_words(COORDINATOR_NOW)}; dexamethasone back to {DEX_DAILY.limit} daily.")
    else:
        last = findings[0]
        state = ("improved: " + ", ".join(last["better"])) if last["better"] else "unchanged"
        ev.alert(TREND, "neuro_trend", "info",
                 f"Neurological examination {_when(latest.at)} compared with "
                 f"{_when(snaps[-1].at)}: {state}.")
    ev.record(TREND, deteriorated, comparisons=findings)
    return deteriorated


def _row(s: Snapshot) -> dict:
    return {"at": s.at.isoformat(), "mrc": s.mrc, "sensory_level": s.sensory_level,
            "ambulation": s.walking, "frankel": s.frankel}


def escalate(ev: Evaluation) -> None:
    """Deterioration makes any pathway but an excluded one an emergency, with the
    coordinator contacted now (the earlier deadline stands)."""
    if ev.pathway is not None and ev.pathway.code != "mscc_excluded":
        ev.pathway = ev.pathway.model_copy(update={"urgency": "emergency"})
        ev.act(TREND, "contact_mscc_coordinator", hours(COORDINATOR_NOW),
               f"Contact the MSCC coordinator {due_words(COORDINATOR_NOW)}: the neurological "
               "examination has got worse.")
