"""Section 3: the pathway, in order; the first that matches wins."""
from __future__ import annotations

from datetime import timedelta

from engine.decision_tables import row, table
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.rules.imaging import (GOALS_OF_CARE, SCAN_NEURO, SCAN_PAIN, ImagingFacts,
                                  due_words, hours)
from engine.rules.labs import age_text
from engine.scores.sins import POTENTIALLY_UNSTABLE, UNSTABLE
from engine.thresholds import quantity, threshold

# Section 3, urgency of each pathway.
URGENCY = table("pathway urgency", ("pathway",), ("urgency",), [
    row({"pathway": ("suspected_mscc", "mscc_surgical_opinion", "mscc_radiotherapy",
                     "mscc_haematological")}, {"urgency": "emergency"}, "NICE-NG234-1.3"),
    row({"pathway": ("suspected_spinal_metastases", "spinal_metastases_unstable",
                     "mscc_supportive_care", "post_treatment")}, {"urgency": "urgent"},
        "NICE-NG234-1.3"),
    row({"pathway": ("spinal_metastases_stable", "mscc_excluded", "not_suspected")},
        {"urgency": "routine"}, "NICE-NG234-1.5"),
])
IMPENDING_GRADES = ("1b", "1c")

EXCLUDED = rule("PATH-EXCLUDED-1", 2, "Imaging excluded metastases and MSCC",
                ["NICE-NG234-1.5", "NICE-NG234-1.8"], tables=[URGENCY])
# Section 0, current records (a cautious project choice; no guideline sets it).
TREATMENT_CURRENT = threshold("this episode's surgery or radiotherapy", 28, "days", "within", "NICE-NG234-1.8")
POST = rule("PATH-POST-1", 4, "This episode's surgery or radiotherapy", ["NICE-NG234-1.8"],
            [f"surgery or radiotherapy at most {TREATMENT_CURRENT.limit} before the "
             "assessment and not before the first neurological symptom; older is history"],
            thresholds=[TREATMENT_CURRENT], tables=[URGENCY])
POSTOP_ONCOLOGY = quantity("clinical oncology opinion after spinal surgery", 24, "h", "PATCHELL-2005")
POSTOP_RT_AFTER = quantity("postoperative radiotherapy after spinal surgery", 14, "days", "PATCHELL-2005")
POSTOP_RT = rule("PATH-POSTOP-RT-1", 2, "Radiotherapy after spinal surgery",
                 ["PATCHELL-2005", "ESMO-BONE-2020", "ASTRO-2024"],
                 [f"clinical oncology opinion within {POSTOP_ONCOLOGY.limit}",
                  f"postoperative radiotherapy once the wound has healed, due "
                  f"{POSTOP_RT_AFTER.limit} after surgery (now when that has passed)"],
                 thresholds=[POSTOP_ONCOLOGY, POSTOP_RT_AFTER])
HAEM_OPINIONS = quantity("haematology, clinical oncology and spinal surgical opinions", 0, "h", "NICE-NG234-1.8")
HAEM = rule("PATH-HAEM-1", 2, "MSCC in myeloma, lymphoma or suspected haematological "
            "malignancy: haematology-led", ["NICE-NG234-1.8", "NICE-NG234-SURGERY"],
            [f"haematology and clinical oncology opinions {due_words(HAEM_OPINIONS)} "
             f"({HAEM_OPINIONS.limit})",
             "spinal surgical opinion too when the worst SINS minimum is "
             f"{POTENTIALLY_UNSTABLE.limit} or more"],
            thresholds=[HAEM_OPINIONS, POTENTIALLY_UNSTABLE], tables=[URGENCY])
PARAPLEGIA_LONG = threshold("duration of complete paraplegia", 14, "days", "at_least", "NICE-NG234-RADIOTHERAPY")
PAIN_RT_DOSE = quantity("radiotherapy for pain, single fraction", 8, "Gy", "NICE-NG234-RADIOTHERAPY")
PAIN_RT_WITHIN = quantity("radiotherapy for pain", 168, "h", "NICE-NG234-RADIOTHERAPY")
SUPPORTIVE = rule("PATH-SUPPORTIVE-1", 4, "Supportive care: long complete paraplegia with pain "
                  "controlled, prognosis of weeks, or not fit for treatment",
                  ["NICE-NG234-RADIOTHERAPY", "NICE-NG234-SUPPORTIVE"],
                  [f"complete paraplegia (MRC 0 both legs) for {PARAPLEGIA_LONG.limit} or more "
                   "with pain controlled", "overall prognosis judged to be weeks",
                   "not fit for, or not wanting, treatment aimed at the spine",
                   f"goals-of-care discussion within {GOALS_OF_CARE.limit}; radiotherapy "
                   f"{PAIN_RT_DOSE.limit} for pain {due_words(PAIN_RT_WITHIN)}"],
                  thresholds=[PARAPLEGIA_LONG, GOALS_OF_CARE, PAIN_RT_DOSE, PAIN_RT_WITHIN],
                  tables=[URGENCY])
PARAPLEGIA_SCREEN = threshold("duration of complete paraplegia", 48, "h", "above", "PATCHELL-2005")
SURGICAL_OPINIONS = quantity("spinal surgical and clinical oncology opinions", 0, "h", "NICE-NG234-SURGERY")
RT_WITHIN = quantity("radiotherapy when surgery is not suitable", 24, "h", "NICE-QS56-S6")
SURGICAL = rule("PATH-SURGICAL-1", 2, "Surgical screen positive: urgent spinal surgical opinion",
                ["PATCHELL-2005", "NOMS-2013", "SINS-2010", "NICE-NG234-SURGERY"],
                [f"worst SINS minimum {POTENTIALLY_UNSTABLE.limit} or more",
                 "or all of: neurology positive or unknown; compression at one area; not "
                 f"completely paraplegic for more than {PARAPLEGIA_SCREEN.limit}; prognosis not "
                 "under 3 months; fit for surgery not false; primary not small cell lung cancer",
                 f"spinal surgical and clinical oncology opinions {due_words(SURGICAL_OPINIONS)} "
                 f"({SURGICAL_OPINIONS.limit}); radiotherapy within {RT_WITHIN.limit} is the "
                 "alternative"],
                thresholds=[POTENTIALLY_UNSTABLE, PARAPLEGIA_SCREEN, SURGICAL_OPINIONS],
                tables=[URGENCY])
RT_ONCOLOGY = quantity("clinical oncology opinion when surgery is not suitable", 0, "h", "NICE-NG234-RADIOTHERAPY")
RADIOTHERAPY = rule("PATH-RT-1", 2, "MSCC, surgery not suitable: radiotherapy within "
                    f"{RT_WITHIN.limit}", ["NICE-NG234-RADIOTHERAPY", "NICE-QS56-S6"],
                    [f"radiotherapy within {RT_WITHIN.limit} of the decision to treat; clinical "
                     f"oncology opinion {due_words(RT_ONCOLOGY)} ({RT_ONCOLOGY.limit})"],
                    thresholds=[RT_WITHIN, RT_ONCOLOGY], tables=[URGENCY])
PRIOR_RT = rule("ALERT-PRIOR-RT-1", 2, "Prior radiotherapy at the level", ["NICE-NG234-RADIOTHERAPY"])
NOMS = rule("DISAGREE-NOMS-1", 3, "Radiosensitive primary with high-grade compression",
            ["NOMS-2013", "PATCHELL-2005", "ASTRO-2024"])
METS_SURGICAL_URGENT = quantity("spinal surgical opinion, unstable spine or subluxation", 0, "h", "SINS-2010")
METS_SURGICAL = quantity("spinal surgical opinion, potentially unstable spine", 24, "h", "SINS-2010")
METS = rule("PATH-METS-1", 3, "Spinal metastases without compression: stability by SINS",
            ["SINS-2010", "NICE-NG234-SURGERY", "NICE-NG234-RADIOTHERAPY"],
            [f"SINS minimum {POTENTIALLY_UNSTABLE.limit} or more: unstable pathway",
             f"surgical opinion {due_words(METS_SURGICAL_URGENT)} when the minimum is "
             f"{UNSTABLE.limit} or more or any lesion shows subluxation, else within "
             f"{METS_SURGICAL.limit}",
             f"non-mechanical pain: {PAIN_RT_DOSE.limit} single fraction "
             f"{due_words(PAIN_RT_WITHIN)}"],
            thresholds=[POTENTIALLY_UNSTABLE, UNSTABLE, METS_SURGICAL_URGENT, METS_SURGICAL,
                        PAIN_RT_DOSE, PAIN_RT_WITHIN], tables=[URGENCY])
IMPENDING_ONCOLOGY = quantity("clinical oncology opinion, impending compression", 24, "h", "NICE-NG234-RADIOTHERAPY")
IMPENDING_RT = quantity("radiotherapy to consider, impending compression", 168, "h", "NICE-NG234-RADIOTHERAPY")
IMPENDING = rule("PATH-IMPENDING-1", 2, "Impending compression (Bilsky "
                 f"{' or '.join(IMPENDING_GRADES)})", ["NICE-NG234-RADIOTHERAPY", "BILSKY-2010"],
                 [f"a lesion graded {' or '.join(IMPENDING_GRADES)} on an answering study, fit "
                  f"for treatment: clinical oncology within {IMPENDING_ONCOLOGY.limit}, consider "
                  f"radiotherapy {due_words(IMPENDING_RT)}",
                  "1c: low or high grade is contested (discuss)"],
                 thresholds=[IMPENDING_ONCOLOGY, IMPENDING_RT])
OLIGO_ONCOLOGY = quantity("clinical oncology opinion to consider SABR", 168, "h", "NICE-NG234-RADIOTHERAPY")
OLIGO = rule("PATH-OLIGO-1", 2, "Oligometastatic disease and good prognosis: SABR",
             ["NICE-NG234-RADIOTHERAPY", "ASTRO-2024"],
             [f"oligometastatic disease: clinical oncology {due_words(OLIGO_ONCOLOGY)} to "
              "consider SABR",
              "non-mechanical pain with prognosis over 6 months or oligometastatic disease: "
              "the pain radiotherapy also offers SABR"],
             thresholds=[OLIGO_ONCOLOGY])
SUSPECTED = rule("PATH-SUSPECTED-1", 2, "No answering study yet",
                 ["NICE-NG234-1.3", "NICE-NG234-1.5"],
                 ["neurological symptoms or signs (or not yet assessed): suspected MSCC, "
                  f"whole-spine MRI within {SCAN_NEURO.limit}",
                  "otherwise spinal pain (or unknown) or a known spinal lesion: suspected spinal "
                  f"metastases, whole-spine MRI {due_words(SCAN_PAIN)} ({SCAN_PAIN.limit})",
                  "otherwise not suspected, with safety-net advice"],
                 thresholds=[SCAN_NEURO, SCAN_PAIN], tables=[URGENCY])

CONFIRMED = ("mscc_surgical_opinion", "mscc_radiotherapy", "mscc_haematological",
             "mscc_supportive_care")
HAEM_PRIMARIES = ("myeloma", "lymphoma")
RADIOSENSITIVE_FOR_NOMS = ("breast", "prostate", "lung_sclc")
RT_PAIN = f"Radiotherapy {PAIN_RT_DOSE.limit} single fraction for pain (clinical oncology)."
RT_PAIN_SABR = (f"Radiotherapy for pain (clinical oncology): {PAIN_RT_DOSE.limit} single "
                "fraction, or stereotactic ablative radiotherapy (SABR) given the good "
                "prognosis or oligometastatic disease.")
RT_IMPENDING = "Consider radiotherapy: impending cord compression (clinical oncology)."
SABR_REFERRAL = ("Clinical oncology: consider stereotactic ablative radiotherapy (SABR) as part "
                 "of a treatment strategy for oligometastatic disease.")
# engine/report/handover.py: when a status on the summary changes with time alone.
TREATMENT_CURRENT_FOR = TREATMENT_CURRENT.duration
PARAPLEGIA_SCREEN_HOURS = PARAPLEGIA_SCREEN.number
PARAPLEGIA_SUPPORTIVE = PARAPLEGIA_LONG.duration


def complete_paraplegia(ev: Evaluation) -> bool | None:
    legs = (ev.facts.mrc.right_leg, ev.facts.mrc.left_leg)
    if legs == (0, 0):
        return True
    if any(leg is not None and leg > 0 for leg in legs):
        return False
    return None


def this_episode(ev: Evaluation, moment) -> bool:
    """Section 0, current records: a treatment answers today's episode only when it is
    at most 28 days old and not older than the first neurological symptom."""
    f = ev.facts
    if moment is None:
        return False
    onset = f.pres.neuro_onset_at
    return TREATMENT_CURRENT.met_by(f.now - moment) and (onset is None or moment >= onset)


def choose_pathway(ev: Evaluation, im: ImagingFacts, neuro: str) -> str:
    f = ev.facts
    if complete_paraplegia(ev) and f.pres.paraplegia_since is None:
        ev.need("presentation.paraplegia_since")
    if ev.record(EXCLUDED, im.excluded, answering_studies=im.answering):
        return _set(ev, EXCLUDED, "mscc_excluded",
                    "Imaging has excluded spinal metastases and MSCC.")
    surgery, radiotherapy = f.proc.spinal_surgery_at, f.proc.radiotherapy_started_at
    surgery_now, rt_now = this_episode(ev, surgery), this_episode(ev, radiotherapy)
    ev.notes["surgery_this_episode"] = surgery_now
    for what, moment, now_ in (("Spinal surgery", surgery, surgery_now),
                               ("Radiotherapy", radiotherapy, rt_now)):
        if moment is not None and not now_:
            ev.alert(POST, "treatment_history", "info",
                     f"{what} of {moment.day} {moment:%b %Y} is more than "
                     f"{TREATMENT_CURRENT.limit} old or older than the first "
                     "neurological symptom: history, not this episode's treatment.")
    if ev.record(POST, surgery_now or rt_now, spinal_surgery_at=surgery,
                 radiotherapy_started_at=radiotherapy, surgery_this_episode=surgery_now,
                 radiotherapy_this_episode=rt_now, neuro_onset_at=f.pres.neuro_onset_at):
        _postoperative_radiotherapy(ev, surgery_now and not rt_now)
        return _set(ev, POST, "post_treatment",
                    "After surgery or the start of radiotherapy: recovery, rehabilitation and "
                    "steroid taper.")
    if im.compression:
        return _confirmed(ev, im, neuro)
    if any(ev.facts.studies[i].lesions for i in im.answering):
        return _metastases(ev, im)
    ev.record(SUSPECTED, True, neuro=neuro, spinal_pain=f.pres.spinal_pain)
    if neuro != "negative":
        return _set(ev, SUSPECTED, "suspected_mscc",
                    "Suspected MSCC: neurological symptoms or signs (or not yet assessed) "
                    f"- oncological emergency. Whole-spine MRI {due_words(SCAN_NEURO)}.")
    if f.pres.spinal_pain != "none" or im.any_lesion or f.cancer.vertebral_metastases is not None:
        return _set(ev, SUSPECTED, "suspected_spinal_metastases",
                    "Suspected spinal metastases without neurology: urgent whole-spine MRI "
                    f"{due_words(SCAN_PAIN)}, and return at once with any neurological "
                    "symptom.")
    ev.act(SUSPECTED, "safety_net_advice", None,
           "Nothing suggests spinal metastases now; seek help at once if spinal pain or any "
           "neurological symptom appears.")
    return _set(ev, SUSPECTED, "not_suspected",
                "Not suspected on the information given: no spinal pain, no neurological "
                "symptom or sign, no known spinal lesion.")


def _postoperative_radiotherapy(ev: Evaluation, fired: bool) -> None:
    """Section 3.2a: surgery this episode and no radiotherapy yet."""
    surgery = ev.facts.proc.spinal_surgery_at
    due_in = None
    if fired:
        due = surgery + POSTOP_RT_AFTER.duration
        due_in = max(0.0, (due - ev.facts.now) / timedelta(hours=1))
        ev.act(POSTOP_RT, "clinical_oncology_opinion", hours(POSTOP_ONCOLOGY),
               f"Clinical oncology opinion {due_words(POSTOP_ONCOLOGY)}: radiotherapy after "
               "spinal surgery.")
        ev.act(POSTOP_RT, "radiotherapy", due_in,
               "Postoperative radiotherapy once the wound has healed, "
               f"{POSTOP_RT_AFTER.limit} after surgery"
               + (" (that point has passed: arrange it now)." if due_in == 0 else "."))
    ev.record(POSTOP_RT, fired, spinal_surgery_at=surgery,
              radiotherapy_started_at=ev.facts.proc.radiotherapy_started_at, due_in_hours=due_in)


def _set(ev: Evaluation, spec, code: str, summary: str) -> str:
    ev.set_pathway(spec, code, URGENCY.first(pathway=code).then["urgency"], summary)
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
    noms = c.primary in RADIOSENSITIVE_FOR_NOMS and bool(im.compressing)
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
        now = due_words(HAEM_OPINIONS)
        ev.act(HAEM, "haematology_opinion", hours(HAEM_OPINIONS), f"Haematology opinion {now}: "
               "MSCC in known or suspected myeloma or lymphoma is haematology-led.")
        ev.act(HAEM, "clinical_oncology_opinion", hours(HAEM_OPINIONS),
               f"Clinical oncology opinion {now}.")
        if POTENTIALLY_UNSTABLE.met_by(worst_min):
            ev.act(HAEM, "spinal_surgical_opinion", hours(HAEM_OPINIONS),
                   f"Spinal surgical opinion {now}: SINS minimum {worst_min} (potentially "
                   "unstable).")
        return _set(ev, HAEM, "mscc_haematological",
                    "MSCC in myeloma, lymphoma or suspected haematological malignancy: "
                    "haematology-led emergency treatment.")

    para = complete_paraplegia(ev)
    para_since = f.pres.paraplegia_since
    para_duration = (f.now - para_since) if (para and para_since) else None
    long_para = para_duration is not None and PARAPLEGIA_LONG.met_by(para_duration)
    if long_para and f.pres.pain_controlled is None:
        ev.need("presentation.pain_controlled")
    if c.prognosis is None:
        ev.need("cancer.prognosis")
    unfit = c.fit_for_treatment is False
    if c.fit_for_treatment is None:
        ev.need("cancer.fit_for_treatment")
    supportive = (long_para and f.pres.pain_controlled is True) or c.prognosis == "weeks" \
        or unfit
    if ev.record(SUPPORTIVE, supportive, complete_paraplegia=para,
                 paraplegia_for=_duration(para_duration), pain_controlled=f.pres.pain_controlled,
                 prognosis=c.prognosis, fit_for_treatment=c.fit_for_treatment):
        ev.act(SUPPORTIVE, "goals_of_care_discussion", hours(GOALS_OF_CARE),
               f"Discuss goals of care with the patient and family {due_words(GOALS_OF_CARE)}; "
               "radiotherapy aimed at neurology is not indicated.")
        ev.act(SUPPORTIVE, "radiotherapy", hours(PAIN_RT_WITHIN), RT_PAIN)
        return _set(ev, SUPPORTIVE, "mscc_supportive_care",
                    "MSCC with long-standing complete paraplegia and controlled pain, a "
                    "prognosis of weeks, or not fit for (or not wanting) treatment aimed at "
                    f"the spine: supportive care; {PAIN_RT_DOSE.limit} for pain is still offered.")

    screen = _surgical_screen(ev, im, neuro, para, para_duration, worst_min)
    if screen:
        now = due_words(SURGICAL_OPINIONS)
        ev.act(SURGICAL, "spinal_surgical_opinion", hours(SURGICAL_OPINIONS),
               f"Urgent spinal surgical opinion {now}.")
        ev.act(SURGICAL, "clinical_oncology_opinion", hours(SURGICAL_OPINIONS),
               f"Clinical oncology opinion {now}, in parallel.")
        return _set(ev, SURGICAL, "mscc_surgical_opinion",
                    "Confirmed MSCC, surgical screen positive: urgent spinal surgical and "
                    f"clinical oncology opinions {now}. Alternative if surgery is not chosen: "
                    f"radiotherapy {due_words(RT_WITHIN)}.")
    ev.record(RADIOTHERAPY, True)
    ev.act(RADIOTHERAPY, "radiotherapy", hours(RT_WITHIN),
           f"Radiotherapy {due_words(RT_WITHIN)} of the decision to treat (clinical oncology).")
    ev.act(RADIOTHERAPY, "clinical_oncology_opinion", hours(RT_ONCOLOGY),
           f"Clinical oncology opinion {due_words(RT_ONCOLOGY)}.")
    return _set(ev, RADIOTHERAPY, "mscc_radiotherapy",
                f"Confirmed MSCC, surgery not suitable: radiotherapy {due_words(RT_WITHIN)}.")


def _surgical_screen(ev, im, neuro, para, para_duration, worst_min) -> bool:
    c = ev.facts.cancer
    if c.fit_for_surgery is None:
        ev.need("cancer.fit_for_surgery")
    criteria = {
        "neuro_positive_or_unknown": neuro != "negative",
        "one_area": im.areas == 1,
        "not_paraplegic_over_48h": not (para and para_duration is not None
                                        and PARAPLEGIA_SCREEN.met_by(para_duration)),
        "prognosis_3_months_or_more": c.prognosis not in ("lt_3_months", "weeks"),
        "fit_for_surgery_not_false": c.fit_for_surgery is not False,
        "not_small_cell_lung": c.primary != "lung_sclc",
    }
    unstable = POTENTIALLY_UNSTABLE.met_by(worst_min)
    positive = unstable or all(criteria.values())
    ev.record(SURGICAL, positive, worst_sins_min=worst_min, criteria=criteria,
              compression_areas=im.areas)
    return positive


def _metastases(ev: Evaluation, im: ImagingFacts) -> str:
    f = ev.facts
    worst = im.worst
    unstable = POTENTIALLY_UNSTABLE.met_by(worst.total_min)
    ev.record(METS, unstable, worst_sins_min=worst.total_min, worst_sins_max=worst.total_max,
              subluxation=im.subluxation, spinal_pain=f.pres.spinal_pain)
    pain_rt = f.pres.spinal_pain == "non_mechanical"
    if f.pres.spinal_pain is None:
        ev.need("presentation.spinal_pain")
    _without_compression(ev, im, pain_rt)
    if unstable:
        urgent = UNSTABLE.met_by(worst.total_min) or im.subluxation
        due = METS_SURGICAL_URGENT if urgent else METS_SURGICAL
        ev.act(METS, "spinal_surgical_opinion", hours(due),
               f"Spinal surgical opinion {due_words(due)}: SINS "
               f"{worst.total_min}-{worst.total_max} at {worst.level}.")
        return _set(ev, METS, "spinal_metastases_unstable",
                    f"Spinal metastases without compression, potentially unstable (SINS "
                    f"minimum {worst.total_min} at {worst.level}).")
    return _set(ev, METS, "spinal_metastases_stable",
                "Spinal metastases without compression, stable by SINS.")


def _without_compression(ev: Evaluation, im: ImagingFacts, pain_rt: bool) -> None:
    """Section 3.4: pain radiotherapy; then, when fit, impending compression (Bilsky
    1b/1c), oligometastatic disease and SABR. The earlier deadline stands."""
    f, c = ev.facts, ev.facts.cancer
    fit = im.fit_for_treatment
    oligo = c.oligometastatic is True
    sabr = pain_rt and fit and (c.prognosis == "gt_6_months" or oligo)
    if pain_rt:
        ev.act(METS, "radiotherapy", hours(PAIN_RT_WITHIN), RT_PAIN_SABR if sabr else RT_PAIN)
    grades = [f.studies[i].lesions[j].bilsky_grade
              for i in im.answering for j in range(len(f.studies[i].lesions or []))]
    impending = fit and any(g in IMPENDING_GRADES for g in grades)
    if impending:
        ev.act(IMPENDING, "clinical_oncology_opinion", hours(IMPENDING_ONCOLOGY),
               f"Clinical oncology {due_words(IMPENDING_ONCOLOGY)}: radiological signs of "
               "impending cord compression (Bilsky "
               + "/".join(sorted({g for g in grades if g in IMPENDING_GRADES})) + ").")
        ev.act(IMPENDING, "radiotherapy", hours(IMPENDING_RT), RT_IMPENDING)
        if "1c" in grades:
            ev.disagree(IMPENDING, "bilsky_1c",
                        "Bilsky 1c (cord abutment without compression): some authors treat it "
                        "as low grade (radiotherapy first), others as high grade (surgical "
                        "opinion). Discuss with both teams.")
    ev.record(IMPENDING, impending, bilsky_grades=grades, fit_for_treatment=c.fit_for_treatment)
    if fit and c.oligometastatic is None:
        ev.need("cancer.oligometastatic")
    if fit and c.fit_for_treatment is None:
        ev.need("cancer.fit_for_treatment")
    if fit and oligo:
        ev.act(OLIGO, "clinical_oncology_opinion", hours(OLIGO_ONCOLOGY), SABR_REFERRAL)
    elif sabr:
        ev.act(OLIGO, "clinical_oncology_opinion", hours(OLIGO_ONCOLOGY),
               f"Clinical oncology {due_words(OLIGO_ONCOLOGY)}: consider stereotactic ablative "
               "radiotherapy (SABR) for the painful lesion, given a prognosis over 6 months.")
    ev.record(OLIGO, fit and (oligo or sabr), oligometastatic=c.oligometastatic,
              prognosis=c.prognosis, non_mechanical_pain=pain_rt)


def _duration(delta) -> str | None:
    """'48 h 2 min' (cut, with seconds where the minutes alone would read as the limit):
    a duration judged over 48 h never reads as exactly 48."""
    return None if delta is None else age_text(delta)
