"""`mscc-pathway CASE.json` opens the window with that case (real start-up path,
offscreen, in its own process); the exception hook and the log file are installed."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_launcher_opens_the_window_with_a_case(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "d"),
               XDG_CONFIG_HOME=str(tmp_path / "c"), PYTHONPATH=str(REPO))
    log = tmp_path / "d" / "mscc-pathway" / "logs" / "mscc-pathway.log"
    child = subprocess.Popen([sys.executable, "-m", "desktop.launcher",
                              str(REPO / "examples" / "index-case-c5.json")],
                             cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and child.poll() is None:
            # The window is painted first, then the case opened (MainWindow defer_start).
            if log.exists() and "start-up case handled" in log.read_text():
                break
            time.sleep(0.1)
        assert child.poll() is None, child.stderr.read().decode()[-2000:]
        assert "window opened" in log.read_text()
        assert "start-up case handled" in log.read_text()
        assert oct(log.stat().st_mode & 0o777) == "0o600"
        settings = tmp_path / "c" / "mscc-pathway" / "settings.json"
        assert "index-case-c5.json" in settings.read_text()  # opened, so remembered
        assert "Vignette" not in log.read_text()
    finally:
        child.kill()
        child.wait(timeout=10)
