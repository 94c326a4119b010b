"""Section 5: spinal precautions and the alerts that go with them."""
from __future__ import annotations

from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.rules.imaging import ImagingFacts
from engine.scores.levels import at_or_above, region
from engine.scores.sins import STABLE_MAX

PRECAUTIONS = rule("PREC-1", 3, "Spinal precautions until a spinal surgeon documents stability",
                   ["NHS-MSCC-PRECAUTIONS", "COCHRANE-CD007609", "SINS-2010"],
                   ["apply with: neurology positive or unknown; mechanical pain that is severe; "
                    "worst SINS minimum 7 or more; mechanical pain and an incomplete lesion whose "
                    "SINS maximum reaches 7", "collar when the worst or compressing lesion is "
                    "cervical, or with no imaged lesion when pain is cervical",
                    "a stability sign-off lifts them only when it is after every study with a "
                    "lesion and after the first neurological symptom"])
TRANSPORT = rule("ALERT-TRANSPORT-1", 1, "Tell transport and receiving teams",
                 ["NHS-MSCC-PRECAUTIONS"])
RESPIRATORY = rule("ALERT-RESP-1", 1, "Lesion or compression at C5 or above",
                   ["NHS-MSCC-PRECAUTIONS"], ["C5 or above (diaphragm C3-C5)"])
DYSREFLEXIA = rule("ALERT-AD-1", 1, "Compression at T6 or above", ["NHS-MSCC-PRECAUTIONS"],
                   ["T6 or above"])

TEXT = {
    "cervical_collar_log_roll": "Rigid cervical collar; log-roll with head hold; nurse flat in "
    "neutral alignment until a spinal surgeon documents that the spine is stable.",
    "flat_log_roll": "Nurse flat in neutral spinal alignment; log-roll for turns and care "
    "until a spinal surgeon documents that the spine is stable.",
    "none": "No spinal precautions required by the rules.",
}


def evaluate_precautions(ev: Evaluation, im: ImagingFacts, neuro: str, pathway: str) -> str:
    f = ev.facts
    pain, severe = f.pres.spinal_pain, f.pres.pain_severe
    worst = im.worst
    signed_off = current_stability_sign_off(ev)
    lifted = pathway == "mscc_excluded" or signed_off
    old = f.proc.spine_declared_stable_at
    if old is not None and not signed_off and pathway != "mscc_excluded":
        ev.alert(PRECAUTIONS, "stability_sign_off_outdated", "info",
                 f"The spinal surgeon's stability sign-off of {old.day} {old:%b %Y} predates "
                 "later imaging or the neurological symptoms: it does not lift precautions; "
                 "ask for a new review.")
    triggers = {
        "neuro_positive_or_unknown": neuro != "negative",
        "severe_mechanical_pain": pain == "mechanical" and severe is True,
        "sins_min_7_or_more": worst is not None and worst.total_min > STABLE_MAX,
        "mechanical_pain_incomplete_sins_reaching_7": pain == "mechanical" and any(
            not s.complete and s.total_max > STABLE_MAX for s in im.lesions),
    }
    applies = not lifted and any(triggers.values())
    if not lifted and pain == "mechanical" and severe is None:
        ev.need("presentation.pain_severe")
    code = "none"
    if applies:
        compressing = [s.level for s in im.lesions
                       if (s.study_index, s.lesion_index) in im.compressing]
        cervical = (worst is not None and region(worst.level) == "cervical") or any(
            region(level) == "cervical" for level in compressing)
        if not im.lesions:
            cervical = "cervical" in (f.pres.pain_regions or [])
            if f.pres.pain_regions is None:
                ev.need("presentation.pain_regions")
        code = "cervical_collar_log_roll" if cervical else "flat_log_roll"
        ev.alert(TRANSPORT, "transport_unstable_spine", "warning",
                 "Spine potentially unstable: tell porters, transport and receiving teams; "
                 "move with spinal precautions.")
    ev.record(PRECAUTIONS, applies, lifted=lifted, triggers=triggers, code=code,
              spine_declared_stable_at=f.proc.spine_declared_stable_at,
              stability_sign_off_current=signed_off)
    ev.record(TRANSPORT, applies)
    ev.precautions = _precautions(code)
    _level_alerts(ev, im, pathway)
    return code


def current_stability_sign_off(ev: Evaluation) -> bool:
    """Section 0: a sign-off answers only for what was known when it was made - it must
    be after every study with a lesion (a study without a time could be later) and
    after the first neurological symptom."""
    f = ev.facts
    signed = f.proc.spine_declared_stable_at
    if signed is None:
        return False
    studies = [s.performed_at for s in f.studies if s.lesions]
    onset = f.pres.neuro_onset_at
    return all(done is not None and signed > done for done in studies) and (
        onset is None or signed > onset)


def _precautions(code: str):
    from engine.models.assessment import Precautions
    return Precautions(code=code, text=TEXT[code], sources=list(PRECAUTIONS.sources),
                       rule=PRECAUTIONS.id)


def _level_alerts(ev: Evaluation, im: ImagingFacts, pathway: str) -> None:
    active = pathway not in ("mscc_excluded", "post_treatment")
    high = [s.level for s in im.lesions if at_or_above(s.level, "C5")]
    high += [lv for lv in im.compression_levels if at_or_above(lv, "C5")]
    resp = active and bool(high)
    if resp:
        ev.alert(RESPIRATORY, "respiratory_risk", "warning",
                 f"Lesion or compression at {', '.join(sorted(set(high)))} (C5 or above): "
                 "watch breathing (diaphragm C3-C5); early anaesthetic review if it worsens.")
    ev.record(RESPIRATORY, resp, levels=sorted(set(high)))
    ad = [lv for lv in im.compression_levels if at_or_above(lv, "T6")]
    fired = active and bool(ad)
    if fired:
        ev.alert(DYSREFLEXIA, "autonomic_dysreflexia_risk", "warning",
                 f"Compression at {', '.join(sorted(ad))} (T6 or above): risk of autonomic "
                 "dysreflexia - check bladder and bowel if blood pressure rises suddenly.")
    ev.record(DYSREFLEXIA, fired, levels=sorted(ad))
