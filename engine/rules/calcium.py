"""Section 8: hypercalcaemia (ES-HCM-2023; Payne 1973; SPC zoledronic acid; calcitonin label)."""
from __future__ import annotations

from engine.rules.catalogue import rule
from engine.rules.context import Evaluation, dose
from engine.units import truncated
from engine.scores.calcium import corrected_calcium

URINE_TARGET_ML_H = "100-150"  # clinical-facts 6.4: titrate IV saline to this output

CORRECTED = rule("CA-CORRECTED-1", 3, "Corrected calcium and severity", ["PAYNE-1973", "ES-HCM-2023"],
                 ["laboratory adjusted value first, else Payne with albumin, else uncorrected",
                  "normal below 2.60; mild 2.60-3.00; moderate 3.00-3.50; severe 3.50 mmol/L "
                  "and above", "results older than 72 h count as missing",
                  "below 2.10 mmol/L: calcium_low alert (check the unit)"])
TREAT = rule("CA-TREAT-1", 3, "Treatment of hypercalcaemia of malignancy",
             ["ES-HCM-2023", "SPC-ZOLEDRONIC-ACID", "CALCITONIN-LABEL"],
             ["mild: fluids (oral or IV) considered, recheck in 48 h",
              "moderate or severe: IV 0.9% saline titrated to a urine output of "
              f"{URINE_TARGET_ML_H} mL/h, recheck in 24 h; creatinine clearance below "
              "30: denosumab 120 mg SC, zoledronic acid withheld; unknown: zoledronic acid "
              "pending; otherwise zoledronic acid 4 mg IV (not renal-reduced in HCM)",
              "severe: calcitonin 4 units/kg SC/IM every 12 h, stopped after 48 h "
              "(tachyphylaxis)"])
DRUGS = rule("CA-DRUGS-1", 1, "Calcium-raising drugs and calcitriol-mediated hypercalcaemia",
             ["ES-HCM-2023"])

CRCL_RENAL_BELOW = 30
# What the value is called and how it was obtained, by the score's method: one table for
# these rules' texts, the screen and the summary (the score carries `label` and
# `method_text`), so an uncorrected calcium is never called "corrected".
METHODS = {
    "laboratory_adjusted": ("Adjusted calcium (laboratory)",
                            "the laboratory's own albumin-adjusted value"),
    "payne_albumin": ("Corrected calcium", "total calcium corrected for albumin (Payne)"),
    "uncorrected": ("Calcium (NOT corrected for albumin)",
                    "total calcium, not corrected: no albumin within 72 h"),
}
LOW_BELOW = 2.10  # mmol/L; not in the rules' bands - a unit-error and hypocalcaemia check
CALCITONIN_UNITS_PER_KG = 4
CALCITONIN_STOP_AFTER_H = 48  # tachyphylaxis: a bridge only
ZOLEDRONIC_HCM_MG = 4
DENOSUMAB_MG = 120


def evaluate_calcium(ev: Evaluation) -> str | None:
    """Decides iv_fluids and calcitonin, and both bone agents when moderate or severe.
    Returns the severity (None when unknown)."""
    f = ev.facts
    score = corrected_calcium(f)
    if score is not None:
        name, how = METHODS[score["method"]]
        score = {**score, "label": name, "method_text": how}
    ev.scores["corrected_calcium"] = score
    ev.record(CORRECTED, score is not None and score["severity"] != "normal",
              **({"method": score["method"], "mmol_per_l": score["mmol_per_l"],
                  "severity": score["severity"], **score["inputs"]} if score else
                 {"calcium": None}))
    if score is None:
        ev.need("labs.calcium")
        for code, drug in (("iv_fluids", "0.9% sodium chloride"),
                           ("calcitonin", "calcitonin (salmon)")):
            ev.order(TREAT, code, "pending", "Calcium result needed (none within 72 h).", drug=drug)
        ev.record(TREAT, False, severity=None)
        return None
    if score["method"] == "uncorrected":
        ev.need("labs.albumin")
        ev.alert(CORRECTED, "albumin_missing", "warning",
                 f"Calcium {score['mmol_per_l_text']} mmol/L is not corrected for albumin (no "
                 "albumin within 72 h). Low albumin would raise the corrected value, so the "
                 "band may be understated.")
    if score["mmol_per_l"] < LOW_BELOW:
        ev.alert(CORRECTED, "calcium_low", "warning",
                 f"{calcium_name(score)} {score['mmol_per_l_text']} mmol/L "
                 f"({score['mg_per_dl_text']} mg/dL) is below 2.10 mmol/L: check the unit entered, and treat "
                 "hypocalcaemia per local guidance (caution with denosumab).")
    sev = score["severity"]
    _drugs(ev, sev)
    _treat(ev, sev, score)
    return sev


def calcium_name(score: dict) -> str:
    """The value's name follows how it was obtained (the score's `label`, by method)."""
    return str(score.get("label") or "Corrected calcium")


def _drugs(ev: Evaluation, sev: str) -> None:
    f = ev.facts
    high = sev != "normal"
    raising = [n for n, v in (("calcium or vitamin D supplements",
                               f.meds.calcium_or_vitamin_d_supplements),
                              ("thiazide", f.meds.thiazide)) if v is True]
    if high and raising:
        ev.alert(DRUGS, "stop_calcium_raising_drugs", "warning",
                 "Hypercalcaemia: stop " + " and ".join(raising) + ".")
    if high and f.cancer.primary == "lymphoma":
        ev.alert(DRUGS, "calcitriol_mediated", "warning",
                 "Lymphoma: hypercalcaemia may be calcitriol-mediated - glucocorticoids first; "
                 "involve haematology.")
    ev.record(DRUGS, high and bool(raising), severity=sev, raising_drugs=raising,
              primary=f.cancer.primary)


def _treat(ev: Evaluation, sev: str, score: dict) -> None:
    f = ev.facts
    crcl = f.crcl.exact
    value = f"{score['mmol_per_l_text']} mmol/L ({score['mg_per_dl_text']} mg/dL), {sev}"
    name = calcium_name(score)
    fluids = "0.9% sodium chloride"
    if sev == "normal":
        ev.order(TREAT, "iv_fluids", "not_indicated", f"{name} {value}.", drug=fluids)
    elif sev == "mild":
        ev.order(TREAT, "iv_fluids", "consider",
                 f"{name} {value}: oral or IV fluids if dry or symptomatic.",
                 drug="oral fluids or 0.9% sodium chloride IV")
        ev.act(TREAT, "recheck_calcium", 48, "Recheck calcium within 48 hours.")
    else:
        ev.order(TREAT, "iv_fluids", "recommended",
                 f"{name} {value}: IV rehydration; target a urine output of "
                 f"{URINE_TARGET_ML_H} mL/h; record fluid balance; stop and call the doctor "
                 "if breathless or oedematous.",
                 drug=fluids, route="IV",
                 frequency=f"titrate to urine output {URINE_TARGET_ML_H} mL/h, as the heart "
                 "allows")
        ev.act(TREAT, "recheck_calcium", 24, "Recheck calcium, renal function, magnesium and "
               "phosphate within 24 hours.")
        _antiresorptive(ev, crcl, value)
    if sev == "severe":
        w = f.patient.weight_kg
        if w is None:
            ev.need("patient.weight_kg")
            ev.order(TREAT, "calcitonin", "pending", f"Severe hypercalcaemia ({value}): weight "
                     f"needed for the dose ({CALCITONIN_UNITS_PER_KG} units/kg).",
                     drug="calcitonin (salmon)")
        else:
            units = round(CALCITONIN_UNITS_PER_KG * w)
            stop = (f"stop {CALCITONIN_STOP_AFTER_H} h after the first dose (tachyphylaxis)")
            ev.order(TREAT, "calcitonin", "recommended",
                     f"Severe hypercalcaemia ({value}): {CALCITONIN_UNITS_PER_KG} units/kg x "
                     f"{w:g} kg = {units} units, a bridge while the antiresorptive takes "
                     f"effect; {stop}.",
                     drug="calcitonin (salmon)", dose=dose(units, "units"),
                     route="SC or IM", frequency=f"every 12 h; {stop}")
    else:
        ev.order(TREAT, "calcitonin", "not_indicated", f"{name} {value}.",
                 drug="calcitonin (salmon)")
    ev.record(TREAT, sev != "normal", severity=sev, crcl_ml_min=f.crcl.ml_per_min,
              weight_kg=f.patient.weight_kg)


def _antiresorptive(ev: Evaluation, crcl: float | None, value: str) -> None:
    za, dmab = "zoledronic acid", "denosumab"
    if crcl is not None and crcl < CRCL_RENAL_BELOW:
        ev.order(TREAT, "denosumab", "recommended",
                 f"Hypercalcaemia ({value}) with creatinine clearance {truncated(crcl, 1)} mL/min: "
                 "denosumab (no renal adjustment).", drug=dmab, dose=dose(DENOSUMAB_MG),
                 route="SC", frequency="single dose; repeat per oncology")
        ev.alert(TREAT, "hypocalcaemia_risk", "warning",
                 f"Denosumab with creatinine clearance {truncated(crcl, 1)} mL/min (below 30): high risk of "
                 "severe hypocalcaemia; monitor calcium, magnesium and phosphate.")
        ev.order(TREAT, "zoledronic_acid", "withheld",
                 f"Severe renal impairment (creatinine clearance {truncated(crcl, 1)} mL/min).", drug=za)
    elif crcl is None:
        ev.need(*ev.facts.crcl.missing)
        ev.order(TREAT, "zoledronic_acid", "pending",
                 f"Hypercalcaemia ({value}): creatinine clearance needed before zoledronic acid.",
                 drug=za)
        ev.order(TREAT, "denosumab", "consider",
                 f"Hypercalcaemia ({value}): an option without renal dosing.", drug=dmab,
                 dose=dose(DENOSUMAB_MG), route="SC", frequency="single dose; repeat per oncology")
    else:
        ev.order(TREAT, "zoledronic_acid", "recommended",
                 f"Hypercalcaemia ({value}); creatinine clearance {truncated(crcl, 1)} mL/min. The HCM dose "
                 "is not renal-reduced; check creatinine before the dose.", drug=za,
                 dose=dose(ZOLEDRONIC_HCM_MG), route="IV over at least 15 minutes",
                 frequency="single dose; may repeat after 7 days")
        ev.order(TREAT, "denosumab", "consider",
                 f"Hypercalcaemia ({value}): ES 2023 conditionally prefers denosumab.", drug=dmab,
                 dose=dose(DENOSUMAB_MG), route="SC", frequency="single dose; repeat per oncology")
