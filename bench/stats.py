"""Median, p95, figures with their baselines, and the printed table. Stdlib only."""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), as numpy's default."""
    if not values:
        return math.nan
    data = sorted(values)
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def summary(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"median": None, "p95": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(values), "p95": percentile(values, 95),
            "min": min(values), "max": max(values), "n": len(values)}


@dataclass
class Figure:
    """One row of the table: a measurement, its baseline from the same run, the ratio."""
    id: str
    section: str
    label: str
    unit: str
    values: list[float]
    baseline_label: str | None = None
    baseline_values: list[float] | None = None
    aim: str | None = None
    aim_met: bool | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        s = summary(self.values)
        out: dict[str, Any] = {"id": self.id, "section": self.section, "label": self.label,
                               "unit": self.unit, **s}
        if self.baseline_values is not None:
            b = summary(self.baseline_values)
            out["baseline"] = {"label": self.baseline_label, **b}
            out["ratio"] = (s["median"] / b["median"]
                            if s["median"] is not None and b["median"] else None)
            out["ratio_p95"] = (s["p95"] / b["p95"]
                                if s["p95"] is not None and b["p95"] else None)
        else:
            out["baseline"] = None
            out["ratio"] = None
            out["ratio_p95"] = None
        out["aim"] = self.aim
        out["aim_met"] = self.aim_met
        if self.note:
            out["note"] = self.note
        if self.extra:
            out["extra"] = self.extra
        out["values"] = [round(v, 6) for v in self.values]
        if self.baseline_values is not None:
            out["baseline"]["values"] = [round(v, 6) for v in self.baseline_values]
        return out


def fmt(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "MiB":
        text = f"{value:.0f}" if value >= 100 else f"{value:.1f}"
    elif value >= 1000:
        text = f"{value:.0f}"
    elif value >= 100:
        text = f"{value:.0f}"
    elif value >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def table(rows: list[dict[str, Any]], markdown: bool = False) -> str:
    """rows: Figure.to_json() dicts."""
    head = ["figure", "median", "p95", "baseline", "baseline median", "baseline p95",
            "ratio", "aim"]
    lines = []
    for r in rows:
        b = r.get("baseline") or {}
        aim = r.get("aim") or ""
        if aim and r.get("aim_met") is not None:
            aim = f"{aim}: {'met' if r['aim_met'] else 'MISSED'}"
        lines.append([
            r["label"], fmt(r["median"], r["unit"]), fmt(r["p95"], r["unit"]),
            b.get("label") or "-", fmt(b.get("median"), r["unit"]), fmt(b.get("p95"), r["unit"]),
            "-" if r.get("ratio") is None else f"{r['ratio']:.2f}x", aim,
        ])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
              for i, h in enumerate(head)]
    sep = "  "
    out = [sep.join(h.ljust(w) for h, w in zip(head, widths)),
           sep.join("-" * w for w in widths)]
    out += [sep.join(c.ljust(w) for c, w in zip(line, widths)) for line in lines]
    return "\n".join(out)
