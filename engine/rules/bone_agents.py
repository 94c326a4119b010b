"""Section 9: bone-targeted agents when hypercalcaemia has not decided them
(NICE NG234, NICE TA265, ESMO Bone Health 2020, SPC zoledronic acid)."""
from __future__ import annotations

from engine.rules.catalogue import rule
from engine.rules.context import Evaluation, dose
from engine.units import truncated

BONE = rule("BTA-1", 3, "Bone-targeted agent for vertebral metastases",
            ["NICE-NG234-BONE", "NICE-TA265", "ESMO-BONE-2020", "SPC-ZOLEDRONIC-ACID"],
            ["breast or myeloma with vertebral metastases and no agent: zoledronic acid or "
             "denosumab to consider, dental review within 1 week",
             "prostate with vertebral metastases, no agent and pain not controlled: zoledronic "
             "acid for pain; denosumab not recommended (TA265)",
             "zoledronic acid by creatinine clearance: 60 or more 4 mg; 50-60 3.5 mg; 40-50 "
             "3.3 mg; 30-40 3.0 mg; below 30 withheld; unknown pending",
             "denosumab: calcium and vitamin D supplements with it when calcium is normal; none "
             "while hypercalcaemic; unknown calcium: check it first"])

ZA_BANDS = ((60, 4.0), (50, 3.5), (40, 3.3), (30, 3.0))  # lower bound (inclusive), mg
DENOSUMAB_MG = 120
CRCL_RENAL_BELOW = 30


def zoledronic_dose(crcl: float) -> float | None:
    for lower, mg in ZA_BANDS:
        if crcl >= lower:
            return mg
    return None


def evaluate_bone_agents(ev: Evaluation, calcium_severity: str | None, known_lesion: bool) -> None:
    if calcium_severity in ("moderate", "severe"):
        ev.record(BONE, False, decided_by="hypercalcaemia")
        return
    f = ev.facts
    primary, agent = f.cancer.primary, f.meds.bone_targeted_agent
    pain_controlled = f.pres.pain_controlled
    crcl = f.crcl.exact
    breast_myeloma = primary in ("breast", "myeloma")
    prostate = primary == "prostate" and pain_controlled is False
    eligible = known_lesion and agent == "none" and (breast_myeloma or prostate)
    if known_lesion and (breast_myeloma or primary == "prostate") and agent is None:
        ev.need("medications.bone_targeted_agent")
    if known_lesion and primary == "prostate" and agent == "none" and pain_controlled is None:
        ev.need("presentation.pain_controlled")
    ev.record(BONE, eligible, primary=primary, bone_targeted_agent=agent,
              vertebral_metastases_known=known_lesion, pain_controlled=pain_controlled,
              crcl_ml_min=f.crcl.ml_per_min)
    if not eligible:
        why = "Not indicated by the rules (" + (
            "already on a bone-targeted agent" if agent not in (None, "none") else
            "current bone-targeted agent not recorded" if agent is None else
            "no known vertebral metastases" if not known_lesion else
            "pain is controlled" if primary == "prostate" else
            "primary not breast, myeloma or prostate") + ")."
        ev.order(BONE, "zoledronic_acid", "not_indicated", why, drug="zoledronic acid")
        ev.order(BONE, "denosumab", "not_indicated", why, drug="denosumab")
        return
    _zoledronic(ev, crcl, "for pain in prostate cancer" if prostate and not breast_myeloma
                else "to reduce pain and vertebral fracture or collapse")
    if breast_myeloma:
        ev.order(BONE, "denosumab", "consider",
                 "Alternative to zoledronic acid (TA265: breast and other solid tumours, not "
                 "prostate); " + _supplements(calcium_severity),
                 drug="denosumab", dose=dose(DENOSUMAB_MG), route="SC", frequency="every 4 weeks")
        if crcl is not None and crcl < CRCL_RENAL_BELOW:
            ev.alert(BONE, "hypocalcaemia_risk", "warning",
                     f"Denosumab with creatinine clearance {truncated(crcl, 1)} mL/min (below 30): high risk "
                     "of severe hypocalcaemia.")
    else:
        ev.order(BONE, "denosumab", "not_indicated",
                 "NICE TA265 does not recommend denosumab in prostate cancer.", drug="denosumab")
    ev.act(BONE, "dental_review", 168, "Dental review before starting a bone-targeted agent "
           "(osteonecrosis of the jaw risk).")


def _supplements(calcium_severity: str | None) -> str:
    """The supplement advice resolved against this patient's calcium (issue 20): never
    "unless hypercalcaemic" beside a result that says which."""
    if calcium_severity == "normal":
        return "give calcium and vitamin D supplements with it (corrected calcium normal)."
    if calcium_severity is None:
        return ("no calcium result within 72 h: check calcium before deciding on calcium and "
                "vitamin D supplements.")
    return (f"no calcium or vitamin D supplements: corrected calcium is raised "
            f"({calcium_severity} hypercalcaemia).")


def _zoledronic(ev: Evaluation, crcl: float | None, purpose: str) -> None:
    drug = "zoledronic acid"
    if crcl is None:
        ev.need(*ev.facts.crcl.missing)
        ev.order(BONE, "zoledronic_acid", "pending",
                 f"Consider {purpose}; the dose depends on creatinine clearance, which is "
                 "unknown.", drug=drug)
        return
    mg = zoledronic_dose(crcl)
    if mg is None:
        ev.order(BONE, "zoledronic_acid", "withheld",
                 f"Creatinine clearance {truncated(crcl, 1)} mL/min (below 30): not recommended.", drug=drug)
        return
    ev.order(BONE, "zoledronic_acid", "consider",
             f"Consider {purpose}; creatinine clearance {truncated(crcl, 1)} mL/min gives {mg:g} mg. Check "
             "creatinine before each dose.", drug=drug, dose=dose(mg),
             route="IV over at least 15 minutes", frequency="every 3-4 weeks (or 12-weekly)")
