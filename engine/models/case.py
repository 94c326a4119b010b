"""The case document, mscc-case/1 (../shared/spec/case-format.md).

Every clinical field is optional and defaults to None = not assessed. Models are
frozen and reject unknown fields."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from engine.models import vocabulary as v
from engine.models.fields import (Date, DateTime, Number, Text, TriBool, WholeNumber,
                                  _finite_number)
from engine.units import ANALYTES, implausibility


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False,
                              validate_default=False)


class Patient(Strict):
    id: Text
    name: Optional[Text] = None
    date_of_birth: Optional[Date] = None
    sex: Optional[v.Sex] = None
    weight_kg: Number(20, 300, "kg") = None


class Cancer(Strict):
    primary: Optional[v.Primary] = None
    haematological_suspected: TriBool = None
    ecog: WholeNumber(min(v.ECOG_GRADES), max(v.ECOG_GRADES)) = None
    karnofsky: WholeNumber(min(v.KARNOFSKY_SCORES), max(v.KARNOFSKY_SCORES), step=10) = None
    visceral_metastases: Optional[v.Visceral] = None
    extraspinal_bone_metastases: Optional[v.ExtraspinalBone] = None
    vertebral_metastases: Optional[v.VertebralCount] = None
    prognosis: Optional[v.Prognosis] = None
    fit_for_surgery: TriBool = None
    fit_for_treatment: TriBool = None   # rules v2: false = imaging only if it changes management
    oligometastatic: TriBool = None     # rules v2: the oncology team's view
    prior_radiotherapy_at_level: TriBool = None


class Presentation(Strict):
    admitted: TriBool = None
    spinal_pain: Optional[v.SpinalPain] = None
    pain_regions: Optional[list[v.PainRegion]] = None
    pain_severe: TriBool = None
    pain_nocturnal: TriBool = None
    pain_controlled: TriBool = None
    spinal_tenderness: TriBool = None
    radicular_pain: TriBool = None
    limb_weakness: TriBool = None
    walking_difficulty: TriBool = None
    sensory_loss: TriBool = None
    bladder_dysfunction: TriBool = None
    bowel_dysfunction: TriBool = None
    neuro_onset_at: Optional[DateTime] = None
    unable_to_walk_since: Optional[DateTime] = None
    paraplegia_since: Optional[DateTime] = None


_MRC = WholeNumber(min(v.MRC_GRADES), max(v.MRC_GRADES))


class MrcPower(Strict):
    right_arm: _MRC = None
    left_arm: _MRC = None
    right_leg: _MRC = None
    left_leg: _MRC = None


class NeuroExam(Strict):
    examined_at: Optional[DateTime] = None
    mrc_power: Optional[MrcPower] = None
    reflexes_arms: Optional[v.Reflex] = None
    reflexes_legs: Optional[v.Reflex] = None
    plantars: Optional[v.Plantars] = None
    hoffmann: TriBool = None
    clonus: TriBool = None
    sensory_level: Optional[v.SensoryLevel] = None
    saddle_anaesthesia: TriBool = None
    anal_tone: Optional[v.AnalTone] = None
    ambulation: Optional[v.Ambulation] = None


class EarlierNeuroExam(NeuroExam):
    """An earlier examination of this episode (a project addition to mscc-case/1, see
    docs/engine-api.md): the same findings as `neuro_exam`, its time required, and the
    sphincter symptoms at that time. `neuro_exam` stays the latest examination."""
    examined_at: DateTime
    bladder_dysfunction: TriBool = None
    bowel_dysfunction: TriBool = None


class Lesion(Strict):
    level: v.Level
    lesion_type: Optional[v.LesionType] = None
    bilsky_grade: Optional[v.Bilsky] = None
    alignment: Optional[v.Alignment] = None
    collapse: Optional[v.Collapse] = None
    posterolateral: Optional[v.Posterolateral] = None


class Study(Strict):
    modality: v.Modality
    performed_at: Optional[DateTime] = None
    metastases_excluded: TriBool = None
    cauda_equina_compression: TriBool = None
    lesions: Optional[list[Lesion]] = None


def _lab_model(name: str) -> type[Strict]:
    """A measured value with its unit (one of the analyte's listed units), sample time,
    and a plausibility check that depends on the unit."""
    units = tuple(ANALYTES[name].units)

    class _Lab(Strict):
        value: Annotated[float, BeforeValidator(_finite_number)]
        unit: Literal[units]  # type: ignore[valid-type]
        sampled_at: DateTime

        @model_validator(mode="after")
        def _plausible(self):
            problem = implausibility(name, self.value, self.unit)
            if problem:
                raise PydanticCustomError("implausible_lab", problem)
            return self

    _Lab.__name__ = _Lab.__qualname__ = "".join(p.title() for p in name.split("_")) + "Lab"
    return _Lab


CalciumLab = _lab_model("calcium")
AdjustedCalciumLab = _lab_model("adjusted_calcium")
AlbuminLab = _lab_model("albumin")
CreatinineLab = _lab_model("creatinine")
PlateletsLab = _lab_model("platelets")
InrLab = _lab_model("inr")
HaemoglobinLab = _lab_model("haemoglobin")
GlucoseLab = _lab_model("glucose")


class Labs(Strict):
    calcium: Optional[CalciumLab] = None
    adjusted_calcium: Optional[AdjustedCalciumLab] = None
    albumin: Optional[AlbuminLab] = None
    creatinine: Optional[CreatinineLab] = None
    platelets: Optional[PlateletsLab] = None
    inr: Optional[InrLab] = None
    haemoglobin: Optional[HaemoglobinLab] = None
    glucose: Optional[GlucoseLab] = None


class Medications(Strict):
    anticoagulation: Optional[v.Anticoagulation] = None
    bone_targeted_agent: Optional[v.BoneAgent] = None
    dexamethasone_started_at: Optional[DateTime] = None
    calcium_or_vitamin_d_supplements: TriBool = None
    thiazide: TriBool = None


class History(Strict):
    diabetes: TriBool = None
    peptic_ulcer: TriBool = None
    active_bleeding: TriBool = None
    bleeding_disorder: TriBool = None
    peripheral_arterial_disease: TriBool = None
    peripheral_arterial_bypass: TriBool = None
    peripheral_neuropathy: TriBool = None
    leg_skin_condition: TriBool = None
    severe_leg_oedema: TriBool = None
    leg_deformity: TriBool = None
    acute_dvt: TriBool = None
    previous_vte: TriBool = None
    heart_failure: TriBool = None
    stocking_allergy: TriBool = None


class Procedures(Strict):
    mscc_coordinator_contacted_at: Optional[DateTime] = None
    spine_declared_stable_at: Optional[DateTime] = None
    spinal_surgery_expected_within_24h: TriBool = None
    spinal_surgery_at: Optional[DateTime] = None
    surgeon_cleared_anticoagulation: TriBool = None
    radiotherapy_started_at: Optional[DateTime] = None
    neuraxial_procedure_within_12h: TriBool = None


class ActionsDone(Strict):
    """Project extension (docs/engine-api.md): when each action without a field of its
    own in mscc-case/1 was done. Informational: no rule reads it."""
    mri_whole_spine: Optional[DateTime] = None
    ct_spine: Optional[DateTime] = None
    spinal_surgical_opinion: Optional[DateTime] = None
    clinical_oncology_opinion: Optional[DateTime] = None
    haematology_opinion: Optional[DateTime] = None
    analgesia: Optional[DateTime] = None
    safety_net_advice: Optional[DateTime] = None
    dental_review: Optional[DateTime] = None
    recheck_calcium: Optional[DateTime] = None
    goals_of_care_discussion: Optional[DateTime] = None


class Case(Strict):
    format: Literal["mscc-case/1"]
    assessed_at: DateTime
    locale: v.Locale
    patient: Patient
    cancer: Optional[Cancer] = None
    presentation: Optional[Presentation] = None
    neuro_exam: Optional[NeuroExam] = None
    earlier_neuro_exams: Optional[list[EarlierNeuroExam]] = None
    imaging: Optional[list[Study]] = None
    mri_contraindicated: TriBool = None
    labs: Optional[Labs] = None
    medications: Optional[Medications] = None
    history: Optional[History] = None
    procedures: Optional[Procedures] = None
    actions_done: Optional[ActionsDone] = None  # project extension (docs/engine-api.md)
