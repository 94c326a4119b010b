"""What the nurse acts on at handover, read from the case and its assessment (issue 20).

Pure Python (no reportlab): page 1 of the PDF and `evaluate`'s text both use it, so the
paper and the terminal say the same thing. Nothing here decides anything clinical: the
engine has decided; this module gathers what a nurse needs beside each decision:

- `nursing(case, a, settings)`: the nursing rows of page 1 (neurological observations
  and escalation, the anticoagulant's plan, cauda equina watch, low platelets before a
  procedure), each with the basis it comes from;
- `time_changes(case, a)` / `valid_until`: every status or deadline that changes with
  time alone, with its instant; the summary is valid until the earliest;
- `order_warnings` / `precaution_warnings`: each alert beside the order or the
  precautions it qualifies;
- `not_indicated(a)`: the orders not indicated, grouped by their reason;
- `prerequisites(a, code)`: what must happen before a prescriber-decision order;
- `disagreement_note(a, d)`: why a disagreement about surgery does not apply now;
- `readable(text)`: engine text as a person reads it (no "x10^9/L")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from engine.report import labels, timefmt

# --- settings -----------------------------------------------------------------------


@dataclass(frozen=True)
class NursingSettings:
    """From site.toml (engine.site_config): observation interval and who to call."""
    obs_every_hours: int
    on_call: str | None = None
    coordinator: str | None = None

    @classmethod
    def from_site(cls, site) -> "NursingSettings":
        from engine.site_config import NEURO_OBS_DEFAULT_HOURS

        return cls(getattr(site, "neuro_observations_every_hours", None)
                   or NEURO_OBS_DEFAULT_HOURS,
                   getattr(site, "on_call_doctor_contact", None),
                   getattr(site, "mscc_coordinator_contact", None))


def _default_obs_hours() -> int:
    from engine.site_config import NEURO_OBS_DEFAULT_HOURS

    return NEURO_OBS_DEFAULT_HOURS


def default_settings() -> NursingSettings:
    """site.toml's nursing settings; the defaults when the site file is broken (it is
    reported where it is loaded: the start banner, `report`, `evaluate`'s warning)."""
    from engine.site_config import SiteConfig, SiteConfigError, load_site_config

    try:
        return NursingSettings.from_site(load_site_config())
    except SiteConfigError:
        return NursingSettings.from_site(SiteConfig())


# --- engine text as a person reads it ------------------------------------------------

_READABLE = ((re.compile(r"\s*x10\^9/L"), " ×10⁹/L"), (re.compile(r"\bmscc-case/1\b"),
                                                       "the case record"))


_FIELD_PATH = re.compile(r"\b(?:patient|cancer|presentation|neuro_exam|imaging|labs|medications|"
                         r"history|procedures)(?:\.[a-z0-9_]+)+")


def readable(text: object) -> str:
    """Engine text as a person reads it: field paths as the labels the screen shows
    ("presentation.limb_weakness" -> "Symptoms › Limb weakness"), units in print form."""
    from engine.field_labels import label

    out = "" if text is None else str(text)
    out = _FIELD_PATH.sub(lambda m: label(m.group(0)), out)
    for pattern, words in _READABLE:
        out = pattern.sub(words, out)
    return out


# --- which pathways need what --------------------------------------------------------

MSCC_SUSPECTED_OR_CONFIRMED = ("suspected_mscc", "mscc_surgical_opinion", "mscc_radiotherapy",
                               "mscc_haematological", "mscc_supportive_care", "post_treatment")
SURGICAL_ACTIONS = ("spinal_surgical_opinion",)
ESCALATE = ("New weakness, numbness, or bladder/bowel change: call the on-call doctor and "
            "the MSCC coordinator now")

# Alerts printed in the row of the order they qualify, or in the precautions box.
ORDER_ALERTS = {
    "lmwh_weight_band": "lmwh_prophylaxis",
    "bleeding_risk_platelets": "lmwh_prophylaxis",
    "hypocalcaemia_risk": "denosumab",
    "slow_taper": "dexamethasone",
    "steroid_gi_risk": "proton_pump_inhibitor",
    "stop_calcium_raising_drugs": "iv_fluids",
    "calcitriol_mediated": "iv_fluids",
}
PRECAUTION_ALERTS = ("transport_unstable_spine", "respiratory_risk",
                     "autonomic_dysreflexia_risk")
# Shown in the nursing rows (with the plan), not again in the critical box.
NURSING_ALERTS = ("anticoagulant_procedure_plan",)
# An order a prescriber decides may wait on an action (bone agents: dental review).
PREREQUISITES = {"zoledronic_acid": ("dental_review",), "denosumab": ("dental_review",)}


@dataclass(frozen=True)
class Row:
    heading: str
    text: str
    basis: str  # where it comes from, in words (rule ids, site setting, case field)


def _order(a: dict, code: str) -> dict | None:
    return next((o for o in a.get("orders") or [] if o.get("code") == code), None)


def _alert(a: dict, code: str) -> dict | None:
    return next((x for x in a.get("alerts") or [] if x.get("code") == code), None)


def _trace(a: dict, rule: str) -> dict:
    return next((t.get("inputs") or {} for t in a.get("trace") or [] if t.get("rule") == rule),
                {})


def _contact(who: str, number: str | None) -> str:
    return f"{who} ({number})" if number else who


def escalation_text(settings: NursingSettings) -> str:
    text = ESCALATE.replace("the on-call doctor", _contact("the on-call doctor",
                                                           settings.on_call))
    text = text.replace("the MSCC coordinator", _contact("the MSCC coordinator",
                                                         settings.coordinator))
    if not (settings.on_call and settings.coordinator):
        text += " (numbers: the ward's contact list)"
    return text + "."


def nursing(case: dict, a: dict, settings: NursingSettings, zone=None) -> list[Row]:
    rows: list[Row] = []
    pathway = (a.get("pathway") or {}).get("code")
    if pathway in MSCC_SUSPECTED_OR_CONFIRMED:
        rows.append(Row(f"Neuro obs every {settings.obs_every_hours} h",
                        "Power in all four limbs, sensation, bladder and bowel, pain. "
                        + escalation_text(settings),
                        "site policy: observation interval and contacts from the site "
                        f"configuration (default every {_default_obs_hours()} h)"))
    rows += _anticoagulant(case, a)
    rows += _cauda_equina(case, a, zone)
    rows += _platelets(case, a)
    return rows


def _anticoagulant(case: dict, a: dict) -> list[Row]:
    from engine.rules.thromboprophylaxis import ANTICOAGULANT_WORDS

    agent = (case.get("medications") or {}).get("anticoagulation")
    plan = _alert(a, "anticoagulant_procedure_plan")
    if plan:
        return [Row("Anticoagulant", readable(plan.get("text")), plan.get("rule") or "")]
    if agent in ANTICOAGULANT_WORDS:
        lmwh = _order(a, "lmwh_prophylaxis") or {}
        return [Row("Anticoagulant", f"On {ANTICOAGULANT_WORDS[agent]}. "
                    + readable(lmwh.get("reason")) + " No prophylaxis orders.",
                    lmwh.get("rule") or "")]
    if agent == "unfractionated_heparin":
        return [Row("Anticoagulant", "On unfractionated heparin: LMWH is not added "
                    "(see its row).", "VTE-LMWH-1")]
    return []


def _cauda_equina(case: dict, a: dict, zone) -> list[Row]:
    """A current study showing cauda equina compression (the engine's list of outdated
    studies decides 'current'); never after imaging excluded MSCC."""
    from engine.rules.imaging import MODALITY_WORDS

    if (a.get("pathway") or {}).get("code") in ("mscc_excluded", "not_suspected"):
        return []
    outdated = set(_trace(a, "IMG-OUTDATED-1").get("outdated_studies") or [])
    found = [(i, s) for i, s in enumerate(case.get("imaging") or [])
             if s.get("cauda_equina_compression") is True and i not in outdated]
    if not found:
        return []
    i, study = found[0]
    when = study.get("performed_at")
    seen = (f"{MODALITY_WORDS.get(study.get('modality'), 'imaging')}"
            + (f" of {timefmt.day(timefmt.local(timefmt.parse(when), zone).date())}"
               if when else ""))
    return [Row("Cauda equina compression",
                f"Shown on the {seen}. Watch each shift: bladder (bladder scan for the "
                "post-void residual after voiding; retention may be painless), saddle "
                "sensation, bowels (opened, incontinence). New retention, incontinence or "
                "saddle numbness: call the on-call doctor and the MSCC coordinator now.",
                f"imaging study {i + 1}: cauda equina compression recorded (rules v2 "
                "section 0: a current study)")]


def _platelets(case: dict, a: dict) -> list[Row]:
    from engine.rules.thromboprophylaxis import PLATELETS_HOLD_BELOW

    lab = (case.get("labs") or {}).get("platelets") or {}
    value = lab.get("value")
    if value is None or "platelets" in ((a.get("derived") or {}).get("stale_labs") or []):
        return []
    surgical = ((a.get("pathway") or {}).get("code") == "mscc_surgical_opinion"
                or any(x.get("code") in SURGICAL_ACTIONS for x in a.get("actions") or [])
                or (case.get("procedures") or {}).get("spinal_surgery_expected_within_24h")
                is True)
    if not surgical or value >= PLATELETS_HOLD_BELOW:
        return []
    return [Row("Platelets low",
                f"Platelets {value:g} ×10⁹/L (below {PLATELETS_HOLD_BELOW}): tell the spinal "
                "surgeon and the anaesthetist now, before any surgery, biopsy or spinal "
                "procedure is planned.",
                f"VTE-LMWH-1 threshold ({PLATELETS_HOLD_BELOW} ×10⁹/L); surgical pathway")]


# --- warnings beside their order ------------------------------------------------------

def order_warnings(a: dict, code: str) -> list[str]:
    return [readable(x.get("text")) for x in a.get("alerts") or []
            if ORDER_ALERTS.get(x.get("code")) == code]


def precaution_warnings(a: dict) -> list[str]:
    return [readable(x.get("text")) for x in a.get("alerts") or []
            if x.get("code") in PRECAUTION_ALERTS]


def prerequisites(a: dict, code: str, zone=None) -> list[str]:
    out = []
    for act in a.get("actions") or []:
        if act.get("code") in PREREQUISITES.get(code, ()):
            due = timefmt.clock(act.get("due_at"), zone, ref=a.get("assessed_at"))
            name = labels.word(labels.ACTIONS, act.get("code"))
            out.append(f"{name} first" + (f" (due by {due})" if due else ""))
    return out


def not_indicated(a: dict) -> list[tuple[list[str], str]]:
    """[(order names, reason)] in order of first appearance; orders sharing a reason
    are listed together so the reason is said once."""
    groups: dict[str, list[str]] = {}
    for o in a.get("orders") or []:
        if o.get("status") == "not_indicated":
            reason = readable(o.get("reason") or "no reason given").strip()
            groups.setdefault(reason, []).append(labels.word(labels.ORDERS, o.get("code")))
    return [(names, reason) for reason, names in groups.items()]


# --- disagreements that do not apply now ----------------------------------------------

SURGERY_DISAGREEMENTS = ("noms_vs_surgery",)


def disagreement_note(case: dict, a: dict, d: dict) -> str | None:
    """The engine reports the surgery disagreement for every radiosensitive primary with
    compression (rules v2 section 3); for a patient on supportive care, or recorded as
    not fit for treatment or surgery, surgery is not on the table: the paper says so."""
    if d.get("code") not in SURGERY_DISAGREEMENTS:
        return None
    cancer = case.get("cancer") or {}
    why = []
    if (a.get("pathway") or {}).get("code") == "mscc_supportive_care":
        why.append("the pathway is supportive care")
    if cancer.get("fit_for_treatment") is False:
        why.append("recorded as not fit for treatment aimed at the spine")
    if cancer.get("fit_for_surgery") is False:
        why.append("recorded as not fit for surgery")
    if not why:
        return None
    return ("Does not apply to this patient now (" + "; ".join(why) + "): shown only because "
            "the guideline rules record it for this tumour type.")


# --- what changes with time alone ------------------------------------------------------

@dataclass(frozen=True)
class Change:
    at: datetime
    what: str


LAB_WORDS = {"calcium": "calcium", "adjusted_calcium": "adjusted calcium",
             "albumin": "albumin", "creatinine": "creatinine", "platelets": "platelets",
             "inr": "INR", "haemoglobin": "haemoglobin", "glucose": "glucose"}


def time_changes(case: dict, a: dict) -> list[Change]:
    """Every instant after the assessment at which a status or deadline on this summary
    changes with time alone, soonest first. Each interval is the engine's own constant."""
    from engine.facts import STALE_AFTER
    from engine.rules.imaging import STUDY_CURRENT_FOR
    from engine.rules.neuro import EXAM_CURRENT_FOR
    from engine.rules.pathway import (PARAPLEGIA_SCREEN_HOURS, PARAPLEGIA_SUPPORTIVE,
                                      TREATMENT_CURRENT_FOR)
    from engine.rules.dexamethasone import SLOW_TAPER_AFTER_DAYS
    from engine.rules.labs import stale_limit_text

    now = timefmt.parse(a["assessed_at"])
    out: list[Change] = []

    def add(at: datetime | None, what: str) -> None:
        if at is not None and at > now:
            out.append(Change(at, what))

    for o in a.get("orders") or []:
        if o.get("changes_at"):
            add(timefmt.parse(o["changes_at"]),
                f"{labels.word(labels.ORDERS, o.get('code'))}: "
                f"{labels.word(labels.STATUS, o.get('status'))} ends. {readable(o.get('reason'))}")
    for act in a.get("actions") or []:
        if act.get("due_at") and (act.get("due_within_hours") or 0) > 0:
            add(timefmt.parse(act["due_at"]),
                f"{labels.word(labels.ACTIONS, act.get('code'))} due")
    stale = set((a.get("derived") or {}).get("stale_labs") or [])
    expiring: dict[datetime, list[str]] = {}
    for name, lab in (case.get("labs") or {}).items():
        if isinstance(lab, dict) and lab.get("sampled_at") and name not in stale:
            at = timefmt.parse(lab["sampled_at"]) + STALE_AFTER
            expiring.setdefault(at, []).append(LAB_WORDS.get(name, name))
    for at, names in expiring.items():  # one line per sampling time
        add(at, f"{', '.join(names)} result{'s' if len(names) > 1 else ''} older than "
            f"{stale_limit_text()}: count{'' if len(names) > 1 else 's'} "
            "as unknown")
    exam = (case.get("neuro_exam") or {}).get("examined_at")
    if exam:
        add(timefmt.parse(exam) + EXAM_CURRENT_FOR,
            f"re-examine (the examination is then {EXAM_CURRENT_FOR // timedelta(hours=1)} h "
            "old)")
    for i, s in enumerate(case.get("imaging") or []):
        if s.get("performed_at"):
            add(timefmt.parse(s["performed_at"]) + STUDY_CURRENT_FOR,
                f"imaging study {i + 1} older than {STUDY_CURRENT_FOR.days} days: no longer "
                "answers")
    proc = case.get("procedures") or {}
    for key, words in (("spinal_surgery_at", "spinal surgery"),
                       ("radiotherapy_started_at", "radiotherapy start")):
        if proc.get(key) and (a.get("pathway") or {}).get("code") == "post_treatment":
            add(timefmt.parse(proc[key]) + TREATMENT_CURRENT_FOR,
                f"{words} more than {TREATMENT_CURRENT_FOR.days} days ago: no longer this "
                "episode's treatment")
    started = (case.get("medications") or {}).get("dexamethasone_started_at")
    dex = _order(a, "dexamethasone") or {}
    if started and dex.get("status") == "taper":
        add(timefmt.parse(started) + timedelta(days=SLOW_TAPER_AFTER_DAYS + 1),
            f"dexamethasone course over {SLOW_TAPER_AFTER_DAYS} days: slower taper")
    since = (case.get("presentation") or {}).get("paraplegia_since")
    if since:
        at = timefmt.parse(since)
        add(at + timedelta(hours=PARAPLEGIA_SCREEN_HOURS),
            f"complete paraplegia for more than {PARAPLEGIA_SCREEN_HOURS} h: surgical screen "
            "changes")
        add(at + PARAPLEGIA_SUPPORTIVE,
            f"complete paraplegia for {PARAPLEGIA_SUPPORTIVE.days} days: pathway may change")
    return sorted(out, key=lambda c: c.at)


def valid_until(case: dict, a: dict) -> Change | None:
    changes = time_changes(case, a)
    return changes[0] if changes else None


def valid_until_text(case: dict, a: dict, zone, more: str = "") -> str:
    first = valid_until(case, a)
    if first is None:
        return "The next review: nothing on this summary changes with time alone."
    when = timefmt.clock(first.at, zone, ref=a.get("assessed_at"))
    return f"{when}: {first.what.split('. ')[0]}.{more}"


__all__ = ["NursingSettings", "default_settings", "Row", "Change", "nursing",
           "escalation_text", "order_warnings", "precaution_warnings", "prerequisites",
           "not_indicated", "disagreement_note", "time_changes", "valid_until",
           "valid_until_text", "readable", "ORDER_ALERTS", "PRECAUTION_ALERTS",
           "NURSING_ALERTS"]
