"""Issue 15: the keystroke count for the motivating case is measured by driving the real
window with key events only (tools/keystrokes.py); the tool checks that the case
entered gives the file's assessment, so a count for a wrongly entered case fails."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_motivating_case_is_entered_by_keyboard_alone(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, str(REPO / "tools" / "keystrokes.py")],
                            capture_output=True, text=True, timeout=300, env=env, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    total = int(re.search(r"total\s+(\d+)", result.stdout).group(1))
    assert 100 < total < 600, result.stdout
