"""Plain-text summary of an assessment for the terminal."""
from __future__ import annotations

from datetime import datetime

WIDTH = 78


def _when(iso: str | None) -> str:
    if not iso:
        return "no deadline"
    return datetime.fromisoformat(iso).strftime("%d %b %H:%M %z")


def _due(action: dict) -> str:
    h = action["due_within_hours"]
    if h is None:
        return "when possible"
    if h == 0:
        return f"NOW ({_when(action['due_at'])})"
    return f"within {h:g} h (by {_when(action['due_at'])})"


def render_summary(case, a: dict) -> str:
    p = case.patient
    lines = [
        "=" * WIDTH,
        f"MSCC Pathway - {p.name or '(name not recorded)'}  |  {p.id}  |  assessed "
        f"{_when(a['assessed_at'])}  |  locale {a['locale']}",
        "=" * WIDTH,
        f"PATHWAY: {a['pathway']['code']}  [{a['pathway']['urgency'].upper()}]",
        f"  {a['pathway']['summary']}",
        "",
        f"SPINAL PRECAUTIONS: {a['precautions']['code']}",
        f"  {a['precautions']['text']}",
        "",
        "ACTIONS:",
    ]
    lines += [f"  - {x['code']}: {_due(x)}\n      {x['text']}" for x in a["actions"]] or ["  none"]
    lines += ["", "ORDERS:"]
    for o in a["orders"]:
        dose = f" {o['dose']['value']:g} {o['dose']['unit']}" if o["dose"] else ""
        route = f" {o['route']}" if o["route"] else ""
        freq = f", {o['frequency']}" if o["frequency"] else ""
        lines.append(f"  - {o['code']}: {o['status'].upper()}{dose}{route}{freq}")
        lines.append(f"      {o['reason']}  [{o['rule']}: {', '.join(o['sources'])}]")
        for alt in o["alternatives"]:
            lines.append(f"      {alt['label']}: {alt['dose']['value']:g} {alt['dose']['unit']} "
                         f"{alt['route']} - {alt['note']}")
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
        lines.append(f"  Corrected calcium {c['mmol_per_l']:.2f} mmol/L ({c['mg_per_dl']:.2f} "
                     f"mg/dL), {c['severity']}, {c['method']}")
    if s["creatinine_clearance"]:
        lines.append(f"  Creatinine clearance {s['creatinine_clearance']['ml_per_min']:g} mL/min")
    lines += ["", "MISSING INPUTS (could change this assessment):"]
    lines += [f"  - {m}" for m in a["missing_inputs"]] or ["  none: assessment complete"]
    lines += ["", f"engine {a['engine_version']}, knowledge {a['knowledge_version']}, case "
              f"sha256 {a['case_sha256'][:16]}",
              "Decision support for clinicians; it does not replace clinical judgement.", ""]
    return "\n".join(lines)
