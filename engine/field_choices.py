"""The answers each enumerated field of mscc-case/1 offers, in words.

The codes are the case format's own (engine.models.vocabulary, in its order); the words
are said here once, so the desktop's answer buttons and lists cannot drift from what
the engine accepts and reads ("Over 50% collapse" is a SINS category, not a label of
the screen's). Pure data and string handling."""
from __future__ import annotations

from typing import Any, get_args

from engine.field_labels import pattern
from engine.models import vocabulary as v


def _codes(literal) -> tuple:
    return get_args(literal)


def _capitalised(codes) -> dict:
    return {c: str(c).replace("_", " ").capitalize() for c in codes}


REFLEX = _capitalised(_codes(v.Reflex))

# path pattern -> (codes in the order offered, words for each code)
CHOICES: dict[str, tuple[tuple, dict[Any, str]]] = {
    "locale": (_codes(v.Locale), {"GB": "GB (UK)", "US": "US"}),
    "patient.sex": (_codes(v.Sex), _capitalised(_codes(v.Sex))),
    "cancer.primary": (_codes(v.Primary), {
        "breast": "Breast", "prostate": "Prostate", "lung_nsclc": "Lung, non-small cell",
        "lung_sclc": "Lung, small cell", "renal": "Renal", "thyroid": "Thyroid",
        "melanoma": "Melanoma", "colorectal": "Colorectal",
        "gastrointestinal_other": "Other gastrointestinal", "myeloma": "Myeloma",
        "lymphoma": "Lymphoma", "other": "Other", "unknown_primary": "Unknown primary",
        "none_known": "No known cancer"}),
    "cancer.ecog": (v.ECOG_GRADES, {g: str(g) for g in v.ECOG_GRADES}),
    "cancer.karnofsky": (v.KARNOFSKY_SCORES, {s: f"{s}%" for s in v.KARNOFSKY_SCORES}),
    "cancer.visceral_metastases": (_codes(v.Visceral), _capitalised(_codes(v.Visceral))),
    "cancer.extraspinal_bone_metastases": (_codes(v.ExtraspinalBone),
                                           {"0": "0", "1-2": "1–2", "3+": "3 or more"}),
    "cancer.vertebral_metastases": (_codes(v.VertebralCount),
                                    {"1": "1", "2": "2", "3+": "3 or more"}),
    "cancer.prognosis": (_codes(v.Prognosis), {
        "weeks": "Weeks", "lt_3_months": "Less than 3 months",
        "3_to_6_months": "3 to 6 months", "gt_6_months": "More than 6 months"}),
    "presentation.spinal_pain": (_codes(v.SpinalPain), {
        "none": "None", "mechanical": "Mechanical", "non_mechanical": "Non-mechanical"}),
    "presentation.pain_regions": (_codes(v.PainRegion), _capitalised(_codes(v.PainRegion))),
    "neuro_exam.reflexes_arms": (_codes(v.Reflex), REFLEX),
    "neuro_exam.reflexes_legs": (_codes(v.Reflex), REFLEX),
    "neuro_exam.plantars": (_codes(v.Plantars), _capitalised(_codes(v.Plantars))),
    "neuro_exam.sensory_level": (("none",) + v.SENSORY_LEVELS,
                                 {"none": "Examined: no sensory level",
                                  **{lvl: lvl for lvl in v.SENSORY_LEVELS}}),
    "neuro_exam.anal_tone": (_codes(v.AnalTone), _capitalised(_codes(v.AnalTone))),
    "neuro_exam.ambulation": (_codes(v.Ambulation), _capitalised(_codes(v.Ambulation))),
    "imaging.*.modality": (_codes(v.Modality), {
        "xray": "X-ray", "ct": "CT", "mri_whole_spine": "MRI whole spine",
        "mri_limited": "MRI limited"}),
    "imaging.*.lesions.*.level": (v.LEVELS, {lvl: lvl for lvl in v.LEVELS}),
    "imaging.*.lesions.*.lesion_type": (_codes(v.LesionType),
                                        _capitalised(_codes(v.LesionType))),
    "imaging.*.lesions.*.bilsky_grade": (_codes(v.Bilsky), {g: g for g in _codes(v.Bilsky)}),
    "imaging.*.lesions.*.alignment": (_codes(v.Alignment), _capitalised(_codes(v.Alignment))),
    "imaging.*.lesions.*.collapse": (_codes(v.Collapse), {
        "over_50": "Over 50% collapse", "under_50": "Under 50% collapse",
        "none_over_50_involved": "No collapse, over 50% of body involved",
        "none": "None of the above"}),
    "imaging.*.lesions.*.posterolateral": (_codes(v.Posterolateral),
                                           _capitalised(_codes(v.Posterolateral))),
    "medications.anticoagulation": (_codes(v.Anticoagulation), {
        "none": "None", "prophylactic_lmwh": "Prophylactic LMWH",
        "therapeutic_lmwh": "Therapeutic LMWH", "doac": "DOAC", "warfarin": "Warfarin",
        "unfractionated_heparin": "Unfractionated heparin"}),
    "medications.bone_targeted_agent": (_codes(v.BoneAgent), {
        "none": "None", "zoledronic_acid": "Zoledronic acid", "denosumab": "Denosumab",
        "other": "Other"}),
}

for _limb in ("right_arm", "left_arm", "right_leg", "left_leg"):
    CHOICES[f"neuro_exam.mrc_power.{_limb}"] = (v.MRC_GRADES, {g: str(g) for g in v.MRC_GRADES})


def choices(path: str) -> list[tuple[Any, str]]:
    """[(code, words)] for the field at `path` (list indices allowed), in the case
    format's order; a code without words is shown as itself, never dropped."""
    codes, words = CHOICES[pattern(path)]
    return [(code, words.get(code, str(code))) for code in codes]
