"""QS56 audit report (issue 14 part 4): every case whose summary was exported, from the
audit log, with the NICE QS56 intervals and who is overdue.

- The chain is verified first (engine.audit.verify_chain); the result heads the report.
  A broken chain is reported, never hidden: the figures still come from the entries
  that can be read, and every case recorded at or after the break is marked
  unverified.
- One case per exported summary: export entries are grouped by the summary's document
  fingerprint (the SHA-256 of the case and its assessment), so exporting the same case
  twice counts once; the latest successful export of it is the one used. An export
  whose file was not written counts only if the case was never written.
- Intervals come from the QS56 times each export entry recorded (engine.audit
  .qs56_record): first neurological symptom -> first whole-spine MRI (QS56 statement 3:
  24 h), first neurological symptom -> MSCC coordinator contact (NG234: at once; shares
  within 24 h and 1 week are reported), treatment decision -> radiotherapy start (QS56
  statement 6: 24 h). An interval with an end not recorded is "not measured", never
  counted as within the standard.
- --from/--to select on the date of the assessment as recorded (the ward's own date);
  an entry without QS56 times (exported before they were recorded) by its export date
  (UTC).

JSON shape: {"cases": [...], "summary": {...}} (docs/engine-api.md)."""
from __future__ import annotations

import statistics
from datetime import date, datetime, timezone
from pathlib import Path

REPORT_FORMAT = "mscc-qs56-audit/1"
DAY_H = 24.0
WEEK_H = 168.0
INTERVALS = {
    "onset_to_mri": ("neuro_onset", "mri", "First neurological symptom to whole-spine MRI",
                     DAY_H, "NICE QS56 statement 3: MRI within 24 h"),
    "onset_to_coordinator": ("neuro_onset", "coordinator_contact",
                             "First neurological symptom to MSCC coordinator contact", None,
                             "NICE NG234 / QS56 statement 4: contact the coordinator at once"),
    "decision_to_radiotherapy": ("treatment_decision", "radiotherapy_start",
                                 "Treatment decision to radiotherapy start", DAY_H,
                                 "NICE QS56 statement 6: radiotherapy within 24 h of the "
                                 "decision"),
}
WRITTEN = ("signed", "unsigned")


class ReportError(ValueError):
    """Bad arguments for the report (one line)."""


def parse_day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(f"{what} {text!r} is not a date (use YYYY-MM-DD)") from None


def _time(text):
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else None  # a time without its offset is not comparable


def _case_day(entry: dict) -> date | None:
    qs = entry.get("qs56") if isinstance(entry.get("qs56"), dict) else None
    at = _time(qs.get("assessed_at")) if qs else None
    if at is None:
        at = _time(entry.get("time"))
        at = at.astimezone(timezone.utc) if at else None
    return at.date() if at else None


def _interval(times: dict, start: str, end: str, standard: float | None) -> dict:
    a, b = times.get(start), times.get(end)
    if a is None:
        return {"hours": None, "status": "start not recorded", "within_24h": None,
                "within_1_week": None, "exceeds_standard": None}
    if b is None:
        return {"hours": None, "status": "end not recorded", "within_24h": None,
                "within_1_week": None, "exceeds_standard": None}
    hours = (b - a).total_seconds() / 3600
    return {"hours": round(hours, 2), "status": "measured", "within_24h": hours <= DAY_H,
            "within_1_week": hours <= WEEK_H,
            "exceeds_standard": (hours > standard) if standard is not None else None}


def _case_row(entry: dict, exports: int, verified: bool) -> dict:
    qs = entry.get("qs56") if isinstance(entry.get("qs56"), dict) else None
    row = {"fingerprint": entry.get("fingerprint"), "patient": entry.get("patient"),
           "exported_at": entry.get("time"), "export_seq": entry.get("seq"),
           "exports": exports, "outcome": entry.get("outcome"), "verified": verified,
           "qs56_recorded": qs is not None}
    if qs is None:
        row.update({"assessed_at": None, "pathway": None, "urgency": None, "times": {},
                    "intervals": {}, "overdue": [],
                    "note": "exported before QS56 times were recorded in the audit log"})
        return row
    stamps = [s for s in qs.get("timestamps") or [] if isinstance(s, dict)]
    raw = {s.get("code"): s.get("at") for s in stamps}
    times = {code: _time(at) for code, at in raw.items()}
    intervals = {name: _interval(times, start, end, standard)
                 for name, (start, end, _label, standard, _src) in INTERVALS.items()}
    overdue = [s["code"] for s in stamps if s.get("overdue")]
    for name, iv in intervals.items():
        end = INTERVALS[name][1]
        if iv["exceeds_standard"] and end not in overdue:
            overdue.append(end)
    row.update({"assessed_at": qs.get("assessed_at"), "pathway": qs.get("pathway"),
                "urgency": qs.get("urgency"), "times": raw,
                "due_by": {s.get("code"): s.get("due_by") for s in stamps if s.get("due_by")},
                "intervals": intervals, "overdue": overdue})
    return row


def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _read_indexed(log: Path) -> list:
    """Each line of the log as a parsed object (None for a damaged line), so a line's
    position is its position in the chain."""
    import json

    from engine import audit

    try:
        data = audit._read_file(log)
    except OSError:  # no log, or unreadable: the chain report says which
        return []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append(None)
    return out


def build_report(log: Path, date_from: date | None = None, date_to: date | None = None,
                 now: datetime | None = None) -> dict:
    from engine import audit

    if date_from and date_to and date_from > date_to:
        raise ReportError(f"--from {date_from} is after --to {date_to}")
    chain = audit.verify_chain(log)
    entries = _read_indexed(log)
    broken_at = None if chain.intact else (chain.broken_at or 0)

    groups: dict[str, list[tuple[int, dict]]] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or entry.get("event") != "export":
            continue
        key = entry.get("fingerprint") or f"entry-{index}"
        groups.setdefault(key, []).append((index, entry))

    cases, not_written, outside = [], 0, 0
    for key, items in groups.items():
        written = [(i, e) for i, e in items if e.get("outcome") in WRITTEN]
        if not written:
            not_written += 1
            continue
        index, latest = written[-1]
        day = _case_day(latest)
        if (date_from and (day is None or day < date_from)) or \
                (date_to and (day is None or day > date_to)):
            outside += 1
            continue
        verified = broken_at is None or max(i for i, _ in items) < broken_at
        cases.append(_case_row(latest, len(written), verified))
    cases.sort(key=lambda r: (r["assessed_at"] or r["exported_at"] or "", r["fingerprint"] or ""))

    summary_intervals = {}
    for name, (_s, _e, label, standard, source) in INTERVALS.items():
        rows = [r["intervals"][name] for r in cases if r["qs56_recorded"]]
        measured = [iv["hours"] for iv in rows if iv["status"] == "measured"]
        w24 = sum(1 for h in measured if h <= DAY_H)
        w1w = sum(1 for h in measured if h <= WEEK_H)
        summary_intervals[name] = {
            "label": label, "standard": source, "standard_hours": standard,
            "measured": len(measured),
            "not_measured": len(rows) - len(measured),
            "within_24h": w24, "within_24h_share": _share(w24, len(measured)),
            "within_1_week": w1w, "within_1_week_share": _share(w1w, len(measured)),
            "median_hours": round(statistics.median(measured), 2) if measured else None,
            "exceeding_standard": sum(1 for iv in rows if iv["exceeds_standard"]),
        }
    summary = {
        "format": REPORT_FORMAT,
        "generated_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "log": str(log),
        "chain": {"intact": chain.intact, "entries": chain.entries,
                  "broken_at": chain.broken_at, "reason": chain.reason},
        "period": {"from": date_from.isoformat() if date_from else None,
                   "to": date_to.isoformat() if date_to else None,
                   "basis": "date of the assessment as recorded (export date, UTC, for "
                            "entries without QS56 times)"},
        "cases": len(cases),
        "cases_unverified": sum(1 for r in cases if not r["verified"]),
        "cases_without_qs56": sum(1 for r in cases if not r["qs56_recorded"]),
        "cases_overdue": sum(1 for r in cases if r["overdue"]),
        "exports_not_written": not_written,
        "outside_period": outside,
        "intervals": summary_intervals,
    }
    return {"cases": cases, "summary": summary}
