"""Page 1, for the nurse at handover: what is happening (pathway and urgency, in
words), how to move the patient (spinal precautions), what must happen by when
(actions as clock times), and what to give (orders, with boxes to initial)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table

from engine.report import geometry as g, labels, timefmt
from engine.report.flow import dose, esc, gap, grid_style, para, widths
from engine.report.styles import INK, SHADE_DARK, URGENCY_FILL


def _incomplete_line(a: dict) -> str:
    missing = a.get("missing_inputs") or []
    if a.get("complete") and not missing:
        return ""
    n = len(missing)
    return (f"INCOMPLETE: {n} input{'s' if n != 1 else ''} not recorded could change this "
            "(see Missing inputs). Unknown is never read as normal.")


def _signature_cell(signature_expected: bool) -> list:
    if signature_expected:
        return []  # the signer's stamp is drawn here, at geometry.sign_box
    return [para("NOT SIGNED", "unsigned_head"),
            para("Unsigned copy: check every order against the prescription chart.",
                 "small")]


def pathway_banner(a: dict, width_mm: float, signature_expected: bool) -> Table:
    """Urgency | pathway | signature box. The banner is the first flowable on page 1,
    so the signature cell's top-right corner is the body frame's: the signer can
    put its stamp there without reading the layout back."""
    pw = a["pathway"]
    urgency = pw.get("urgency")
    cell = [para(f"{esc(labels.word(labels.URGENCY, urgency))}"
                 "<font size=9>&nbsp;&nbsp;urgency</font>", "banner_urgency", markup=True),
            para(labels.word(labels.PATHWAYS, pw.get("code")), "banner_title"),
            para(pw.get("summary", ""), "banner_text")]
    incomplete = _incomplete_line(a)
    if incomplete:
        cell.append(para(incomplete, "banner_warn"))
    side = g.SIGN_BOX_WIDTH
    cols = [(width_mm - side - 2.0) * g.MM, 2.0 * g.MM, side * g.MM]
    t = Table([[cell, "", _signature_cell(signature_expected)]], colWidths=cols,
              minRowHeights=[g.SIGN_BOX_HEIGHT * g.MM])
    fill = URGENCY_FILL.get(urgency, INK)
    t.setStyle(grid_style(("BACKGROUND", (0, 0), (0, 0), fill),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (0, 0), 3),
                          ("BOTTOMPADDING", (0, 0), (0, 0), 5),
                          ("LEFTPADDING", (0, 0), (-1, -1), 6),
                          ("BOX", (0, 0), (-1, -1), 0, colors.white),
                          *([] if signature_expected  # the stamp draws its own frame
                            else [("BOX", (2, 0), (2, 0), 0.8, INK)]),
                          header=False, grid=False))
    return t


def precautions_box(a: dict, width_mm: float) -> Table:
    pre = a.get("precautions") or {}
    code = pre.get("code")
    if code == "none":
        t = Table([[para("Spinal precautions: none required. " + (pre.get("text") or ""),
                         "cell_bold")]], colWidths=widths(width_mm, [1]))
        t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.2, INK), header=False))
        return t
    # A black label cell and a thick black frame: unmissable in black-and-white print.
    row = [para("\u26a0 SPINAL PRECAUTIONS IN FORCE", "precaution_head"),
           para(pre.get("text") or labels.word(labels.PRECAUTIONS, code), "precaution_text")]
    t = Table([row], colWidths=widths(width_mm, [0.32, 0.68]))
    t.setStyle(grid_style(("BACKGROUND", (0, 0), (0, 0), INK),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 6),
                          ("TOPPADDING", (0, 0), (-1, -1), 4),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                          ("BOX", (0, 0), (-1, -1), 3, INK), header=False, grid=False))
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
    # The table's header row names the section: no separate heading, to keep every
    # order on page 1.
    out = [gap(2.2)]
    if not acts:
        return out + [para("<b>Actions:</b> none.", "body", markup=True)]
    # Soonest first; actions without a deadline last.
    ordered = sorted(acts, key=lambda x: (x.get("due_within_hours") is None,
                                           x.get("due_within_hours") or 0))
    rows = [[para("Due by", "cell_head"),
             para(f"ACTIONS <font size=8>({timefmt.offset_label(tz, a.get('assessed_at'))})"
                  "</font>",
                  "table_title", markup=True),
             para("Done at / by", "cell_head")]]
    for act in ordered:
        due = timefmt.clock(act.get("due_at"), tz, ref=a.get("assessed_at")) or "no deadline"
        when = timefmt.hours(act.get("due_within_hours"))
        text = (f"<b>{esc(labels.word(labels.ACTIONS, act.get('code')))}</b>: "
                f"{esc(act.get('text', ''))}")
        when = f"<b>{esc(when)}</b>" if when == "NOW" else esc(when)
        # Ticked done on screen (engine.actions_done): printed; else left to write in.
        done = timefmt.clock(act.get("done_at"), tz, ref=a.get("assessed_at")) \
            if act.get("done_at") else ""
        rows.append([para(f"<b>{esc(due)}</b><br/>{when}", markup=True),
                     para(text, markup=True),
                     para(f"<b>DONE</b> {esc(done)}", markup=True) if done else ""])
    t = Table(rows, colWidths=widths(width_mm, [0.18, 0.67, 0.15]), repeatRows=1)
    t.setStyle(grid_style())
    return out + [t]


def _order_name(o: dict) -> str:
    """The order in words; the engine's drug text too when it adds something."""
    name = labels.word(labels.ORDERS, o.get("code"))
    drug = (o.get("drug") or "").strip()
    low_name, low_drug = name.lower(), drug.lower()
    if not drug or low_drug in low_name:
        return f"<b>{esc(name)}</b>"
    if low_drug.startswith(low_name):  # "proton pump inhibitor (e.g. ...)"
        return f"<b>{esc(name)}</b> {esc(drug[len(name):].strip())}"
    if low_name in low_drug:  # "thigh-length anti-embolism stockings"
        return f"<b>{esc(drug[:1].upper() + drug[1:])}</b>"
    return f"<b>{esc(name)}</b><br/>{esc(drug)}"


def _dose_route_frequency(o: dict) -> str:
    first = " ".join(x for x in (dose(o.get("dose")) if o.get("dose") else "",
                                 o.get("route") or "") if x)
    lines = [f"<b>{esc(first)}</b>"] if first else []
    if o.get("frequency"):
        lines.append(esc(o["frequency"]))
    return "<br/>".join(lines) or "—"


def _alternative(alt: dict, order_status: str | None) -> str:
    """One equivalent option, as the nurse reads it: a dose when it has one, else the
    device, with its status when it differs from the order's."""
    label = esc(alt.get("label") or "Alternative")
    if alt.get("dose"):
        return f"<b>{label}:</b> {esc(dose(alt['dose']))} {esc(alt.get('route') or '')}"
    status = "" if alt.get("status") == order_status else \
        f" ({esc(labels.word(labels.STATUS, alt.get('status')))})"
    return f"<b>{label}:</b> {esc(alt.get('drug') or '')}{status}"


def _reason(o: dict, tz, assessed_at: str | None) -> str:
    parts = [esc(o.get("reason") or "—")]
    alts = [_alternative(alt, o.get("status")) for alt in o.get("alternatives") or []]
    if alts and not o.get("alternatives")[0].get("dose"):
        parts[0] += " " + " ".join(alts)  # a device alternative: on the reason's own line
        alts = []
    if o.get("changes_at"):
        parts.append(f"<b>This status holds until "
                     f"{esc(timefmt.clock(o['changes_at'], tz, ref=assessed_at))}.</b>")
    parts += alts
    if o.get("schedule"):
        parts.append("<b>Dated plan on page 2.</b>")
    return "<br/>".join(parts)


GIVEN_COLUMNS = 3
GIVEN_ROW_MM = 8.0  # room to write "14:05 AB" by hand in each box


def orders_table(a: dict, width_mm: float, tz) -> list:
    orders = a.get("orders") or []
    shown = [o for o in orders if o.get("status") != "not_indicated"]
    out = [gap(2.2)]
    last = 3 + GIVEN_COLUMNS
    head = [para(h, "cell_head") for h in
            ("Dose, route, frequency", "Status", "Reason")]
    head.insert(0, para("ORDERS", "table_title"))
    head += [para("Given at / by", "cell_head")] + [""] * (GIVEN_COLUMNS - 1)
    rows = [head]
    style = [("SPAN", (4, 0), (last, 0))]
    for r, o in enumerate(shown, start=1):
        status = o.get("status")
        row = [para(_order_name(o), "tight", markup=True),
               para(_dose_route_frequency(o), "tight", markup=True),
               para(labels.word(labels.STATUS, status), "status"),
               para(_reason(o, tz, a.get("assessed_at")), "tight", markup=True)]
        row += [""] * GIVEN_COLUMNS
        if status not in labels.ADMINISTRABLE:
            row[4] = para(labels.NOT_TO_GIVE.get(status, "do not give"), "status")
            style += [("SPAN", (4, r), (last, r)),
                      ("BACKGROUND", (4, r), (last, r), SHADE_DARK),
                      ("VALIGN", (4, r), (last, r), "MIDDLE")]
        rows.append(row)
    fractions = [0.19, 0.225, 0.137, 0.298] + [0.15 / GIVEN_COLUMNS] * GIVEN_COLUMNS
    t = Table(rows, colWidths=widths(width_mm, fractions), repeatRows=1,
              minRowHeights=[0.0] + [GIVEN_ROW_MM * g.MM] * len(shown))
    t.setStyle(grid_style(*style))
    out.append(t)
    not_ind = [labels.word(labels.ORDERS, o.get("code")) for o in orders
               if o.get("status") == "not_indicated"]
    if not_ind:
        out += [gap(1), para("<b>Not indicated:</b> " + esc(", ".join(not_ind)) + ".",
                             "body", markup=True)]
    return out


def nurse_page(a: dict, width_mm: float, tz, *, signature_expected: bool) -> list:
    story = [pathway_banner(a, width_mm, signature_expected), gap(2.5)]
    story += [precautions_box(a, width_mm)]
    story += critical_alerts(a, width_mm)
    story += actions_table(a, width_mm, tz)
    story += orders_table(a, width_mm, tz)
    return story



