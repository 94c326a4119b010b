"""`mscc-pathway self-test`: the engine checks pass from the source tree, the comparer
catches mismatches, the built-in golden cases stay in step with the project's golden
vignettes, and the launcher routes `self-test`. Fast: no build."""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from conftest import REPO, shared_path
from engine import selftest


def test_engine_checks_all_pass():
    checks = selftest.run_engine_checks()
    failed = [c.line() for c in checks if not c.ok]
    assert failed == []
    names = [c.name for c in checks]
    assert names[0] == "registry" and "pdf" in names and "site-config" in names
    assert "clock" in names  # the zone database and its clock changes (tzdata bundled)
    assert sum(n.startswith("golden:") for n in names) >= 8
    assert all(c.line().startswith("PASS ") and "\n" not in c.line() for c in checks)


def test_built_in_cases_cover_many_pathways():
    pathways = {json.loads(p.read_text())["expect"]["pathway"] for p in selftest.golden_files()}
    assert len(pathways) >= 8


def test_comparer_reports_each_mismatch():
    import engine

    doc = selftest.load_golden(selftest.CASES_DIR / selftest.PDF_CASE)
    assessment = engine.assess(doc["case"])
    assert selftest.compare(doc["expect"], assessment) == []
    wrong = copy.deepcopy(assessment)
    wrong["pathway"]["code"] = "not_suspected"
    wrong["orders"] = [o for o in wrong["orders"] if o["code"] != "dexamethasone"]
    wrong["alerts"] = []
    found = selftest.compare(doc["expect"], wrong)
    assert any(m.startswith("pathway: expected") for m in found)
    assert "orders.dexamethasone: missing" in found
    assert any(m.startswith("alerts: missing") for m in found)


def test_comparer_semantics_match_the_vignette_checker():
    a = {"format": "mscc-assessment/1", "pathway": {"code": "x"},
         "scores": {"c": {"v": 2.84}}, "orders": [{"code": "d", "dose": {"value": 16, "unit": "mg"},
                                                   "status": "recommended"}]}
    assert selftest.compare({"pathway": ["y", "x"], "scores": {"c.v": 2.86},
                             "orders": {"d": {"dose_mg": 16, "status": "recommended"}}}, a) == []
    assert selftest.compare({"scores": {"c.v": 2.9}}, a) != []
    a["orders"][0]["dose"]["unit"] = "microgram"
    assert selftest.compare({"orders": {"d": {"dose_mg": 16}}}, a) != []


def test_a_crashing_check_fails_with_its_reason():
    def boom():
        raise RuntimeError("disk\non fire")
    check = selftest.run_check("x", boom)
    assert not check.ok and check.line() == "FAIL x: RuntimeError: disk on fire"


def test_built_in_cases_are_copies_of_the_golden_vignettes():
    """The self-test's cases are copied from ../shared/vignettes: when a vignette is
    changed there, update the copy here (cp ../shared/vignettes/NAME engine/selftest_cases/)."""
    vignettes = shared_path("vignettes")
    for path in selftest.golden_files():
        original = vignettes / path.name
        assert original.exists(), f"{path.name} is no longer a golden vignette"
        assert json.loads(path.read_text()) == json.loads(original.read_text()), path.name


def test_launcher_routes_self_test(monkeypatch):
    import desktop.selftest
    from desktop import launcher

    seen = []
    monkeypatch.setattr(desktop.selftest, "main", lambda argv: seen.append(argv) or 7)
    assert launcher.main(["self-test", "--no-window"]) == 7
    assert seen == [["--no-window"]]


def test_engine_selftest_module_never_imports_qt():
    code = ("import sys, engine.selftest, engine.site_config; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'desktop')]; "
            "sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.gui
def test_self_test_command_passes_offscreen(tmp_path):
    """The whole command as IT runs it (from the source tree here; the bundle's copy
    runs in packaging/ci-bundle-check.sh)."""
    shot = tmp_path / "window.png"
    result = subprocess.run([sys.executable, "-m", "desktop.launcher", "self-test",
                             "--screenshot", str(shot)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].endswith("passed, 0 failed")
    assert any(line.startswith("PASS window (offscreen") for line in lines)
    assert shot.stat().st_size > 10_000


def test_clock_check_reads_the_autumn_change(monkeypatch):
    from engine import selftest
    from engine.report import timefmt
    assert selftest.check_clock().startswith("zone database ok")
    monkeypatch.setattr(timefmt, "clock", lambda *a, **k: "14:30 Sun 25 Oct")
    import pytest
    with pytest.raises(AssertionError, match="autumn clock change"):
        selftest.check_clock()
