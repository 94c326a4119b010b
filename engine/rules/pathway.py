"""Section 3: the pathway, in order; the first that matches wins."""
from __future__ import annotations

from datetime import timedelta

from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.rules.imaging import ImagingFacts
from engine.scores.sins import STABLE_MAX, UNSTABLE_MIN

EXCLUDED = rule("PATH-EXCLUDED-1", 1, "Imaging excluded metastases and MSCC",
                ["NICE-NG234-1.5", "NICE-NG234-1.8"])
POST = rule("PATH-POST-1", 1, "Surgery done or radiotherapy started", ["NICE-NG234-1.8"])
HAEM = rule("PATH-HAEM-1", 1, "MSCC in myeloma, lymphoma or suspected haematological "
            "malignancy: haematology-led", ["NICE-NG234-1.8", "NICE-NG234-SURGERY"],
            ["spinal surgical opinion too when the worst SINS minimum is 7 or more"])
SUPPORTIVE = rule("PATH-SUPPORTIVE-1", 1, "Supportive care: long complete paraplegia with pain "
                  "controlled, or prognosis of weeks", ["NICE-NG234-RADIOTHERAPY"],
                  ["complete paraplegia (MRC 0 both legs) for 14 days or more with pain "
                   "controlled", "overall prognosis judged to be weeks"])
SURGICAL = rule("PATH-SURGICAL-1", 1, "Surgical screen positive: urgent spinal surgical opinion",
                ["PATCHELL-2005", "NOMS-2013", "SINS-2010", "NICE-NG234-SURGERY"],
                ["worst SINS minimum 7 or more", "or all of: neurology positive or unknown; "
                 "compression at one area; not completely paraplegic for more than 48 h; "
                 "prognosis not under 3 months; fit for surgery not false; primary not small "
                 "cell lung cancer"])
RADIOTHERAPY = rule("PATH-RT-1", 1, "MSCC, surgery not suitable: radiotherapy within 24 h",
                    ["NICE-NG234-RADIOTHERAPY", "NICE-QS56-S6"])
PRIOR_RT = rule("ALERT-PRIOR-RT-1", 1, "Prior radiotherapy at the level", ["NICE-NG234-RADIOTHERAPY"])
NOMS = rule("DISAGREE-NOMS-1", 1, "Radiosensitive primary with high-grade compression",
            ["NOMS-2013", "PATCHELL-2005", "ASTRO-2024"])
METS = rule("PATH-METS-1", 1, "Spinal metastases without compression: stability by SINS",
            ["SINS-2010", "NICE-NG234-SURGERY", "NICE-NG234-RADIOTHERAPY"],
            ["SINS minimum 7 or more: unstable pathway", "surgical opinion now when the "
             "minimum is 13 or more or any lesion shows subluxation, else within 24 h",
             "non-mechanical pain: 8 Gy single fraction within 1 week"])
SUSPECTED = rule("PATH-SUSPECTED-1", 1, "No answering study yet",
                 ["NICE-NG234-1.3", "NICE-NG234-1.5"])

URGENCY = {
    "suspected_mscc": "emergency", "mscc_surgical_opinion": "emergency",
    "mscc_radiotherapy": "emergency", "mscc_haematological": "emergency",
    "suspected_spinal_metastases": "urgent", "spinal_metastases_unstable": "urgent",
    "mscc_supportive_care": "urgent", "post_treatment": "urgent",
    "spinal_metastases_stable": "routine", "mscc_excluded": "routine", "not_suspected": "routine",
}
CONFIRMED = ("mscc_surgical_opinion", "mscc_radiotherapy", "mscc_haematological",
             "mscc_supportive_care")
HAEM_PRIMARIES = ("myeloma", "lymphoma")
RADIOSENSITIVE_FOR_NOMS = ("breast", "prostate", "lung_sclc")
PARAPLEGIA_SCREEN_HOURS = 48
PARAPLEGIA_SUPPORTIVE = timedelta(days=14)
RT_PAIN = "Radiotherapy 8 Gy single fraction for pain (clinical oncology)."


def complete_paraplegia(ev: Evaluation) -> bool | None:
    legs = (ev.facts.mrc.right_leg, ev.facts.mrc.left_leg)
    if legs == (0, 0):
        return True
    if any(leg is not None and leg > 0 for leg in legs):
        return False
    return None


def choose_pathway(ev: Evaluation, im: ImagingFacts, neuro: str) -> str:
    f = ev.facts
    if ev.record(EXCLUDED, im.excluded, answering_studies=im.answering):
        return _set(ev, EXCLUDED, "mscc_excluded",
                    "Imaging has excluded spinal metastases and MSCC.")
    treated = f.proc.spinal_surgery_at is not None or f.proc.radiotherapy_started_at is not None
    if ev.record(POST, treated, spinal_surgery_at=f.proc.spinal_surgery_at,
                 radiotherapy_started_at=f.proc.radiotherapy_started_at):
        return _set(ev, POST, "post_treatment",
                    "After surgery or the start of radiotherapy: recovery, rehabilitation and "
                    "steroid taper.")
    if im.compression:
        return _confirmed(ev, im, neuro)
    if im.has_answering and im.any_lesion:
        return _metastases(ev, im)
    ev.record(SUSPECTED, True, neuro=neuro, spinal_pain=f.pres.spinal_pain)
    if neuro != "negative":
        return _set(ev, SUSPECTED, "suspected_mscc",
                    "Suspected MSCC: neurological symptoms or signs (or not yet assessed) "
                    "- oncological emergency. Whole-spine MRI within 24 hours.")
    if f.pres.spinal_pain != "none" or im.any_lesion or f.cancer.vertebral_metastases is not None:
        return _set(ev, SUSPECTED, "suspected_spinal_metastases",
                    "Suspected spinal metastases without neurology: urgent whole-spine MRI "
                    "within 1 week, and return at once with any neurological symptom.")
    ev.act(SUSPECTED, "safety_net_advice", None,
           "Nothing suggests spinal metastases now; seek help at once if spinal pain or any "
           "neurological symptom appears.")
    return _set(ev, SUSPECTED, "not_suspected",
                "Not suspected on the information given: no spinal pain, no neurological "
                "symptom or sign, no known spinal lesion.")


def _set(ev: Evaluation, spec, code: str, summary: str) -> str:
    ev.set_pathway(spec, code, URGENCY[code], summary)
    return code


def _confirmed(ev: Evaluation, im: ImagingFacts, neuro: str) -> str:
    f, c = ev.facts, ev.facts.cancer
    worst_min = im.worst.total_min if im.worst else 0
    if c.prior_radiotherapy_at_level is True:
        ev.alert(PRIOR_RT, "prior_radiotherapy", "warning",
                 "Prior radiotherapy at this level: re-irradiation is limited; clinical "
                 "oncology to advise.")
    ev.record(PRIOR_RT, c.prior_radiotherapy_at_level is True,
              prior_radiotherapy_at_level=c.prior_radiotherapy_at_level)
    noms = c.primary in RADIOSENSITIVE_FOR_NOMS and bool(im.compression_levels)
    if noms:
        ev.disagree(NOMS, "noms_vs_surgery",
                    "Radiosensitive primary with high-grade compression: NOMS favours "
                    "radiotherapy alone; Patchell 2005 and ASTRO 2024 favour surgery then "
                    "radiotherapy in fit patients. Decide with both teams.")
    ev.record(NOMS, noms, primary=c.primary)

    haem = c.primary in HAEM_PRIMARIES or c.haematological_suspected is True
    if c.primary is None:
        ev.need("cancer.primary")
    if not haem and c.haematological_suspected is None:
        ev.need("cancer.haematological_suspected")
    if ev.record(HAEM, haem, primary=c.primary,
                 haematological_suspected=c.haematological_suspected, worst_sins_min=worst_min):
        ev.act(HAEM, "haematology_opinion", 0, "Haematology opinion now: MSCC in known or "
               "suspected myeloma or lymphoma is haematology-led.")
        ev.act(HAEM, "clinical_oncology_opinion", 0, "Clinical oncology opinion now.")
        if worst_min > STABLE_MAX:
            ev.act(HAEM, "spinal_surgical_opinion", 0,
                   f"Spinal surgical opinion now: SINS minimum {worst_min} (potentially unstable).")
        return _set(ev, HAEM, "mscc_haematological",
                    "MSCC in myeloma, lymphoma or suspected haematological malignancy: "
                    "haematology-led emergency treatment.")

    para = complete_paraplegia(ev)
    para_since = f.pres.paraplegia_since
    para_duration = (f.now - para_since) if (para and para_since) else None
    if para and para_since is None:
        ev.need("presentation.paraplegia_since")
    long_para = para_duration is not None and para_duration >= PARAPLEGIA_SUPPORTIVE
    if long_para and f.pres.pain_controlled is None:
        ev.need("presentation.pain_controlled")
    if c.prognosis is None:
        ev.need("cancer.prognosis")
    supportive = (long_para and f.pres.pain_controlled is True) or c.prognosis == "weeks"
    if ev.record(SUPPORTIVE, supportive, complete_paraplegia=para,
                 paraplegia_hours=_hours(para_duration), pain_controlled=f.pres.pain_controlled,
                 prognosis=c.prognosis):
        ev.act(SUPPORTIVE, "goals_of_care_discussion", 24,
               "Discuss goals of care with the patient and family within 24 hours; "
               "radiotherapy aimed at neurology is not indicated.")
        ev.act(SUPPORTIVE, "radiotherapy", 168, RT_PAIN)
        return _set(ev, SUPPORTIVE, "mscc_supportive_care",
                    "MSCC with long-standing complete paraplegia and controlled pain, or a "
                    "prognosis of weeks: supportive care; 8 Gy for pain is still offered.")

    screen = _surgical_screen(ev, im, neuro, para, para_duration, worst_min)
    if screen:
        ev.act(SURGICAL, "spinal_surgical_opinion", 0, "Urgent spinal surgical opinion now.")
        ev.act(SURGICAL, "clinical_oncology_opinion", 0,
               "Clinical oncology opinion now, in parallel.")
        return _set(ev, SURGICAL, "mscc_surgical_opinion",
                    "Confirmed MSCC, surgical screen positive: urgent spinal surgical and "
                    "clinical oncology opinions now. Alternative if surgery is not chosen: "
                    "radiotherapy within 24 hours.")
    ev.record(RADIOTHERAPY, True)
    ev.act(RADIOTHERAPY, "radiotherapy", 24,
           "Radiotherapy within 24 hours of the decision to treat (clinical oncology).")
    ev.act(RADIOTHERAPY, "clinical_oncology_opinion", 0, "Clinical oncology opinion now.")
    return _set(ev, RADIOTHERAPY, "mscc_radiotherapy",
                "Confirmed MSCC, surgery not suitable: radiotherapy within 24 hours.")


def _surgical_screen(ev, im, neuro, para, para_duration, worst_min) -> bool:
    c = ev.facts.cancer
    if c.fit_for_surgery is None:
        ev.need("cancer.fit_for_surgery")
    criteria = {
        "neuro_positive_or_unknown": neuro != "negative",
        "one_area": im.areas == 1,
        "not_paraplegic_over_48h": not (para and para_duration is not None
                                        and para_duration > timedelta(hours=PARAPLEGIA_SCREEN_HOURS)),
        "prognosis_3_months_or_more": c.prognosis not in ("lt_3_months", "weeks"),
        "fit_for_surgery_not_false": c.fit_for_surgery is not False,
        "not_small_cell_lung": c.primary != "lung_sclc",
    }
    unstable = worst_min > STABLE_MAX
    positive = unstable or all(criteria.values())
    ev.record(SURGICAL, positive, worst_sins_min=worst_min, criteria=criteria,
              compression_areas=im.areas)
    return positive


def _metastases(ev: Evaluation, im: ImagingFacts) -> str:
    f = ev.facts
    worst = im.worst
    unstable = worst.total_min > STABLE_MAX
    ev.record(METS, unstable, worst_sins_min=worst.total_min, worst_sins_max=worst.total_max,
              subluxation=im.subluxation, spinal_pain=f.pres.spinal_pain)
    if f.pres.spinal_pain == "non_mechanical":
        ev.act(METS, "radiotherapy", 168, RT_PAIN)
    elif f.pres.spinal_pain is None:
        ev.need("presentation.spinal_pain")
    if unstable:
        urgent = worst.total_min >= UNSTABLE_MIN or im.subluxation
        ev.act(METS, "spinal_surgical_opinion", 0 if urgent else 24,
               f"Spinal surgical opinion {'now' if urgent else 'within 24 hours'}: SINS "
               f"{worst.total_min}-{worst.total_max} at {worst.level}.")
        return _set(ev, METS, "spinal_metastases_unstable",
                    f"Spinal metastases without compression, potentially unstable (SINS "
                    f"minimum {worst.total_min} at {worst.level}).")
    return _set(ev, METS, "spinal_metastases_stable",
                "Spinal metastases without compression, stable by SINS.")


def _hours(delta) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 1)
