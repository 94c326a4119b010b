"""Invariants of the engine over generated cases (Hypothesis), as listed in
../shared/reference/safety-notes.md, "How trusted systems test", and the loader fuzz.

The strategy `valid_cases()` builds mscc-case/1 documents straight from
../shared/spec/case-format.md: every optional field absent, null or valid; lab values
inside the plausible range of a randomly chosen unit; every time at or before the fixed
assessed_at (generated as offsets backwards, written in assorted UTC offsets); ages
18-95; 0-3 imaging studies with 0-4 lesions.

Profiles: "ci" (default, ~200 examples per property) and "long" (2000); choose with
HYPOTHESIS_PROFILE=long. A failing example is reproducible with --hypothesis-seed=N.
The profile is applied to this module's tests only (it does not change Hypothesis's
global default for other modules)."""
from __future__ import annotations

import copy
import json
import math
import os
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st

import engine
from engine import CaseError, assess, load_registry, parse_case

# --- profiles -----------------------------------------------------------------------------

settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")
EXAMPLES = PROFILE.max_examples


def profile(scale: float = 1.0) -> settings:
    """This module's settings: the chosen profile, `scale` times its example count."""
    return settings(PROFILE, max_examples=max(10, int(EXAMPLES * scale)), deadline=None)


# --- vocabulary of mscc-case/1 (case-format.md) ---------------------------------------------

ASSESSED = datetime(2026, 3, 10, 14, 30, tzinfo=timezone.utc)
ASSESSED_AT = "2026-03-10T14:30:00+00:00"
ZONES = [timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)),
         timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-9, minutes=-30))]

LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 6)])
SENSORY_LEVELS = ["none"] + [f"C{i}" for i in range(2, 9)] + LEVELS[7:]
PRIMARIES = ["breast", "prostate", "lung_nsclc", "lung_sclc", "renal", "thyroid", "melanoma",
             "colorectal", "gastrointestinal_other", "myeloma", "lymphoma", "other",
             "unknown_primary", "none_known"]
ANTICOAGULATION = ["none", "none", "prophylactic_lmwh", "therapeutic_lmwh", "doac", "warfarin",
                   "unfractionated_heparin"]
THERAPEUTIC = ("therapeutic_lmwh", "doac", "warfarin")
HISTORY = ["diabetes", "peptic_ulcer", "active_bleeding", "bleeding_disorder",
           "peripheral_arterial_disease", "peripheral_arterial_bypass", "peripheral_neuropathy",
           "leg_skin_condition", "severe_leg_oedema", "leg_deformity", "acute_dvt",
           "previous_vte", "heart_failure", "stocking_allergy"]

# Plausible range per unit, and the conversion between the two listed units
# (case-format.md labs; factor: value in unit B = value in unit A x factor).
LAB_UNITS: dict[str, dict[str, tuple[float, float]]] = {
    "calcium": {"mmol/L": (0.5, 6.0), "mg/dL": (2, 24)},
    "adjusted_calcium": {"mmol/L": (0.5, 6.0), "mg/dL": (2, 24)},
    "albumin": {"g/L": (5, 70), "g/dL": (0.5, 7)},
    "creatinine": {"umol/L": (10, 2500), "mg/dL": (0.1, 28)},
    "platelets": {"10^9/L": (0, 2000)},
    "inr": {"ratio": (0.5, 15)},
    "haemoglobin": {"g/L": (20, 250), "g/dL": (2, 25)},
    "glucose": {"mmol/L": (0.5, 60), "mg/dL": (9, 1100)},
}
# A clinically common window per unit, so that normal values are frequent.
LAB_TYPICAL: dict[str, dict[str, tuple[float, float]]] = {
    "calcium": {"mmol/L": (2.0, 4.0), "mg/dL": (8, 16)},
    "adjusted_calcium": {"mmol/L": (2.0, 4.0), "mg/dL": (8, 16)},
    "albumin": {"g/L": (20, 50), "g/dL": (2, 5)},
    "creatinine": {"umol/L": (40, 400), "mg/dL": (0.4, 4.5)},
    "platelets": {"10^9/L": (20, 450)},
    "inr": {"ratio": (0.8, 2.0)},
    "haemoglobin": {"g/L": (70, 170), "g/dL": (7, 17)},
    "glucose": {"mmol/L": (3, 25), "mg/dL": (54, 450)},
}
CONVERSIONS: dict[str, tuple[str, str, float]] = {
    "calcium": ("mmol/L", "mg/dL", 4.008),
    "adjusted_calcium": ("mmol/L", "mg/dL", 4.008),
    "albumin": ("g/dL", "g/L", 10.0),
    "creatinine": ("mg/dL", "umol/L", 88.4),
    "haemoglobin": ("g/dL", "g/L", 10.0),
    "glucose": ("mmol/L", "mg/dL", 18.016),
}

ORDER_CODES = ("dexamethasone", "proton_pump_inhibitor", "capillary_glucose_monitoring",
               "intermittent_pneumatic_compression", "anti_embolism_stockings",
               "lmwh_prophylaxis", "iv_fluids", "zoledronic_acid", "denosumab", "calcitonin")
ORDER_STATUSES = {"recommended", "consider", "pending", "withheld", "not_indicated", "taper",
                  "stop"}
URGENCY = {"suspected_mscc": "emergency", "mscc_surgical_opinion": "emergency",
           "mscc_radiotherapy": "emergency", "mscc_haematological": "emergency",
           "suspected_spinal_metastases": "urgent", "spinal_metastases_unstable": "urgent",
           "mscc_supportive_care": "urgent", "post_treatment": "urgent",
           "spinal_metastases_stable": "routine", "mscc_excluded": "routine",
           "not_suspected": "routine"}
RANK = {"routine": 0, "urgent": 1, "emergency": 2}
ACTION_CODES = {"contact_mscc_coordinator", "mri_whole_spine", "ct_spine",
                "spinal_surgical_opinion", "clinical_oncology_opinion", "haematology_opinion",
                "radiotherapy", "analgesia", "safety_net_advice", "dental_review",
                "recheck_calcium", "goals_of_care_discussion"}
PRECAUTION_CODES = {"cervical_collar_log_roll", "flat_log_roll", "none"}
STALE_AFTER = timedelta(hours=72)

# --- strategies -----------------------------------------------------------------------------

HOUR = 60  # minutes
DAY = 24 * HOUR
# Offsets back from assessed_at, in minutes, with every threshold the rules use on
# both sides (24 h, 48 h, 72 h staleness, 14 days, 21 days).
BOUNDARY_MINUTES = [0, 1, 24 * HOUR - 1, 24 * HOUR, 24 * HOUR + 1, 48 * HOUR, 48 * HOUR + 1,
                    72 * HOUR, 72 * HOUR + 1, 14 * DAY - 1, 14 * DAY, 21 * DAY, 22 * DAY,
                    28 * DAY, 28 * DAY + 1]


RECENT_MINUTES = st.one_of(st.integers(0, 72 * HOUR), st.sampled_from(BOUNDARY_MINUTES),
                           st.integers(0, 120 * DAY))
ANY_MINUTES = st.one_of(st.integers(0, 120 * DAY), st.sampled_from(BOUNDARY_MINUTES))
ZONE_CHOICE = st.sampled_from([(zone, zulu) for zone in ZONES for zulu in (False, True)
                               if zone is timezone.utc or not zulu])


def iso(moment: datetime, zone: timezone = timezone.utc, zulu: bool = False) -> str:
    text = moment.astimezone(zone).isoformat()
    return text.replace("+00:00", "Z") if zulu and text.endswith("+00:00") else text


def ago(minutes: int) -> str:
    return iso(ASSESSED - timedelta(minutes=minutes))


@st.composite
def past_times(draw, recent_bias: bool = True) -> str:
    """A date-time at or before assessed_at, in an assorted UTC offset."""
    back = draw(RECENT_MINUTES if recent_bias else ANY_MINUTES)
    return iso(ASSESSED - timedelta(minutes=back), *draw(ZONE_CHOICE))


def decimal_in(lo: float, hi: float, places: int) -> st.SearchStrategy[float]:
    """Numbers with at most `places` decimals in [lo, hi], as a laboratory reports them."""
    scale = 10 ** places
    return st.integers(math.ceil(lo * scale), math.floor(hi * scale)).map(lambda n: n / scale)


def lab_values(name: str, unit: str, typical_only: bool = False) -> st.SearchStrategy:
    lo, hi = LAB_UNITS[name][unit]
    tlo, thi = LAB_TYPICAL[name][unit]
    if typical_only:
        values = decimal_in(tlo, thi, 2)
    else:
        edges = {"platelets": [0, 49, 49.9, 50, 74, 75, 2000], "inr": [0.5, 1.5, 1.51, 15]}
        values = st.one_of(decimal_in(tlo, thi, 2), decimal_in(tlo, thi, 2),
                           decimal_in(lo, hi, 3), st.sampled_from([lo, hi] + edges.get(name, [])))
    return values.map(lambda v: int(v) if float(v).is_integer() else v)


LAB_VALUES = {(name, unit, typical): lab_values(name, unit, typical)
              for name, units in LAB_UNITS.items() for unit in units
              for typical in (False, True)}
UNIT_CHOICE = {name: st.sampled_from(sorted(units)) for name, units in LAB_UNITS.items()}
SAMPLE_TIMES = {stale: past_times(recent_bias=not stale) for stale in (False, True)}


@st.composite
def labs_of(draw, name: str, stale_bias: bool = False, typical_only: bool = False) -> dict:
    unit = draw(UNIT_CHOICE[name])
    return {"value": draw(LAB_VALUES[(name, unit, typical_only)]), "unit": unit,
            "sampled_at": draw(SAMPLE_TIMES[stale_bias])}


# How often an optional field is absent, null or given: usual fields in a sparse or a
# dense case, and events (surgery done, radiotherapy started...) that are usually absent.
ABSENT = object()
WEIGHTS = {"sparse": (1, 1, 3), "dense": (1, 1, 14), "full": (0, 0, 1),  # absent, null, value
           "rare": (6, 1, 1)}
MODES = {d: st.sampled_from(("absent",) * a + ("null",) * n + ("value",) * v)
         for d, (a, n, v) in WEIGHTS.items()}


class Choice(tuple):
    """An optional field whose values can be listed (repeats weight them): drawn, with
    absent and null, in a single step - generation is dominated by the number of draws."""

    def __init__(self, values):
        super().__init__()
        n = len(self)
        self.by_density = {d: st.sampled_from([ABSENT] * (a * n) + [None] * (k * n)
                                              + list(self) * v)
                           for d, (a, k, v) in WEIGHTS.items()}


def draw_obj(draw, fields: dict, density: str, required: dict | None = None,
             rare: tuple[str, ...] = ()) -> dict:
    """An object with its required fields, and each optional field absent, null or valid."""
    out = {k: draw(s) for k, s in (required or {}).items()}
    for key, spec in fields.items():
        mode = "rare" if key in rare else density
        if isinstance(spec, Choice):
            value = draw(spec.by_density[mode])
            if value is not ABSENT:
                out[key] = value
            continue
        kind = draw(MODES[mode])
        if kind == "null":
            out[key] = None
        elif kind == "value":
            out[key] = draw(spec)
    return out


def draw_section(draw, density: str, build) -> Any:
    """A whole optional section: ABSENT, None, or build() (events are never whole sections)."""
    kind = draw(MODES[density])
    return ABSENT if kind == "absent" else None if kind == "null" else build()


mostly_false = Choice([False, False, True])
never = Choice([False])
any_bool = Choice([False, True])
patient_ids = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=16)
names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
# Ages 18-95 at assessed_at (2026-03-10): born 1930-03-11 .. 2008-03-10.
dates_of_birth = st.dates(date(1930, 3, 11), date(2008, 3, 10)).map(date.isoformat)
weights = st.one_of(st.integers(20, 300), decimal_in(20, 300, 1),
                    st.sampled_from([20, 49.9, 50, 100, 100.1, 300]))
LIMBS = ("right_arm", "left_arm", "right_leg", "left_leg")

PATIENT = {"name": names, "date_of_birth": dates_of_birth,
           "sex": Choice(["female", "male"]), "weight_kg": weights}
CANCER = {
    "primary": Choice(PRIMARIES),
    "haematological_suspected": Choice([False] * 5 + [True]),
    "ecog": Choice(range(5)),
    "karnofsky": Choice(range(10, 101, 10)),
    "visceral_metastases": Choice(["none", "removable", "unremovable"]),
    "extraspinal_bone_metastases": Choice(["0", "1-2", "3+"]),
    "vertebral_metastases": Choice(["1", "2", "3+"]),
    "prognosis": Choice(["weeks", "weeks", "lt_3_months", "3_to_6_months", "gt_6_months"]),
    "fit_for_surgery": any_bool,
    "prior_radiotherapy_at_level": mostly_false,
}
PAIN = {
    "admitted": any_bool,
    "spinal_pain": Choice(["none", "mechanical", "non_mechanical"]),
    "pain_regions": st.lists(st.sampled_from(["cervical", "thoracic", "lumbar", "sacral"]),
                             max_size=4, unique=True),
    "pain_severe": any_bool,
    "pain_nocturnal": any_bool,
    "pain_controlled": any_bool,
    "spinal_tenderness": any_bool,
}
SYMPTOMS = ("radicular_pain", "limb_weakness", "walking_difficulty", "sensory_loss",
            "bladder_dysfunction", "bowel_dysfunction")
# The onset is drawn from the wider range so that studies after it (current ones, which
# can exclude or confirm compression: rules v2 section 0) are common.
EVENTS = {"neuro_onset_at": past_times(False), "unable_to_walk_since": past_times(False),
          "paraplegia_since": past_times(False)}
# The neurological picture: at random, or examined and normal (so that a negative
# neurological status, and the single-finding changes of the monotonicity property, are
# common).
NEURO_EXAM = {
    False: {
        "examined_at": past_times(),
        "reflexes_arms": Choice(["normal", "normal", "absent", "reduced", "brisk"]),
        "reflexes_legs": Choice(["normal", "normal", "absent", "reduced", "brisk"]),
        "plantars": Choice(["flexor", "flexor", "extensor", "mute"]),
        "hoffmann": mostly_false, "clonus": mostly_false,
        "sensory_level": Choice(["none"] * len(SENSORY_LEVELS) + SENSORY_LEVELS),
        "saddle_anaesthesia": mostly_false,
        "anal_tone": Choice(["normal", "normal", "reduced", "absent"]),
        "ambulation": Choice(["independent", "with_aid", "unable"]),
    },
    True: {
        "examined_at": past_times(),
        "reflexes_arms": Choice(["normal", "reduced"]),
        "reflexes_legs": Choice(["normal", "reduced"]),
        "plantars": Choice(["flexor", "mute"]),
        "hoffmann": never, "clonus": never, "sensory_level": Choice(["none"]),
        "saddle_anaesthesia": never, "anal_tone": Choice(["normal"]),
        "ambulation": Choice(["independent"]),
    },
}
MRC = {False: Choice([5, 5, 5, 4, 3, 2, 1, 0]), True: Choice([5])}
LESION = {
    "lesion_type": Choice(["lytic", "mixed", "blastic"]),
    "bilsky_grade": Choice(["0", "1a", "1b", "1c", "2", "3"]),
    "alignment": Choice(["normal", "normal", "deformity", "subluxation"]),
    "collapse": Choice(["over_50", "under_50", "none_over_50_involved", "none"]),
    "posterolateral": Choice(["bilateral", "unilateral", "none"]),
}
LEVEL = {"level": st.sampled_from(LEVELS)}
STUDY = {"performed_at": past_times(),
         "metastases_excluded": Choice([False, False, False, False, True]),
         "cauda_equina_compression": Choice([False, False, False, True])}
MODALITY = {"modality": st.sampled_from(["xray", "ct", "mri_whole_spine", "mri_whole_spine",
                                         "mri_limited"])}
# Bleeding and VTE-relevant inputs: at random, or low risk (so that LMWH is recommended
# often enough for its contraindication property to be tested against a positive control).
LABS = {(stale, low): {name: labs_of(name, stale, low and name in ("platelets", "inr"))
                       for name in LAB_UNITS}
        for stale in (False, True) for low in (False, True)}
MEDICATIONS = {
    False: {"anticoagulation": Choice(ANTICOAGULATION)},
    True: {"anticoagulation": Choice(["none", "prophylactic_lmwh"])},
}
OTHER_MEDICATIONS = {
    "bone_targeted_agent": Choice(["none", "none", "zoledronic_acid", "denosumab", "other"]),
    "dexamethasone_started_at": past_times(False),
    "calcium_or_vitamin_d_supplements": mostly_false,
    "thiazide": mostly_false,
}
HISTORY_FIELDS = {low: {name: never if low and name in ("active_bleeding", "bleeding_disorder")
                        else mostly_false for name in HISTORY} for low in (False, True)}
PROCEDURES = {
    low: {"mscc_coordinator_contacted_at": past_times(),
          "spine_declared_stable_at": past_times(),
          "spinal_surgery_expected_within_24h": never if low else any_bool,
          "spinal_surgery_at": past_times(),
          "surgeon_cleared_anticoagulation": any_bool,
          "radiotherapy_started_at": past_times(),
          "neuraxial_procedure_within_12h": never if low else mostly_false}
    for low in (False, True)}
PROCEDURE_EVENTS = ("mscc_coordinator_contacted_at", "spine_declared_stable_at",
                    "spinal_surgery_at", "radiotherapy_started_at")


COMPRESSING_LESION = {**LESION, "bilsky_grade": st.sampled_from(["2", "3"])}
WELL = {"spinal_pain": Choice(["none", "none", "mechanical", "non_mechanical"])}
ARCHETYPES = st.sampled_from(["any", "any", "any", "well", "mscc", "mscc"])


@st.composite
def valid_cases(draw) -> dict:
    """A valid mscc-case/1 document (a JSON-ready dict).

    Archetypes keep rare but important states common: "well" (examined, no neurology,
    no spinal pain, nothing imaged: not_suspected is reachable) and "mscc" (a whole-spine
    MRI shows compression: the confirmed-MSCC pathways)."""
    archetype = draw(ARCHETYPES)
    density = "full" if archetype == "well" else draw(st.sampled_from(["sparse", "dense"]))
    neuro_normal = archetype == "well" or draw(st.booleans())
    low_risk = draw(st.booleans())
    stale_bias = draw(st.sampled_from([False, False, False, True]))
    case: dict[str, Any] = {
        "format": "mscc-case/1",
        "assessed_at": ASSESSED_AT,
        "locale": draw(st.sampled_from(["GB", "US"])),
        "patient": draw_obj(draw, PATIENT, density, required={"id": patient_ids}),
    }
    symptom = never if neuro_normal else mostly_false

    def presentation():
        pain = {**PAIN, **WELL} if archetype == "well" else PAIN
        return draw_obj(draw, {**pain, **{s: symptom for s in SYMPTOMS}, **EVENTS}, density,
                        rare=("unable_to_walk_since", "paraplegia_since"))

    def cancer():
        fields = CANCER
        if archetype == "well":
            fields = {k: v for k, v in CANCER.items() if k != "vertebral_metastases"}
        return draw_obj(draw, fields, density)

    def imaging():
        if archetype == "well":
            return []
        found = [study() for _ in range(draw(st.integers(0, 1 if archetype == "mscc" else 3)))]
        if archetype == "mscc":
            lesions = [draw_obj(draw, COMPRESSING_LESION, density, required=LEVEL)]
            found.append({"modality": "mri_whole_spine", "performed_at": draw(past_times()),
                          "lesions": lesions})
        return found

    def neuro_exam():
        exam = draw_obj(draw, NEURO_EXAM[neuro_normal], density)
        mrc = draw_section(draw, density,
                           lambda: draw_obj(draw, dict.fromkeys(LIMBS, MRC[neuro_normal]), density))
        if mrc is not ABSENT:
            exam["mrc_power"] = mrc
        return exam

    def study():
        out = draw_obj(draw, STUDY, density, required=MODALITY)
        lesions = draw_section(draw, density, lambda: [
            draw_obj(draw, LESION, density, required=LEVEL)
            for _ in range(draw(st.integers(0, 4)))])
        if lesions is not ABSENT:
            out["lesions"] = lesions
        return out

    def medications():
        return draw_obj(draw, {**MEDICATIONS[low_risk], **OTHER_MEDICATIONS}, density)

    builders = {
        "cancer": cancer,
        "presentation": presentation,
        "neuro_exam": neuro_exam,
        "imaging": imaging,
        "mri_contraindicated": lambda: draw(st.sampled_from([False, False, True])),
        "labs": lambda: draw_obj(draw, LABS[(stale_bias, low_risk)], density),
        "medications": medications,
        "history": lambda: draw_obj(draw, HISTORY_FIELDS[low_risk], density),
        "procedures": lambda: draw_obj(draw, PROCEDURES[low_risk], density,
                                       rare=PROCEDURE_EVENTS),
    }
    for key, build in builders.items():
        value = build() if key == "imaging" and archetype == "mscc" else \
            draw_section(draw, density, build)
        if value is not ABSENT:
            case[key] = value
    return case


# --- reading a case dict independently of the engine ------------------------------------------

def section(case: dict, name: str) -> dict:
    return case.get(name) or {}


def when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def fresh_lab(case: dict, name: str) -> dict | None:
    """The lab if present and sampled no more than 72 h before assessed_at."""
    lab = section(case, "labs").get(name)
    if lab is None or ASSESSED - when(lab["sampled_at"]) > STALE_AFTER:
        return None
    return lab


def to_mg_dl(creatinine: dict) -> float:
    return creatinine["value"] / 88.4 if creatinine["unit"] == "umol/L" else creatinine["value"]


def age_years(case: dict) -> int | None:
    dob = case["patient"].get("date_of_birth")
    if dob is None:
        return None
    born, today = date.fromisoformat(dob), ASSESSED.date()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def cockcroft_gault(case: dict) -> float | None:
    """Creatinine clearance (mL/min) from case-format.md, or None when unknown."""
    p, creat = case["patient"], fresh_lab(case, "creatinine")
    age = age_years(case)
    if None in (age, p.get("sex"), p.get("weight_kg"), creat):
        return None
    value = (140 - age) * p["weight_kg"] / (72 * to_mg_dl(creat))
    return value * (0.85 if p["sex"] == "female" else 1)


def lmwh_blockers(case: dict) -> list[str]:
    """Everything that, by clinical-rules.md section 7, forbids recommending LMWH."""
    hist, proc, pat = section(case, "history"), section(case, "procedures"), case["patient"]
    why = []
    if hist.get("active_bleeding") is True:
        why.append("active_bleeding")
    if hist.get("bleeding_disorder") is True:
        why.append("bleeding_disorder")
    plt, inr, creat = (fresh_lab(case, n) for n in ("platelets", "inr", "creatinine"))
    if plt is None:
        why.append("platelets unknown or stale")
    elif plt["value"] < 50:
        why.append("platelets below 50")
    if proc.get("neuraxial_procedure_within_12h") is True:
        why.append("neuraxial procedure")
    if inr is not None and inr["value"] > 1.5:
        why.append("INR above 1.5")
    if section(case, "medications").get("anticoagulation") in THERAPEUTIC:
        why.append("therapeutic anticoagulation")
    if proc.get("spinal_surgery_expected_within_24h") is True:
        why.append("surgery expected within 24 h")
    surgery = when(proc.get("spinal_surgery_at"))
    if surgery is not None and ASSESSED - surgery < timedelta(hours=24):
        why.append("surgery less than 24 h ago")
    if creat is None:
        why.append("creatinine unknown or stale")
    for key in ("weight_kg", "date_of_birth", "sex"):
        if pat.get(key) is None:
            why.append(f"{key} unknown")
    return why


def orders_of(assessment: dict) -> dict[str, dict]:
    return {o["code"]: o for o in assessment["orders"]}


def ensure(doc: dict, *path: str) -> dict:
    """The object at `path`, created (or replacing null) when absent."""
    for key in path:
        if not isinstance(doc.get(key), dict):
            doc[key] = {}
        doc = doc[key]
    return doc


def lab_at(name: str, value: float, minutes_ago: int) -> dict:
    """A lab in its first listed unit, sampled `minutes_ago` before assessed_at."""
    return {"value": value, "unit": next(iter(LAB_UNITS[name])), "sampled_at": ago(minutes_ago)}


# --- 1. the engine never raises on a valid case; every order appears once ---------------------

@profile()
@given(case=valid_cases())
def test_valid_case_assessed_with_every_order_exactly_once(case):
    assessment = assess(case)
    codes = [o["code"] for o in assessment["orders"]]
    assert sorted(codes) == sorted(ORDER_CODES), codes
    for order in assessment["orders"]:
        assert order["status"] in ORDER_STATUSES, order
    pathway = assessment["pathway"]
    assert pathway["urgency"] == URGENCY[pathway["code"]]
    assert {a["code"] for a in assessment["actions"]} <= ACTION_CODES
    assert len({a["code"] for a in assessment["actions"]}) == len(assessment["actions"])
    assert assessment["precautions"]["code"] in PRECAUTION_CODES
    assert {a["severity"] for a in assessment["alerts"]} <= {"critical", "warning", "info"}
    assert assessment["patient_id"] == case["patient"]["id"]
    assert assessment["derived"]["age_years"] == age_years(case)
    event(f"pathway {pathway['code']}")


# --- 2. LMWH is never recommended when contraindicated or when a gating input is unknown ----

def make_favourable(case: dict) -> None:
    """Every LMWH gate open (an admitted, immobile patient with fresh normal bloods and no
    bleeding risk), so that a single blocker applied afterwards is the only reason not to
    recommend LMWH."""
    pat = case["patient"]
    pat["date_of_birth"] = pat.get("date_of_birth") or "1960-01-01"
    pat["sex"] = pat.get("sex") or "male"
    pat["weight_kg"] = pat.get("weight_kg") or 70
    ensure(case, "presentation")["admitted"] = True
    ensure(case, "neuro_exam")["ambulation"] = "with_aid"
    hist = ensure(case, "history")
    hist.update(active_bleeding=False, bleeding_disorder=False)
    ensure(case, "medications")["anticoagulation"] = "none"
    proc = ensure(case, "procedures")
    proc.update(neuraxial_procedure_within_12h=False, spinal_surgery_expected_within_24h=False)
    proc.pop("spinal_surgery_at", None)
    labs = ensure(case, "labs")
    labs["platelets"] = lab_at("platelets", 250, 60)
    labs["inr"] = lab_at("inr", 1.0, 60)
    labs["creatinine"] = lab_at("creatinine", 80, 60)


BLOCKERS = ["active_bleeding", "bleeding_disorder", "platelets_below_50", "neuraxial",
            "inr_above_1_5", "therapeutic_anticoagulation", "surgery_expected",
            "surgery_under_24h", "platelets_missing", "platelets_stale", "creatinine_missing",
            "creatinine_stale", "weight_missing", "dob_missing", "sex_missing"]


def apply_blocker(case: dict, blocker: str, data) -> None:
    labs = ensure(case, "labs")
    if blocker in ("active_bleeding", "bleeding_disorder"):
        ensure(case, "history")[blocker] = True
    elif blocker == "platelets_below_50":
        labs["platelets"] = lab_at("platelets", data.draw(
            st.one_of(st.integers(0, 49), decimal_in(0, 49.9, 1)), label="platelets"),
            data.draw(st.integers(0, 72 * HOUR), label="minutes ago"))
    elif blocker == "neuraxial":
        ensure(case, "procedures")["neuraxial_procedure_within_12h"] = True
    elif blocker == "inr_above_1_5":
        labs["inr"] = lab_at("inr", data.draw(decimal_in(1.51, 15, 2), label="INR"),
                             data.draw(st.integers(0, 72 * HOUR), label="minutes ago"))
    elif blocker == "therapeutic_anticoagulation":
        ensure(case, "medications")["anticoagulation"] = data.draw(st.sampled_from(THERAPEUTIC))
    elif blocker == "surgery_expected":
        ensure(case, "procedures")["spinal_surgery_expected_within_24h"] = True
    elif blocker == "surgery_under_24h":
        ensure(case, "procedures")["spinal_surgery_at"] = ago(
            data.draw(st.integers(0, 24 * HOUR - 1), label="minutes since surgery"))
    elif blocker in ("platelets_missing", "creatinine_missing"):
        labs[blocker.split("_")[0]] = data.draw(st.sampled_from([None, ABSENT]))
        if labs[blocker.split("_")[0]] is ABSENT:
            del labs[blocker.split("_")[0]]
    elif blocker in ("platelets_stale", "creatinine_stale"):
        name = blocker.split("_")[0]
        value = 250 if name == "platelets" else 80
        labs[name] = lab_at(name, value, data.draw(st.integers(72 * HOUR + 1, 60 * DAY),
                                                   label="minutes ago"))
    else:
        key = {"weight_missing": "weight_kg", "dob_missing": "date_of_birth",
               "sex_missing": "sex"}[blocker]
        case["patient"].pop(key, None)


@profile()
@given(case=valid_cases(), favourable=st.booleans(),
       blocker=st.one_of(st.none(), st.sampled_from(BLOCKERS)), data=st.data())
def test_lmwh_never_recommended_when_contraindicated_or_unknown(case, favourable, blocker,
                                                                 data):
    if favourable:
        make_favourable(case)
    if blocker:
        apply_blocker(case, blocker, data)
    assessment = assess(case)
    lmwh = orders_of(assessment)["lmwh_prophylaxis"]
    blockers = lmwh_blockers(case)
    if blocker:
        assert blockers, f"the test's own reading of the case missed {blocker}"
    if blockers:
        assert lmwh["status"] != "recommended", f"LMWH recommended despite {blockers}"
    crcl = assessment["scores"]["creatinine_clearance"]
    if lmwh["status"] == "recommended":
        expected = cockcroft_gault(case)
        assert crcl is not None and expected is not None
        # Shown to 0.1 mL/min; the engine also rounds creatinine to 6 decimals first.
        assert abs(crcl["ml_per_min"] - expected) <= 0.05 + 1e-5 * expected, (crcl, expected)
        renal = 20 if case["locale"] == "GB" else 30
        assert lmwh["dose"] == {"value": 40 if crcl["ml_per_min"] >= 30 else renal, "unit": "mg"}
        assert crcl["ml_per_min"] >= 15
    if favourable and blocker is None:
        # Positive control: with every gate open LMWH is recommended, unless creatinine
        # clearance is below 15 mL/min (withheld; unfractionated heparin suggested).
        expected = cockcroft_gault(case)
        if expected < 14.9:
            assert lmwh["status"] == "withheld", lmwh["reason"]
        elif expected >= 15.1:
            assert lmwh["status"] == "recommended", lmwh["reason"]
    event(f"lmwh {lmwh['status']}")


# --- 3. steroid cover goes with dexamethasone ------------------------------------------------

@profile()
@given(case=valid_cases())
def test_ppi_and_glucose_monitoring_follow_dexamethasone(case):
    orders = orders_of(assess(case))
    dex = orders["dexamethasone"]["status"]
    cover = "recommended" if dex in ("recommended", "consider", "taper") else "not_indicated"
    assert orders["proton_pump_inhibitor"]["status"] == cover, dex
    assert orders["capillary_glucose_monitoring"]["status"] == cover, dex
    event(f"dexamethasone {dex}")


# --- 4. monotonicity: a neurological finding recorded positive is never less urgent ---------

# Each input, with the value that records it normal and the value that records it
# positive (NICE NG234 1.3 via clinical-rules.md section 1). MRC: 5, and 1-4 drawn.
NEURO_FINDINGS: dict[tuple[str, ...], tuple[Any, Any]] = {
    ("presentation", "limb_weakness"): (False, True),
    ("presentation", "walking_difficulty"): (False, True),
    ("presentation", "sensory_loss"): (False, True),
    ("presentation", "bladder_dysfunction"): (False, True),
    ("presentation", "bowel_dysfunction"): (False, True),
    ("presentation", "radicular_pain"): (False, True),
    ("neuro_exam", "clonus"): (False, True),
    ("neuro_exam", "hoffmann"): (False, True),
    ("neuro_exam", "saddle_anaesthesia"): (False, True),
    ("neuro_exam", "plantars"): ("flexor", "extensor"),
    ("neuro_exam", "reflexes_legs"): ("normal", "brisk"),
    **{("neuro_exam", "mrc_power", limb): (5, None) for limb in LIMBS},
}


@profile()
@given(case=valid_cases(), field=st.sampled_from(sorted(NEURO_FINDINGS)),
       mrc=st.integers(1, 4))
def test_recording_a_neurological_finding_never_lowers_urgency(case, field, mrc):
    """Unknown is never less urgent than normal, and positive never less urgent than
    unknown (safety-notes: a missing input never yields a less urgent pathway than the
    same case with that input positive).

    MRC 1-4 only: with MRC 0 the second leg can complete a paraplegia, and
    clinical-rules 3.3.2 then deliberately chooses supportive care (urgent) over
    emergency treatment; see test_mrc_zero_completing_long_paraplegia_lowers_urgency_by_design."""
    *parents, key = field
    normal_value, positive_value = NEURO_FINDINGS[field]
    container = ensure(case, *parents)
    container[key] = normal_value
    normal = assess(case)
    del container[key]
    unknown = assess(case)
    container[key] = mrc if positive_value is None else positive_value
    positive = assess(case)
    chain = [a["pathway"]["code"] for a in (normal, unknown, positive)]
    note(f"{'.'.join(field)}: normal -> unknown -> positive = {chain}")
    ranks = [RANK[a["pathway"]["urgency"]] for a in (normal, unknown, positive)]
    assert ranks[0] <= ranks[1], f"unknown less urgent than normal: {chain}"
    assert ranks[1] <= ranks[2], f"positive less urgent than unknown: {chain}"
    assert positive["derived"]["neuro_status"] == "positive"
    event(" -> ".join(chain) if len(set(chain)) > 1 else "same pathway")


def test_mrc_zero_completing_long_paraplegia_lowers_urgency_by_design():
    """Documents the one exception to monotonicity that the rules define: recording the
    second leg as MRC 0 completes a paraplegia of 3 weeks with pain controlled, and
    clinical-rules 3.3.2 selects mscc_supportive_care (urgent) instead of emergency
    radiotherapy or surgery. If this changes, revisit the monotonicity property."""
    case = {
        "format": "mscc-case/1", "assessed_at": ASSESSED_AT, "locale": "GB",
        "patient": {"id": "MONO-1"},
        "presentation": {"pain_controlled": True, "paraplegia_since": ago(21 * DAY)},
        "neuro_exam": {"mrc_power": {"right_leg": 0}},
        "imaging": [{"modality": "mri_whole_spine", "performed_at": ago(2 * HOUR),
                     "lesions": [{"level": "T8", "bilsky_grade": "3"}]}],
    }
    unknown = assess(case)
    case["neuro_exam"]["mrc_power"]["left_leg"] = 0
    paraplegic = assess(case)
    assert unknown["pathway"]["urgency"] == "emergency"
    assert paraplegic["pathway"]["code"] == "mscc_supportive_care"
    assert paraplegic["pathway"]["urgency"] == "urgent"


# --- 5. unit invariance ----------------------------------------------------------------------

def convert(lab: dict, name: str) -> dict | None:
    """Exactly the same quantity in the analyte's other listed unit, or None when that
    value would fall outside the other unit's plausible range or has no exact decimal
    form (the engine compares exact values, so an approximate conversion may rightly
    land on the other side of a threshold)."""
    from fractions import Fraction
    a, b, factor = CONVERSIONS[name]
    given = Fraction(repr(float(lab["value"])))
    exact = given * Fraction(repr(factor)) if lab["unit"] == a else given / Fraction(repr(factor))
    unit = b if lab["unit"] == a else a
    value = float(exact)
    if Fraction(repr(value)) != exact:
        return None
    lo, hi = LAB_UNITS[name][unit]
    return {**lab, "unit": unit, "value": value} if lo <= value <= hi else None


def comparable(assessment: dict) -> dict:
    """The assessment without the parts that legitimately name the entered value or unit:
    the trace, the case hash and the alert texts (an alert is compared by its code,
    severity, rule and sources)."""
    out = {k: v for k, v in assessment.items() if k not in ("trace", "case_sha256")}
    out["alerts"] = [(a["code"], a["severity"], a["rule"], a["sources"])
                     for a in assessment["alerts"]]
    return out


@profile()
@given(case=valid_cases(), which=st.sets(st.sampled_from(sorted(CONVERSIONS)), min_size=1))
def test_same_quantity_in_the_other_unit_gives_the_same_assessment(case, which):
    converted = copy.deepcopy(case)
    changed = []
    for name in sorted(which):
        lab = section(case, "labs").get(name)
        if lab is not None and (other := convert(lab, name)) is not None:
            converted["labs"][name] = other
            changed.append(name)
    assume(changed)
    original, swapped = assess(case), assess(converted)
    # Payne is written per unit in clinical-rules.md section 8 (mg/dL: 0.8 x (4.0 - alb);
    # mmol/L: 0.02 x (40 - alb)); the two differ by 0.2% of the correction, by design.
    cc = original["scores"]["corrected_calcium"]
    assume(not ("calcium" in changed and cc and cc["method"] == "payne_albumin"))
    note(f"converted: {changed}")
    for key in ("pathway", "actions", "precautions", "orders", "missing_inputs", "complete"):
        assert swapped[key] == original[key], key
    for score in ("corrected_calcium", "creatinine_clearance", "sins"):
        assert swapped["scores"][score] == original["scores"][score], score
    assert sorted(a["code"] for a in swapped["alerts"]) == \
        sorted(a["code"] for a in original["alerts"])
    assert comparable(swapped) == comparable(original)
    event(f"converted {len(changed)}")


# --- 6. every source cited resolves; every rule in the trace exists ---------------------------

def cited_items(assessment: dict):
    yield "pathway", assessment["pathway"]
    yield "precautions", assessment["precautions"]
    for kind in ("actions", "orders", "alerts", "disagreements"):
        for item in assessment[kind]:
            yield f"{kind}.{item['code']}", item


@profile()
@given(case=valid_cases())
def test_every_cited_source_and_rule_resolves(case):
    registry = load_registry()
    assessment = assess(case)
    for where, item in cited_items(assessment):
        assert item["sources"], f"{where} cites no source"
        for source_id in item["sources"]:
            assert source_id in registry, f"{where} cites unknown source {source_id}"
            assert registry.get(source_id).citation
        assert item["rule"] in engine.RULES, f"{where}: unknown rule {item['rule']}"
        assert set(item["sources"]) <= set(engine.RULES[item["rule"]].sources), where
    for entry in assessment["trace"]:
        assert entry["rule"] in engine.RULES, entry["rule"]
        assert entry["version"] == engine.RULES[entry["rule"]].version


# --- 7. determinism and completeness ---------------------------------------------------------

def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def reversed_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: reversed_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(v) for v in value]
    return value


@profile()
@given(case=valid_cases())
def test_assessment_is_deterministic_and_complete_iff_nothing_missing(case):
    pristine = copy.deepcopy(case)
    assessment = assess(case)
    assert case == pristine, "assess() changed its input"
    assert json.dumps(assess(case)) == json.dumps(assessment), "same case, different JSON"
    # The same case through a JSON round trip, its keys in another order and null
    # written as absent ("null and absent both mean not assessed"): the same assessment,
    # case hash included.
    assert assess(json.loads(json.dumps(reversed_keys(without_nulls(case))))) == assessment
    assert assessment["complete"] is (assessment["missing_inputs"] == [])
    assert len(set(assessment["missing_inputs"])) == len(assessment["missing_inputs"])


# --- 8. loader fuzz: any mutation of a valid case is accepted or refused cleanly --------------

REQUIRED = {("format",), ("assessed_at",), ("locale",), ("patient",), ("patient", "id")}
LAB_REQUIRED = ("value", "unit", "sampled_at")

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                         st.text(max_size=12))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def paths_in(doc: Any, prefix: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every (path, value) below doc, depth first."""
    out = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) \
        else ()
    for key, value in items:
        out.append((prefix + (key,), value))
        out.extend(paths_in(value, prefix + (key,)))
    return out


def required_paths(case: dict) -> list[tuple]:
    found = [p for p, _ in paths_in(case) if p in REQUIRED]
    for p, value in paths_in(case):
        if len(p) == 2 and p[0] == "imaging" and isinstance(value, dict):
            found.append(p + ("modality",))
        if len(p) == 4 and p[0] == "imaging" and p[2] == "lesions" and isinstance(value, dict):
            found.append(p + ("level",))
        if len(p) == 2 and p[0] == "labs" and isinstance(value, dict):
            found.extend(p + (k,) for k in LAB_REQUIRED)
    return found


def one_line(key) -> str:
    """How a problem path shows a key: quoted and JSON-escaped when it is empty or holds
    a separator, whitespace or control characters, so that each problem stays on one
    line and names its field (engine/validation.py _path_part)."""
    if isinstance(key, int):
        return str(key)
    if not key or any(c in ".:" or c.isspace() or ord(c) < 32 for c in key):
        return json.dumps(key)
    return key


def dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def at(doc: Any, path: tuple) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def parent_of(doc: dict, path: tuple) -> Any:
    return at(doc, path[:-1])


OTHER_TYPE = {t: json_values.filter(lambda v, t=t: json_type(v) != t)
              for t in ("null", "bool", "number", "string", "array", "object")}


@profile()
@given(case=valid_cases(), kind=st.sampled_from(["delete_required", "replace_leaf",
                                                  "unknown_key"]), data=st.data())
def test_loader_accepts_or_refuses_mutated_cases_cleanly(case, kind, data):
    doc = copy.deepcopy(case)
    if kind == "delete_required":
        path = data.draw(st.sampled_from(required_paths(doc)), label="deleted")
        del parent_of(doc, path)[path[-1]]
    elif kind == "replace_leaf":
        leaves = [p for p, v in paths_in(doc) if not isinstance(v, (dict, list))]
        path = data.draw(st.sampled_from(leaves), label="replaced")
        old = parent_of(doc, path)[path[-1]]
        new = data.draw(OTHER_TYPE[json_type(old)], label="new value")
        parent_of(doc, path)[path[-1]] = new
    else:
        objects = [()] + [p for p, v in paths_in(doc) if isinstance(v, dict)]
        where = data.draw(st.sampled_from(objects), label="object")
        key = "zz_" + data.draw(st.text(max_size=8), label="key")
        at(doc, where)[key] = data.draw(json_values, label="value")
        path = where + (one_line(key),)
    try:
        parse_case(doc)
    except CaseError as exc:
        problems = exc.problems
        assert problems, "CaseError without problems"
        for problem in problems:
            assert problem.message.strip(), problem
            assert problem.path, f"no path for a mutation inside the case: {problem}"
            assert "\n" not in str(problem) and "\r" not in str(problem), "one line per problem"
        mutated_at = dotted(path)
        paths = [p.path for p in problems]
        if kind in ("delete_required", "unknown_key"):
            assert mutated_at in paths, (mutated_at, paths)
        else:
            assert all(p == mutated_at or p.startswith(mutated_at + ".") for p in paths), \
                (mutated_at, paths)
        event(f"{kind}: refused")
    else:
        assert kind == "replace_leaf", f"{kind} at {dotted(path)} was accepted"
        event(f"{kind}: accepted")


# --- engine bugs found by this module (fixed; kept as regressions) -----------------------------

def test_far_future_assessed_at_is_refused_or_assessed_never_raises():
    case = {"format": "mscc-case/1", "assessed_at": "9999-12-31T23:00:00+00:00",
            "locale": "GB", "patient": {"id": "Y9999"}}
    try:
        parse_case(case)
    except CaseError:
        return
    assess(case)


# --- the strategy reaches the states the properties are about ------------------------------

def test_strategy_reaches_every_pathway_and_the_interesting_orders():
    seen: Counter = Counter()

    @settings(max_examples=400, deadline=None, database=None, derandomize=True)
    @given(case=valid_cases())
    def sample(case):
        a = assess(case)
        o = orders_of(a)
        seen.update([a["pathway"]["code"], f"neuro {a['derived']['neuro_status']}",
                     f"lmwh {o['lmwh_prophylaxis']['status']}",
                     f"dexamethasone {o['dexamethasone']['status']}",
                     f"stale {bool(a['derived']['stale_labs'])}"])

    sample()
    # The two rarest pathways (they need compression plus a failed surgical screen, or a
    # haematological primary) depend on Hypothesis's adaptive draw order; they have their
    # own threshold and golden tests, so they are not required of the random sample.
    wanted = (set(URGENCY) - {"mscc_radiotherapy", "mscc_haematological"}) | {"neuro positive", "neuro negative", "neuro unknown",
                             "lmwh withheld", "lmwh pending", "lmwh not_indicated",
                             "dexamethasone recommended", "dexamethasone consider",
                             "dexamethasone taper", "dexamethasone not_indicated",
                             "stale True", "stale False"}
    assert not wanted - set(seen), sorted(wanted - set(seen))
