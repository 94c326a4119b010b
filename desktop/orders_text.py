"""The order set as plain text for the hospital's record system ("Copy orders"): one
block per order with its status, drug, dose, route, frequency and reason, under a line
naming the patient, the assessment time and that these are draft orders. The words are
the summary's (engine.report.labels) and the engine's own texts. No Qt."""
from __future__ import annotations

from engine.report import labels
from desktop.time_text import clock_text

NOT_STATED = "not stated"


def orders_text(assessment: dict, status_notes: dict[str, str] | None = None) -> str:
    notes = status_notes or {}
    missing = len(assessment.get("missing_inputs") or [])
    lines = [f"MSCC Pathway draft orders — hospital no. {assessment.get('patient_id', '?')} — "
             f"assessed {clock_text(assessment.get('assessed_at'), year=True)}",
             "Decision support: check each order before prescribing.",
             f"Engine {assessment.get('engine_version', '?')}, knowledge "
             f"{assessment.get('knowledge_version', '?')}, case "
             f"{str(assessment.get('case_sha256', ''))[:12]}"]
    if missing:
        lines.append(f"INCOMPLETE: {missing} missing input(s) could change these orders.")
    for number, order in enumerate(assessment.get("orders") or [], start=1):
        code = order.get("code")
        status = labels.word(labels.STATUS, order.get("status")).upper()
        note = notes.get(str(code), "")
        lines += [
            "",
            f"{number}. {labels.word(labels.ORDERS, code)}: {status}"
            + (f" ({note})" if note else ""),
            f"   Drug: {order.get('drug') or NOT_STATED}",
            f"   Dose: {labels.dose_text(order.get('dose')) or NOT_STATED}",
            f"   Route: {order.get('route') or NOT_STATED}",
            f"   Frequency: {order.get('frequency') or NOT_STATED}",
            f"   Reason: {order.get('reason') or NOT_STATED}",
        ]
        for alt in order.get("alternatives") or []:
            given = " ".join(p for p in (labels.dose_text(alt.get("dose")), alt.get("route") or "")
                             if p)
            lines.append(f"   {alt.get('label') or 'Alternative'}: {alt.get('drug')}"
                         + (f" {given}" if given else "")
                         + f" ({labels.word(labels.STATUS, alt.get('status'))})"
                         + (f" — {alt['note']}" if alt.get("note") else ""))
    return "\n".join(lines) + "\n"
