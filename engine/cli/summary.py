"""Plain-text summary of an assessment for the terminal: the same words as the printed
summary (engine.report.labels, engine.report.handover), clock times with the year, and
no engine codes or field paths (`--json` prints those)."""
from __future__ import annotations

from engine.report import handover, labels, timefmt

WIDTH = 78


def _case_dict(case) -> dict:
    if isinstance(case, dict):
        return case
    return case.model_dump(mode="json")


def render_summary(case, a: dict, zone=None, settings=None) -> str:
    """`zone`: the ward's tzinfo (None: this machine's zone); `settings`: the nursing
    settings (engine.report.handover.NursingSettings; default: site.toml's)."""
    from engine.field_labels import label

    doc = _case_dict(case)
    settings = settings or handover.default_settings()
    ref = a["assessed_at"]

    def when(iso) -> str:
        return timefmt.clock(iso, zone, year=True, ref=ref) or "no deadline"

    def due(action: dict) -> str:
        h = action["due_within_hours"]
        if h is None:
            return "no deadline"
        if h == 0:
            return f"NOW ({when(action['due_at'])})"
        return f"{timefmt.hours(h)} (by {when(action['due_at'])})"

    p = doc.get("patient") or {}
    pw = a["pathway"]
    lines = [
        "=" * WIDTH,
        f"MSCC Pathway - {p.get('name') or '(name not recorded)'}  |  {p.get('id')}  |  "
        f"assessed {when(ref)}  |  dose conventions {a['locale']}",
        f"Clock times: {timefmt.offset_label(zone, ref)}",
        "=" * WIDTH,
        f"PATHWAY: {labels.word(labels.PATHWAYS, pw['code'])}  "
        f"[{labels.word(labels.URGENCY, pw['urgency'])}]",
        f"  {handover.readable(pw['summary'])}",
        "",
        f"VALID UNTIL {handover.valid_until_text(doc, a, zone)}",
        "",
        f"SPINAL PRECAUTIONS: {labels.word(labels.PRECAUTIONS, a['precautions']['code'])}",
        f"  {a['precautions']['text']}",
    ]
    lines += [f"  Watch: {w}" for w in handover.precaution_warnings(a)]
    rows = handover.nursing(doc, a, settings, zone)
    if rows:
        lines += ["", "NURSING:"]
        lines += [f"  - {r.heading}: {r.text}" for r in rows]
    crit = [x for x in a["alerts"] if x["severity"] == "critical"
            and x["code"] not in handover.NURSING_ALERTS]
    if crit:
        lines += ["", "CRITICAL:"] + [f"  - {handover.readable(x['text'])}" for x in crit]
    lines += ["", "ACTIONS:"]
    lines += [f"  - {labels.word(labels.ACTIONS, x['code'])}: {due(x)}\n"
              f"      {handover.readable(x['text'])}" for x in a["actions"]] or ["  none"]
    lines += ["", "ORDERS:"]
    for o in a["orders"]:
        if o["status"] == "not_indicated":
            continue
        dose = f" {o['dose']['value']:g} {o['dose']['unit']}" if o["dose"] else ""
        route = f" {o['route']}" if o["route"] else ""
        freq = f", {o['frequency']}" if o["frequency"] else ""
        lines.append(f"  - {labels.word(labels.ORDERS, o['code'])}: "
                     f"{labels.word(labels.STATUS, o['status'])}{dose}{route}{freq}")
        lines.append(f"      {handover.readable(o['reason'])}  [{o['rule']}: "
                     f"{', '.join(o['sources'])}]")
        if o.get("changes_at"):
            lines.append(f"      This status holds until {when(o['changes_at'])}.")
        for alt in o["alternatives"]:
            given = (f"{alt['dose']['value']:g} {alt['dose']['unit']} {alt['route']}"
                     if alt["dose"] else labels.word(labels.STATUS, alt["status"]))
            lines.append(f"      {alt['label']}: {alt['drug']} {given} - {alt['note']}")
        lines += [f"      Before it: {x}." for x in handover.prerequisites(a, o["code"], zone)]
        lines += [f"      WARNING: {w}" for w in handover.order_warnings(a, o["code"])]
        for step in o["schedule"]:
            lines.append(f"      {timefmt.day(step['date_from'])}: {step['text']}"
                         + ("; no stop date" if step["dose"] is None and step["text"] != "stop"
                            else ""))
    groups = handover.not_indicated(a)
    if groups:
        lines += ["", "NOT INDICATED:"]
        lines += [f"  - {', '.join(names)}: {reason}" for names, reason in groups]
    if a["alerts"]:
        lines += ["", "ALERTS:"]
        lines += [f"  - [{labels.word(labels.SEVERITY, x['severity'])}] "
                  f"{labels.word(labels.ALERTS, x['code'])}: {handover.readable(x['text'])}"
                  for x in a["alerts"]]
    if a["disagreements"]:
        lines += ["", "WHERE GUIDELINES DISAGREE:"]
        for x in a["disagreements"]:
            note = handover.disagreement_note(doc, a, x)
            lines.append(f"  - {labels.word(labels.DISAGREEMENTS, x['code'])}: "
                         + (f"{note} " if note else "") + handover.readable(x["text"]))
    s = a["scores"]
    lines += ["", "SCORES:"]
    if s["sins"]:
        lines.append(f"  SINS {s['sins']['level']}: {s['sins']['total_min']}-"
                     f"{s['sins']['total_max']} ({s['sins']['category'].replace('_', ' ')})")
    if s["corrected_calcium"]:
        c = s["corrected_calcium"]
        method = {"payne_albumin": "Payne formula with albumin",
                  "laboratory_adjusted": "the laboratory's adjusted value",
                  "uncorrected": "not corrected (no albumin)"}.get(c["method"], c["method"])
        lines.append(f"  Corrected calcium {c['mmol_per_l_text']} mmol/L ({c['mg_per_dl_text']} "
                     f"mg/dL), {c['severity']}, by the {method}")
    if s["creatinine_clearance"]:
        lines.append(f"  Creatinine clearance {s['creatinine_clearance']['ml_per_min_text']} "
                     "mL/min")
    if s.get("frankel"):
        grade = s["frankel"]["grade"]
        lines.append(f"  Frankel grade {grade}: {labels.FRANKEL.get(grade, '')}")
    changes = handover.time_changes(doc, a)
    if changes:
        lines += ["", "WHAT CHANGES WITH TIME ALONE:"]
        lines += [f"  - {when(c.at)}: {c.what}" for c in changes]
    lines += ["", "MISSING INPUTS (could change this assessment):"]
    lines += [f"  - {label(m)}" for m in a["missing_inputs"]] or ["  none: assessment complete"]
    lines += ["", f"engine {a['engine_version']}, knowledge {a['knowledge_version']}, case "
              f"sha256 {a['case_sha256'][:16]}",
              "Decision support for clinicians; it does not replace clinical judgement.", ""]
    return "\n".join(lines)
