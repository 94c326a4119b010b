"""Section 7: thromboprophylaxis - IPC, stockings and LMWH with its ordered gates
(NICE NG234 supportive care, NICE NG89, ASCO VTE 2023, ASRA 2018, SPC enoxaparin)."""
from __future__ import annotations

from engine.models import assessment as out
from engine.facts import STALE
from engine.rules.catalogue import rule
from engine.thresholds import band, quantity, threshold
from engine.rules.context import Evaluation, dose
from engine.units import truncated
from engine.rules.pathway import CONFIRMED

# The limits of section 7, each written once; every text below is generated from them.
PLATELETS_HOLD = threshold("platelets", 50, "x10^9/L", "below", "SPC-ENOXAPARIN")
PLATELETS_FLAG = threshold("platelets", 75, "x10^9/L", "below", "DH-VTE-RAM-2010")
INR_HOLD = threshold("INR", 1.5, "", "above", "ASRA-2018")
NEURAXIAL_GAP = threshold("neuraxial procedure", 12, "h", "within", "ASRA-2018")
NEURAXIAL_AFTER = quantity("no neuraxial procedure after the dose for", 4, "h", "ASRA-2018")
CRCL_WITHHOLD = threshold("creatinine clearance", 15, "mL/min", "below", "SPC-ENOXAPARIN")
CRCL_REDUCE = threshold("creatinine clearance", 30, "mL/min", "below", "SPC-ENOXAPARIN")
WEIGHT_LOW = threshold("weight", 50, "kg", "below", "SPC-ENOXAPARIN")
WEIGHT_HIGH = threshold("weight", 100, "kg", "above", "SPC-ENOXAPARIN")
SURGERY_WAIT = threshold("time since spinal surgery", 24, "h", "below", "NICE-NG234-SUPPORTIVE")
STANDARD_MG = quantity("enoxaparin prophylactic dose", 40, "mg", "SPC-ENOXAPARIN")
RENAL_MG = {"GB": quantity("enoxaparin renal dose, UK SmPC", 20, "mg", "SPC-ENOXAPARIN"),
            "US": quantity("enoxaparin renal dose, US label", 30, "mg", "SPC-ENOXAPARIN")}
UFH_UNITS = quantity("unfractionated heparin dose", 5000, "units", "NICE-NG89")
UFH_EVERY = quantity("unfractionated heparin interval", 12, "h", "NICE-NG89")

APPLIES = rule("VTE-APPLIES-1", 2, "Who needs thromboprophylaxis",
               ["NICE-NG234-SUPPORTIVE", "ASCO-VTE-2023"],
               ["suspected MSCC, confirmed MSCC and after treatment",
                "other pathways only when admitted with reduced mobility"])
IPC = rule("VTE-IPC-1", 3, "Intermittent pneumatic compression or a foot impulse device",
           ["NICE-NG234-SUPPORTIVE", "NICE-NG89"],
           ["withheld with acute DVT, peripheral arterial disease, leg skin condition or "
            "severe leg oedema", "a foot impulse device is the equivalent alternative, "
            "withheld on the same four"])
ANTICOAGULATED = rule("VTE-ANTICOAG-1", 2, "Already anticoagulated: a plan before any procedure",
                      ["NICE-NG89", "ASRA-2018"],
                      ["therapeutic LMWH, a DOAC or warfarin: no prophylaxis orders",
                       "on a surgical, haematological, suspected-MSCC or unstable pathway: record "
                       "the last dose; no further dose until the spinal surgeon or MSCC team has "
                       "decided about surgery or biopsy"])
AES = rule("VTE-AES-1", 3, "Thigh-length anti-embolism stockings", ["NICE-NG234-SUPPORTIVE", "NICE-NG89"],
           ["withheld with sensory impairment, arterial disease or bypass, skin condition, "
            "severe oedema, leg deformity or allergy", "pending while sensory impairment is "
            "unknown"])
LMWH = rule("VTE-LMWH-1", 4, "Prophylactic LMWH (enoxaparin)",
            ["NICE-NG234-SUPPORTIVE", "ASCO-VTE-2023", "ASRA-2018", "SPC-ENOXAPARIN",
             "DH-VTE-RAM-2010"],
            [f"withheld: active bleeding, bleeding disorder, {PLATELETS_HOLD.text}, "
             f"{NEURAXIAL_GAP.text}, {INR_HOLD.text}, on unfractionated heparin",
             f"withheld: spinal surgery expected within {SURGERY_WAIT.limit}, or done less than "
             f"{SURGERY_WAIT.limit} ago",
             f"pending: surgery {SURGERY_WAIT.limit} or more ago until the surgeon clears "
             "anticoagulation; a recorded 'not cleared' is asked again at each daily review",
             f"pending: platelets or creatinine clearance unknown or {STALE.text}, or the "
             "bleeding history or current anticoagulant not recorded",
             f"{CRCL_WITHHOLD.text}: withheld (unfractionated heparin instead)",
             f"{band(CRCL_WITHHOLD, CRCL_REDUCE)}: {RENAL_MG['GB'].limit} (GB) or "
             f"{RENAL_MG['US'].limit} (US); otherwise {STANDARD_MG.limit} once daily",
             f"{WEIGHT_LOW.text} or {WEIGHT_HIGH.phrase}: check the local dose band",
             f"platelets {band(PLATELETS_HOLD, PLATELETS_FLAG)}: bleeding-risk flag (DH tool)"],
            thresholds=[PLATELETS_HOLD, PLATELETS_FLAG, INR_HOLD, NEURAXIAL_GAP, NEURAXIAL_AFTER,
                        SURGERY_WAIT, STALE, CRCL_WITHHOLD, CRCL_REDUCE, WEIGHT_LOW, WEIGHT_HIGH,
                        STANDARD_MG, *RENAL_MG.values(), UFH_UNITS, UFH_EVERY])

THERAPEUTIC = ("therapeutic_lmwh", "doac", "warfarin")
ASK_SURGEON_PATHWAYS = ("suspected_mscc", "mscc_surgical_opinion", "spinal_metastases_unstable")
IPC_CONTRA = ("acute_dvt", "peripheral_arterial_disease", "leg_skin_condition",
              "severe_leg_oedema")
AES_CONTRA = ("peripheral_arterial_disease", "peripheral_arterial_bypass", "leg_skin_condition",
              "severe_leg_oedema", "leg_deformity", "stocking_allergy")
NAMES = {"acute_dvt": "acute DVT", "peripheral_arterial_disease": "peripheral arterial disease",
         "peripheral_arterial_bypass": "peripheral arterial bypass",
         "leg_skin_condition": "leg skin condition", "severe_leg_oedema": "severe leg oedema",
         "leg_deformity": "leg deformity", "stocking_allergy": "stocking allergy"}
ENOXAPARIN = "enoxaparin"
FOOT_IMPULSE = "foot impulse device"
PLAN_PATHWAYS = ("suspected_mscc", "mscc_surgical_opinion", "mscc_haematological",
                 "spinal_metastases_unstable")
ANTICOAGULANT_WORDS = {"therapeutic_lmwh": "treatment-dose LMWH", "doac":
                       "a direct oral anticoagulant (DOAC)", "warfarin": "warfarin"}


def reduced_mobility(ev: Evaluation, precautions: str) -> bool | None:
    f = ev.facts
    if f.exam.ambulation in ("with_aid", "unable") or f.pres.walking_difficulty is True \
            or precautions != "none":
        return True
    if f.exam.ambulation == "independent" and f.pres.walking_difficulty is False:
        return False
    return None


def evaluate_thromboprophylaxis(ev: Evaluation, pathway: str, precautions: str,
                                sensory: bool | None) -> None:
    f = ev.facts
    mobility = reduced_mobility(ev, precautions)
    ev.notes["reduced_mobility"] = mobility
    admitted = f.pres.admitted
    applies = (pathway in ("suspected_mscc", "post_treatment") or pathway in CONFIRMED
               or (admitted is True and mobility is True))
    if not applies and mobility is not False and admitted is not False:
        ev.need(*(["presentation.admitted"] if admitted is None else [])
                + (["neuro_exam.ambulation"] if mobility is None else []))
    ev.record(APPLIES, applies, pathway=pathway, admitted=admitted, reduced_mobility=mobility)
    if not applies:
        for code, spec, drug in _all_orders():
            ev.order(spec, code, "not_indicated", "Not an inpatient with reduced mobility on this "
                     "pathway: no routine prophylaxis.", drug=drug)
        return
    anticoag = f.meds.anticoagulation
    if anticoag in THERAPEUTIC:
        words = ANTICOAGULANT_WORDS[anticoag]
        for code, spec, drug in _all_orders():
            ev.order(spec, code, "not_indicated", f"Already anticoagulated ({words}).",
                     drug=drug)
        plan = pathway in PLAN_PATHWAYS
        if plan:
            ev.alert(ANTICOAGULATED, "anticoagulant_procedure_plan", "critical",
                     f"On {words}: record the time of the last dose; give no further dose until "
                     "the spinal surgeon or MSCC team has decided about surgery or biopsy; if "
                     "it is held, mechanical prophylaxis (intermittent pneumatic compression) "
                     "applies.")
        ev.record(ANTICOAGULATED, plan, anticoagulation=anticoag, pathway=pathway)
        ev.record(LMWH, False, anticoagulation=anticoag)
        return
    _ipc(ev)
    _stockings(ev, sensory)
    _lmwh(ev, pathway)


def _all_orders():
    return (("intermittent_pneumatic_compression", IPC, "intermittent pneumatic compression"),
            ("anti_embolism_stockings", AES, "thigh-length anti-embolism stockings"),
            ("lmwh_prophylaxis", LMWH, ENOXAPARIN))


def _history(ev: Evaluation, names) -> tuple[list[str], list[str]]:
    present = [n for n in names if getattr(ev.facts.hist, n) is True]
    unknown = [n for n in names if getattr(ev.facts.hist, n) is None]
    return present, unknown


def _ipc(ev: Evaluation) -> None:
    present, unknown = _history(ev, IPC_CONTRA)
    drug = "intermittent pneumatic compression"
    if present:
        ev.order(IPC, "intermittent_pneumatic_compression", "withheld",
                 "Contraindicated: " + ", ".join(NAMES[n] for n in present)
                 + " (the same holds for a foot impulse device).", drug=drug,
                 alternatives=[_foot_impulse("withheld")])
    else:
        reason = "Mechanical prophylaxis now, both legs."
        if unknown:
            reason += (" Check the legs before applying: not recorded - "
                       + ", ".join(NAMES[n] for n in unknown) + ".")
            ev.need(*[f"history.{n}" for n in unknown])
        ev.order(IPC, "intermittent_pneumatic_compression", "recommended", reason, drug=drug,
                 frequency="continuously while in bed",
                 alternatives=[_foot_impulse("recommended")])
    ev.record(IPC, not present, contraindications=present, unrecorded=unknown)


def _foot_impulse(status: str) -> out.Alternative:
    return out.Alternative(drug=FOOT_IMPULSE, status=status, label="Or",
                           note="Same contraindications as pneumatic compression (NICE NG89).")


def _stockings(ev: Evaluation, sensory: bool | None) -> None:
    present, unknown = _history(ev, AES_CONTRA)
    drug = "thigh-length anti-embolism stockings"
    ev.disagree(AES, "stockings_sensory_loss",
                "NICE NG234 offers thigh-length stockings in suspected MSCC; NICE NG89 says not "
                "to use them with sensory impairment (common in MSCC). IPC is preferred.")
    if sensory is True or present:
        why = (["sensory impairment"] if sensory else []) + [NAMES[n] for n in present]
        ev.order(AES, "anti_embolism_stockings", "withheld",
                 "Contraindicated: " + ", ".join(why) + ". Use IPC instead.", drug=drug)
        status = "withheld"
    elif sensory is None:
        # Only the answers still unknown: a "No" to sensory loss is an answer.
        ev.need(*[path for path, value in (("presentation.sensory_loss", ev.facts.pres.sensory_loss),
                                           ("neuro_exam.sensory_level", ev.facts.exam.sensory_level))
                  if value is None])
        ev.order(AES, "anti_embolism_stockings", "pending",
                 "Record sensation first: stockings are unsafe on legs with sensory impairment.",
                 drug=drug)
        status = "pending"
    else:
        reason = "Option beside IPC; measure and fit, remove daily to check the skin."
        if unknown:
            reason += " Not recorded: " + ", ".join(NAMES[n] for n in unknown) + "."
            ev.need(*[f"history.{n}" for n in unknown])
        ev.order(AES, "anti_embolism_stockings", "consider", reason, drug=drug)
        status = "consider"
    ev.record(AES, status == "consider", sensory_impairment=sensory, contraindications=present,
              unrecorded=unknown, status=status)


def _lmwh(ev: Evaluation, pathway: str) -> None:
    f = ev.facts
    plt, inr, crcl = f.fresh("platelets"), f.fresh("inr"), f.crcl.exact
    proc, hist = f.proc, f.hist
    inputs = dict(pathway=pathway, platelets=plt, inr=inr, crcl_ml_min=f.crcl.ml_per_min,
                  active_bleeding=hist.active_bleeding, bleeding_disorder=hist.bleeding_disorder,
                  neuraxial_procedure_within_12h=proc.neuraxial_procedure_within_12h,
                  spinal_surgery_expected_within_24h=proc.spinal_surgery_expected_within_24h,
                  spinal_surgery_at=proc.spinal_surgery_at,
                  surgeon_cleared_anticoagulation=proc.surgeon_cleared_anticoagulation,
                  anticoagulation=f.meds.anticoagulation, weight_kg=f.patient.weight_kg,
                  locale=ev.case.locale)
    status, reason, mg = _lmwh_decision(ev, pathway, plt, inr, crcl)
    ev.order(LMWH, "lmwh_prophylaxis", status, reason, drug=ENOXAPARIN, dose=dose(mg),
             route="SC" if mg else None, frequency="once daily" if mg else None,
             changes_at=ev.notes.get("lmwh_until"))
    ev.record(LMWH, status == "recommended", status=status, **inputs)
    if status == "recommended":
        w = f.patient.weight_kg
        if WEIGHT_LOW.met_by(w) or WEIGHT_HIGH.met_by(w):
            ev.alert(LMWH, "lmwh_weight_band", "warning",
                     f"Weight {w:g} kg is outside {band(WEIGHT_LOW, WEIGHT_HIGH)}: check the local "
                     "enoxaparin dose band.")
        if PLATELETS_FLAG.met_by(plt):
            ev.alert(LMWH, "bleeding_risk_platelets", "warning",
                     f"Platelets {plt:g} {PLATELETS_FLAG.unit} ({band(PLATELETS_HOLD, PLATELETS_FLAG)}): "
                     "bleeding-risk factor on the UK risk tool; confirm LMWH is still wanted.")
            ev.disagree(LMWH, "platelet_threshold",
                        "Prophylactic LMWH platelet threshold: oncology practice holds "
                        f"{PLATELETS_HOLD.phrase}; the UK DH tool flags bleeding risk "
                        f"{PLATELETS_FLAG.phrase}.")


def _lmwh_decision(ev: Evaluation, pathway, plt, inr, crcl):
    """The ordered gates of clinical-rules.md section 7; returns (status, reason, dose mg)."""
    f = ev.facts
    hist, proc = f.hist, f.proc
    holds = []
    if hist.active_bleeding is True:
        holds.append("active bleeding")
    if hist.bleeding_disorder is True:
        holds.append("bleeding disorder")
    if plt is not None and PLATELETS_HOLD.met_by(plt):
        holds.append(f"platelets {plt:g} {PLATELETS_HOLD.unit} ({PLATELETS_HOLD.phrase})")
    if proc.neuraxial_procedure_within_12h is True:
        holds.append(f"{NEURAXIAL_GAP.text} (ASRA)")
    if inr is not None and INR_HOLD.met_by(inr):
        holds.append(f"INR {inr:g} ({INR_HOLD.phrase})")
    if f.meds.anticoagulation == "unfractionated_heparin":
        # Not in the rules' list of therapeutic agents, but adding LMWH to heparin
        # would double the anticoagulant: hold it.
        holds.append("already on unfractionated heparin")
    if holds:
        return "withheld", "Contraindicated: " + "; ".join(holds) + ". Mechanical only.", None
    if proc.spinal_surgery_expected_within_24h is True:
        return "withheld", ("Mechanical now; timing of LMWH per spinal surgeon (surgery "
                            f"expected within {SURGERY_WAIT.limit})."), None
    if proc.spinal_surgery_at is not None and ev.notes.get("surgery_this_episode"):
        since = f.now - proc.spinal_surgery_at
        if SURGERY_WAIT.met_by(since):
            ev.notes["lmwh_until"] = proc.spinal_surgery_at + SURGERY_WAIT.duration
            return "withheld", (f"Spinal surgery less than {SURGERY_WAIT.limit} ago: mechanical "
                                f"only until {SURGERY_WAIT.limit} after surgery, then ask the "
                                "spinal surgeon."), None
        if proc.surgeon_cleared_anticoagulation is None:
            ev.need("procedures.surgeon_cleared_anticoagulation")
            return "pending", "Ask the spinal surgeon whether haemostasis allows LMWH.", None
        if proc.surgeon_cleared_anticoagulation is False:
            return "pending", "Held by the spinal surgeon (not cleared): ask again at each " \
                              "daily review.", None
    unknown = _unknown_gates(ev, plt, crcl)
    if pathway in ASK_SURGEON_PATHWAYS and proc.spinal_surgery_expected_within_24h is None:
        ev.need("procedures.spinal_surgery_expected_within_24h")
        also = f" Also needed: {'; '.join(unknown)}." if unknown else ""
        return "pending", ("Ask the spinal surgeon whether surgery is expected "
                           f"within {SURGERY_WAIT.limit}." + also), None
    if unknown:
        return "pending", "Needed before LMWH: " + "; ".join(unknown) + ".", None
    shown = f"{truncated(crcl, 1)} {CRCL_REDUCE.unit}"
    if CRCL_WITHHOLD.met_by(crcl):
        return "withheld", (f"Creatinine clearance {shown} ({CRCL_WITHHOLD.phrase}): LMWH not "
                            f"recommended; consider unfractionated heparin {UFH_UNITS.limit} SC "
                            f"every {UFH_EVERY.limit}."), None
    if CRCL_REDUCE.met_by(crcl):
        renal = RENAL_MG["GB" if ev.case.locale == "GB" else "US"]
        return "recommended", (f"Creatinine clearance {shown} ({band(CRCL_WITHHOLD, CRCL_REDUCE)}): "
                               f"renal dose {renal.limit} once daily "
                               f"({renal.name.split(', ')[1]})." + _neuraxial_note(ev)), \
            renal.number
    return "recommended", (f"High VTE risk with cancer and reduced mobility; platelets {plt:g}, "
                           f"creatinine clearance {shown}: {STANDARD_MG.limit} once daily."
                           + _neuraxial_note(ev)), STANDARD_MG.number


def _unknown_gates(ev: Evaluation, plt, crcl) -> list[str]:
    """Inputs that gate LMWH and are unknown or stale. Unknown is never normal: an
    unrecorded bleeding history or anticoagulant holds the order like a missing lab."""
    f = ev.facts
    unknown = []
    if plt is None:
        unknown.append(f"platelet count (none, or {STALE.phrase})")
        ev.need("labs.platelets")
    if crcl is None:
        unknown.append("creatinine clearance (needs " + _crcl_needs(f.crcl.missing) + ")")
        ev.need(*f.crcl.missing)
    for name, label in (("active_bleeding", "active bleeding"),
                        ("bleeding_disorder", "bleeding disorder")):
        if getattr(f.hist, name) is None:
            unknown.append(f"{label} (not recorded)")
            ev.need(f"history.{name}")
    if f.meds.anticoagulation is None:
        unknown.append("current anticoagulation (not recorded)")
        ev.need("medications.anticoagulation")
    return unknown


# What Cockcroft-Gault still needs, named only when it is missing (or stale).
CRCL_NEEDS = {"patient.date_of_birth": "age (date of birth)", "patient.sex": "sex",
              "patient.weight_kg": "weight",
              "labs.creatinine": f"a creatinine within {STALE.limit}"}


def _crcl_needs(missing) -> str:
    names = [CRCL_NEEDS.get(p, p) for p in dict.fromkeys(missing)]
    return " and ".join(names) if len(names) < 3 else \
        ", ".join(names[:-1]) + " and " + names[-1]


def _neuraxial_note(ev: Evaluation) -> str:
    """The golden cases do not hold LMWH for an unrecorded neuraxial procedure (spinal
    procedures are rare and known to the team), so it is named, not gated."""
    if ev.facts.proc.neuraxial_procedure_within_12h is not None:
        return ""
    ev.need("procedures.neuraxial_procedure_within_12h")
    return (f" Not recorded: lumbar puncture or epidural within {NEURAXIAL_GAP.limit} before "
            f"or {NEURAXIAL_AFTER.limit} after the dose - confirm none is planned before giving it.")
