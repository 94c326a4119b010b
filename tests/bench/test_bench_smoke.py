"""The benchmark command runs and writes results of the documented shape. Timings are
never asserted here (they depend on the machine); bench/README.md has the figures."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `bench` is a top-level directory, not an installed package
    sys.path.insert(0, str(REPO))

from bench.cases import load_cases, motivating_case, scale_case  # noqa: E402


def test_bundled_cases_are_enough_without_shared():
    cases = load_cases(shared=None)
    assert len(cases) >= 3
    assert all(c.source == "bench/cases" for c in cases)
    assert motivating_case()["patient"]["id"]  # vignette 01's case ships with the bench


def test_scale_case_has_20_studies_and_40_lesions():
    import engine

    case = scale_case()
    assert len(case["imaging"]) == 20
    assert sum(len(s["lesions"]) for s in case["imaging"]) == 40
    engine.parse_case(case)  # a valid case, or the scale figures would time an error path


def test_quick_engine_run_writes_results(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "engine", "--out", str(out)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert "Engine: assess one golden case" in proc.stdout.decode()

    result = json.loads(out.read_text())
    assert result["format"] == "mscc-bench/1"
    assert result["quick"] is True
    assert result["sections"]["engine"]["status"] == "ok"
    assert {"python", "cpus", "packages"} <= set(result["machine"])
    figures = {f["id"]: f for f in result["figures"]}
    assert {"engine.assess", "scale.evaluate"} <= set(figures)
    for fig in figures.values():
        assert fig["unit"] == "us"
        for key in ("median", "p95", "ratio"):
            assert isinstance(fig[key], float) and fig[key] > 0, (fig["id"], key)
        assert fig["p95"] >= fig["median"]
        base = fig["baseline"]
        assert base["label"] and base["median"] > 0 and base["p95"] >= base["median"]
        assert fig["n"] == len(fig["values"]) == base["n"] > 1
        assert fig["aim"] and isinstance(fig["aim_met"], bool)
    assert figures["engine.assess"]["extra"]["cases"]
