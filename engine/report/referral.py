"""The MSCC coordinator referral: the dataset a coordinator asks for on the telephone,
as (item, value) rows in words. Pure data (no reportlab): the summary's referral page
and any other reader use the same rows. An item the case does not hold says
"NOT RECORDED", never a blank (a blank reads as "nothing to report")."""
from __future__ import annotations

from engine.field_labels import label
from engine.report import labels, timefmt

MISSING = "NOT RECORDED"
# {neuro_scan}, {pain_scan}, {radiotherapy}, {haematology}: the rules' own deadlines, in
# words (question()).
QUESTION = {
    "suspected_mscc": "Suspected MSCC with neurological symptoms or signs: please advise and "
                      "arrange whole-spine MRI {neuro_scan}.",
    "suspected_spinal_metastases": "Suspected spinal metastases without neurology: please "
                                   "arrange whole-spine MRI {pain_scan}.",
    "mscc_surgical_opinion": "MSCC confirmed: please arrange an urgent spinal surgical and "
                             "clinical oncology opinion.",
    "mscc_radiotherapy": "MSCC confirmed, surgery not suitable: please arrange radiotherapy "
                         "{radiotherapy}.",
    "mscc_haematological": "MSCC in known or suspected haematological cancer: please involve "
                           "haematology and clinical oncology {haematology}.",
    "mscc_supportive_care": "MSCC for supportive care: please advise on goals of care and "
                            "radiotherapy for pain.",
    "spinal_metastases_unstable": "Spinal metastases, potentially unstable: please arrange a "
                                  "spinal surgical opinion.",
    "spinal_metastases_stable": "Spinal metastases without compression: for advice.",
    "post_treatment": "After spinal surgery or radiotherapy: for review and rehabilitation.",
    "mscc_excluded": "MSCC excluded by imaging: for information.",
    "not_suspected": "MSCC not suspected: for information.",
}
SYMPTOMS = ("limb_weakness", "walking_difficulty", "sensory_loss", "bladder_dysfunction",
            "bowel_dysfunction", "radicular_pain")
LIMBS = ("right_arm", "left_arm", "right_leg", "left_leg")
WORDS = {True: "yes", False: "no", None: MISSING, "with_aid": "with an aid",
         "non_mechanical": "non-mechanical", "none_known": "no known cancer",
         "unknown_primary": "unknown primary", "lung_nsclc": "lung, non-small cell",
         "lung_sclc": "lung, small cell", "lt_3_months": "under 3 months",
         "3_to_6_months": "3 to 6 months", "gt_6_months": "over 6 months",
         "gastrointestinal_other": "other gastrointestinal", "therapeutic_lmwh":
         "treatment-dose LMWH", "prophylactic_lmwh": "prophylactic LMWH", "doac": "a DOAC",
         "unfractionated_heparin": "unfractionated heparin", "mri_whole_spine":
         "whole-spine MRI", "mri_limited": "limited MRI", "xray": "X-ray", "ct": "CT"}


def question(code: str, summary: str) -> str:
    """The question for the coordinator, with the deadlines the rules declare (imported
    here, not when this module loads, so that it stays light)."""
    from engine.rules.imaging import SCAN_NEURO, SCAN_PAIN, due_words
    from engine.rules.pathway import HAEM_OPINIONS, RT_WITHIN

    text = QUESTION.get(code)
    if text is None:
        return summary
    return text.format(neuro_scan=due_words(SCAN_NEURO), pain_scan=due_words(SCAN_PAIN),
                       radiotherapy=due_words(RT_WITHIN), haematology=due_words(HAEM_OPINIONS))


def _w(value) -> str:
    if isinstance(value, bool) or value is None:
        return WORDS[value]
    return WORDS.get(value, str(value).replace("_", " "))


def rows(case: dict, a: dict, zone=None, referrer: str | None = None,
         referrer_contact: str | None = None) -> list[tuple[str, str]]:
    """The referral dataset, in the order a coordinator takes it."""
    ref = a.get("assessed_at")

    def when(value) -> str:
        return timefmt.clock(value, zone, year=True, ref=ref) if value else MISSING

    p, c = case.get("patient") or {}, case.get("cancer") or {}
    pres, exam = case.get("presentation") or {}, case.get("neuro_exam") or {}
    meds, labs = case.get("medications") or {}, case.get("labs") or {}
    scores, derived = a.get("scores") or {}, a.get("derived") or {}
    out = [
        ("Patient", f"{p.get('name') or 'name ' + MISSING}; hospital number {p.get('id')}; "
                    f"born {p.get('date_of_birth') or MISSING}; sex {_w(p.get('sex'))}"),
        ("Primary cancer", _w(c.get("primary"))),
        ("Question for the coordinator", question(a["pathway"]["code"], a["pathway"]["summary"])),
        ("Assessment", f"{labels.word(labels.URGENCY, a['pathway']['urgency'])}: "
                       f"{labels.word(labels.PATHWAYS, a['pathway']['code'])}; assessed "
                       f"{when(ref)}"),
        ("Spinal pain", f"{_w(pres.get('spinal_pain'))}"
                        + (f" ({', '.join(pres['pain_regions'])})" if pres.get("pain_regions")
                           else "")),
        ("Symptoms", "; ".join(f"{label('presentation.' + s).split(' › ')[1].lower()}: "
                               f"{_w(pres.get(s))}" for s in SYMPTOMS)),
        ("First neurological symptom", when(pres.get("neuro_onset_at"))),
        ("Unable to walk since", when(pres.get("unable_to_walk_since"))
         if exam.get("ambulation") == "unable" else "still walking"
         if exam.get("ambulation") in ("independent", "with_aid") else MISSING),
        ("Examination", f"at {when(exam.get('examined_at'))}; MRC power "
         + ", ".join(f"{limb.replace('_', ' ')} {((exam.get('mrc_power') or {}).get(limb))}"
                     if (exam.get("mrc_power") or {}).get(limb) is not None
                     else f"{limb.replace('_', ' ')} {MISSING}" for limb in LIMBS)
         + f"; sensory level {_w(exam.get('sensory_level'))}; reflexes arms "
           f"{_w(exam.get('reflexes_arms'))}, legs {_w(exam.get('reflexes_legs'))}; plantars "
           f"{_w(exam.get('plantars'))}"),
        ("Trend", _trend(derived.get("neuro_trend"))),
        ("Walking and Frankel grade", f"{_w(exam.get('ambulation'))}; Frankel "
         f"{(scores.get('frankel') or {}).get('grade') or MISSING}"),
        ("Sphincters", f"bladder {_w(pres.get('bladder_dysfunction'))}, bowel "
                       f"{_w(pres.get('bowel_dysfunction'))}; saddle anaesthesia "
                       f"{_w(exam.get('saddle_anaesthesia'))}; anal tone "
                       f"{_w(exam.get('anal_tone'))}"),
        ("Imaging", _imaging(case, scores, when)),
        ("Performance status and prognosis", f"ECOG {c.get('ecog', MISSING)}; Karnofsky "
         f"{str(c['karnofsky']) + '%' if c.get('karnofsky') is not None else MISSING}; "
         f"prognosis {_w(c.get('prognosis'))}; fit for surgery {_w(c.get('fit_for_surgery'))}"),
        ("Steroids", f"dexamethasone started {when(meds.get('dexamethasone_started_at'))}"
         if meds.get("dexamethasone_started_at") else "no dexamethasone recorded as started"),
        ("Anticoagulation and platelets", f"{_w(meds.get('anticoagulation'))}; platelets "
         + (f"{labs['platelets']['value']:g} ×10⁹/L at {when(labs['platelets']['sampled_at'])}"
            if labs.get("platelets") else MISSING)),
        ("Referrer", f"{referrer or MISSING + ' (write name and grade)'}; contact "
                     f"{referrer_contact or MISSING + ' (write bleep or phone)'}"),
    ]
    for ts in a.get("timestamps") or []:
        due = f" (due {when(ts['due_by'])})" if ts.get("due_by") else ""
        state = " OVERDUE" if ts.get("overdue") else ""
        out.append((f"QS56: {ts.get('label')}", (when(ts.get("at")) if ts.get("at")
                                                 else MISSING) + due + state))
    return out


def _trend(trend: dict | None) -> str:
    if not trend:
        return "one examination only (no trend)"
    if trend.get("deteriorated"):
        worse = "; ".join(", ".join(x["worse"]) for x in trend["comparisons"] if x["worse"])
        return f"WORSE: {worse}"
    better = trend["comparisons"][0]["better"]
    return "improved: " + ", ".join(better) if better else "unchanged"


def _imaging(case: dict, scores: dict, when) -> str:
    studies = case.get("imaging") or []
    if not studies:
        return "none yet"
    parts = []
    for s in studies:
        lesions = ", ".join(
            l_["level"] + (f" Bilsky {l_['bilsky_grade']}" if l_.get("bilsky_grade") else "")
            for l_ in s.get("lesions") or []) or "no lesion recorded"
        extra = (" cauda equina compression;" if s.get("cauda_equina_compression") else "")
        extra += (" metastases excluded;" if s.get("metastases_excluded") else "")
        parts.append(f"{_w(s.get('modality'))} {when(s.get('performed_at'))}: {lesions};{extra}")
    sins = scores.get("sins")
    if sins:
        span = (str(sins["total_min"]) if sins["total_min"] == sins["total_max"]
                else f"{sins['total_min']}-{sins['total_max']}")
        parts.append(f"worst SINS {span} at {sins['level']}")
    return " ".join(parts)
