"""Section 8: hypercalcaemia (ES-HCM-2023; Payne 1973; SPC zoledronic acid; calcitonin label)."""
from __future__ import annotations

from datetime import timedelta

from engine.facts import STALE
from engine.rules.bone_agents import CRCL_RENAL, DENOSUMAB_MG, ZA_INFUSION, ZA_MG
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation, dose
from engine.thresholds import band, quantity, threshold
from engine.units import truncated
from engine.scores.calcium import MILD, MODERATE, SEVERE, corrected_calcium

# The severity bands are declared with the score (engine/scores/calcium.py); the renal
# limit, the zoledronic acid and denosumab doses and the infusion time with section 9
# (bone_agents.py). The limits of section 8 itself, each written once; LOW is not one of
# the bands but a unit-error and hypocalcaemia check.
LOW = threshold("calcium", "2.10", "mmol/L", "below", "ES-HCM-2023")
# IV saline is titrated to this urine output (clinical-facts 6.4).
URINE_TARGET = (quantity("urine output target, from", 100, "mL/h", "ES-HCM-2023"),
                quantity("urine output target, to", 150, "mL/h", "ES-HCM-2023"))
RECHECK_MILD = quantity("recheck calcium within", 48, "h", "ES-HCM-2023")
RECHECK_HIGH = quantity("recheck calcium within", 24, "h", "ES-HCM-2023")
ZA_REPEAT_AFTER = quantity("zoledronic acid repeat, at least after", 7, "days", "SPC-ZOLEDRONIC-ACID")
CALCITONIN_DOSE = quantity("calcitonin dose", 4, "units/kg", "CALCITONIN-LABEL")
CALCITONIN_EVERY = quantity("calcitonin interval", 12, "h", "CALCITONIN-LABEL")
# Tachyphylaxis: calcitonin is a bridge only.
CALCITONIN_STOP = quantity("calcitonin stopped after", 48, "h", "CALCITONIN-LABEL")

CORRECTED = rule("CA-CORRECTED-1", 4, "Corrected calcium and severity",
                 ["PAYNE-1973", "ES-HCM-2023"],
                 ["laboratory adjusted value first, else Payne with albumin, else uncorrected",
                  f"normal below {MILD.limit}; mild {band(MILD, MODERATE)}; moderate "
                  f"{band(MODERATE, SEVERE)}; severe {SEVERE.phrase}",
                  f"results {STALE.phrase} count as missing",
                  f"{LOW.phrase}: calcium_low alert (check the unit)"],
                 thresholds=[MILD, MODERATE, SEVERE, STALE, LOW])
TREAT = rule("CA-TREAT-1", 4, "Treatment of hypercalcaemia of malignancy",
             ["ES-HCM-2023", "SPC-ZOLEDRONIC-ACID", "CALCITONIN-LABEL"],
             [f"mild: fluids (oral or IV) considered, recheck in {RECHECK_MILD.limit}",
              "moderate or severe: IV 0.9% saline titrated to a urine output of "
              f"{band(*URINE_TARGET)}, recheck in {RECHECK_HIGH.limit}; {CRCL_RENAL.text}: "
              f"denosumab {DENOSUMAB_MG.limit} SC, zoledronic acid withheld; unknown: "
              f"zoledronic acid pending; otherwise zoledronic acid {ZA_MG.limit} IV over at "
              f"least {ZA_INFUSION.limit} (not renal-reduced in HCM), may repeat after "
              f"{ZA_REPEAT_AFTER.limit}",
              f"severe: calcitonin {CALCITONIN_DOSE.limit} SC/IM every {CALCITONIN_EVERY.limit}, "
              f"stopped after {CALCITONIN_STOP.limit} (tachyphylaxis)"],
             thresholds=[*URINE_TARGET, RECHECK_MILD, RECHECK_HIGH, CRCL_RENAL, DENOSUMAB_MG,
                         ZA_MG, ZA_INFUSION, ZA_REPEAT_AFTER, CALCITONIN_DOSE, CALCITONIN_EVERY,
                         CALCITONIN_STOP])
DRUGS = rule("CA-DRUGS-1", 2, "Calcium-raising drugs and calcitriol-mediated hypercalcaemia",
             ["ES-HCM-2023"])

# What the value is called and how it was obtained, by the score's method: one table for
# these rules' texts, the screen and the summary (the score carries `label` and
# `method_text`), so an uncorrected calcium is never called "corrected".
METHODS = {
    "laboratory_adjusted": ("Adjusted calcium (laboratory)",
                            "the laboratory's own albumin-adjusted value"),
    "payne_albumin": ("Corrected calcium", "total calcium corrected for albumin (Payne)"),
    "uncorrected": ("Calcium (NOT corrected for albumin)",
                    f"total calcium, not corrected: no albumin within {STALE.limit}"),
}

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
            ev.order(TREAT, code, "pending", f"Calcium result needed (none within {STALE.limit}).",
                     drug=drug)
        ev.record(TREAT, False, severity=None)
        return None
    if score["method"] == "uncorrected":
        ev.need("labs.albumin")
        ev.alert(CORRECTED, "albumin_missing", "warning",
                 f"Calcium {score['mmol_per_l_text']} mmol/L is not corrected for albumin (no "
                 f"albumin within {STALE.limit}). Low albumin would raise the corrected value, "
                 "so the band may be understated.")
    if LOW.met_by(score["mmol_per_l"]):
        ev.alert(CORRECTED, "calcium_low", "warning",
                 f"{calcium_name(score)} {score['mmol_per_l_text']} mmol/L "
                 f"({score['mg_per_dl_text']} mg/dL) is {LOW.phrase}: check the unit entered, "
                 "and treat hypocalcaemia per local guidance (caution with denosumab).")
    sev = score["severity"]
    _drugs(ev, sev)
    _treat(ev, sev, score)
    return sev


def _in_hours(q) -> str:
    """'48 hours', as the other action texts write a deadline."""
    return f"{q.duration // timedelta(hours=1)} hours"


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
        ev.act(TREAT, "recheck_calcium", RECHECK_MILD.duration // timedelta(hours=1),
               f"Recheck calcium within {_in_hours(RECHECK_MILD)}.")
    else:
        ev.order(TREAT, "iv_fluids", "recommended",
                 f"{name} {value}: IV rehydration; target a urine output of "
                 f"{band(*URINE_TARGET)}; record fluid balance; stop and call the doctor "
                 "if breathless or oedematous.",
                 drug=fluids, route="IV",
                 frequency=f"titrate to urine output {band(*URINE_TARGET)}, as the heart allows")
        ev.act(TREAT, "recheck_calcium", RECHECK_HIGH.duration // timedelta(hours=1),
               "Recheck calcium, renal function, magnesium and phosphate within "
               f"{_in_hours(RECHECK_HIGH)}.")
        _antiresorptive(ev, crcl, value)
    if sev == "severe":
        w = f.patient.weight_kg
        if w is None:
            ev.need("patient.weight_kg")
            ev.order(TREAT, "calcitonin", "pending", f"Severe hypercalcaemia ({value}): weight "
                     f"needed for the dose ({CALCITONIN_DOSE.limit}).",
                     drug="calcitonin (salmon)")
        else:
            units = round(CALCITONIN_DOSE.number * w)
            stop = f"stop {CALCITONIN_STOP.limit} after the first dose (tachyphylaxis)"
            ev.order(TREAT, "calcitonin", "recommended",
                     f"Severe hypercalcaemia ({value}): {CALCITONIN_DOSE.limit} x "
                     f"{w:g} kg = {units} units, a bridge while the antiresorptive takes "
                     f"effect; {stop}.",
                     drug="calcitonin (salmon)", dose=dose(units, "units"),
                     route="SC or IM", frequency=f"every {CALCITONIN_EVERY.limit}; {stop}")
    else:
        ev.order(TREAT, "calcitonin", "not_indicated", f"{name} {value}.",
                 drug="calcitonin (salmon)")
    ev.record(TREAT, sev != "normal", severity=sev, crcl_ml_min=f.crcl.ml_per_min,
              weight_kg=f.patient.weight_kg)


def _antiresorptive(ev: Evaluation, crcl, value: str) -> None:
    za, dmab = "zoledronic acid", "denosumab"
    denosumab = dict(drug=dmab, dose=dose(DENOSUMAB_MG.number), route="SC",
                     frequency="single dose; repeat per oncology")
    if crcl is not None and CRCL_RENAL.met_by(crcl):
        shown = f"{truncated(crcl, 1)} {CRCL_RENAL.unit}"
        ev.order(TREAT, "denosumab", "recommended",
                 f"Hypercalcaemia ({value}) with creatinine clearance {shown}: "
                 "denosumab (no renal adjustment).", **denosumab)
        ev.alert(TREAT, "hypocalcaemia_risk", "warning",
                 f"Denosumab with creatinine clearance {shown} ({CRCL_RENAL.phrase}): high risk "
                 "of severe hypocalcaemia; monitor calcium, magnesium and phosphate.")
        ev.order(TREAT, "zoledronic_acid", "withheld",
                 f"Severe renal impairment (creatinine clearance {shown}).", drug=za)
    elif crcl is None:
        ev.need(*ev.facts.crcl.missing)
        ev.order(TREAT, "zoledronic_acid", "pending",
                 f"Hypercalcaemia ({value}): creatinine clearance needed before zoledronic acid.",
                 drug=za)
        ev.order(TREAT, "denosumab", "consider",
                 f"Hypercalcaemia ({value}): an option without renal dosing.", **denosumab)
    else:
        ev.order(TREAT, "zoledronic_acid", "recommended",
                 f"Hypercalcaemia ({value}); creatinine clearance {truncated(crcl, 1)} "
                 f"{CRCL_RENAL.unit}. The HCM dose is not renal-reduced; check creatinine before "
                 "the dose.", drug=za, dose=dose(ZA_MG.number),
                 route=f"IV over at least {ZA_INFUSION.limit}",
                 frequency=f"single dose; may repeat after {ZA_REPEAT_AFTER.limit}")
        ev.order(TREAT, "denosumab", "consider",
                 f"Hypercalcaemia ({value}): ES 2023 conditionally prefers denosumab.", **denosumab)
