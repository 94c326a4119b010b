"""Section 1: neurological status (NICE NG234 1.3). Unknown is treated like positive.
An examination more than 24 h old can make it positive, never negative (section 0,
current records)."""
from __future__ import annotations

from engine import field_labels
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.thresholds import threshold

# Any power below full (MRC 5) is weakness; also used by the Frankel grade and the
# serial examinations.
MRC_WEAK = threshold("MRC power", 5, "", "below", "NICE-NG234-1.3")
# Section 0, current records (a cautious project choice; no guideline sets it).
EXAM_OLD = threshold("examination", 24, "h", "older_than", "NICE-NG234-1.3")
NEURO = rule("NEURO-1", 5, "Neurological symptoms or signs of MSCC",
             ["NICE-NG234-1.3"],
             [f"positive: any symptom or sign listed; {MRC_WEAK.text} in any limb",
              "negative only when weakness, walking, sensory, bladder and bowel symptoms are "
              "all recorded absent, MRC power of all four limbs is recorded, and nothing is "
              "positive",
              f"an examination more than {EXAM_OLD.limit} before the assessment can make the "
              "status positive, never negative"],
             thresholds=[MRC_WEAK, EXAM_OLD])
SENSORY = rule("SENSORY-1", 2, "Sensory impairment (for stocking contraindication)",
               ["NICE-NG89"])

SYMPTOMS = ("radicular_pain", "limb_weakness", "walking_difficulty", "sensory_loss",
            "bladder_dysfunction", "bowel_dysfunction")
REQUIRED_NEGATIVE = ("limb_weakness", "walking_difficulty", "sensory_loss",
                     "bladder_dysfunction", "bowel_dysfunction")
LIMBS = ("right_arm", "left_arm", "right_leg", "left_leg")


def positive_findings(ev: Evaluation) -> list[str]:
    f = ev.facts
    found = [f"presentation.{s}" for s in SYMPTOMS if getattr(f.pres, s) is True]
    found += [f"neuro_exam.mrc_power.{limb}" for limb in LIMBS
              if getattr(f.mrc, limb) is not None and MRC_WEAK.met_by(getattr(f.mrc, limb))]
    exam = f.exam
    checks = {
        "neuro_exam.reflexes_arms": exam.reflexes_arms == "brisk",
        "neuro_exam.reflexes_legs": exam.reflexes_legs == "brisk",
        "neuro_exam.plantars": exam.plantars == "extensor",
        "neuro_exam.clonus": exam.clonus is True,
        "neuro_exam.hoffmann": exam.hoffmann is True,
        "neuro_exam.sensory_level": exam.sensory_level not in (None, "none"),
        "neuro_exam.saddle_anaesthesia": exam.saddle_anaesthesia is True,
        "neuro_exam.anal_tone": exam.anal_tone in ("reduced", "absent"),
        "neuro_exam.ambulation": exam.ambulation in ("with_aid", "unable"),
    }
    return found + [path for path, hit in checks.items() if hit]


def evaluate_neuro(ev: Evaluation) -> str:
    """Returns "positive", "negative" or "unknown" and records it in ev.notes."""
    f = ev.facts
    positives = positive_findings(ev)
    unrecorded = [f"presentation.{s}" for s in REQUIRED_NEGATIVE if getattr(f.pres, s) is None]
    unrecorded += [f"neuro_exam.mrc_power.{limb}" for limb in LIMBS if getattr(f.mrc, limb) is None]
    examined = f.exam.examined_at
    old_exam = examined is not None and EXAM_OLD.met_by(f.now - examined)
    if old_exam:
        unrecorded.append("neuro_exam.examined_at")
    if positives:
        status = "positive"
    elif unrecorded:
        status = "unknown"
        ev.need(*unrecorded)
        why = (f"The only examination is more than {EXAM_OLD.limit} old: examine again today. "
               if old_exam else "")
        fields = [u for u in unrecorded if u != "neuro_exam.examined_at"]
        ev.alert(NEURO, "neuro_assessment_incomplete", "critical",
                 "Neurological assessment incomplete: treated as positive (emergency) until "
                 "recorded. " + why + ("Not recorded: " + ", ".join(
                     field_labels.label(p) for p in fields) + "." if fields
                                       else ""))
    else:
        status = "negative"
    ev.record(NEURO, status != "negative", status=status, positive_findings=positives,
              unrecorded=unrecorded, examined_at=examined, examination_over_24h_old=old_exam)
    ev.notes["neuro"] = status
    return status


def evaluate_sensory_impairment(ev: Evaluation) -> bool | None:
    """Present, absent (True/False) or unknown (None), as clinical-rules.md defines it."""
    f = ev.facts
    loss, level = f.pres.sensory_loss, f.exam.sensory_level
    saddle, neuropathy = f.exam.saddle_anaesthesia, f.hist.peripheral_neuropathy
    if loss is True or level not in (None, "none") or saddle is True or neuropathy is True:
        result = True
    elif loss is False and level == "none" and saddle is not True and neuropathy is not True:
        result = False
    else:
        result = None
    ev.record(SENSORY, result is True, sensory_loss=loss, sensory_level=level,
              saddle_anaesthesia=saddle, peripheral_neuropathy=neuropathy,
              result={True: "present", False: "absent", None: "unknown"}[result])
    ev.notes["sensory"] = result
    return result


# engine/report/handover.py: when the examination stops being current.
EXAM_CURRENT_FOR = EXAM_OLD.duration
