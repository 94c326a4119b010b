"""Page 1, for the nurse at handover: what is happening (pathway and urgency, in
words), how to move the patient (spinal precautions), what must happen by when
(actions as clock times), and what to give (orders, with boxes to initial)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Table

from engine.report import labels, timefmt
from engine.report.geometry import MM
from engine.report.flow import dose, esc, gap, grid_style, heading, para, widths
from engine.report.styles import INK, SHADE, SHADE_DARK, URGENCY_FILL


def pathway_banner(a: dict, width_mm: float) -> Table:
    pw = a["pathway"]
    urgency = pw.get("urgency")
    word = labels.word(labels.URGENCY, urgency)
    left = [para(word, "banner_urgency"), para("urgency", "banner_text")]
    right = [para(labels.word(labels.PATHWAYS, pw.get("code")), "banner_title"),
             para(pw.get("summary", ""), "banner_text")]
    t = Table([[left, right]], colWidths=widths(width_mm, [0.27, 0.73]))
    fill = URGENCY_FILL.get(urgency, INK)
    t.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, -1), fill),
                          ("GRID", (0, 0), (-1, -1), 0, fill),
                          ("LINEAFTER", (0, 0), (0, 0), 1, colors.white),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (-1, -1), 5),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                          ("LEFTPADDING", (0, 0), (-1, -1), 6),
                          header=False))
    return t


def completeness_note(a: dict, width_mm: float) -> list:
    missing = a.get("missing_inputs") or []
    if a.get("complete") and not missing:
        return []
    n = len(missing)
    text = (f"INCOMPLETE ASSESSMENT: {n} input{'s' if n != 1 else ''} not recorded "
            "could change these recommendations (listed under \u201cMissing inputs\u201d). "
            "Unknown is never read as normal.")
    t = Table([[para(text, "warn")]], colWidths=widths(width_mm, [1]))
    t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.5, INK),
                          ("BACKGROUND", (0, 0), (-1, -1), SHADE), header=False))
    return [gap(2), t]


def precautions_box(a: dict, width_mm: float) -> Table:
    pre = a.get("precautions") or {}
    code = pre.get("code")
    if code == "none":
        t = Table([[para("Spinal precautions: none required. " + (pre.get("text") or ""),
                         "cell_bold")]], colWidths=widths(width_mm, [1]))
        t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.2, INK), header=False))
        return t
    rows = [[para("\u26a0  SPINAL PRECAUTIONS IN FORCE", "precaution_head")],
            [para(labels.word(labels.PRECAUTIONS, code), "precaution_text")]]
    if pre.get("text"):
        rows.append([para(pre["text"], "body")])
    t = Table(rows, colWidths=widths(width_mm, [1]))
    # A thick black frame and a black title bar: unmissable in black-and-white print.
    t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 3, INK),
                          ("GRID", (0, 0), (-1, -1), 0, colors.white),
                          ("BACKGROUND", (0, 0), (-1, 0), INK),
                          ("LEFTPADDING", (0, 0), (-1, -1), 7),
                          ("TOPPADDING", (0, 0), (-1, -1), 4),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 4), header=False))
    return t


def critical_alerts(a: dict, width_mm: float) -> list:
    crit = [al for al in a.get("alerts", []) if al.get("severity") == "critical"]
    if not crit:
        return []
    rows = [[para("CRITICAL", "cell_bold"), para(al.get("text", ""), "cell")] for al in crit]
    t = Table(rows, colWidths=widths(width_mm, [0.13, 0.87]))
    t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.5, INK), header=False))
    return [gap(2), t]


def actions_table(a: dict, width_mm: float, tz) -> list:
    acts = a.get("actions") or []
    out = [heading(f"Actions and deadlines (clock times {timefmt.offset_label(tz)})")]
    if not acts:
        return out + [para("No actions.", "body")]
    # Soonest first; actions without a deadline last.
    ordered = sorted(acts, key=lambda x: (x.get("due_within_hours") is None,
                                           x.get("due_within_hours") or 0))
    rows = [[para("Due by", "cell_head"), para("When", "cell_head"),
             para("Action", "cell_head"), para("Done: time / initials", "cell_head")]]
    for act in ordered:
        due = timefmt.clock(act.get("due_at"), tz) or "—"
        when = timefmt.hours(act.get("due_within_hours"))
        text = (f"<b>{esc(labels.word(labels.ACTIONS, act.get('code')))}</b>: "
                f"{esc(act.get('text', ''))}")
        rows.append([para(due, "cell_bold"), para(when, "cell_bold"),
                     para(text, markup=True), ""])
    t = Table(rows, colWidths=widths(width_mm, [0.16, 0.12, 0.55, 0.17]), repeatRows=1)
    t.setStyle(grid_style())
    return out + [t]


def _order_name(o: dict) -> str:
    name = labels.word(labels.ORDERS, o.get("code"))
    drug = o.get("drug") or ""
    if drug and drug.lower() not in name.lower():
        name += f" ({drug})"
    return name


def _reason(o: dict) -> str:
    parts = [esc(o.get("reason") or "")]
    for alt in o.get("alternatives") or []:
        parts.append(f"<b>{esc(alt.get('label', 'Alternative'))}:</b> {esc(dose(alt.get('dose')))} "
                     f"{esc(alt.get('route') or '')}. {esc(alt.get('note') or '')}")
    if o.get("schedule"):
        parts.append("<i>Dated schedule on the next pages.</i>")
    return "<br/>".join(p for p in parts if p)


GIVEN_COLUMNS = 3
GIVEN_ROW_MM = 9.0


def orders_table(a: dict, width_mm: float) -> list:
    orders = a.get("orders") or []
    shown = [o for o in orders if o.get("status") != "not_indicated"]
    out = [heading("Orders")]
    head = [para(h, "cell_head") for h in
            ("Order", "Dose", "Route", "Frequency", "Status", "Reason")]
    head += [para("Given: time / initials", "cell_head")] + [""] * (GIVEN_COLUMNS - 1)
    rows = [head]
    style = [("SPAN", (6, 0), (5 + GIVEN_COLUMNS, 0))]
    for i, o in enumerate(shown, start=1):
        status = o.get("status")
        row = [para(_order_name(o), "cell_bold"), para(dose(o.get("dose")), "cell_bold"),
               para(o.get("route") or "—"), para(o.get("frequency") or "—"),
               para(labels.word(labels.STATUS, status),
                    "cell_bold" if status in ("recommended", "withheld", "stop", "taper")
                    else "cell"),
               para(_reason(o), markup=True)]
        if status in labels.ADMINISTRABLE:
            row += [""] * GIVEN_COLUMNS
        else:
            row += [para(labels.NOT_TO_GIVE.get(status, "do not give"), "cell_bold")]
            row += [""] * (GIVEN_COLUMNS - 1)
            style += [("SPAN", (6, i), (5 + GIVEN_COLUMNS, i)),
                      ("BACKGROUND", (6, i), (5 + GIVEN_COLUMNS, i), SHADE_DARK)]
        rows.append(row)
    fractions = [0.155, 0.085, 0.07, 0.12, 0.10, 0.28] + [0.19 / GIVEN_COLUMNS] * GIVEN_COLUMNS
    # Rows tall enough to write "14:05 AB" by hand in each box.
    t = Table(rows, colWidths=widths(width_mm, fractions), repeatRows=1,
              minRowHeights=[0] + [GIVEN_ROW_MM * MM] * len(shown))
    t.setStyle(grid_style(*style))
    out.append(t)
    not_ind = [labels.word(labels.ORDERS, o.get("code")) for o in orders
               if o.get("status") == "not_indicated"]
    if not_ind:
        out += [gap(1), para("<b>Not indicated:</b> " + esc(", ".join(not_ind)) + ".",
                             "body", markup=True)]
    return out


def nurse_page(a: dict, width_mm: float, tz) -> list:
    story = [pathway_banner(a, width_mm)]
    story += completeness_note(a, width_mm)
    story += [gap(3), KeepTogether([precautions_box(a, width_mm)])]
    story += critical_alerts(a, width_mm)
    story += actions_table(a, width_mm, tz)
    story += orders_table(a, width_mm)
    return story

