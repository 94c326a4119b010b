"""Section 10: analgesia and the QS56 audit time stamps."""
from __future__ import annotations

from engine.models import assessment as out
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.thresholds import threshold

# The audit standards the time stamps are held to, each written once.
MRI_WITHIN = threshold("first whole-spine MRI", 24, "h", "within", "NICE-QS56-S3")
RT_WITHIN = threshold("radiotherapy start", 24, "h", "within", "NICE-QS56-S6")

ANALGESIA = rule("ANALGESIA-1", 3, "Adequate pain relief now", ["NICE-NG234-ANALGESIA"],
                 ["'while waiting for imaging' only on a pathway still waiting for it"])
TIMESTAMPS = rule("QS56-TIMES-1", 3, "Audit time stamps and what is overdue",
                  ["NICE-QS56-S2", "NICE-QS56-S3", "NICE-QS56-S4", "NICE-QS56-S6"],
                  [f"MRI {MRI_WITHIN.phrase} of the first neurological symptom when neurology "
                   "is present (the case has no separate presentation time)",
                   "the first MRI is the first whole-spine MRI at or after the first "
                   "neurological symptom; a limited MRI or an earlier scan does not count",
                   f"radiotherapy {RT_WITHIN.phrase} of the decision (counted from assessed_at)"],
                  thresholds=[MRI_WITHIN, RT_WITHIN])

NO_ANALGESIA = ("mscc_excluded", "not_suspected")
WAITING_FOR_IMAGING = ("suspected_mscc", "suspected_spinal_metastases")


def evaluate_analgesia(ev: Evaluation, pathway: str) -> None:
    fired = pathway not in NO_ANALGESIA
    if fired:
        waiting = ", including while waiting for imaging" \
            if pathway in WAITING_FOR_IMAGING else ""
        ev.act(ANALGESIA, "analgesia", 0, f"Adequate pain relief now{waiting}; review within "
               "hours.")
    ev.record(ANALGESIA, fired, pathway=pathway)


def evaluate_timestamps(ev: Evaluation, neuro: str, pathway: str) -> None:
    f = ev.facts
    now = f.now
    onset = f.pres.neuro_onset_at
    mri_times = [s.performed_at for s in f.studies
                 if s.modality == "mri_whole_spine" and s.performed_at
                 and (onset is None or s.performed_at >= onset)]
    mri_at = min(mri_times) if mri_times else None
    untimed_mri = any(s.modality == "mri_whole_spine" and s.performed_at is None
                      for s in f.studies)
    mri_due = onset + MRI_WITHIN.duration if (onset and neuro != "negative") else None
    rt_due = now + RT_WITHIN.duration if pathway == "mscc_radiotherapy" else None
    rows = [
        ("neuro_onset", "First neurological symptom", onset, None,
         "" if onset or neuro == "negative" else "not recorded"),
        ("coordinator_contact", "MSCC coordinator contacted",
         f.proc.mscc_coordinator_contacted_at,
         now if "contact_mscc_coordinator" in ev.actions and
         ev.actions["contact_mscc_coordinator"].due_within_hours == 0 else None, ""),
        ("dexamethasone_start", "Dexamethasone started", f.meds.dexamethasone_started_at, None, ""),
        ("mri", "First whole-spine MRI", mri_at, mri_due,
         f"{MRI_WITHIN.limit} standard counted from the first neurological symptom"
         if mri_due else ""),
        ("treatment_decision", "Treatment decision", None, None,
         "not captured by mscc-case/1; record it in the notes"),
        ("spinal_surgery", "Spinal surgery", f.proc.spinal_surgery_at, None, ""),
        ("radiotherapy_start", "Radiotherapy started", f.proc.radiotherapy_started_at, rt_due,
         f"{RT_WITHIN.limit} from the decision to treat" if rt_due else ""),
    ]
    overdue_codes = []
    for code, label, at, due, note in rows:
        overdue = due is not None and ((at is None and due < now) or (at is not None and at > due))
        if code == "mri" and at is None and untimed_mri:
            overdue = False  # a whole-spine MRI with no recorded time: unknown, not overdue
            note = "a whole-spine MRI is on file without its time: record it"
        if overdue:
            overdue_codes.append(code)
        ev.notes.setdefault("timestamps", []).append(out.Timestamp(
            code=code, label=label, at=at.isoformat() if at else None,
            due_by=due.isoformat() if due else None, overdue=overdue, note=note))
    ev.record(TIMESTAMPS, bool(overdue_codes), overdue=overdue_codes)
