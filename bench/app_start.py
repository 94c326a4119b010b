"""App start (launch to first painted window) and peak memory.

Three launches, round-robin, each a new process with a fresh, empty app home:
- bare: a bare PySide6 QMainWindow (the baseline),
- app: `mscc-pathway` with no file (empty case),
- app + case: `mscc-pathway CASE.json` with the motivating case.
See bench/launch_child.py for how "first painted" is caught. Peak RSS (ru_maxrss) is
read in the same processes SETTLE ms after the first frame."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.cases import motivating_case_path
from bench.display import Display, FreshHome
from bench.stats import Figure

CHILD = Path(__file__).resolve().parent / "launch_child.py"


def launch(display: Display, mode: str, case: str | None = None, settle_ms: int = 300,
           timeout: float = 60.0) -> dict:
    with FreshHome() as home:
        out = os.path.join(home, "result.json")
        env = display.child_env(home)
        cmd = [sys.executable, str(CHILD), mode, "", out, str(settle_ms)]
        if case:
            cmd.append(case)
        t0 = time.monotonic()
        cmd[3] = repr(t0)
        proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
        wall = time.monotonic() - t0
        if not os.path.exists(out):
            raise RuntimeError(f"launch {mode} {case or ''} gave no result (exit "
                               f"{proc.returncode}): {proc.stderr.decode(errors='replace')[-600:]}")
        with open(out, encoding="utf-8") as fh:
            result = json.load(fh)
        result["wall_s"] = wall
        return result


def run(display: Display, quick: bool = False) -> tuple[list[Figure], dict]:
    runs = 2 if quick else 10
    settle = 200 if quick else 400
    case = str(motivating_case_path())
    kinds = {"bare": ("bare", None), "app": ("app", None), "app_case": ("app", case)}
    for mode, arg in kinds.values():  # warm the page cache; not counted
        launch(display, mode, arg, settle_ms=0)
    results: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(runs):
        for key, (mode, arg) in kinds.items():
            results[key].append(launch(display, mode, arg, settle_ms=settle))
    states = {r.get("session_state") for r in results["app_case"]}
    if states != {"ok"}:
        raise RuntimeError(f"the motivating case did not open with an assessment: {states}")

    def ms(key: str, mark: str = "t_painted") -> list[float]:
        return [r[mark] * 1000.0 for r in results[key]]

    def cpu_ms(key: str, mark: str = "cpu_painted") -> float:
        return round(statistics.median(r[mark] * 1000.0 for r in results[key]), 1)

    def mib(key: str) -> list[float]:
        return [r["maxrss_kib"] / 1024.0 for r in results[key]]

    def aim_ratio(values, base, limit):
        values, base = sorted(values), sorted(base)
        return values[len(values) // 2] / base[len(base) // 2] <= limit

    platform = results["bare"][0].get("platform")
    bare_label = "bare PySide6 QMainWindow, same launch"
    figs = [
        Figure(id="app.start.empty", section="app", unit="ms",
               label="App start to first paint, empty case", values=ms("app"),
               baseline_label=bare_label, baseline_values=ms("bare"),
               aim="<= 1.5x bare", aim_met=aim_ratio(ms("app"), ms("bare"), 1.5),
               extra={"cpu_ms_median": cpu_ms("app"), "baseline_cpu_ms_median": cpu_ms("bare"),
                      "interpreter_ready_ms_median": round(statistics.median(ms("app", "t_main")), 1)}),
        Figure(id="app.start.case", section="app", unit="ms",
               label="App start to first paint, motivating case opened", values=ms("app_case"),
               baseline_label=bare_label, baseline_values=ms("bare"),
               aim="<= 1.5x bare", aim_met=aim_ratio(ms("app_case"), ms("bare"), 1.5),
               extra={"cpu_ms_median": cpu_ms("app_case"), "baseline_cpu_ms_median": cpu_ms("bare"),
                      "first_paint_begin_ms_median":
                          round(statistics.median(ms("app_case", "t_paint_begin")), 1)}),
        Figure(id="app.ready.empty", section="app", unit="ms",
               label="App start to assessment painted, empty case", values=ms("app", "t_ready"),
               baseline_label=bare_label, baseline_values=ms("bare"),
               aim="<= 1.5x bare (as first paint)",
               aim_met=aim_ratio(ms("app", "t_ready"), ms("bare"), 1.5),
               extra={"cpu_ms_median": cpu_ms("app", "cpu_ready")}),
        Figure(id="app.ready.case", section="app", unit="ms",
               label="App start to case and assessment painted, motivating case",
               values=ms("app_case", "t_ready"),
               baseline_label=bare_label, baseline_values=ms("bare"),
               aim="<= 1.5x bare (as first paint)",
               aim_met=aim_ratio(ms("app_case", "t_ready"), ms("bare"), 1.5),
               extra={"cpu_ms_median": cpu_ms("app_case", "cpu_ready")}),
        Figure(id="memory.peak_rss.case", section="memory", unit="MiB",
               label="Peak RSS, app with the motivating case", values=mib("app_case"),
               baseline_label="bare PySide6 QMainWindow", baseline_values=mib("bare"),
               aim="<= 1.5x bare", aim_met=aim_ratio(mib("app_case"), mib("bare"), 1.5),
               extra={"settle_ms_after_first_paint": settle,
                      "app_empty_case_mib": round(statistics.median(mib("app")), 1)}),
    ]
    return figs, {"platform": platform, "display": display.note, "launches_per_kind": runs}
