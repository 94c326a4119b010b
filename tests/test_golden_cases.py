"""The golden cases in ../shared/vignettes, through the real command line, with the
shared checker (same semantics as CI's before-stop hook)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, shared_path


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("mscc-pathway")
    if script.exists():
        return [str(script)]
    found = shutil.which("mscc-pathway")
    return [found] if found else [sys.executable, "-m", "engine"]


def test_every_golden_case_passes_through_the_command_line():
    vignettes = shared_path("vignettes")
    checker = shared_path("tools", "check_vignettes.py")
    result = subprocess.run(
        [sys.executable, str(checker), str(vignettes), "--", *cli_command(), "evaluate", "--json"],
        capture_output=True, text=True, timeout=600, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(list(vignettes.glob("*.json")))
    assert f"{count} passed, 0 failed" in result.stdout


def test_golden_cases_are_valid_by_the_shared_checker():
    checker = shared_path("tools", "check_vignettes.py")
    result = subprocess.run([sys.executable, str(checker), "--validate-only",
                             str(shared_path("vignettes"))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def golden_files():
    from conftest import SHARED
    return sorted((SHARED / "vignettes").glob("*.json"))


@pytest.mark.parametrize("path", golden_files(), ids=lambda p: p.stem)
def test_golden_case_in_process_is_complete_and_cited(path):
    """Beyond the expect block: every case assesses with every order, and every cited
    source resolves."""
    import engine

    a = engine.assess(json.loads(path.read_text())["case"])
    assert len(a["orders"]) == 10
    registry = engine.load_registry()
    cited = {s for key in ("actions", "orders", "alerts", "disagreements")
             for item in a[key] for s in item["sources"]}
    cited |= set(a["pathway"]["sources"]) | set(a["precautions"]["sources"])
    assert cited and all(s in registry for s in cited)
