"""The QS56 audit report as a PDF (reportlab platypus, charts from reportlab.graphics;
no plotting dependency). Page 1 opens with the result of the chain check, in words and
in a coloured box: a broken chain is the first thing the auditor reads. Then the share
of cases within 24 h and 1 week for each interval (table and bar chart), the overdue
cases, and every case with its times."""
from __future__ import annotations

import io

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, PageBreak, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

from engine.audit_report import INTERVALS
from engine.report.styles import FONT, FONT_BOLD, register_fonts

OK_FILL = colors.HexColor("#1B5E20")
BROKEN_FILL = colors.HexColor("#B00020")
BAR_24H = colors.HexColor("#1F4E79")
BAR_1W = colors.HexColor("#9DC3E6")
SHORT = {"onset_to_mri": "Onset to MRI", "onset_to_coordinator": "Onset to coordinator",
         "decision_to_radiotherapy": "Decision to radiotherapy"}
CODE_WORDS = {"neuro_onset": "onset", "coordinator_contact": "coordinator contact",
              "dexamethasone_start": "dexamethasone", "mri": "MRI",
              "treatment_decision": "treatment decision", "spinal_surgery": "surgery",
              "radiotherapy_start": "radiotherapy"}


def _styles():
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=4),
        "banner": ParagraphStyle("banner", parent=base, fontName=FONT_BOLD, fontSize=11,
                                 leading=14, textColor=colors.white),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=FONT_BOLD, fontSize=7.5,
                                leading=9),
    }


def _esc(text) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _pct(share) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def _hours(h) -> str:
    if h is None:
        return "—"
    return f"{h:.1f} h" if abs(h) < 72 else f"{h / 24:.1f} d"


def _time(text) -> str:
    return "not recorded" if not text else _esc(text.replace("T", " ")[:16] + " " + text[19:])


def _banner(summary: dict, st) -> Table:
    chain = summary["chain"]
    if chain["intact"]:
        text = (f"Audit chain verified first: INTACT ({chain['entries']} entries). "
                "No entry was edited, deleted or reordered.")
        fill = OK_FILL
    else:
        text = (f"AUDIT CHAIN BROKEN (first bad entry: {chain['broken_at']}): "
                f"{_esc(chain['reason'])}. "
                "The figures below come from the entries that could be read; "
                f"{summary['cases_unverified']} case(s) recorded at or after the break are "
                "marked UNVERIFIED. Investigate before relying on this report.")
        fill = BROKEN_FILL
    table = Table([[Paragraph(text, st["banner"])]], colWidths=[257 * mm])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), fill),
                               ("BOX", (0, 0), (-1, -1), 1, colors.black),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return table


def _grid(rows, widths, header_rows=1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E6E6E6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _summary_table(summary: dict, st) -> Table:
    head = ["Interval", "Standard", "Cases measured", "Not measured", "Within 24 h",
            "Within 1 week", "Median", "Over the standard"]
    rows = [[Paragraph(h, st["cellb"]) for h in head]]
    for name, s in summary["intervals"].items():
        rows.append([Paragraph(_esc(s["label"]), st["cell"]),
                     Paragraph(_esc(s["standard"]), st["cell"]),
                     str(s["measured"]), str(s["not_measured"]),
                     f"{s['within_24h']} ({_pct(s['within_24h_share'])})",
                     f"{s['within_1_week']} ({_pct(s['within_1_week_share'])})",
                     _hours(s["median_hours"]),
                     "—" if s["standard_hours"] is None else str(s["exceeding_standard"])])
    table = _grid(rows, [52 * mm, 70 * mm, 20 * mm, 20 * mm, 22 * mm, 22 * mm, 20 * mm,
                         24 * mm])
    table.setStyle(TableStyle([("FONT", (2, 1), (-1, -1), FONT, 8)]))
    return table


def _chart(summary: dict) -> Drawing:
    """Share of measured cases within 24 h and within 1 week, per interval (0-100%)."""
    names = list(INTERVALS)
    d = Drawing(257 * mm, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 18 * mm, 12 * mm, 150 * mm, 44 * mm
    data_24, data_1w = [], []
    for name in names:
        s = summary["intervals"][name]
        data_24.append(100 * (s["within_24h_share"] or 0))
        data_1w.append(100 * (s["within_1_week_share"] or 0))
    chart.data = [data_24, data_1w]
    chart.categoryAxis.categoryNames = [
        f"{SHORT[n]} (n={summary['intervals'][n]['measured']})" for n in names]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = BAR_24H
    chart.bars[1].fillColor = BAR_1W
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 175 * mm, 48 * mm
    legend.fontName, legend.fontSize = FONT, 8
    legend.colorNamePairs = [(BAR_24H, "within 24 h"), (BAR_1W, "within 1 week")]
    d.add(legend)
    d.add(String(175 * mm, 30 * mm, "Share of cases whose interval", fontName=FONT, fontSize=7))
    d.add(String(175 * mm, 26 * mm, "was measured (both times", fontName=FONT, fontSize=7))
    d.add(String(175 * mm, 22 * mm, "recorded). Not measured: see table.", fontName=FONT,
                 fontSize=7))
    return d


def _case_rows(cases: list[dict], st, only_overdue: bool = False) -> Table | Paragraph:
    head = ["Case (keyed patient ref)", "Assessed", "Pathway", "Onset to MRI",
            "Onset to coordinator", "Decision to RT", "Overdue", "Exports"]
    rows = [[Paragraph(h, st["cellb"]) for h in head]]
    for r in cases:
        if only_overdue and not r["overdue"]:
            continue
        ref = (r.get("patient") or "no hospital number").replace("hmac-sha256:", "")[:12]
        fp = (r.get("fingerprint") or "")[:8].upper()
        tag = "" if r["verified"] else " UNVERIFIED"
        if not r["qs56_recorded"]:
            ivs = ["no QS56 times (exported before they were recorded)", "", ""]
        else:
            ivs = []
            for name in INTERVALS:
                iv = r["intervals"][name]
                ivs.append(_hours(iv["hours"]) if iv["status"] == "measured" else iv["status"])
        overdue = ", ".join(CODE_WORDS.get(c, c) for c in r["overdue"]) or "none"
        rows.append([Paragraph(f"{ref}…<br/>summary {fp}{tag}", st["cell"]),
                     Paragraph(_time(r.get("assessed_at")), st["cell"]),
                     Paragraph(_esc(r.get("pathway") or "—"), st["cell"])]
                    + [Paragraph(_esc(x), st["cell"]) for x in ivs]
                    + [Paragraph(_esc(overdue), st["cell"]), Paragraph(str(r["exports"]), st["cell"])])
    if len(rows) == 1:
        return Paragraph("None." if only_overdue else "No exported summaries in this period.",
                         st["base"])
    return _grid(rows, [38 * mm, 32 * mm, 36 * mm, 30 * mm, 30 * mm, 30 * mm, 42 * mm,
                        16 * mm])


def render_report_pdf(report: dict) -> bytes:
    st = _styles()
    s = report["summary"]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=20 * mm,
                            rightMargin=20 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
                            title="MSCC Pathway QS56 audit report", author="MSCC Pathway")
    period = (f"{s['period']['from'] or 'the first entry'} to {s['period']['to'] or 'the last'}"
              f" ({s['period']['basis']})")
    story = [
        Paragraph("QS56 audit report: metastatic spinal cord compression", st["h1"]),
        _banner(s, st), Spacer(1, 4 * mm),
        Paragraph(f"Audit log: {_esc(s['log'])}<br/>Period: {_esc(period)}<br/>"
                  f"Generated {_esc(s['generated_at'])} (UTC)", st["small"]),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>{s['cases']}</b> case(s), one per exported summary (the same summary "
                  f"exported again counts once); <b>{s['cases_overdue']}</b> with a QS56 time "
                  f"overdue; {s['cases_without_qs56']} exported before QS56 times were "
                  f"recorded; {s['exports_not_written']} export(s) whose file was never "
                  f"written; {s['outside_period']} outside the period.", st["base"]),
        Paragraph("Intervals against NICE QS56", st["h2"]),
        _summary_table(s, st),
        Spacer(1, 2 * mm),
        _chart(s),
        Paragraph("An interval is measured only when both of its times were recorded in the "
                  "case; one not measured is never counted as within the standard. The "
                  "case format (mscc-case/1) has no treatment-decision time, so decision to "
                  "radiotherapy is measured only when a later case format records it. "
                  "Hospital numbers appear only as keyed hashes; no names are kept.",
                  st["small"]),
        PageBreak(),
        Paragraph("Cases with a QS56 time overdue", st["h2"]),
        _case_rows(report["cases"], st, only_overdue=True),
        Paragraph("Every case", st["h2"]),
        _case_rows(report["cases"], st),
    ]
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buf.getvalue()


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.drawString(20 * mm, 8 * mm, "MSCC Pathway QS56 audit report")
    canvas.drawRightString(277 * mm, 8 * mm, f"Page {doc.page}")
    canvas.restoreState()
