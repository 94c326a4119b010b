"""The only coded values the FHIR export writes, each with where it was checked.

Rule (issue 14): a code goes into a bundle only when it is in this table and the table
names the terminology source it was verified against; everything else is exported as
text (`CodeableConcept.text`), never as a guessed code. tests/fhir/test_fhir_export.py
checks that every `coding` in every exported bundle comes from this table.

Deliberately NOT coded (no verified source kept here; text only):
- the MSCC diagnosis (SNOMED CT), the drugs (dm+d / RxNorm), the imaging and referral
  requests, MRC power, sensory level, Frankel grade and SINS;
- platelets: LOINC 777-3 is "Platelets [#/volume] in Blood by Automated count", which
  claims a method the case does not record;
- creatinine clearance: the Cockcroft-Gault LOINC code could not be verified here.
"""
from __future__ import annotations

from dataclasses import dataclass

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VER_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"

_FHIR_R4B = "HL7 FHIR R4B (4.3.0) specification, terminology.hl7.org code system"


@dataclass(frozen=True)
class Code:
    system: str
    code: str
    display: str
    source: str  # where the code and its display were checked

    def coding(self) -> dict:
        return {"system": self.system, "code": self.code, "display": self.display}


CODES: dict[str, Code] = {
    # LOINC, checked against the HL7 PDDI CDS implementation guide's value set
    # "LOINC Codes for Serum Calcium" (hl7.org/fhir/uv/pddi, ValueSet
    # valueset-calcium-LOINC, LOINC 2.82 expansion).
    "corrected_calcium": Code(
        LOINC, "29265-6", "Calcium [Moles/volume] corrected for albumin in Serum or Plasma",
        "HL7 PDDI CDS IG 1.0.0, ValueSet valueset-calcium-LOINC (LOINC 2.82)"),
    # HL7 v2 table 0203 identifier type, as used for a local patient identifier by NHS
    # FHIR profiles (e.g. NHS North West Genomics MedicalRecordNumber: v2-0203#MR).
    "hospital_number": Code(V2_0203, "MR", "Medical record number",
                            "HL7 v2 table 0203 (terminology.hl7.org CodeSystem v2-0203)"),
    # FHIR's own code systems (required or extensible bindings of R4B).
    "category_laboratory": Code(OBSERVATION_CATEGORY, "laboratory", "Laboratory", _FHIR_R4B),
    "category_exam": Code(OBSERVATION_CATEGORY, "exam", "Exam", _FHIR_R4B),
    "category_survey": Code(OBSERVATION_CATEGORY, "survey", "Survey", _FHIR_R4B),
    "clinical_active": Code(CONDITION_CLINICAL, "active", "Active", _FHIR_R4B),
    "ver_provisional": Code(CONDITION_VER_STATUS, "provisional", "Provisional", _FHIR_R4B),
    "ver_confirmed": Code(CONDITION_VER_STATUS, "confirmed", "Confirmed", _FHIR_R4B),
    "ver_refuted": Code(CONDITION_VER_STATUS, "refuted", "Refuted", _FHIR_R4B),
}

# UCUM unit codes for the units the case format and the engine use (the case writes
# platelets as "10^9/L"; UCUM writes the power as "10*9").
UCUM_UNITS: dict[str, str] = {
    "mmol/L": "mmol/L",
    "mg/dL": "mg/dL",
    "10^9/L": "10*9/L",
    "mL/min": "mL/min",
    "mg": "mg",
    "IU": "[iU]",
    "kg": "kg",
}


def concept(key: str, text: str | None = None) -> dict:
    """A CodeableConcept with the verified coding `key` (and optional text)."""
    code = CODES[key]
    out = {"coding": [code.coding()]}
    out["text"] = text or code.display
    return out


def text_concept(text: str) -> dict:
    """A CodeableConcept with text only: no verified code exists in this table."""
    return {"text": text}


def quantity(value, unit: str) -> dict:
    """A Quantity in UCUM when the unit is known to this table; else unit text only."""
    out = {"value": value, "unit": unit}
    if unit in UCUM_UNITS:
        out["system"] = UCUM
        out["code"] = UCUM_UNITS[unit]
    return out


def verified_codings() -> set[tuple[str, str]]:
    return {(c.system, c.code) for c in CODES.values()}
