"""Export figures: render + sign + re-verify the motivating case's PDF (vignette 01)
through the app's own export call (engine.report.export.export_summary: it also writes
the file, reads it back, verifies it again and appends the audit entry), first-time in
a fresh process (lazy imports of reportlab, pypdf, pyHanko included) and warm;
baseline a one-page reportlab document measured the same way. The breakdown (render,
sign, verify each alone) comes from separate processes. A throw-away signing identity
is created once per run (not timed). See bench/export_child.py."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.cases import motivating_case_path
from bench.stats import Figure

CHILD = Path(__file__).resolve().parent / "export_child.py"
AIM_WARM_MS = 500.0


def _child(args: list[str], env: dict, timeout: float = 180.0) -> dict:
    fd, out = tempfile.mkstemp(prefix="mscc-bench-export-", suffix=".json")
    os.close(fd)
    try:
        proc = subprocess.run([sys.executable, str(CHILD), args[0], out, *args[1:]], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"export child {args[0]} failed (exit {proc.returncode}): "
                               f"{proc.stderr.decode(errors='replace')[-800:]}")
        with open(out, encoding="utf-8") as fh:
            return json.load(fh)
    finally:
        os.unlink(out)


def available() -> str | None:
    """None when the export can be measured, else why not."""
    try:
        from engine.report import render_summary  # noqa: F401
        from engine.report.signing import create_identity, sign_pdf  # noqa: F401
        from engine.report.verify import verify_pdf  # noqa: F401
    except ImportError as exc:
        return f"engine.report is not complete yet ({exc})"
    return None


def run(env: dict, quick: bool = False) -> tuple[list[Figure], dict]:
    from engine.report.signing import create_identity

    processes, warm = (1, 3) if quick else (6, 5)
    tmp = tempfile.mkdtemp(prefix="mscc-bench-identity-")
    try:
        passphrase = "bench-passphrase-not-secret"
        pass_file = os.path.join(tmp, "passphrase.txt")
        with open(pass_file, "w", encoding="utf-8") as fh:
            fh.write(passphrase + "\n")
        identity = create_identity("Dr Bench Mark", "BENCH-0001", passphrase,
                                   os.path.join(tmp, "bench.p12"))
        common = [str(motivating_case_path()), str(identity.p12_path), pass_file, str(warm),
                  tmp]
        export_args = ["export", *common]
        steps_args = ["steps", *common]
        baseline_args = ["baseline", str(warm)]
        _child(export_args, env)  # warm the page cache and byte-code cache, not counted
        _child(baseline_args, env)
        exports, baselines = [], []
        for _ in range(processes):
            exports.append(_child(export_args, env))
            baselines.append(_child(baseline_args, env))
        steps = [_child(steps_args, env) for _ in range(max(1, processes // 4))]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def col(results, key, which):
        if which == "first":
            return [r["first"][key] for r in results]
        return [w[key] for r in results for w in r["warm"]]

    def med(values):
        values = sorted(values)
        return round(values[len(values) // 2], 1)

    breakdown = {f"{which}_{step}_ms_median": med(col(steps, f"{step}_ms", which))
                 for which in ("first", "warm") for step in ("render", "sign", "verify")}
    breakdown["pipeline"] = exports[0]["first"]["pipeline"]
    if "cpu_ms" in exports[0]["first"]:
        breakdown["warm_cpu_ms_median"] = med(col(exports, "cpu_ms", "warm"))
        breakdown["first_cpu_ms_median"] = med(col(exports, "cpu_ms", "first"))
    breakdown["pdf_bytes"] = exports[0]["first"]["pdf_bytes"]
    breakdown["heavy_modules_loaded_before_export"] = exports[0]["preloaded"]
    warm_values = col(exports, "total_ms", "warm")
    figs = [
        Figure(id="export.warm", section="export", unit="ms",
               label="Export: signed PDF of the motivating case, warm",
               values=warm_values, baseline_label="one-page reportlab document, warm",
               baseline_values=col(baselines, "total_ms", "warm"), aim="< 500 ms",
               aim_met=med(warm_values) < AIM_WARM_MS, extra=breakdown),
        Figure(id="export.first", section="export", unit="ms",
               label="Export: first in a fresh process (lazy imports)",
               values=col(exports, "total_ms", "first"),
               baseline_label="one-page reportlab document, first (import reportlab)",
               baseline_values=col(baselines, "total_ms", "first")),
    ]
    return figs, {"processes": processes, "warm_per_process": warm}
