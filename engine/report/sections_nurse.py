"""Page 1, for the nurse at handover: what is happening (pathway and urgency, in
words), how to move the patient (spinal precautions), what must happen by when
(actions as clock times), and what to give (orders, with boxes to initial)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table

from engine.report import geometry as g, handover, labels, timefmt
from engine.report.flow import dose, esc, gap, grid_style, para, widths
from engine.report.styles import FONT_NARROW, INK, SHADE, SHADE_DARK, URGENCY_FILL


def _incomplete_line(a: dict) -> str:
    missing = a.get("missing_inputs") or []
    if a.get("complete") and not missing:
        return ""
    n = len(missing)
    return (f"INCOMPLETE: {n} input{'s' if n != 1 else ''} not recorded; unknown is never read "
            "as normal.")


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
            para(handover.readable(pw.get("summary", "")), "banner_text")]
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
    warnings = handover.precaution_warnings(a)
    if code == "none":
        text = "Spinal precautions: none required. " + (pre.get("text") or "")
        t = Table([[para(esc(text) + "".join(f"<br/><b>Watch:</b> {esc(w)}" for w in warnings),
                         "cell_bold", markup=True)]], colWidths=widths(width_mm, [1]))
        t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.2, INK), header=False))
        return t
    # A black label cell and a thick black frame: unmissable in black-and-white print.
    # The warnings that go with the precautions (transport, breathing, dysreflexia) are
    # printed in the box itself.
    body = [para(pre.get("text") or labels.word(labels.PRECAUTIONS, code), "precaution_text")]
    if warnings:
        body.append(para("<br/>".join(f"\u2022 {esc(w)}" for w in warnings), "tight",
                         markup=True))
    row = [para("\u26a0 SPINAL PRECAUTIONS IN FORCE", "precaution_head"), body]
    t = Table([row], colWidths=widths(width_mm, [0.2, 0.8]))
    t.setStyle(grid_style(("BACKGROUND", (0, 0), (0, 0), INK),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 6),
                          ("TOPPADDING", (0, 0), (-1, -1), 4),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                          ("BOX", (0, 0), (-1, -1), 3, INK), header=False, grid=False))
    return t


def critical_alerts(a: dict, width_mm: float) -> list:
    crit = [al for al in a.get("alerts", []) if al.get("severity") == "critical"
            and al.get("code") not in handover.NURSING_ALERTS]
    if not crit:
        return []
    rows = [[para("CRITICAL", "cell_bold"), para(handover.readable(al.get("text", "")), "cell")]
            for al in crit]
    t = Table(rows, colWidths=widths(width_mm, [0.13, 0.87]))
    t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.5, INK), header=False))
    return [gap(2), t]


def actions_table(a: dict, width_mm: float, tz) -> list:
    acts = a.get("actions") or []
    # The table's header row names the section: no separate heading, to keep every
    # order on page 1.
    out = [gap(1.2)]
    if not acts:
        return out + [para("<b>Actions:</b> none.", "body", markup=True)]
    rows = [[para("Due by", "cell_head"),
             para(f"ACTIONS <font size=8.5>({timefmt.offset_label(tz, a.get('assessed_at'))})"
                  "</font>",
                  "table_title", markup=True),
             para("Done at/by", "cell_head")]]
    # In the engine's order (engine.evaluation.action_order: soonest first, no deadline
    # last), the order of the screen's list too: never re-sorted here.
    for act in acts:
        due = timefmt.clock(act.get("due_at"), tz, ref=a.get("assessed_at")) or "no deadline"
        when = timefmt.hours(act.get("due_within_hours"))
        name = labels.word(labels.ACTIONS, act.get("code"))
        said = handover.readable(act.get("text", ""))
        if said.lower().startswith(name.lower()):  # "Recheck calcium: Recheck calcium ..."
            text = f"<b>{esc(said[:len(name)])}</b>{esc(said[len(name):])}"
        else:
            text = f"<b>{esc(name)}</b>: {esc(said)}"
        when = f"<b>{esc(when)}</b>" if when == "NOW" else esc(when)
        # Ticked done on screen (engine.actions_done): printed; else left to write in.
        done = timefmt.clock(act.get("done_at"), tz, ref=a.get("assessed_at")) \
            if act.get("done_at") else ""
        rows.append([para(f"<b>{esc(due)}</b> {when}", "tight", markup=True),
                     para(text, "tight", markup=True),
                     para(f"<b>DONE</b> {esc(done)}", "tight", markup=True) if done else ""])
    t = Table(rows, colWidths=widths(width_mm, [0.215, 0.67, 0.115]), repeatRows=1)
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
    # A prescriber-decision dose is not bold: it is not a standing order.
    bold = o.get("status") != "consider"
    lines = [f"<b>{esc(first)}</b>" if bold else esc(first)] if first else []
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


def _reason(o: dict, tz, a: dict) -> str:
    assessed_at = a.get("assessed_at")
    parts = [esc(handover.readable(o.get("reason") or "—"))]
    alts = [_alternative(alt, o.get("status")) for alt in o.get("alternatives") or []]
    if alts:
        parts[0] += " " + " ".join(alts)  # on the reason's own line
    parts[0] += "".join(f" <b>Before it: {esc(x)}.</b>"
                        for x in handover.prerequisites(a, o.get("code"), tz))
    if o.get("changes_at"):
        parts.append(f"<b>This status holds until "
                     f"{esc(timefmt.clock(o['changes_at'], tz, ref=assessed_at))}.</b>")
    parts += [f"<b>WARNING:</b> {esc(w)}" for w in handover.order_warnings(a, o.get("code"))]
    if o.get("schedule"):
        parts.append("<b>Dated plan on page 2.</b>")
    return "<br/>".join(parts)


GIVEN_COLUMNS = 3
GIVEN_ROW_MM = 7.5  # room to write "14:05 AB" by hand in each box


def _order_body(o: dict, tz, a: dict) -> str:
    """Dose, route and frequency, then the reason with everything that qualifies it,
    in one wide cell: the row is as tall as its text, not as its narrowest column."""
    name = labels.word(labels.ORDERS, o.get("code"))
    drug = (o.get("drug") or "").strip()
    if drug.lower().startswith(name.lower()):
        drug = drug[len(name):].strip()  # "(e.g. lansoprazole 30 mg or omeprazole 20 mg)"
    elif drug.lower() in name.lower():
        drug = ""
    what = _dose_route_frequency(o)
    first = " ".join(x for x in (esc(drug), "" if what == "—" else what.replace("<br/>", "; ", 1))
                     if x)
    return "<br/>".join(x for x in (first, _reason(o, tz, a)) if x)


def _order_title(o: dict) -> str:
    return f"<b>{esc(labels.word(labels.ORDERS, o.get('code')))}</b>"


def orders_table(a: dict, width_mm: float, tz) -> list:
    orders = a.get("orders") or []
    shown = [o for o in orders if o.get("status") != "not_indicated"]
    out = [gap(1.2)]
    first_box = 3
    last = first_box + GIVEN_COLUMNS - 1
    head = [para("ORDERS", "table_title"), para("Dose, route, frequency; reason", "cell_head"),
            para("Status", "cell_head"), para("Given at / by", "cell_head")]
    head += [""] * (GIVEN_COLUMNS - 1)
    rows = [head]
    style = [("SPAN", (first_box, 0), (last, 0))]
    boxed: list[int] = []
    for r, o in enumerate(shown, start=1):
        status = o.get("status")
        word = labels.word(labels.STATUS, status)
        row = [para(_order_title(o), "tight", markup=True),
               para(_order_body(o, tz, a), "tight", markup=True),
               para(word, "status")]
        row += [""] * GIVEN_COLUMNS
        if status not in labels.ADMINISTRABLE:
            # No boxes to initial: withheld, pending, stopped, or a prescriber's decision
            # (a "consider" order is not a standing order until prescribed), in words.
            words = labels.NOT_TO_GIVE.get(status, "DO NOT GIVE")
            row[first_box] = para(words or "no standing order", "status")
            style += [("SPAN", (first_box, r), (last, r)),
                      ("BACKGROUND", (first_box, r), (last, r),
                       SHADE if status == "consider" else SHADE_DARK),
                      ("VALIGN", (first_box, r), (last, r), "MIDDLE")]
        else:
            boxed.append(r)
        rows.append(row)
    fractions = [0.17, 0.545, 0.135] + [0.15 / GIVEN_COLUMNS] * GIVEN_COLUMNS
    t = Table(rows, colWidths=widths(width_mm, fractions), repeatRows=1,
              minRowHeights=[0.0] + [GIVEN_ROW_MM * g.MM if r in boxed else 0.0
                                     for r in range(1, len(shown) + 1)])
    t.setStyle(grid_style(*style))
    out.append(t)
    groups = handover.not_indicated(a)
    if groups:
        text = "<b>Not indicated:</b> " + " ".join(
            f"<b>{esc(', '.join(names))}</b>: {esc(reason)}" for names, reason in groups)
        out += [gap(1), para(text, "tight", markup=True)]
    return out


def nursing_table(rows: list, width_mm: float) -> list:
    """Neuro observations and escalation, the anticoagulant's plan, cauda equina watch,
    low platelets before a procedure (engine.report.handover.nursing)."""
    if not rows:
        return []
    body = [[para(r.heading, "nurse_head"), para(r.text, "tight")] for r in rows]
    t = Table(body, colWidths=widths(width_mm, [0.2, 0.8]))
    t.setStyle(grid_style(("BOX", (0, 0), (-1, -1), 1.5, INK), ("BACKGROUND", (0, 0), (0, -1), SHADE),
                          header=False))
    return [gap(1.2), t]


def nurse_page(a: dict, width_mm: float, tz, *, signature_expected: bool,
               case: dict | None = None, settings=None) -> list:
    case = case or {}
    settings = settings or handover.default_settings()
    story = [pathway_banner(a, width_mm, signature_expected), gap(1.5)]
    story += [precautions_box(a, width_mm)]
    valid = handover.Row("VALID UNTIL", handover.valid_until_text(case, a, tz,
                                                                   " Every such time: page 2."), "")
    story += nursing_table([valid] + handover.nursing(case, a, settings, tz), width_mm)
    story += critical_alerts(a, width_mm)
    story += actions_table(a, width_mm, tz)
    story += orders_table(a, width_mm, tz)
    return story



