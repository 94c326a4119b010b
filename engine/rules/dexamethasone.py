"""Section 6: dexamethasone, and the PPI and glucose monitoring that go with it
(NICE NG234 1.8; SPC dexamethasone).

Read top to bottom: the doses and limits, the taper, the parenteral equivalent by
locale, then the order for each situation (section 6's list: the first matching row
decides), then the rules that state them."""
from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from engine.decision_tables import row, table
from engine.models import assessment as out
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation, dose
from engine.rules.pathway import HAEM_PRIMARIES
from engine.thresholds import COMPARISONS, Quantity, quantity, threshold
from engine.units import GLUCOSE_MG_PER_MMOL

# --- doses and limits, each written once ----------------------------------------------------
LOADING = quantity("dexamethasone loading dose, oral", 16, "mg", "NICE-NG234-1.8")
DAILY = quantity("dexamethasone daily dose, oral", 16, "mg", "NICE-NG234-1.8")
# The daily dose is split morning and midday, the last dose early to limit insomnia (UK
# local practice, noted under NICE-NG234-1.8).
MORNING, MIDDAY, LAST_DOSE_BEFORE = time(8, 0), time(12, 0), time(14, 0)
DAILY_SPLIT = (quantity("dexamethasone morning dose", 8, "mg", "NICE-NG234-1.8"),
               quantity("dexamethasone midday dose", 8, "mg", "NICE-NG234-1.8"))
PAIN_REVIEW = quantity("review of dexamethasone for pain after", 7, "days", "NICE-NG234-1.8")
# UK injections are labelled as dexamethasone base: UK_BASE IV/SC ~ UK_BASE_ORAL by mouth.
UK_BASE = quantity("dexamethasone base IV/SC", 3.3, "mg", "SPC-DEXAMETHASONE")
UK_BASE_ORAL = quantity("oral dexamethasone equivalent to it", 4, "mg", "SPC-DEXAMETHASONE")
GB_PARENTERAL = quantity("dexamethasone base IV/SC, UK labelling", 13.2, "mg", "SPC-DEXAMETHASONE")
if GB_PARENTERAL.value != LOADING.value * UK_BASE.value / UK_BASE_ORAL.value:
    raise ValueError("the UK parenteral dose must be the loading dose converted to base")
SLOW_TAPER = threshold("dexamethasone course", 21, "days", "above", "NICE-NG234-1.8")
TAPER_MG = (quantity("dexamethasone taper, step 1", 12, "mg", "NICE-NG234-1.8"),
            quantity("dexamethasone taper, step 2", 8, "mg", "NICE-NG234-1.8"),
            quantity("dexamethasone taper, step 3", 4, "mg", "NICE-NG234-1.8"),
            quantity("dexamethasone taper, step 4", 2, "mg", "NICE-NG234-1.8"))
TAPER_SPLIT = (quantity("taper step 1, morning dose", 8, "mg", "NICE-NG234-1.8"),
               quantity("taper step 1, midday dose", 4, "mg", "NICE-NG234-1.8"))
GLUCOSE_QDS = threshold("glucose", 12, "mmol/L", "above", "NICE-NG234-1.8")
PPI = (quantity("lansoprazole", 30, "mg", "NICE-NG234-1.8"),
       quantity("omeprazole", 20, "mg", "NICE-NG234-1.8"))


def _at(moment: time) -> str:
    return f"{moment:%H:%M}"


def _split(doses: tuple[Quantity, Quantity]) -> str:
    """'8 mg 08:00 + 8 mg 12:00'"""
    return f"{doses[0].limit} {_at(MORNING)} + {doses[1].limit} {_at(MIDDAY)}"


def _weeks(q: Quantity) -> str:
    """A whole number of weeks as weeks ('1 week', '3 weeks'), anything else as declared."""
    weeks, rest = divmod(q.duration, timedelta(days=7))
    if rest or not weeks:
        return q.limit
    return f"{weeks} week{'s' if weeks != 1 else ''}"


# --- the taper: day of the taper -> daily dose; a course over SLOW_TAPER keeps days 1-2 ------
TAPER = table("dexamethasone taper", ("slow", "day"), ("dose", "taken as", "then"), [
    row({"day": (1, 2)}, {"dose": TAPER_MG[0], "taken as": _split(TAPER_SPLIT), "then": None},
        "NICE-NG234-1.8"),
    row({"slow": True}, {"dose": None, "taken as": None,
                         "then": "then a slower taper set by the prescriber"}, "NICE-NG234-1.8"),
    row({"day": (3, 4)}, {"dose": TAPER_MG[1], "taken as": None, "then": None}, "NICE-NG234-1.8"),
    row({"day": (5, 6)}, {"dose": TAPER_MG[2], "taken as": None, "then": None}, "NICE-NG234-1.8"),
    row({"day": 7}, {"dose": TAPER_MG[3], "taken as": None, "then": None}, "NICE-NG234-1.8"),
    row({}, {"dose": None, "taken as": None, "then": "stop"}, "NICE-NG234-1.8"),
])


def taper_steps(slow: bool) -> list[tuple[int, int, dict]]:
    """(first day, last day, outcome) for each step of the taper, ending with the step
    that has no dose ('stop', or the prescriber's slower taper)."""
    steps, day = [], 1
    while True:
        r = TAPER.first(slow=slow, day=day)
        if r.then["dose"] is None:
            return steps + [(day, day, r.then)]
        days = r.when["day"]
        last = max(days) if isinstance(days, tuple) else days
        steps.append((day, last, r.then))
        day = last + 1


def _days(a: int, b: int) -> str:
    return f"days {a}-{b}" if a != b else f"day {a}"


# --- the parenteral equivalent: the order shows the case locale's only ----------------------
PARENTERAL = table("parenteral equivalent by locale", ("locale",), ("dose", "route", "note"), [
    row({"locale": "GB"}, {"dose": GB_PARENTERAL, "route": "IV/SC",
                           "note": "UK injections are labelled as dexamethasone base: "
                                   f"{UK_BASE.limit} base ~ {UK_BASE_ORAL.limit} oral, so "
                                   f"{LOADING.limit} oral ~ {GB_PARENTERAL.limit} base."},
        "SPC-DEXAMETHASONE"),
    row({"locale": "US"}, {"dose": LOADING, "route": "IV",
                           "note": "US labelling: the IV dose equals the oral dose (1:1)."},
        "SPC-DEXAMETHASONE"),
])

# --- the order, by situation (section 6 in order; deterioration overrides 2, 3 and 6) -------
# haematological: "confirmed" (myeloma or lymphoma primary), "suspected" (suspected, not
# confirmed) or "none". neuro: "positive", "negative" or "unknown". Regimens: "start"
# (loading dose, then daily from the day after until surgery or radiotherapy), "raise"
# (the same, until the MSCC team reviews), "pain" (daily, reviewed), "taper".
# "ask if unknown": inputs named as missing when unrecorded; "haematology opinion if
# suspected": with a suspected (unconfirmed) haematological malignancy, ask now (DEX-HAEM-1).
def _then(status: str, reason: str | None, dose: Quantity | None = None,
          regimen: str | None = None, ask: tuple[str, ...] = (),
          haematology: bool = False) -> dict:
    return {"status": status, "dose": dose, "regimen": regimen, "reason": reason,
            "ask if unknown": ask, "haematology opinion if suspected": haematology}


ASAP = f"{LOADING.limit} oral as soon as possible."
RAISED = f"Temporary increase: neurological deterioration; contact the MSCC team now. {ASAP}"
NG234 = "NICE-NG234-1.8"
ORDER = table(
    "dexamethasone by situation",
    ("pathway", "on_dexamethasone", "deteriorated", "haematological", "neuro", "known_lesion",
     "pain_severe"),
    ("status", "dose", "regimen", "reason", "ask if unknown", "haematology opinion if suspected"),
    [row({"pathway": "mscc_excluded", "on_dexamethasone": True},
         _then("stop", "MSCC and metastases excluded: stop dexamethasone."), NG234),
     row({"pathway": "mscc_excluded"},
         _then("not_indicated", "MSCC excluded; not on dexamethasone."), NG234),
     # Deterioration: back to the full dose, unless haematology must be asked first.
     row({"deteriorated": True, "haematological": ("confirmed", "none")},
         _then("recommended", RAISED, LOADING, "raise"), NG234),
     row({"deteriorated": True, "neuro": ("positive", "unknown")},
         _then("recommended", RAISED, LOADING, "raise"), NG234),
     row({"pathway": ("post_treatment", "mscc_supportive_care"), "on_dexamethasone": True},
         _then("taper", None, TAPER_MG[0], "taper"), NG234),
     row({"pathway": "post_treatment"},
         _then("not_indicated", "After treatment and not on dexamethasone."), NG234),
     row({"pathway": "mscc_supportive_care", "pain_severe": True},
         _then("consider", "Supportive care with severe pain: consider dexamethasone for pain.",
               DAILY, "pain"), NG234),
     row({"pathway": "mscc_supportive_care"},
         _then("not_indicated", "Supportive care without severe pain.",
               ask=("presentation.pain_severe",)), NG234),
     row({"haematological": "suspected", "neuro": "negative"},
         _then("withheld", "Seek haematology advice before steroids: lymphoma or myeloma is "
                           "suspected and steroids can spoil the tissue diagnosis."), NG234),
     row({"neuro": "positive"},
         _then("recommended", f"Neurological symptoms or signs of MSCC: {ASAP}", LOADING,
               "start", haematology=True), NG234),
     row({"neuro": "unknown"},
         _then("recommended", f"Neurological status not fully assessed (treated as positive): "
                              f"{ASAP}", LOADING, "start", haematology=True), NG234),
     row({"haematological": "confirmed", "known_lesion": True},
         _then("recommended", f"Confirmed myeloma or lymphoma with spinal disease: {ASAP}",
               LOADING, "start", haematology=True), NG234),
     row({"pain_severe": True},
         _then("consider", "No neurology but severe pain: consider dexamethasone as part of "
                           "initial management.", LOADING, "start"), NG234),
     row({},
         _then("not_indicated", "No neurological symptoms or signs and no severe pain.",
               ask=("presentation.pain_severe", "cancer.haematological_suspected")), NG234)])

_NORMAL_TAPER = taper_steps(slow=False)
_SLOW_TAPER = taper_steps(slow=True)


def _taper_text(steps) -> str:
    return ", ".join(f"{t['dose'].limit}{'/day' if i == 0 else ''} {_days(a, b)}"
                     for i, (a, b, t) in enumerate(steps[:-1])) + f", then {steps[-1][2]['then']}"


DEX = rule("DEX-1", 5, "Dexamethasone for MSCC", ["NICE-NG234-1.8", "SPC-DEXAMETHASONE"],
           [f"{LOADING.limit} oral as soon as possible (day 1: the loading dose alone), then "
            f"{DAILY.limit} daily ({_split(DAILY_SPLIT)}) from the day after; not yet started: "
            "that date if the first dose is given on the assessment's day",
            f"parenteral: GB {GB_PARENTERAL.limit} base IV/SC, US {LOADING.limit} IV; the order "
            "shows the case locale's only",
            "suspected haematological malignancy without neurology: withhold, ask haematology",
            f"supportive care with severe pain: consider {DAILY.limit} daily, review at "
            f"{_weeks(PAIN_REVIEW)}",
            f"neurological deterioration on serial examinations: back to {DAILY.limit} daily "
            "(overrides the taper, supportive care and consider), unless MSCC is excluded"],
           thresholds=[LOADING, DAILY, *DAILY_SPLIT, PAIN_REVIEW, UK_BASE, UK_BASE_ORAL,
                       GB_PARENTERAL], tables=[ORDER, PARENTERAL])
TAPER_RULE = rule("DEX-TAPER-1", 3, "Dexamethasone taper after treatment or in supportive care",
                  ["NICE-NG234-1.8", "SPC-DEXAMETHASONE"],
                  [_taper_text(_NORMAL_TAPER),
                   f"course longer than {SLOW_TAPER.limit}: "
                   f"{', '.join(_days(a, b) for a, b, _ in _SLOW_TAPER[:-1])}, "
                   f"{_SLOW_TAPER[-1][2]['then']} (adrenal suppression); no stop date",
                   f"the first taper day is the first day whose {_at(MORNING)} dose is still "
                   "ahead"],
                  thresholds=[SLOW_TAPER, *TAPER_MG, *TAPER_SPLIT], tables=[TAPER])
COVER = rule("DEX-COVER-1", 3, "Gastric protection and glucose monitoring on steroids",
             ["NICE-NG234-1.8"],
             [f"proton pump inhibitor once daily (e.g. {PPI[0].name} {PPI[0].limit} or "
              f"{PPI[1].name} {PPI[1].limit})",
              f"capillary glucose at least daily; four times daily with diabetes or "
              f"{GLUCOSE_QDS.text} (stated in the locale's unit: mg/dL in the US)"],
             thresholds=[GLUCOSE_QDS, *PPI])
HAEM_CALL = rule("DEX-HAEM-1", 2, "Suspected haematological malignancy with neurology",
                 ["NICE-NG234-1.8"])

DETERIORATION = (f"Any neurological deterioration: return to {DAILY.limit} daily and call the "
                 "MSCC team.")


def parenteral_alternatives(locale: str, status: str) -> list[out.Alternative]:
    """The case locale's parenteral equivalent only: a nurse sees one dose (rules v2
    section 6); the other convention is named in the rule's basis."""
    p = PARENTERAL.first(locale=locale).then
    return [out.Alternative(drug="dexamethasone", status=status,
                            label="If oral is not possible", dose=dose(p["dose"].number),
                            route=p["route"], note=p["note"])]


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
    return (f"{LOADING.limit} now (loading dose); daily from {_at(MORNING)} on {first}: "
            f"{_split(DAILY_SPLIT)}, until surgery or radiotherapy")


def _raised_regimen(ev: Evaluation) -> str:
    tomorrow = _day_text(ev.facts.now.date() + timedelta(days=1))
    return (f"{LOADING.limit} now; daily from {_at(MORNING)} on {tomorrow}: "
            f"{_split(DAILY_SPLIT)}, until the MSCC team reviews")


def course_days(ev: Evaluation) -> int | None:
    started = ev.facts.meds.dexamethasone_started_at
    if started is None:
        return None
    return (ev.facts.now - started) // timedelta(hours=24)


def haematological(cancer) -> str:
    """'confirmed' (myeloma or lymphoma primary), 'suspected' (suspected, not confirmed)
    or 'none' (not suspected, or not recorded)."""
    if cancer.primary in HAEM_PRIMARIES:
        return "confirmed"
    return "suspected" if cancer.haematological_suspected is True else "none"


def evaluate_dexamethasone(ev: Evaluation, neuro: str, pathway: str, known_lesion: bool,
                           deteriorated: bool = False) -> str:
    f = ev.facts
    on_dex = f.meds.dexamethasone_started_at is not None
    c = f.cancer
    haem = haematological(c)
    inputs = dict(pathway=pathway, neuro=neuro, on_dexamethasone=on_dex,
                  primary=c.primary, haematological_suspected=c.haematological_suspected,
                  pain_severe=f.pres.pain_severe)
    decided = ORDER.first(pathway=pathway, on_dexamethasone=on_dex, deteriorated=deteriorated,
                          haematological=haem, neuro=neuro, known_lesion=known_lesion,
                          pain_severe=f.pres.pain_severe).then
    status, regimen = decided["status"], decided["regimen"]
    unknown = {"presentation.pain_severe": f.pres.pain_severe is None,
               "cancer.haematological_suspected":
                   c.haematological_suspected is None and haem != "confirmed"}
    ev.need(*[path for path in decided["ask if unknown"] if unknown[path]])
    if regimen == "taper":
        _taper(ev, pathway)
    elif regimen is None:
        ev.order(DEX, "dexamethasone", status, decided["reason"], drug="dexamethasone")
    else:
        frequency = {"start": daily_regimen, "raise": _raised_regimen,
                     "pain": lambda _: f"{DAILY.limit} daily, review at {_weeks(PAIN_REVIEW)}"}
        ev.order(DEX, "dexamethasone", status, decided["reason"], drug="dexamethasone",
                 dose=dose(decided["dose"].number), route="oral",
                 frequency=frequency[regimen](ev),
                 alternatives=parenteral_alternatives(ev.case.locale, status))
    if decided["haematology opinion if suspected"]:
        haem_call = haem == "suspected"
        if haem_call:
            ev.act(HAEM_CALL, "haematology_opinion", 0,
                   "Haematology opinion now: lymphoma or myeloma suspected; steroids are given "
                   "for neurology, so arrange tissue diagnosis urgently.")
        ev.record(HAEM_CALL, haem_call)
    ev.record(DEX, status in ("recommended", "consider", "taper"), status=status,
              neuro_deterioration=deteriorated, **inputs)
    _cover(ev, status)
    return status


def first_taper_day(now: datetime) -> date:
    """The first day whose 08:00 dose is still ahead (a taper written at 23:50 starts
    tomorrow, not on a day whose doses have passed)."""
    today = now.date()
    return today if now.timetz().replace(tzinfo=None) < MORNING else today + timedelta(days=1)


def _taper(ev: Evaluation, pathway: str) -> None:
    days = course_days(ev)
    start = first_taper_day(ev.facts.now)
    slow = days is not None and SLOW_TAPER.met_by(days)
    steps = _SLOW_TAPER if slow else _NORMAL_TAPER

    def step(a: int, b: int, then: dict) -> out.ScheduleStep:
        mg = then["dose"]
        if mg is None:
            text = then["then"]
        else:
            text = (f"{mg.limit} daily" + (f" ({then['taken as']})" if then["taken as"] else "")
                    + f", {_days(a, b)}")
        return out.ScheduleStep(
            day_from=a, day_to=b, date_from=(start + timedelta(days=a - 1)).isoformat(),
            date_to=(start + timedelta(days=b - 1)).isoformat(),
            dose=dose(None if mg is None else mg.number), text=text)

    schedule = [step(a, b, then) for a, b, then in steps]
    if slow:
        kept = ", ".join(_days(a, b) for a, b, _ in steps[:-1])
        ev.alert(TAPER_RULE, "slow_taper", "warning",
                 f"Dexamethasone for {days} days (over {_weeks(SLOW_TAPER)}): adrenal suppression "
                 f"is likely; after {kept} the prescriber sets a slower taper (no stop date).")
    ev.record(TAPER_RULE, True, course_days=days, pathway=pathway, first_day=start.isoformat(),
              slow=slow)
    why = "after surgery or radiotherapy" if pathway == "post_treatment" else "in supportive care"
    ev.order(TAPER_RULE, "dexamethasone", "taper",
             f"On dexamethasone for {days} days {why}: reduce gradually"
             + (f" and slowly (course over {SLOW_TAPER.limit}). " if slow else " and stop. ")
             + DETERIORATION, drug="dexamethasone", dose=dose(steps[0][2]["dose"].number),
             route="oral",
             frequency=f"once or twice daily, morning and midday (before {_at(LAST_DOSE_BEFORE)})",
             schedule=schedule)


def glucose_threshold_text(ev: Evaluation) -> str:
    """The four-times-daily threshold in the locale's glucose unit (US labs report
    mg/dL): 'above 12 mmol/L', or 'above 216.2 mg/dL (12 mmol/L)'. The mg/dL figure is
    rounded up at one decimal, so no result shown as above it is below the threshold the
    engine compares. By locale, not by the unit one result was typed in: the same
    quantity in either unit gives the same assessment."""
    if ev.case.locale != "US":
        return GLUCOSE_QDS.phrase
    mg = math.ceil(GLUCOSE_QDS.value * GLUCOSE_MG_PER_MMOL * 10) / 10
    return f"{COMPARISONS[GLUCOSE_QDS.comparison][1]} {mg:g} mg/dL ({GLUCOSE_QDS.limit})"


def _cover(ev: Evaluation, dex_status: str) -> None:
    f = ev.facts
    needed = dex_status in ("recommended", "consider", "taper")
    glucose = f.fresh_exact("glucose")
    qds = f.hist.diabetes is True or (glucose is not None and GLUCOSE_QDS.met_by(glucose))
    if needed:
        ev.order(COVER, "proton_pump_inhibitor", "recommended",
                 "Gastric protection while on dexamethasone.",
                 drug=f"proton pump inhibitor (e.g. {PPI[0].name} {PPI[0].limit} or "
                      f"{PPI[1].name} {PPI[1].limit})",
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
