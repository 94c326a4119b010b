"""The words for every field of mscc-case/1, as the desktop shows them beside the input.

One table, used by the desktop forms (their captions), by the desktop's lists of
missing and invalid inputs, and by `evaluate --partial` on the command line, so a
field has one name everywhere. `label(path)` names any path the engine may report,
including list items ("Imaging › Study 1 lesion 2: alignment") and the parts of a
lab result ("Labs › Calcium (total): unit"). Pure data and string handling."""
from __future__ import annotations

# (case path with "*" for list indices) -> (section, label)
FIELDS: dict[str, tuple[str, str]] = {
    "assessed_at": ("Patient", "Assessment time"),
    "locale": ("Patient", "Dose conventions"),
    "patient.id": ("Patient", "Hospital number"),
    "patient.name": ("Patient", "Name"),
    "patient.date_of_birth": ("Patient", "Date of birth"),
    "patient.sex": ("Patient", "Sex"),
    "patient.weight_kg": ("Patient", "Weight"),
    "cancer.primary": ("Cancer", "Primary"),
    "cancer.haematological_suspected": ("Cancer", "Lymphoma or myeloma suspected"),
    "cancer.ecog": ("Cancer", "ECOG before this"),
    "cancer.karnofsky": ("Cancer", "Karnofsky"),
    "cancer.visceral_metastases": ("Cancer", "Visceral metastases"),
    "cancer.extraspinal_bone_metastases": ("Cancer", "Bone metastases outside spine"),
    "cancer.vertebral_metastases": ("Cancer", "Vertebral metastases"),
    "cancer.prognosis": ("Cancer", "Prognosis (team's estimate)"),
    "cancer.fit_for_surgery": ("Cancer", "Fit for surgery"),
    "cancer.fit_for_treatment": ("Cancer", "Fit for, and wanting, treatment aimed at the spine"),
    "cancer.oligometastatic": ("Cancer", "Oligometastatic disease (oncology team's view)"),
    "cancer.prior_radiotherapy_at_level": ("Cancer", "Previous radiotherapy at this level"),
    "presentation.admitted": ("Symptoms", "Inpatient now (or being admitted)"),
    "presentation.spinal_pain": ("Symptoms", "Spinal pain"),
    "presentation.pain_regions": ("Symptoms", "Where"),
    "presentation.pain_severe": ("Symptoms", "Severe or unremitting"),
    "presentation.pain_nocturnal": ("Symptoms", "Worse at night"),
    "presentation.pain_controlled": ("Symptoms", "Well controlled on analgesia"),
    "presentation.spinal_tenderness": ("Symptoms", "Spinal tenderness"),
    "presentation.radicular_pain": ("Symptoms", "Radicular (band-like or limb) pain"),
    "presentation.limb_weakness": ("Symptoms", "Limb weakness"),
    "presentation.walking_difficulty": ("Symptoms", "Difficulty walking"),
    "presentation.sensory_loss": ("Symptoms", "Sensory loss"),
    "presentation.bladder_dysfunction": ("Symptoms", "Bladder dysfunction"),
    "presentation.bowel_dysfunction": ("Symptoms", "Bowel dysfunction"),
    "presentation.neuro_onset_at": ("Symptoms", "First neurological symptom"),
    "presentation.unable_to_walk_since": ("Symptoms", "Unable to walk since"),
    "presentation.paraplegia_since": ("Symptoms", "Complete paraplegia since"),
    "neuro_exam.examined_at": ("Neuro exam", "Examined at"),
    "neuro_exam.mrc_power.right_arm": ("Neuro exam", "Right arm power"),
    "neuro_exam.mrc_power.left_arm": ("Neuro exam", "Left arm power"),
    "neuro_exam.mrc_power.right_leg": ("Neuro exam", "Right leg power"),
    "neuro_exam.mrc_power.left_leg": ("Neuro exam", "Left leg power"),
    "neuro_exam.reflexes_arms": ("Neuro exam", "Reflexes, arms"),
    "neuro_exam.reflexes_legs": ("Neuro exam", "Reflexes, legs"),
    "neuro_exam.plantars": ("Neuro exam", "Plantars"),
    "neuro_exam.hoffmann": ("Neuro exam", "Hoffmann sign"),
    "neuro_exam.clonus": ("Neuro exam", "Clonus"),
    "neuro_exam.sensory_level": ("Neuro exam", "Sensory level"),
    "neuro_exam.saddle_anaesthesia": ("Neuro exam", "Saddle anaesthesia"),
    "neuro_exam.anal_tone": ("Neuro exam", "Anal tone"),
    "neuro_exam.ambulation": ("Neuro exam", "Walking"),
    "mri_contraindicated": ("Imaging", "MRI contraindicated"),
    "imaging": ("Imaging", "Imaging studies"),
    "imaging.*": ("Imaging", "Study {0}"),
    "imaging.*.modality": ("Imaging", "Study {0}: modality"),
    "imaging.*.performed_at": ("Imaging", "Study {0}: performed at"),
    "imaging.*.metastases_excluded": ("Imaging", "Study {0}: metastases and MSCC excluded"),
    "imaging.*.cauda_equina_compression": ("Imaging", "Study {0}: cauda equina compression"),
    "imaging.*.lesions": ("Imaging", "Study {0}: lesions"),
    "imaging.*.lesions.*": ("Imaging", "Study {0} lesion {1}"),
    "imaging.*.lesions.*.level": ("Imaging", "Study {0} lesion {1}: level"),
    "imaging.*.lesions.*.lesion_type": ("Imaging", "Study {0} lesion {1}: lesion type"),
    "imaging.*.lesions.*.bilsky_grade": ("Imaging", "Study {0} lesion {1}: Bilsky grade"),
    "imaging.*.lesions.*.alignment": ("Imaging", "Study {0} lesion {1}: alignment"),
    "imaging.*.lesions.*.collapse": ("Imaging", "Study {0} lesion {1}: collapse"),
    "imaging.*.lesions.*.posterolateral": ("Imaging",
                                           "Study {0} lesion {1}: posterolateral involvement"),
    "labs.calcium": ("Labs", "Calcium (total)"),
    "labs.adjusted_calcium": ("Labs", "Adjusted calcium"),
    "labs.albumin": ("Labs", "Albumin"),
    "labs.creatinine": ("Labs", "Creatinine"),
    "labs.platelets": ("Labs", "Platelets"),
    "labs.inr": ("Labs", "INR"),
    "labs.haemoglobin": ("Labs", "Haemoglobin"),
    "labs.glucose": ("Labs", "Glucose"),
    "medications.anticoagulation": ("Medications", "Anticoagulation"),
    "medications.bone_targeted_agent": ("Medications", "Bone-targeted agent"),
    "medications.dexamethasone_started_at": ("Medications", "Dexamethasone started at"),
    "medications.calcium_or_vitamin_d_supplements": ("Medications",
                                                     "Calcium or vitamin D supplements"),
    "medications.thiazide": ("Medications", "Thiazide diuretic"),
    "history.diabetes": ("History", "Diabetes"),
    "history.peptic_ulcer": ("History", "Peptic ulcer"),
    "history.active_bleeding": ("History", "Active bleeding"),
    "history.bleeding_disorder": ("History", "Bleeding disorder"),
    "history.peripheral_arterial_disease": ("History", "Peripheral arterial disease"),
    "history.peripheral_arterial_bypass": ("History", "Peripheral arterial bypass"),
    "history.peripheral_neuropathy": ("History", "Peripheral neuropathy"),
    "history.leg_skin_condition": ("History", "Leg skin condition"),
    "history.severe_leg_oedema": ("History", "Severe leg oedema"),
    "history.leg_deformity": ("History", "Leg deformity"),
    "history.stocking_allergy": ("History", "Allergy to stocking material"),
    "history.acute_dvt": ("History", "Acute DVT"),
    "history.previous_vte": ("History", "Previous VTE"),
    "history.heart_failure": ("History", "Heart failure"),
    "procedures.mscc_coordinator_contacted_at": ("Procedures", "MSCC coordinator contacted at"),
    "procedures.spine_declared_stable_at": ("Procedures", "Spine declared stable at"),
    "procedures.spinal_surgery_expected_within_24h": ("Procedures",
                                                      "Spinal surgery expected within 24 h"),
    "procedures.neuraxial_procedure_within_12h": ("Procedures", "Lumbar puncture or epidural"),
    "procedures.spinal_surgery_at": ("Procedures", "Spinal surgery done at"),
    "procedures.surgeon_cleared_anticoagulation": ("Procedures",
                                                   "Surgeon cleared anticoagulation"),
    "procedures.radiotherapy_started_at": ("Procedures", "Radiotherapy started at"),
    # Project extension (docs/engine-api.md): actions ticked done from their row.
    "actions_done": ("Actions", "Actions done"),
    "actions_done.mri_whole_spine": ("Actions", "Whole-spine MRI done at"),
    "actions_done.ct_spine": ("Actions", "CT spine done at"),
    "actions_done.spinal_surgical_opinion": ("Actions", "Spinal surgical opinion done at"),
    "actions_done.clinical_oncology_opinion": ("Actions", "Clinical oncology opinion done at"),
    "actions_done.haematology_opinion": ("Actions", "Haematology opinion done at"),
    "actions_done.analgesia": ("Actions", "Analgesia given at"),
    "actions_done.safety_net_advice": ("Actions", "Safety-net advice given at"),
    "actions_done.dental_review": ("Actions", "Dental review done at"),
    "actions_done.recheck_calcium": ("Actions", "Calcium rechecked at"),
    "actions_done.goals_of_care_discussion": ("Actions", "Goals-of-care discussion done at"),
}

# The parts of a lab result, as the lab row names them.

# Earlier examinations (serial reassessment): the same fields as neuro_exam, named from
# its labels, plus the sphincter answers at that time.
FIELDS["earlier_neuro_exams"] = ("Neuro exam", "Earlier examinations")
FIELDS["earlier_neuro_exams.*"] = ("Neuro exam", "Earlier examination {0}")
FIELDS["earlier_neuro_exams.*.mrc_power"] = ("Neuro exam", "Earlier examination {0}: MRC power")
for _path, (_section, _label) in list(FIELDS.items()):
    if _path.startswith("neuro_exam."):
        FIELDS["earlier_neuro_exams.*." + _path[len("neuro_exam."):]] = (
            _section, f"Earlier examination {{0}}: {_label}")
for _field in ("bladder_dysfunction", "bowel_dysfunction"):
    FIELDS[f"earlier_neuro_exams.*.{_field}"] = (
        "Neuro exam", "Earlier examination {0}: " + FIELDS[f"presentation.{_field}"][1])

LAB_PARTS = {"value": "value", "unit": "unit", "sampled_at": "sample time"}

SECTIONS = {"patient": "Patient", "cancer": "Cancer", "presentation": "Symptoms",
            "neuro_exam": "Neuro exam", "imaging": "Imaging", "labs": "Labs",
            "medications": "Medications", "history": "History", "procedures": "Procedures",
            "actions_done": "Actions"}


def pattern(path: str) -> str:
    """'imaging.0.lesions.1.level' -> 'imaging.*.lesions.*.level'."""
    return ".".join("*" if p.isdigit() else p for p in path.split(".")) if path else ""


def field(path: str) -> tuple[str, str] | None:
    """(section, label) of exactly this path, list numbers filled in (1-based); None when
    the table has no entry for it."""
    found = FIELDS.get(pattern(path))
    if found is None:
        return None
    numbers = [int(p) + 1 for p in path.split(".") if p.isdigit()]
    return found[0], found[1].format(*numbers)


def section_and_label(path: str) -> tuple[str, str]:
    """(section, label) for any path: itself, a lab part ("Calcium (total): unit"), the
    nearest named parent with the rest in words, or the path in words."""
    exact = field(path)
    if exact is not None:
        return exact
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        parent = field(".".join(parts[:cut]))
        if parent is not None:
            rest = parts[cut:]
            if parts[0] == "labs" and len(rest) == 1 and rest[0] in LAB_PARTS:
                return parent[0], f"{parent[1]}: {LAB_PARTS[rest[0]]}"
            return parent[0], f"{parent[1]} ({' '.join(rest).replace('_', ' ')})"
    section = SECTIONS.get(parts[0], "Case") if parts and parts[0] else "Case"
    return section, " ".join(p.replace("_", " ") for p in parts if p) or "the case"


def caption(path: str) -> str:
    """The caption beside the field on its form: its label, and for a field of a list
    item (whose box already says "Study 1", "Lesion 2") the part after the colon,
    capitalised ("Study 1 lesion 2: alignment" -> "Alignment")."""
    text = section_and_label(path)[1]
    if "*" in pattern(path) and ": " in text:
        text = text.split(": ", 1)[1]
        text = text[:1].upper() + text[1:]
    return text


def label(path: str) -> str:
    """'Neuro exam › Examined at': what the user sees on the tab and beside the field."""
    section, text = section_and_label(path)
    return f"{section} › {text}"
