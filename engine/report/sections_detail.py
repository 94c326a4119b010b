"""The pages after the nurse's page: the dated dexamethasone plan, alerts, scores with
their components, missing inputs, disagreements, audit time stamps, and the basis of
every recommendation (rule id and the full citation of each source)."""
from __future__ import annotations

from typing import Callable

from reportlab.platypus import KeepTogether, Table

from engine.report.styles import SHADE

from engine.report import handover, labels, timefmt
from engine.report.flow import (dose, esc, gap, grid_style, heading, number, para, url_lines,
                                widths)


def order_notes(a: dict, width_mm: float) -> list:
    """Every alternative the engine listed, with its note: the engine never converts a
    dose silently, and neither does the paper."""
    rows = [[para(h, "cell_head") for h in ("Order", "Alternative", "Dose and route, or "
                                                                    "status", "Note")]]
    for o in a.get("orders") or []:
        for alt in o.get("alternatives") or []:
            given = (f"{dose(alt['dose'])} {alt.get('route') or ''}" if alt.get("dose")
                     else labels.word(labels.STATUS, alt.get("status")))
            rows.append([para(labels.word(labels.ORDERS, o.get("code")), "cell_bold"),
                         para(f"{alt.get('label', '')}: {alt.get('drug', '')}"),
                         para(given, "cell_bold"),
                         para(alt.get("note") or "")])
    if len(rows) == 1:
        return []
    t = Table(rows, colWidths=widths(width_mm, [0.17, 0.22, 0.19, 0.42]), repeatRows=1)
    t.setStyle(grid_style())
    return [*heading("Alternatives when an order cannot be given as written"), t]


def time_changes(case: dict, a: dict, width_mm: float, tz) -> list:
    """Every status or deadline on this summary that changes with time alone, with its
    clock time; the first is the summary's "valid until" (issue 20, problem 4)."""
    changes = handover.time_changes(case, a)
    out = [*heading("What changes with time alone")]
    if not changes:
        return out + [para("Nothing on this summary changes with time alone.", "body")]
    out.append(para("This summary is valid until the first of these. Each is a clock time "
                    f"({timefmt.offset_label(tz, a.get('assessed_at'))}).", "body"))
    rows = [[para("At", "cell_head"), para("What changes", "cell_head")]]
    for c in changes:
        rows.append([para(timefmt.clock(c.at, tz, year=True, ref=a.get("assessed_at")),
                          "cell_bold"), para(c.what)])
    t = Table(rows, colWidths=widths(width_mm, [0.22, 0.78]), repeatRows=1)
    t.setStyle(grid_style())
    return out + [gap(1), t]


def schedules(a: dict, width_mm: float) -> list:
    out = []
    for o in a.get("orders") or []:
        steps = o.get("schedule") or []
        if not steps:
            continue
        name = labels.word(labels.ORDERS, o.get("code"))
        title = f"{name} taper" if o.get("status") == "taper" else f"{name}: dated plan"
        rows = [[para(h, "cell_head") for h in ("Days", "Dates", "Dose", "Instruction",
                                                "Given: time / initials")]]
        style = []
        for r, st in enumerate(steps, start=1):
            days = (f"Day {st.get('day_from')}" if st.get("day_from") == st.get("day_to")
                    else f"Days {st.get('day_from')}–{st.get('day_to')}")
            d_from, d_to = timefmt.day(st.get("date_from")), timefmt.day(st.get("date_to"))
            dates = d_from if d_from == d_to else f"{d_from} to {d_to}"
            if st.get("dose") is None and st.get("text") != "stop":
                # "then a slower taper set by the prescriber": from that day on, no date
                # to stop and nothing to initial here (rules v2 section 6).
                rows.append([para(f"From day {st.get('day_from')}", "cell_bold"),
                             para(f"From {d_from}", "cell_bold"),
                             para(f"{st.get('text', '')[:1].upper()}{st.get('text', '')[1:]}; "
                                  "no stop date on this summary.", "cell_bold"), "", ""])
                style += [("SPAN", (2, r), (-1, r)), ("BACKGROUND", (2, r), (-1, r), SHADE)]
                continue
            rows.append([para(days, "cell_bold"), para(dates, "cell_bold"),
                         para(dose(st.get("dose")), "cell_bold"), para(st.get("text", "")), ""])
        t = Table(rows, colWidths=widths(width_mm, [0.10, 0.27, 0.10, 0.35, 0.18]),
                  repeatRows=1)
        t.setStyle(grid_style(*style))
        out += [KeepTogether([*heading(title), t])]
        if o.get("reason"):
            out += [gap(1), para(o["reason"], "body")]
    return out


def alerts(a: dict, width_mm: float) -> list:
    items = a.get("alerts") or []
    out = [*heading("Alerts")]
    if not items:
        return out + [para("No alerts.", "body")]
    rank = {"critical": 0, "warning": 1, "info": 2}
    rows = [[para("Severity", "cell_head"), para("Alert", "cell_head")]]
    for al in sorted(items, key=lambda x: rank.get(x.get("severity"), 3)):
        rows.append([para(labels.word(labels.SEVERITY, al.get("severity")), "cell_bold"),
                     para(handover.readable(al.get("text", "")))])
    t = Table(rows, colWidths=widths(width_mm, [0.13, 0.87]), repeatRows=1)
    t.setStyle(grid_style())
    return out + [t]


VALUE_WORDS = {"payne_albumin": "Payne formula with albumin",
               "laboratory_adjusted": "the laboratory's adjusted value",
               "uncorrected": "not corrected (no albumin)",
               "cockcroft_gault": "Cockcroft-Gault", "with_aid": "with an aid",
               "lt_50": "under 50%", "gt_50": "over 50%", "non_mechanical": "non-mechanical"}
UNIT_SUFFIXES = (("_mmol_l", " (mmol/L)"), ("_mg_dl", " (mg/dL)"), ("_g_l", " (g/L)"),
                 ("_g_dl", " (g/dL)"), ("_ml_min", " (mL/min)"), ("_umol_l", " (µmol/L)"),
                 ("_kg", " (kg)"), ("_years", " (years)"), ("_hours", " (h)"))


def key_words(key: object) -> str:
    """'calcium_mmol_l' -> 'calcium (mmol/L)'; 'cancer.karnofsky' -> 'Karnofsky'."""
    text = str(key)
    if "." in text:
        text = text.rsplit(".", 1)[1]
    for suffix, words in UNIT_SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix)].replace("_", " ") + words
    return text.replace("_", " ")


def _decimal(value: float) -> str:
    """At most two decimals, cut toward zero (a shown value never crosses the band it
    was judged against: rules v2 section 0)."""
    import math

    cut = math.trunc(value * 100) / 100
    return f"{cut:.2f}".rstrip("0").rstrip(".")


def _plain(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{key_words(k)} {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) or "none"
    if isinstance(value, float):
        return _decimal(value)
    if isinstance(value, str):
        return VALUE_WORDS.get(value, value.replace("_", " "))
    return number(value)


def _component_text(comp: object) -> str:
    """A SINS-like component {input, field, min, max}: the range shows what is unknown;
    a Padua-like item {points, present}."""
    if isinstance(comp, dict) and "min" in comp and "max" in comp:
        got = comp.get("input")
        pts = (f"{comp['min']}" if comp["min"] == comp["max"]
               else f"{comp['min']}–{comp['max']} (not recorded)")
        shown = "not recorded" if got is None else _plain(got)
        return f"{shown}: {pts} point{'' if pts == '1' else 's'}"
    if isinstance(comp, dict) and "points" in comp and "present" in comp:
        state = {True: "present", False: "absent"}.get(comp["present"], "NOT RECORDED")
        return f"{state} ({comp['points']} point{'' if comp['points'] == 1 else 's'})"
    return _plain(comp)


def _range(s: dict) -> str:
    lo, hi = s.get("total_min"), s.get("total_max")
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _score_summary(key: str, s: dict) -> str:
    """A one-line reading of each known score; other scores print their plain fields."""
    if key == "sins":
        done = "complete" if s.get("complete") else "INCOMPLETE (a range)"
        return f"Level {s.get('level')}: {_range(s)} points, {_plain(s.get('category'))}; {done}"
    if key == "corrected_calcium":
        return (f"{s.get('mmol_per_l_text')} mmol/L ({s.get('mg_per_dl_text')} mg/dL), "
                f"{_plain(s.get('severity'))}; by the {_plain(s.get('method'))}")
    if key == "creatinine_clearance" and "ml_per_min" in s:
        return f"{s.get('ml_per_min_text')} mL/min ({_plain(s.get('method'))})"
    if key == "frankel" and "grade" in s:
        return f"Grade {s['grade']}: {labels.FRANKEL.get(s['grade'], '')}".rstrip(": ")
    if key == "tokuhashi_revised" and "total" in s:
        return f"{s['total']} points: {_plain(s.get('band'))}. {s.get('note') or ''}".strip()
    if key == "padua" and "total_min" in s:
        risk = {True: "high risk", False: "low risk"}.get(s.get("high_risk"), "risk unknown")
        return f"{_range(s)} points, {risk}. {s.get('note') or ''}".strip()
    simple = {k: v for k, v in s.items()
              if not isinstance(v, (dict, list)) and k not in ("inputs", "components")}
    return "; ".join(f"{key_words(k)}: {_plain(v)}" for k, v in simple.items())


def _score_details(s: dict) -> list[str]:
    lines = []
    for group in ("components", "items", "inputs"):
        block = s.get(group)
        if isinstance(block, dict):
            lines += [f"{key_words(k)}: {_component_text(v)}" for k, v in block.items()]
        elif isinstance(block, list):
            lines += [_component_text(v) for v in block]
    for k, v in s.items():
        if k not in ("components", "items", "inputs") and isinstance(v, (dict, list)):
            lines.append(f"{key_words(k)}: {_plain(v)}")
    return lines


def scores(a: dict, width_mm: float) -> list:
    sc = a.get("scores") or {}
    keys = [k for k in labels.SCORES if k in sc] + [k for k in sc if k not in labels.SCORES]
    rows = [[para("Score", "cell_head"), para("Result", "cell_head"),
             para("Components and inputs", "cell_head")]]
    for key in keys:
        s = sc[key]
        name = labels.word(labels.SCORES, key)
        if s is None:
            rows.append([para(name, "cell_bold"),
                         para("Not computed: inputs missing", "cell_bold"), para("—")])
            continue
        details = "<br/>".join(esc(x) for x in _score_details(s)) or "—"
        rows.append([para(name, "cell_bold"), para(_score_summary(key, s)),
                     para(details, "small", markup=True)])
    t = Table(rows, colWidths=widths(width_mm, [0.2, 0.32, 0.48]), repeatRows=1)
    t.setStyle(grid_style())
    return [*heading("Scores"), t]


def missing_inputs(a: dict, width_mm: float, case: dict | None = None, tz=None) -> list:
    from engine.field_labels import label

    items = [label(m) for m in a.get("missing_inputs") or []]
    out = [*heading("Missing inputs")]
    later = [o for o in a.get("orders") or [] if o.get("changes_at")]
    if not items:
        text = "None now: every input that could change this assessment was recorded."
        for o in later:
            text += (f" At {timefmt.clock(o['changes_at'], tz, ref=a.get('assessed_at'))} the "
                     f"{labels.word(labels.ORDERS, o.get('code'))} decision changes and needs "
                     "an answer then: " + handover.readable(o.get("reason")))
        return out + [para(text, "body")]
    out.append(para("Not recorded in the case. The engine treated each as unknown "
                    "(never as normal); recording it may change the recommendations.", "body"))
    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:]
    rows = [[para(l_), para(right[i] if i < len(right) else "")] for i, l_ in enumerate(left)]
    t = Table(rows, colWidths=widths(width_mm, [0.5, 0.5]))
    t.setStyle(grid_style(header=False))
    return out + [gap(1), t]


def disagreements(a: dict, width_mm: float, case: dict | None = None) -> list:
    items = a.get("disagreements") or []
    out = [*heading("Where guidelines disagree")]
    if not items:
        return out + [para("None for this case.", "body")]
    rows = []
    for d in items:
        note = handover.disagreement_note(case or {}, a, d)
        text = esc(handover.readable(d.get("text", "")))
        if note:
            text = f"<b>{esc(note)}</b><br/>{text}"
        rows.append([para(text, markup=True), para(", ".join(d.get("sources") or []), "small")])
    t = Table(rows, colWidths=widths(width_mm, [0.75, 0.25]))
    t.setStyle(grid_style(header=False))
    return out + [t]


def timestamps(a: dict, width_mm: float, tz) -> list:
    items = a.get("timestamps") or []
    if not items:
        return []
    rows = [[para(h, "cell_head") for h in ("Audit time stamp (NICE QS56)", "Recorded",
                                            "Due by", "Status")]]
    for ts in items:
        state = "OVERDUE" if ts.get("overdue") else ("recorded" if ts.get("at") else "not recorded")
        note = ts.get("note")
        at, due = timefmt.clock_pair(ts.get("at"), ts.get("due_by"), tz, year=True,
                                     ref=a.get("assessed_at"))
        note = handover.readable(note) if note else note
        rows.append([para(ts.get("label") or ts.get("code")),
                     para(at or "—"), para(due or "—"),
                     para(state + (f": {note}" if note else ""),
                          "cell_bold" if ts.get("overdue") else "cell")])
    t = Table(rows, colWidths=widths(width_mm, [0.30, 0.2, 0.2, 0.30]), repeatRows=1)
    t.setStyle(grid_style())
    return [*heading("Time stamps"), t]


def _items_with_basis(a: dict) -> list[tuple[str, dict]]:
    items: list[tuple[str, dict]] = []
    pw = a.get("pathway") or {}
    items.append((f"Pathway: {labels.word(labels.PATHWAYS, pw.get('code'))}", pw))
    for act in a.get("actions") or []:
        items.append((f"Action: {labels.word(labels.ACTIONS, act.get('code'))}", act))
    pre = a.get("precautions") or {}
    items.append((f"Precautions: {labels.word(labels.PRECAUTIONS, pre.get('code'))}", pre))
    for o in a.get("orders") or []:
        items.append((f"Order: {labels.word(labels.ORDERS, o.get('code'))}, "
                      f"{labels.word(labels.STATUS, o.get('status'))}", o))
    for al in a.get("alerts") or []:
        items.append((f"Alert: {labels.word(labels.ALERTS, al.get('code'))}", al))
    for d in a.get("disagreements") or []:
        items.append((f"Disagreement: {labels.word(labels.DISAGREEMENTS, d.get('code'))}", d))
    return items


def _limits(a: dict) -> list:
    """The declared limits of each rule behind a recommendation, as the catalogue states
    them (`mscc-pathway rules`): the numbers the decisions were compared with."""
    from engine.rules.catalogue import RULES

    lines, seen = [], set()
    for _, item in _items_with_basis(a):
        spec = RULES.get(item.get("rule") or "")
        if spec is None or spec.id in seen or not spec.thresholds:
            continue
        seen.add(spec.id)
        lines.append(para(f"<b>{esc(spec.id)}</b>: " + "; ".join(
            f"{esc(handover.readable(t.text))} ({esc(t.source)})" for t in spec.thresholds),
            "small", markup=True))
    return [gap(1), para("Limits applied (from the rule declarations):", "cell_bold"),
            *lines] if lines else []


def basis(a: dict, width_mm: float, resolve: Callable[[str], object | None],
          nursing_rows: list | None = None) -> list:
    """Each recommendation with its rule id (and version, from the trace) and source
    ids; then every cited source once, with its full citation."""
    versions = {t.get("rule"): t.get("version") for t in a.get("trace") or []}
    rows = [[para(h, "cell_head") for h in ("Recommendation", "Rule", "Sources")]]
    cited: list[str] = []
    for label, item in _items_with_basis(a):
        rule = item.get("rule") or "—"
        if versions.get(rule) is not None:
            rule = f"{rule} v{versions[rule]}"
        srcs = list(item.get("sources") or [])
        cited += [s for s in srcs if s not in cited]
        rows.append([para(label), para(rule, "small"), para(", ".join(srcs) or "—", "small")])
    for row in nursing_rows or []:  # page 1's nursing rows: where each comes from
        rows.append([para(f"Nursing: {row.heading}"), para(row.basis or "—", "small"),
                     para("—", "small")])
    t = Table(rows, colWidths=widths(width_mm, [0.45, 0.25, 0.30]), repeatRows=1)
    t.setStyle(grid_style())
    out = [*heading("Basis of each recommendation"),
           para("Rule ids are those of the engine's rule catalogue (their inputs are in the "
                "assessment's trace, embedded in this file as assessment.json).", "note"),
           gap(1), t, *_limits(a), *heading("Sources cited")]
    refs = []
    for sid in cited:
        src = resolve(sid)
        if src is None:
            refs.append([para(sid, "source_id"),
                         para("SOURCE NOT FOUND in this build's registry: check before relying "
                              "on the recommendation that cites it.", "cell_bold")])
            continue
        parts = [esc(getattr(src, "citation", "") or "")]
        if getattr(src, "section", ""):
            parts.append(f"Section: {esc(src.section)}.")
        text = " ".join(parts)
        if getattr(src, "url", ""):
            text += "<br/>" + url_lines(src.url, widths(width_mm, [0.23, 0.77])[1] - 8)
        refs.append([para(sid, "source_id"), para(text, markup=True)])
    if refs:
        rt = Table(refs, colWidths=widths(width_mm, [0.23, 0.77]))
        rt.setStyle(grid_style(header=False))
        out.append(rt)
    return out


def about(a: dict, full_fingerprint: str, case_sha256: str, width_mm: float,
          settings: list | None = None) -> list:
    text = (f"Document fingerprint (SHA-256 of case.json, a newline, and assessment.json): "
            f"{full_fingerprint}. Case SHA-256: {case_sha256}. Engine {a.get('engine_version')}, "
            f"knowledge {a.get('knowledge_version')}. The exact case is embedded in this PDF as "
            "case.json: open the file with MSCC Pathway (mscc-pathway FILE.pdf) to reopen it. "
            "A signed file is checked with: mscc-pathway verify FILE.pdf.")
    out = [*heading("About this document"), para(text, "note")]
    if settings:  # engine.site_config.Setting: what was set, and by whom
        out.append(para("Settings used, and where each came from: " + "; ".join(
            f"{s.label}: {s.value} ({s.origin})" for s in settings) + ".", "note"))
    return out
