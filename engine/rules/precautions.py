"""Section 5: spinal precautions and the alerts that go with them."""
from __future__ import annotations

from engine.decision_tables import row, table
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.rules.imaging import ImagingFacts
from engine.scores.levels import at_or_above, region
from engine.thresholds import threshold

# The SINS from which the NHS protocols immobilise (potentially unstable): the same edge
# as SINS-2010's indeterminate band, declared here as the precautions rule's own limit.
SINS_PRECAUTIONS = threshold("SINS", 7, "", "at_least", "NHS-MSCC-PRECAUTIONS")
# Levels (not numbers): the level alerts fire at this level or above.
RESPIRATORY_FROM = "C5"
DIAPHRAGM = "C3-C5"
DYSREFLEXIA_FROM = "T6"

# What precautions, for which spine: the first matching row decides. "needed" is any
# trigger of PREC-1 with no current stability sign-off; "cervical" is a worst or
# compressing lesion in C1-C7, or, with no imaged lesion, cervical pain.
BY_LEVEL = table("spinal precautions by level", ("needed", "cervical"), ("code", "text"), [
    row({"needed": False},
        {"code": "none", "text": "No spinal precautions required by the rules."},
        "NHS-MSCC-PRECAUTIONS"),
    row({"needed": True, "cervical": True},
        {"code": "cervical_collar_log_roll",
         "text": "Rigid cervical collar; log-roll with head hold; nurse flat in neutral "
                 "alignment until a spinal surgeon documents that the spine is stable."},
        "NHS-MSCC-PRECAUTIONS"),
    row({"needed": True, "cervical": False},
        {"code": "flat_log_roll",
         "text": "Nurse flat in neutral spinal alignment; log-roll for turns and care until a "
                 "spinal surgeon documents that the spine is stable."},
        "NHS-MSCC-PRECAUTIONS"),
])
PRECAUTIONS = rule("PREC-1", 4, "Spinal precautions until a spinal surgeon documents stability",
                   ["NHS-MSCC-PRECAUTIONS", "COCHRANE-CD007609", "SINS-2010"],
                   ["apply with: neurology positive or unknown; mechanical pain that is severe; "
                    f"worst lesion's SINS minimum {SINS_PRECAUTIONS.phrase}; mechanical pain and "
                    f"an incomplete lesion whose SINS maximum is {SINS_PRECAUTIONS.phrase}",
                    "collar when the worst or compressing lesion is cervical, or with no imaged "
                    "lesion when pain is cervical",
                    "a stability sign-off lifts them only when it is after every study with a "
                    "lesion and after the first neurological symptom"],
                   thresholds=[SINS_PRECAUTIONS], tables=[BY_LEVEL])
TRANSPORT = rule("ALERT-TRANSPORT-1", 2, "Tell transport and receiving teams",
                 ["NHS-MSCC-PRECAUTIONS"])
RESPIRATORY = rule("ALERT-RESP-1", 2, f"Lesion or compression at {RESPIRATORY_FROM} or above",
                   ["NHS-MSCC-PRECAUTIONS"],
                   [f"{RESPIRATORY_FROM} or above (diaphragm {DIAPHRAGM})"])
DYSREFLEXIA = rule("ALERT-AD-1", 2, f"Compression at {DYSREFLEXIA_FROM} or above",
                   ["NHS-MSCC-PRECAUTIONS"], [f"{DYSREFLEXIA_FROM} or above"])


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
        "sins_min_7_or_more": worst is not None and SINS_PRECAUTIONS.met_by(worst.total_min),
        "mechanical_pain_incomplete_sins_reaching_7": pain == "mechanical" and any(
            not s.complete and SINS_PRECAUTIONS.met_by(s.total_max) for s in im.lesions),
    }
    applies = not lifted and any(triggers.values())
    if not lifted and pain == "mechanical" and severe is None:
        ev.need("presentation.pain_severe")
    cervical = False
    if applies:
        compressing = [s.level for s in im.lesions
                       if (s.study_index, s.lesion_index) in im.compressing]
        cervical = (worst is not None and region(worst.level) == "cervical") or any(
            region(level) == "cervical" for level in compressing)
        if not im.lesions:
            cervical = "cervical" in (f.pres.pain_regions or [])
            if f.pres.pain_regions is None:
                ev.need("presentation.pain_regions")
        ev.alert(TRANSPORT, "transport_unstable_spine", "warning",
                 "Spine potentially unstable: tell porters, transport and receiving teams; "
                 "move with spinal precautions.")
    chosen = BY_LEVEL.first(needed=applies, cervical=cervical).then
    code = chosen["code"]
    ev.record(PRECAUTIONS, applies, lifted=lifted, triggers=triggers, code=code,
              spine_declared_stable_at=f.proc.spine_declared_stable_at,
              stability_sign_off_current=signed_off)
    ev.record(TRANSPORT, applies)
    ev.precautions = _precautions(code, chosen["text"])
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


def _precautions(code: str, text: str):
    from engine.models.assessment import Precautions
    return Precautions(code=code, text=text, sources=list(PRECAUTIONS.sources),
                       rule=PRECAUTIONS.id)


def _level_alerts(ev: Evaluation, im: ImagingFacts, pathway: str) -> None:
    active = pathway not in ("mscc_excluded", "post_treatment")
    high = [s.level for s in im.lesions if at_or_above(s.level, RESPIRATORY_FROM)]
    high += [lv for lv in im.compression_levels if at_or_above(lv, RESPIRATORY_FROM)]
    resp = active and bool(high)
    if resp:
        ev.alert(RESPIRATORY, "respiratory_risk", "warning",
                 f"Lesion or compression at {', '.join(sorted(set(high)))} ({RESPIRATORY_FROM} "
                 f"or above): watch breathing (diaphragm {DIAPHRAGM}); early anaesthetic review "
                 "if it worsens.")
    ev.record(RESPIRATORY, resp, levels=sorted(set(high)))
    ad = [lv for lv in im.compression_levels if at_or_above(lv, DYSREFLEXIA_FROM)]
    fired = active and bool(ad)
    if fired:
        ev.alert(DYSREFLEXIA, "autonomic_dysreflexia_risk", "warning",
                 f"Compression at {', '.join(sorted(ad))} ({DYSREFLEXIA_FROM} or above): risk of "
                 "autonomic dysreflexia - check bladder and bowel if blood pressure rises suddenly.")
    ev.record(DYSREFLEXIA, fired, levels=sorted(ad))
