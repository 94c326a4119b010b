"""Enumerations of mscc-case/1 (names are part of the public contract)."""
from __future__ import annotations

from typing import Literal

CERVICAL = [f"C{i}" for i in range(1, 8)]
THORACIC = [f"T{i}" for i in range(1, 13)]
LUMBAR = [f"L{i}" for i in range(1, 6)]
SACRAL = [f"S{i}" for i in range(1, 6)]
LEVELS: tuple[str, ...] = tuple(CERVICAL + THORACIC + LUMBAR + SACRAL)
# C8 exists as a dermatome (sensory level), not as a vertebra.
SENSORY_LEVELS: tuple[str, ...] = tuple(
    [f"C{i}" for i in range(2, 9)] + THORACIC + LUMBAR + SACRAL)

# Graded scales: every grade the case format accepts, in the order they are offered.
ECOG_GRADES: tuple[int, ...] = tuple(range(0, 5))
KARNOFSKY_SCORES: tuple[int, ...] = tuple(range(100, 0, -10))
MRC_GRADES: tuple[int, ...] = tuple(range(0, 6))   # 0 no contraction .. 5 normal power

Level = Literal[LEVELS]  # type: ignore[valid-type]
SensoryLevel = Literal[("none",) + SENSORY_LEVELS]  # type: ignore[valid-type]

Locale = Literal["GB", "US"]
Sex = Literal["female", "male"]
Primary = Literal["breast", "prostate", "lung_nsclc", "lung_sclc", "renal", "thyroid",
                  "melanoma", "colorectal", "gastrointestinal_other", "myeloma", "lymphoma",
                  "other", "unknown_primary", "none_known"]
Visceral = Literal["none", "removable", "unremovable"]
ExtraspinalBone = Literal["0", "1-2", "3+"]
VertebralCount = Literal["1", "2", "3+"]
Prognosis = Literal["weeks", "lt_3_months", "3_to_6_months", "gt_6_months"]
SpinalPain = Literal["none", "mechanical", "non_mechanical"]
PainRegion = Literal["cervical", "thoracic", "lumbar", "sacral"]
Reflex = Literal["absent", "reduced", "normal", "brisk"]
Plantars = Literal["flexor", "extensor", "mute"]
AnalTone = Literal["normal", "reduced", "absent"]
Ambulation = Literal["independent", "with_aid", "unable"]
Modality = Literal["xray", "ct", "mri_whole_spine", "mri_limited"]
LesionType = Literal["lytic", "mixed", "blastic"]
Bilsky = Literal["0", "1a", "1b", "1c", "2", "3"]
Alignment = Literal["subluxation", "deformity", "normal"]
Collapse = Literal["over_50", "under_50", "none_over_50_involved", "none"]
Posterolateral = Literal["bilateral", "unilateral", "none"]
Anticoagulation = Literal["none", "prophylactic_lmwh", "therapeutic_lmwh", "doac",
                          "warfarin", "unfractionated_heparin"]
BoneAgent = Literal["none", "zoledronic_acid", "denosumab", "other"]

HISTORY_FIELDS = (
    "diabetes", "peptic_ulcer", "active_bleeding", "bleeding_disorder",
    "peripheral_arterial_disease", "peripheral_arterial_bypass", "peripheral_neuropathy",
    "leg_skin_condition", "severe_leg_oedema", "leg_deformity", "acute_dvt",
    "previous_vte", "heart_failure", "stocking_allergy",
)
