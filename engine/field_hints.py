"""What a field of mscc-case/1 means beyond its name, in one sentence shown beside it
(tooltip and screen-reader description). Where the meaning holds a clinical value, the
sentence is made from the engine's own value (the Bilsky grades that count as cord
compression, the MRC scale, a lab unit as it is written). Pure data."""
from __future__ import annotations

from engine.field_labels import pattern
from engine.models.vocabulary import MRC_GRADES
from engine.rules.imaging import HIGH_GRADE
from engine.units import unit_text

_COMPRESSION = " or ".join(sorted(HIGH_GRADE))

HINTS: dict[str, str] = {
    "locale": "Which country's dose conventions apply (dexamethasone injection, renal "
              "LMWH dose).",
    "cancer.haematological_suspected": "Imaging or clinical suspicion, not yet confirmed.",
    "cancer.ecog": "Performance status before this presentation.",
    "cancer.prognosis": "\"Weeks\" = overall prognosis judged too poor for treatment aimed "
                        "at neurology.",
    "cancer.fit_for_surgery": "Medical and anaesthetic fitness as judged so far.",
    "cancer.fit_for_treatment": "No: imaging only if the result would change management; "
                                "confirmed MSCC goes to supportive care. Not assessed counts "
                                "as yes.",
    "presentation.spinal_pain": "Mechanical = worse on movement or loading, relieved by "
                                "lying down.",
    "presentation.walking_difficulty": "Includes falls from weakness or unsteadiness.",
    "presentation.bladder_dysfunction": "Retention or new incontinence.",
    "presentation.paraplegia_since": f"Complete loss of power in both legs "
                                     f"(MRC {min(MRC_GRADES)}).",
    "neuro_exam.mrc_power": f"Weakest myotome of each limb, {min(MRC_GRADES)} (none) to "
                            f"{max(MRC_GRADES)} (normal).",
    "mri_contraindicated": "With MRI contraindicated, a CT is the answering study.",
    "imaging.*.metastases_excluded": "The study excludes spinal metastases and MSCC.",
    "imaging.*.lesions.*.bilsky_grade": f"Epidural spinal cord compression grade "
                                        f"({_COMPRESSION} = cord compression).",
    "labs.adjusted_calcium": "The laboratory's own albumin-adjusted value, if reported.",
    "labs.creatinine": f"umol/L = {unit_text('umol/L')}.",
    "medications.dexamethasone_started_at": "Leave empty if not on dexamethasone.",
    "procedures.spine_declared_stable_at": "A spinal surgeon documented stability.",
    # mscc-case/1 (case-format.md) defines the field's window; ASRA intervals.
    "procedures.neuraxial_procedure_within_12h": "Planned in the next 12 h or done in the "
                                                 "last 4 h.",
    "procedures.surgeon_cleared_anticoagulation": "After spinal surgery: haemostasis "
                                                  "confirmed and LMWH allowed.",
}


def hint(path: str) -> str:
    """The sentence for the field at `path` (list indices allowed); '' when none."""
    return HINTS.get(pattern(path), "")
