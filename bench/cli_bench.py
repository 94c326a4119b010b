"""Command-line figure: `mscc-pathway evaluate --json CASE` cold, end to end (a new
process each time, wall clock from spawn to exit), against `python -c pass` and
`python -c "import pydantic"` with the same interpreter. The three commands run
round-robin so that all see the same machine state."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.cases import motivating_case_path
from bench.stats import Figure


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("mscc-pathway")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "desktop.launcher"]


CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(cmd: list[str], env: dict, name: str = "") -> tuple[float, subprocess.CompletedProcess]:
    c = _children_cpu()
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t
    if name:  # CPU time of the child: far less sensitive to a busy machine than wall time
        CPU.setdefault(name, []).append((_children_cpu() - c) * 1000.0)
    return wall, proc


def run(quick: bool = False, env: dict | None = None) -> tuple[list[Figure], dict]:
    env = dict(os.environ if env is None else env)
    runs = 5 if quick else 20
    case = str(motivating_case_path())
    evaluate = cli_command() + ["evaluate", "--json", case]
    bare = [sys.executable, "-c", "pass"]
    pydantic = [sys.executable, "-c", "import pydantic"]
    # Check once (and warm the page cache) before timing.
    _, proc = _time(evaluate, env)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(evaluate)} failed: {proc.stderr.decode()[-400:]}")
    code = json.loads(proc.stdout)["pathway"]["code"]
    for cmd in (bare, pydantic):
        _time(cmd, env)
    series: dict[str, list[float]] = {"evaluate": [], "pass": [], "pydantic": []}
    for _ in range(runs):
        for name, cmd in (("pass", bare), ("pydantic", pydantic), ("evaluate", evaluate)):
            seconds, proc = _time(cmd, env, name)
            if proc.returncode != 0:
                raise RuntimeError(f"{name} failed: {proc.stderr.decode()[-400:]}")
            series[name].append(seconds * 1000.0)
    def cpu(name):
        values = sorted(CPU[name][-runs:])
        return round(values[len(values) // 2], 1)

    cpu_extra = {"cpu_ms_median": cpu("evaluate"), "cpu_ms_median_python_pass": cpu("pass"),
                 "cpu_ms_median_import_pydantic": cpu("pydantic")}
    label = "CLI: mscc-pathway evaluate --json, cold"
    figs = [
        Figure(id="cli.evaluate.vs_pass", section="cli", label=label, unit="ms",
               values=series["evaluate"], baseline_label="python -c pass",
               baseline_values=series["pass"], extra={"pathway": code, **cpu_extra}),
        Figure(id="cli.evaluate.vs_pydantic", section="cli", label=label, unit="ms",
               values=series["evaluate"], baseline_label='python -c "import pydantic"',
               baseline_values=series["pydantic"], extra=cpu_extra),
    ]
    return figs, {"command": evaluate}
