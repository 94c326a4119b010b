"""Section 9: bone-targeted agents when hypercalcaemia has not decided them
(NICE NG234, NICE TA265, ESMO Bone Health 2020, SPC zoledronic acid).

The zoledronic acid doses, the severe renal limit, the denosumab dose and the infusion
time are declared here once; section 8 (calcium.py) uses the same declarations."""
from __future__ import annotations

from datetime import timedelta

from engine.facts import STALE
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation, dose
from engine.thresholds import Quantity, band, quantity, threshold
from engine.units import truncated

# Zoledronic acid for bone metastases and myeloma, by creatinine clearance (SPC table).
ZA_FULL_FROM = threshold("creatinine clearance", 60, "mL/min", "at_least", "SPC-ZOLEDRONIC-ACID")
ZA_3_5_FROM = threshold("creatinine clearance", 50, "mL/min", "at_least", "SPC-ZOLEDRONIC-ACID")
ZA_3_3_FROM = threshold("creatinine clearance", 40, "mL/min", "at_least", "SPC-ZOLEDRONIC-ACID")
CRCL_RENAL = threshold("creatinine clearance", 30, "mL/min", "below", "SPC-ZOLEDRONIC-ACID")
ZA_MG = quantity("zoledronic acid dose", 4, "mg", "SPC-ZOLEDRONIC-ACID")
ZA_3_5_MG = quantity("zoledronic acid renal dose", 3.5, "mg", "SPC-ZOLEDRONIC-ACID")
ZA_3_3_MG = quantity("zoledronic acid renal dose", 3.3, "mg", "SPC-ZOLEDRONIC-ACID")
ZA_3_0_MG = quantity("zoledronic acid renal dose", "3.0", "mg", "SPC-ZOLEDRONIC-ACID")
ZA_INFUSION = quantity("zoledronic acid infusion, at least", 15, "minutes", "SPC-ZOLEDRONIC-ACID")
ZA_EVERY = (quantity("zoledronic acid interval, from", 3, "weeks", "ESMO-BONE-2020"),
            quantity("zoledronic acid interval, to", 4, "weeks", "ESMO-BONE-2020"))
ZA_EVERY_LONG = quantity("zoledronic acid interval, alternative", 12, "weeks", "ESMO-BONE-2020")
DENOSUMAB_MG = quantity("denosumab dose", 120, "mg", "ESMO-BONE-2020")
DENOSUMAB_EVERY = quantity("denosumab interval", 4, "weeks", "ESMO-BONE-2020")
DENTAL_REVIEW = quantity("dental review within", 7, "days", "ESMO-BONE-2020")

# Read top to bottom, the first band the clearance reaches gives the dose; the last band
# runs down to the renal limit, below which zoledronic acid is withheld.
ZA_BANDS = ((ZA_FULL_FROM, ZA_MG), (ZA_3_5_FROM, ZA_3_5_MG), (ZA_3_3_FROM, ZA_3_3_MG))

BONE = rule("BTA-1", 4, "Bone-targeted agent for vertebral metastases",
            ["NICE-NG234-BONE", "NICE-TA265", "ESMO-BONE-2020", "SPC-ZOLEDRONIC-ACID"],
            ["breast or myeloma with vertebral metastases and no agent: zoledronic acid or "
             f"denosumab to consider, dental review within {DENTAL_REVIEW.limit}",
             "prostate with vertebral metastases, no agent and pain not controlled: zoledronic "
             "acid for pain; denosumab not recommended (TA265)",
             f"zoledronic acid by creatinine clearance: {ZA_FULL_FROM.phrase} {ZA_MG.limit}; "
             f"{band(ZA_3_5_FROM, ZA_FULL_FROM)} {ZA_3_5_MG.limit}; "
             f"{band(ZA_3_3_FROM, ZA_3_5_FROM)} {ZA_3_3_MG.limit}; "
             f"{band(CRCL_RENAL, ZA_3_3_FROM)} {ZA_3_0_MG.limit}; {CRCL_RENAL.phrase} withheld; "
             "unknown pending",
             f"denosumab {DENOSUMAB_MG.limit} SC every {DENOSUMAB_EVERY.limit}: calcium and "
             "vitamin D supplements with it when calcium is normal; none while hypercalcaemic; "
             f"unknown calcium: check it first; {CRCL_RENAL.text}: hypocalcaemia risk alert"],
            thresholds=[ZA_FULL_FROM, ZA_3_5_FROM, ZA_3_3_FROM, CRCL_RENAL, ZA_MG, ZA_3_5_MG,
                        ZA_3_3_MG, ZA_3_0_MG, ZA_INFUSION, *ZA_EVERY, ZA_EVERY_LONG, DENOSUMAB_MG,
                        DENOSUMAB_EVERY, DENTAL_REVIEW])


def zoledronic_dose(crcl) -> Quantity | None:
    """The bone-metastasis dose for this clearance (exact value), None when withheld."""
    for lower, mg in ZA_BANDS:
        if lower.met_by(crcl):
            return mg
    return None if CRCL_RENAL.met_by(crcl) else ZA_3_0_MG


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
                 drug="denosumab", dose=dose(DENOSUMAB_MG.number), route="SC",
                 frequency=f"every {DENOSUMAB_EVERY.limit}")
        if crcl is not None and CRCL_RENAL.met_by(crcl):
            ev.alert(BONE, "hypocalcaemia_risk", "warning",
                     f"Denosumab with creatinine clearance {truncated(crcl, 1)} {CRCL_RENAL.unit} "
                     f"({CRCL_RENAL.phrase}): high risk of severe hypocalcaemia.")
    else:
        ev.order(BONE, "denosumab", "not_indicated",
                 "NICE TA265 does not recommend denosumab in prostate cancer.", drug="denosumab")
    ev.act(BONE, "dental_review", DENTAL_REVIEW.duration // timedelta(hours=1),
           "Dental review before starting a bone-targeted agent (osteonecrosis of the jaw risk).")


def _supplements(calcium_severity: str | None) -> str:
    """The supplement advice resolved against this patient's calcium (issue 20): never
    "unless hypercalcaemic" beside a result that says which."""
    if calcium_severity == "normal":
        return "give calcium and vitamin D supplements with it (corrected calcium normal)."
    if calcium_severity is None:
        return (f"no calcium result within {STALE.limit}: check calcium before deciding on "
                "calcium and vitamin D supplements.")
    return (f"no calcium or vitamin D supplements: corrected calcium is raised "
            f"({calcium_severity} hypercalcaemia).")


def _zoledronic(ev: Evaluation, crcl, purpose: str) -> None:
    drug = "zoledronic acid"
    if crcl is None:
        ev.need(*ev.facts.crcl.missing)
        ev.order(BONE, "zoledronic_acid", "pending",
                 f"Consider {purpose}; the dose depends on creatinine clearance, which is "
                 "unknown.", drug=drug)
        return
    shown = f"{truncated(crcl, 1)} {CRCL_RENAL.unit}"
    mg = zoledronic_dose(crcl)
    if mg is None:
        ev.order(BONE, "zoledronic_acid", "withheld",
                 f"Creatinine clearance {shown} ({CRCL_RENAL.phrase}): not recommended.",
                 drug=drug)
        return
    ev.order(BONE, "zoledronic_acid", "consider",
             f"Consider {purpose}; creatinine clearance {shown} gives {mg.number:g} {mg.unit}. "
             "Check creatinine before each dose.", drug=drug, dose=dose(mg.number),
             route=f"IV over at least {ZA_INFUSION.limit}",
             frequency=f"every {band(*ZA_EVERY)} (or {ZA_EVERY_LONG.written}-weekly)")
