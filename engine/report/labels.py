"""Words for the engine's codes, as a nurse reads them at handover.

An unknown code is never dropped: it is shown as its code, so a newer engine with a
code this table does not know still prints everything it said."""
from __future__ import annotations

from engine.rules.labs import stale_limit_text

PATHWAYS = {
    "suspected_mscc": "Suspected MSCC: whole-spine MRI not yet done",
    "suspected_spinal_metastases": "Suspected spinal metastases, no neurological signs",
    "mscc_surgical_opinion": "MSCC confirmed: spinal surgical opinion now",
    "mscc_radiotherapy": "MSCC confirmed: radiotherapy within 24 hours",
    "mscc_haematological": "MSCC in haematological cancer: haematology-led",
    "mscc_supportive_care": "MSCC: supportive care",
    "spinal_metastases_stable": "Spinal metastases without MSCC: spine stable",
    "spinal_metastases_unstable": "Spinal metastases without MSCC: spine potentially unstable",
    "post_treatment": "After spinal surgery or radiotherapy",
    "mscc_excluded": "MSCC excluded by imaging",
    "not_suspected": "MSCC not suspected on the information given",
}

URGENCY = {
    "emergency": "EMERGENCY",
    "urgent": "URGENT",
    "routine": "ROUTINE",
}

PRECAUTIONS = {
    "cervical_collar_log_roll": ("Rigid cervical collar. Head-hold log-roll. "
                                 "Lie flat in neutral alignment."),
    "flat_log_roll": "Lie flat. Log-roll for all turns and transfers.",
    "none": "No spinal precautions required.",
}

ACTIONS = {
    "contact_mscc_coordinator": "Contact MSCC coordinator",
    "mri_whole_spine": "Whole-spine MRI",
    "ct_spine": "CT spine",
    "spinal_surgical_opinion": "Spinal surgical opinion",
    "clinical_oncology_opinion": "Clinical oncology opinion",
    "haematology_opinion": "Haematology opinion",
    "radiotherapy": "Radiotherapy",
    "analgesia": "Analgesia",
    "safety_net_advice": "Safety-net advice",
    "dental_review": "Dental review",
    "recheck_calcium": "Recheck calcium",
    "goals_of_care_discussion": "Goals-of-care discussion",
}

ORDERS = {
    "dexamethasone": "Dexamethasone",
    "proton_pump_inhibitor": "Proton pump inhibitor",
    "capillary_glucose_monitoring": "Capillary glucose monitoring",
    "intermittent_pneumatic_compression": "Intermittent pneumatic compression",
    "anti_embolism_stockings": "Anti-embolism stockings",
    "lmwh_prophylaxis": "LMWH prophylaxis",
    "iv_fluids": "IV fluids",
    "zoledronic_acid": "Zoledronic acid",
    "denosumab": "Denosumab",
    "calcitonin": "Calcitonin",
}

# Status words; the nurse column says plainly whether anything may be given.
STATUS = {
    "recommended": "RECOMMENDED",
    "consider": "PRESCRIBER DECISION",
    "pending": "PENDING",
    "withheld": "WITHHELD",
    "not_indicated": "Not indicated",
    "taper": "TAPER",
    "stop": "STOP",
}
# Orders a nurse may be asked to give: rows get blank boxes to initial and time. A
# "consider" order is the prescriber's decision, not a standing order: no boxes.
ADMINISTRABLE = {"recommended", "taper"}
NOT_TO_GIVE = {
    "consider": "not a standing order",
    "withheld": "DO NOT GIVE",
    "pending": "NOT YET",
    "stop": "DO NOT GIVE",
}


SEVERITY = {"critical": "CRITICAL", "warning": "WARNING", "info": "INFO"}

ALERTS = {
    "anticoagulant_procedure_plan": "Anticoagulant: plan before any procedure",
    "autonomic_dysreflexia_risk": "Autonomic dysreflexia risk",
    "albumin_missing": "Calcium not corrected for albumin",
    "calcitriol_mediated": "Hypercalcaemia may be calcitriol-mediated",
    "calcium_low": "Low calcium",
    "bleeding_risk_platelets": "Bleeding risk: platelets 50-75",
    "hypocalcaemia_risk": "Hypocalcaemia risk with denosumab",
    "imaging_conditional": "Imaging only if it would change management",
    "imaging_conflict": "Imaging results disagree",
    "imaging_incomplete": "Imaging record incomplete",
    "imaging_outdated": "Imaging too old to answer",
    "lmwh_weight_band": "LMWH weight band",
    "mri_contraindication_conflict": "MRI contraindicated, yet an MRI is on file",
    "neuro_assessment_incomplete": "Neurological assessment incomplete",
    "neuro_deterioration": "Neurological deterioration",
    "prior_radiotherapy": "Previous radiotherapy at this level",
    "respiratory_risk": "Breathing risk (diaphragm C3-C5)",
    "sins_incomplete": "Spinal instability score incomplete",
    "slow_taper": "Slow steroid taper",
    "stale_result": f"Result older than {stale_limit_text()}",
    "steroid_gi_risk": "Steroid gastrointestinal bleeding risk",
    "stop_calcium_raising_drugs": "Stop calcium-raising drugs",
    "transport_unstable_spine": "Transport with an unstable spine",
    "xray_insufficient": "X-ray or CT cannot exclude MSCC",
}

DISAGREEMENTS = {
    "noms_vs_surgery": "Radiotherapy alone or surgery first",
    "stockings_sensory_loss": "Stockings with sensory loss",
    "platelet_threshold": "Platelet threshold for LMWH",
    "bilsky_1c": "Bilsky 1c: low or high grade",
}

FRANKEL = {"A": "complete motor and sensory loss", "B": "sensation only",
           "C": "movement without useful power (cannot walk)",
           "D": "useful power (walks, with or without aid)",
           "E": "normal power, sensation and sphincters"}

SCORES = {
    "sins": "SINS (spinal instability)",
    "bilsky": "Bilsky grade (epidural compression)",
    "corrected_calcium": "Corrected calcium",
    "creatinine_clearance": "Creatinine clearance (Cockcroft-Gault)",
    "frankel": "Frankel grade",
    "tokuhashi_revised": "Revised Tokuhashi score",
    "padua": "Padua VTE risk score",
}


def word(table: dict[str, str], code: object) -> str:
    if code is None:
        return "not stated"
    return table.get(str(code), str(code).replace("_", " "))


def dose_text(dose: object) -> str:
    """'8 mg', '0.5 mg': a dose as every page and screen writes it; '' when none."""
    if not isinstance(dose, dict) or dose.get("value") is None:
        return ""
    value = dose["value"]
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{shown} {dose.get('unit') or ''}".strip()
