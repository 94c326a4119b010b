"""The "MSCC coordinator referral" page of the summary (engine/report/referral.py holds
its rows) and the examination timeline when there are serial examinations."""
from __future__ import annotations

from reportlab.platypus import PageBreak, Table

from engine.report import referral, timefmt
from engine.report.flow import esc, gap, grid_style, heading, para, widths

TIMELINE_ROWS = (("Right arm", ("mrc", "right_arm")), ("Left arm", ("mrc", "left_arm")),
                 ("Right leg", ("mrc", "right_leg")), ("Left leg", ("mrc", "left_leg")),
                 ("Sensory level", ("sensory_level",)), ("Walking", ("ambulation",)),
                 ("Frankel", ("frankel",)))


def referral_page(case: dict, a: dict, width_mm: float, tz, settings=None) -> list:
    contact = getattr(settings, "on_call_doctor_contact", None) if settings else None
    rows = [[para(k, "cell_bold"), para(esc(v) if referral.MISSING not in v else
                                        esc(v).replace(referral.MISSING,
                                                       f"<b>{referral.MISSING}</b>"),
                                        markup=True)]
            for k, v in referral.rows(case, a, tz, referrer_contact=contact)]
    t = Table(rows, colWidths=widths(width_mm, [0.27, 0.73]))
    t.setStyle(grid_style(header=False))
    return [PageBreak(), *heading("MSCC coordinator referral"),
            para("The dataset the MSCC coordinator asks for. NOT RECORDED items are not in "
                 "the case: say so on the telephone, never guess.", "body"), gap(1), t,
            *timeline(a, width_mm, tz)]


def timeline(a: dict, width_mm: float, tz) -> list:
    """Motor grades, sensory level, walking and Frankel over the serial examinations,
    oldest first; a value that changed from the examination before is bold."""
    trend = (a.get("derived") or {}).get("neuro_trend")
    if not trend or not trend.get("timeline"):
        return []
    exams = trend["timeline"]
    head = [para("Examination", "cell_head")] + [
        para(timefmt.clock(e["at"], tz, ref=a.get("assessed_at")), "cell_head") for e in exams]
    body = [head]
    for name, keys in TIMELINE_ROWS:
        cells, before = [para(name, "cell_bold")], None
        for i, e in enumerate(exams):
            value = e
            for k in keys:
                value = (value or {}).get(k)
            text = referral._w(value) if value is not None else "—"
            changed = i and value != before and None not in (value, before)
            cells.append(para(f"<b>{esc(text)} (changed)</b>" if changed else esc(text),
                              markup=True))
            before = value
        body.append(cells)
    t = Table(body, colWidths=widths(width_mm, [0.25] + [0.75 / len(exams)] * len(exams)))
    t.setStyle(grid_style())
    verdict = ("WORSE: contact the MSCC coordinator now." if trend.get("deteriorated")
               else "No deterioration between these examinations.")
    return [*heading("Neurological examinations over time"), t, gap(1),
            para(f"<b>{esc(verdict)}</b>", "body", markup=True)]
