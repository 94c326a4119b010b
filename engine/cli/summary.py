"""Plain-text summary of an assessment for the terminal."""
from __future__ import annotations

from engine.report import timefmt

WIDTH = 78


def render_summary(case, a: dict, zone=None) -> str:
    """`zone`: the ward's tzinfo (None: this machine's zone)."""
    def when(iso: str | None) -> str:
        return timefmt.clock(iso, zone, year=True, ref=a["assessed_at"]) or "no deadline"

    def due(action: dict) -> str:
        h = action["due_within_hours"]
        if h is None:
            return "no deadline"
        if h == 0:
            return f"NOW ({when(action['due_at'])})"
        return f"{timefmt.hours(h)} (by {when(action['due_at'])})"

    p = case.patient
    lines = [
        "=" * WIDTH,
        f"MSCC Pathway - {p.name or '(name not recorded)'}  |  {p.id}  |  assessed "
        f"{when(a['assessed_at'])}  |  locale {a['locale']}",
        f"Clock times: {timefmt.offset_label(zone, a['assessed_at'])}",
        "=" * WIDTH,
        f"PATHWAY: {a['pathway']['code']}  [{a['pathway']['urgency'].upper()}]",
        f"  {a['pathway']['summary']}",
        "",
        f"SPINAL PRECAUTIONS: {a['precautions']['code']}",
        f"  {a['precautions']['text']}",
        "",
        "ACTIONS:",
    ]
    lines += [f"  - {x['code']}: {due(x)}\n      {x['text']}" for x in a["actions"]] or ["  none"]
    lines += ["", "ORDERS:"]
    for o in a["orders"]:
        dose = f" {o['dose']['value']:g} {o['dose']['unit']}" if o["dose"] else ""
        route = f" {o['route']}" if o["route"] else ""
        freq = f", {o['frequency']}" if o["frequency"] else ""
        lines.append(f"  - {o['code']}: {o['status'].upper()}{dose}{route}{freq}")
        lines.append(f"      {o['reason']}  [{o['rule']}: {', '.join(o['sources'])}]")
        if o.get("changes_at"):
            lines.append(f"      until {when(o['changes_at'])}")
        for alt in o["alternatives"]:
            given = (f"{alt['dose']['value']:g} {alt['dose']['unit']} {alt['route']}"
                     if alt["dose"] else alt["status"].upper())
            lines.append(f"      {alt['label']}: {alt['drug']} {given} - {alt['note']}")
        for step in o["schedule"]:
            lines.append(f"      {step['date_from']}: {step['text']}")
    if a["alerts"]:
        lines += ["", "ALERTS:"]
        lines += [f"  - [{x['severity'].upper()}] {x['code']}: {x['text']}" for x in a["alerts"]]
    if a["disagreements"]:
        lines += ["", "WHERE GUIDELINES DISAGREE:"]
        lines += [f"  - {x['code']}: {x['text']}" for x in a["disagreements"]]
    s = a["scores"]
    lines += ["", "SCORES:"]
    if s["sins"]:
        lines.append(f"  SINS {s['sins']['level']}: {s['sins']['total_min']}-"
                     f"{s['sins']['total_max']} ({s['sins']['category']})")
    if s["corrected_calcium"]:
        c = s["corrected_calcium"]
        lines.append(f"  Corrected calcium {c['mmol_per_l_text']} mmol/L ({c['mg_per_dl_text']} "
                     f"mg/dL), {c['severity']}, {c['method']}")
    if s["creatinine_clearance"]:
        lines.append(f"  Creatinine clearance {s['creatinine_clearance']['ml_per_min_text']} "
                     "mL/min")
    lines += ["", "MISSING INPUTS (could change this assessment):"]
    lines += [f"  - {m}" for m in a["missing_inputs"]] or ["  none: assessment complete"]
    lines += ["", f"engine {a['engine_version']}, knowledge {a['knowledge_version']}, case "
              f"sha256 {a['case_sha256'][:16]}",
              "Decision support for clinicians; it does not replace clinical judgement.", ""]
    return "\n".join(lines)
