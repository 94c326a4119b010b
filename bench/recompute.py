"""Recompute figures: a field edit through the real widgets to the updated assessment
panel painted, in the app's process (see bench/recompute_child.py), with the session's
own debounce and with none; baseline the engine call alone on the same case. Also the
scale case (20 imaging studies, 40 lesions)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.cases import motivating_case_path, scale_case, write_json
from bench.display import Display, FreshHome
from bench.stats import Figure, percentile

CHILD = Path(__file__).resolve().parent / "recompute_child.py"
WARMUP_EDITS = 2
AIM_MS = 50.0


def measure(display: Display, case: str, edits: int, debounce: str,
            timeout: float = 240.0) -> dict:
    with FreshHome() as home:
        out = os.path.join(home, "result.json")
        proc = subprocess.run(
            [sys.executable, str(CHILD), out, case, str(edits + WARMUP_EDITS), debounce],
            env=display.child_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            timeout=timeout)
        if not os.path.exists(out):
            raise RuntimeError(f"recompute child failed (exit {proc.returncode}): "
                               f"{proc.stderr.decode(errors='replace')[-800:]}")
        with open(out, encoding="utf-8") as fh:
            result = json.load(fh)
    result["samples"] = result["samples"][WARMUP_EDITS:]
    missing = [s for s in result["samples"] if s["painted_ms"] is None]
    if missing:
        raise RuntimeError(f"{len(missing)} edit(s) never painted the panel")
    return result


def _col(result: dict, key: str) -> list[float]:
    return [s[key] for s in result["samples"]]


def _extra(result: dict) -> dict:
    def med(key):
        values = sorted(v for v in _col(result, key) if v is not None)
        return round(values[len(values) // 2], 2) if values else None
    return {"debounce_ms": result["debounce_ms"], "edit": f"key press in {result['field']}",
            "rendered_ms_median": med("rendered_ms"), "first_paint_ms_median": med("first_paint_ms"),
            "paint_passes_median": med("paint_passes"), "cpu_ms_median": med("cpu_ms"),
            "paint_passes_max": max(_col(result, "paint_passes")),
            "open_case_ms": round(result["open_case_ms"], 1), "platform": result["platform"]}


def run(display: Display, quick: bool = False) -> tuple[list[Figure], dict]:
    edits = 6 if quick else 30
    tmp = tempfile.mkdtemp(prefix="mscc-bench-cases-")
    try:
        scale_path = str(write_json(Path(tmp) / "scale-20-studies-40-lesions.json", scale_case()))
        motiv = str(motivating_case_path())
        configs = {
            "debounced": (motiv, "default"),
            "immediate": (motiv, "0"),
            "scale_immediate": (scale_path, "0"),
        }
        if not quick:
            configs["scale_debounced"] = (scale_path, "default")
        results = {k: measure(display, case, edits, deb) for k, (case, deb) in configs.items()}
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)

    def p95(values):
        return percentile(values, 95)

    engine_label = "engine.assess() alone, same case"
    r = results["immediate"]
    d = results["debounced"]
    s = results["scale_immediate"]
    figs = [
        Figure(id="recompute.immediate", section="recompute", unit="ms",
               label="Recompute: edit to panel painted, no debounce (debounce_ms=0)",
               values=_col(r, "painted_ms"), baseline_label=engine_label,
               baseline_values=_col(r, "engine_ms"), aim="p95 < 50 ms",
               aim_met=p95(_col(r, "painted_ms")) < AIM_MS, extra=_extra(r)),
        Figure(id="recompute.debounced", section="recompute", unit="ms",
               label=f"Recompute: edit to panel painted, app's debounce ({d['debounce_ms']} ms)",
               values=_col(d, "painted_ms"), baseline_label=engine_label,
               baseline_values=_col(d, "engine_ms"), aim="p95 < 50 ms after the debounce",
               aim_met=p95(_col(d, "painted_ms")) - d["debounce_ms"] < AIM_MS, extra=_extra(d)),
        Figure(id="scale.recompute.immediate", section="scale", unit="ms",
               label="Scale: recompute to panel painted, 20 studies/40 lesions, no debounce",
               values=_col(s, "painted_ms"), baseline_label=engine_label,
               baseline_values=_col(s, "engine_ms"), aim="p95 < 50 ms",
               aim_met=p95(_col(s, "painted_ms")) < AIM_MS, extra=_extra(s)),
    ]
    if "scale_debounced" in results:
        sd = results["scale_debounced"]
        figs.append(Figure(
            id="scale.recompute.debounced", section="scale", unit="ms",
            label=f"Scale: recompute to panel painted, app's debounce ({sd['debounce_ms']} ms)",
            values=_col(sd, "painted_ms"), baseline_label=engine_label,
            baseline_values=_col(sd, "engine_ms"), aim="p95 < 50 ms after the debounce",
            aim_met=p95(_col(sd, "painted_ms")) - sd["debounce_ms"] < AIM_MS, extra=_extra(sd)))
    return figs, {"edits_per_config": edits, "warmup_edits": WARMUP_EDITS}
