"""Section 6: dexamethasone, and the PPI and glucose monitoring that go with it
(NICE NG234 1.8; SPC dexamethasone)."""
from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from engine.models import assessment as out
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation, dose
from engine.rules.pathway import HAEM_PRIMARIES
from engine.units import GLUCOSE_MG_PER_MMOL

DEX = rule("DEX-1", 4, "Dexamethasone for MSCC", ["NICE-NG234-1.8", "SPC-DEXAMETHASONE"],
           ["16 mg oral as soon as possible (day 1: the loading dose alone), then 16 mg daily "
            "(8 mg 08:00 + 8 mg 12:00) from the day after; not yet started: that date if the "
            "first dose is given on the assessment's day",
            "parenteral: GB 13.2 mg base IV/SC, US 16 mg IV; the order shows the case "
            "locale's only",
            "suspected haematological malignancy without neurology: withhold, ask haematology",
            "neurological deterioration on serial examinations: back to 16 mg daily "
            "(overrides the taper, supportive care and consider), unless MSCC is excluded"])
TAPER = rule("DEX-TAPER-1", 2, "Dexamethasone taper after treatment or in supportive care",
             ["NICE-NG234-1.8", "SPC-DEXAMETHASONE"],
             ["12 mg/day days 1-2, 8 mg days 3-4, 4 mg days 5-6, 2 mg day 7, then stop",
              "course longer than 21 days: days 1-2, then a slower taper set by the "
              "prescriber (adrenal suppression); no stop date",
              "the first taper day is the first day whose 08:00 dose is still ahead"])
COVER = rule("DEX-COVER-1", 2, "Gastric protection and glucose monitoring on steroids",
             ["NICE-NG234-1.8"],
             ["capillary glucose at least daily; four times daily with diabetes or glucose "
              "above 12 mmol/L (stated in the locale's unit: mg/dL in the US)"])
HAEM_CALL = rule("DEX-HAEM-1", 1, "Suspected haematological malignancy with neurology",
                 ["NICE-NG234-1.8"])

FULL_DOSE_MG = 16
SLOW_TAPER_AFTER_DAYS = 21
GLUCOSE_QDS_ABOVE = 12  # mmol/L, compared with the exact value
TAPER_STEPS = ((1, 2, 12), (3, 4, 8), (5, 6, 4), (7, 7, 2))
MORNING_DOSE = time(8, 0)
DETERIORATION = ("Any neurological deterioration: return to 16 mg daily and call the MSCC "
                 "team.")
PARENTERAL = {
    "GB": (13.2, "IV/SC", "UK injections are labelled as dexamethasone base: 3.3 mg base ~ "
                          "4 mg oral, so 16 mg oral ~ 13.2 mg base."),
    "US": (16, "IV", "US labelling: the IV dose equals the oral dose (1:1)."),
}


def parenteral_alternatives(locale: str, status: str) -> list[out.Alternative]:
    """The case locale's parenteral equivalent only: a nurse sees one dose (rules v2
    section 6); the other convention is named in the rule's basis."""
    mg, route, note = PARENTERAL[locale]
    return [out.Alternative(drug="dexamethasone", status=status,
                            label="If oral is not possible", dose=dose(mg), route=route,
                            note=note)]


def _day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


def daily_regimen(ev: Evaluation) -> str:
    """Day 1 is the loading dose alone; the daily doses start at 08:00 the next day."""
    started = ev.facts.meds.dexamethasone_started_at
    now = ev.facts.now
    if started is None:
        tomorrow = now.date() + timedelta(days=1)
        first = f"the day after the first dose ({tomorrow:%a} {tomorrow.day} {tomorrow:%b} if " \
                "given today)"
    else:
        first = _day_text(started.astimezone(now.tzinfo).date() + timedelta(days=1))
    return (f"16 mg now (loading dose); daily from 08:00 on {first}: 8 mg 08:00 + 8 mg "
            "12:00, until surgery or radiotherapy")


def course_days(ev: Evaluation) -> int | None:
    started = ev.facts.meds.dexamethasone_started_at
    if started is None:
        return None
    return (ev.facts.now - started) // timedelta(hours=24)


def evaluate_dexamethasone(ev: Evaluation, neuro: str, pathway: str, known_lesion: bool,
                           deteriorated: bool = False) -> str:
    f = ev.facts
    on_dex = f.meds.dexamethasone_started_at is not None
    c = f.cancer
    common = dict(drug="dexamethasone")
    inputs = dict(pathway=pathway, neuro=neuro, on_dexamethasone=on_dex,
                  primary=c.primary, haematological_suspected=c.haematological_suspected,
                  pain_severe=f.pres.pain_severe)

    raise_again = deteriorated and pathway != "mscc_excluded" and not (
        c.haematological_suspected is True and c.primary not in HAEM_PRIMARIES
        and neuro == "negative")
    if raise_again:
        # Section 6: deterioration overrides the taper (2), post-treatment/supportive
        # care (3) and "consider" (6): back to the full dose, and the MSCC team now.
        status = "recommended"
        ev.order(DEX, "dexamethasone", status,
                 "Temporary increase: neurological deterioration; contact the MSCC team now. "
                 "16 mg oral as soon as possible.", dose=dose(FULL_DOSE_MG), route="oral",
                 frequency=("16 mg now; daily from 08:00 on "
                            f"{_day_text(f.now.date() + timedelta(days=1))}: 8 mg 08:00 + 8 mg "
                            "12:00, until the MSCC team reviews"),
                 alternatives=parenteral_alternatives(ev.case.locale, status), **common)
    elif pathway == "mscc_excluded":
        status = "stop" if on_dex else "not_indicated"
        ev.order(DEX, "dexamethasone", status, "MSCC and metastases excluded: stop "
                 "dexamethasone." if on_dex else "MSCC excluded; not on dexamethasone.",
                 **common)
    elif pathway in ("post_treatment", "mscc_supportive_care") and on_dex:
        status = "taper"
        _taper(ev, pathway)
    elif pathway == "post_treatment":
        status = "not_indicated"
        ev.order(DEX, "dexamethasone", status, "After treatment and not on dexamethasone.",
                 **common)
    elif pathway == "mscc_supportive_care":
        status = "consider" if f.pres.pain_severe is True else "not_indicated"
        if f.pres.pain_severe is None:
            ev.need("presentation.pain_severe")
        ev.order(DEX, "dexamethasone", status,
                 "Supportive care with severe pain: consider dexamethasone for pain."
                 if status == "consider" else "Supportive care without severe pain.",
                 dose=dose(FULL_DOSE_MG) if status == "consider" else None,
                 route="oral" if status == "consider" else None,
                 frequency="16 mg daily, review at 1 week" if status == "consider" else None,
                 alternatives=parenteral_alternatives(ev.case.locale, status)
                 if status == "consider" else [],
                 **common)
    elif c.haematological_suspected is True and c.primary not in HAEM_PRIMARIES \
            and neuro == "negative":
        status = "withheld"
        ev.order(DEX, "dexamethasone", status,
                 "Seek haematology advice before steroids: lymphoma or myeloma is suspected "
                 "and steroids can spoil the tissue diagnosis.", **common)
    elif neuro != "negative" or (c.primary in HAEM_PRIMARIES and known_lesion):
        status = "recommended"
        why = ("Neurological symptoms or signs of MSCC" if neuro == "positive" else
               "Neurological status not fully assessed (treated as positive)"
               if neuro == "unknown" else "Confirmed myeloma or lymphoma with spinal disease")
        ev.order(DEX, "dexamethasone", status, f"{why}: 16 mg oral as soon as possible.",
                 dose=dose(FULL_DOSE_MG), route="oral", frequency=daily_regimen(ev),
                 alternatives=parenteral_alternatives(ev.case.locale, status), **common)
        haem_call = c.haematological_suspected is True and c.primary not in HAEM_PRIMARIES
        if haem_call:
            ev.act(HAEM_CALL, "haematology_opinion", 0,
                   "Haematology opinion now: lymphoma or myeloma suspected; steroids are given "
                   "for neurology, so arrange tissue diagnosis urgently.")
        ev.record(HAEM_CALL, haem_call)
    elif f.pres.pain_severe is True:
        status = "consider"
        ev.order(DEX, "dexamethasone", status,
                 "No neurology but severe pain: consider dexamethasone as part of initial "
                 "management.", dose=dose(FULL_DOSE_MG), route="oral",
                 frequency=daily_regimen(ev),
                 alternatives=parenteral_alternatives(ev.case.locale, status), **common)
    else:
        status = "not_indicated"
        if f.pres.pain_severe is None:
            ev.need("presentation.pain_severe")
        if c.haematological_suspected is None and c.primary not in HAEM_PRIMARIES:
            ev.need("cancer.haematological_suspected")
        ev.order(DEX, "dexamethasone", status,
                 "No neurological symptoms or signs and no severe pain.", **common)
    ev.record(DEX, status in ("recommended", "consider", "taper"), status=status,
              neuro_deterioration=deteriorated, **inputs)
    _cover(ev, status)
    return status


def first_taper_day(now: datetime) -> date:
    """The first day whose 08:00 dose is still ahead (a taper written at 23:50 starts
    tomorrow, not on a day whose doses have passed)."""
    today = now.date()
    return today if now.timetz().replace(tzinfo=None) < MORNING_DOSE else today + timedelta(days=1)


def _taper(ev: Evaluation, pathway: str) -> None:
    days = course_days(ev)
    start = first_taper_day(ev.facts.now)
    slow = days is not None and days > SLOW_TAPER_AFTER_DAYS
    steps = TAPER_STEPS[:1] if slow else TAPER_STEPS

    def step(a: int, b: int, mg: float | None, text: str) -> out.ScheduleStep:
        return out.ScheduleStep(
            day_from=a, day_to=b, date_from=(start + timedelta(days=a - 1)).isoformat(),
            date_to=(start + timedelta(days=b - 1)).isoformat(), dose=dose(mg), text=text)

    schedule = [step(a, b, mg, f"{mg} mg daily" + (" (8 mg 08:00 + 4 mg 12:00)" if mg == 12
                                                    else "")
                     + f", day{'s' if a != b else ''} {a}{'-' + str(b) if a != b else ''}")
                for a, b, mg in steps]
    after = steps[-1][1] + 1
    schedule.append(step(after, after, None, "then a slower taper set by the prescriber"
                         if slow else "stop"))
    if slow:
        ev.alert(TAPER, "slow_taper", "warning",
                 f"Dexamethasone for {days} days (over 3 weeks): adrenal suppression is likely; "
                 "after days 1-2 the prescriber sets a slower taper (no stop date).")
    ev.record(TAPER, True, course_days=days, pathway=pathway, first_day=start.isoformat(),
              slow=slow)
    why = "after surgery or radiotherapy" if pathway == "post_treatment" else "in supportive care"
    ev.order(TAPER, "dexamethasone", "taper",
             f"On dexamethasone for {days} days {why}: reduce gradually"
             + (" and slowly (course over 21 days). " if slow else " and stop. ")
             + DETERIORATION, drug="dexamethasone", dose=dose(12), route="oral",
             frequency="once or twice daily, morning and midday (before 14:00)",
             schedule=schedule)


def glucose_threshold_text(ev: Evaluation) -> str:
    """The four-times-daily threshold in the locale's glucose unit (US labs report
    mg/dL): 'above 12 mmol/L', or 'above 216.2 mg/dL (12 mmol/L)'. The mg/dL figure is
    rounded up at one decimal, so no result shown as above it is below the threshold the
    engine compares. By locale, not by the unit one result was typed in: the same
    quantity in either unit gives the same assessment."""
    if ev.case.locale != "US":
        return f"above {GLUCOSE_QDS_ABOVE} mmol/L"
    mg = math.ceil(GLUCOSE_QDS_ABOVE * GLUCOSE_MG_PER_MMOL * 10) / 10
    return f"above {mg:g} mg/dL ({GLUCOSE_QDS_ABOVE} mmol/L)"


def _cover(ev: Evaluation, dex_status: str) -> None:
    f = ev.facts
    needed = dex_status in ("recommended", "consider", "taper")
    glucose = f.fresh_exact("glucose")
    qds = f.hist.diabetes is True or (glucose is not None and glucose > GLUCOSE_QDS_ABOVE)
    if needed:
        ev.order(COVER, "proton_pump_inhibitor", "recommended",
                 "Gastric protection while on dexamethasone.",
                 drug="proton pump inhibitor (e.g. lansoprazole 30 mg or omeprazole 20 mg)",
                 route="oral", frequency="once daily")
        if f.hist.diabetes is None:
            ev.need("history.diabetes")
        threshold = glucose_threshold_text(ev)
        ev.order(COVER, "capillary_glucose_monitoring", "recommended",
                 "Steroid-induced hyperglycaemia: " + (
                     f"diabetes or glucose {threshold}, so four times daily." if qds else
                     "at least daily (before the evening meal); four times daily if diabetic "
                     f"or glucose {threshold}."),
                 drug="capillary blood glucose",
                 frequency="four times daily" if qds else "at least once daily")
        if f.hist.active_bleeding is True or f.hist.peptic_ulcer is True:
            ev.alert(COVER, "steroid_gi_risk", "warning",
                     "Active bleeding or peptic ulcer with steroids: gastrointestinal bleeding "
                     "risk; PPI essential, discuss with the team.")
    else:
        for code, drug in (("proton_pump_inhibitor", "proton pump inhibitor"),
                           ("capillary_glucose_monitoring", "capillary blood glucose")):
            ev.order(COVER, code, "not_indicated", "No dexamethasone ordered.", drug=drug)
    if needed and f.stale("glucose"):
        ev.need("labs.glucose")  # a fresh glucose could make monitoring four times daily
    ev.record(COVER, needed, dexamethasone=dex_status, diabetes=f.hist.diabetes,
              glucose_mmol_l=None if glucose is None else float(glucose))
