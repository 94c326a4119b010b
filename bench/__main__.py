"""`python -m bench`: MSCC Pathway performance figures, each beside its baseline
measured in the same run. Prints a table and writes bench/results.json.

    .venv/bin/python -m bench               # full run (a few minutes)
    .venv/bin/python -m bench --quick       # fewer repeats (under a minute)
    .venv/bin/python -m bench --only engine,cli
    .venv/bin/python -m bench --display offscreen   # no X window even if Xvfb exists

Sections: engine, cli, app (start and memory), recompute (also the scale case's
recompute), export. A section that cannot run (the app or the PDF export not
importable, no Qt libraries) is listed as skipped with the reason; the rest still
runs. The aims are reported, never asserted."""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from bench.stats import table

SECTIONS = ("engine", "cli", "app", "recompute", "export")
BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results.json"


def _run_text(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              timeout=10, cwd=ROOT).stdout.decode(errors="replace").strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine() -> dict:
    info: dict = {"python": platform.python_version(), "system": platform.platform(),
                  "cpus": os.cpu_count()}
    lscpu = _run_text(["lscpu"])
    for line in lscpu.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "Hypervisor vendor",
                           "CPU max MHz", "L3 cache"):
            info["lscpu " + key.strip()] = value.strip()
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for dist in ("PySide6_Essentials", "pydantic", "pydantic_core", "reportlab", "pyHanko",
                 "pypdf", "cryptography", "rl_accel"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    info["packages"] = versions
    info["git_commit"] = _run_text(["git", "rev-parse", "--short", "HEAD"]) or None
    info["git_dirty"] = bool(_run_text(["git", "status", "--porcelain", "--untracked-files=no"]))
    return info


def _importable(code: str, env: dict) -> str | None:
    proc = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120, cwd=ROOT)
    if proc.returncode == 0:
        return None
    lines = proc.stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else f"exit {proc.returncode}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (under a minute)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections ({','.join(SECTIONS)})")
    parser.add_argument("--display", choices=("auto", "xcb", "offscreen"), default="auto",
                        help="where GUI figures show their window (default: a real X window "
                        "via $DISPLAY or Xvfb when possible, else offscreen)")
    parser.add_argument("--out", default=str(RESULTS), help="results file (JSON)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(wanted) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")

    os.chdir(ROOT)
    started = time.monotonic()
    load_before = os.getloadavg()
    if load_before[0] > (os.cpu_count() or 1):
        print(f"[bench] warning: load average {load_before[0]:.1f} on {os.cpu_count()} CPUs: "
              "other work is running, wall-clock figures will be inflated (the baselines "
              "are too, so ratios stay comparable; extra.cpu_ms figures are less affected)",
              file=sys.stderr)
    figures: list = []
    sections: dict = {}
    pycache = tempfile.mkdtemp(prefix="mscc-bench-pycache-")
    from bench.display import Display, base_env

    env = base_env(pycache)
    display = None
    try:
        for name in SECTIONS:
            if name not in wanted:
                continue
            t0 = time.monotonic()
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
            try:
                reason = None
                if name in ("app", "recompute"):
                    reason = _importable("import PySide6.QtWidgets, desktop.app, "
                                         "desktop.session, desktop.ui.main_window", env)
                    if reason is None and display is None:
                        display = Display(args.display, pycache)
                        display.start()
                elif name == "export":
                    reason = _importable("from engine.report import render_summary; "
                                         "from engine.report.signing import create_identity, "
                                         "sign_pdf; from engine.report.verify import verify_pdf",
                                         env)
                if reason is not None:
                    sections[name] = {"status": "skipped", "reason": reason}
                    print(f"[bench] {name} skipped: {reason}", file=sys.stderr)
                    continue
                if name == "engine":
                    from bench import engine_bench
                    figs, info = engine_bench.run(args.quick)
                elif name == "cli":
                    from bench import cli_bench
                    figs, info = cli_bench.run(args.quick, env)
                elif name == "app":
                    from bench import app_start
                    figs, info = app_start.run(display, args.quick)
                elif name == "recompute":
                    from bench import recompute
                    figs, info = recompute.run(display, args.quick)
                else:
                    from bench import export
                    figs, info = export.run(env, args.quick)
                figures += [f.to_json() for f in figs]
                sections[name] = {"status": "ok", "seconds": round(time.monotonic() - t0, 1),
                                  **info}
            except Exception as exc:  # one section failing must not lose the others
                traceback.print_exc()
                sections[name] = {"status": "failed", "reason": f"{type(exc).__name__}: {exc}",
                                  "seconds": round(time.monotonic() - t0, 1)}
    finally:
        if display is not None:
            display.stop()
        shutil.rmtree(pycache, ignore_errors=True)

    result = {
        "format": "mscc-bench/1",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m bench" + (" --quick" if args.quick else "")
                   + ("" if wanted == list(SECTIONS) else f" --only {','.join(wanted)}"),
        "quick": args.quick,
        "seconds": round(time.monotonic() - started, 1),
        "machine": machine(),
        "load_average": {"before": [round(x, 2) for x in load_before],
                         "after": [round(x, 2) for x in os.getloadavg()]},
        "display": None if display is None else {"platform": display.platform,
                                                 "note": display.note},
        "sections": sections,
        "figures": figures,
    }
    print(table(figures, markdown=args.markdown))
    for name, sec in sections.items():
        if sec["status"] != "ok":
            print(f"{name}: {sec['status']} ({sec['reason']})")
    print(f"({result['seconds']} s; load average before {result['load_average']['before'][0]}, "
          f"after {result['load_average']['after'][0]}; GUI on "
          f"{result['display']['platform'] if result['display'] else '-'})")
    if not args.no_write:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0 if all(s["status"] != "failed" for s in sections.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
