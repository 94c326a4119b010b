"""PySide6's per-import "does this module use PySide6?" check, answered from the raw
file instead of inspect.getsource (desktop/pyside_source_scan.py): same answers,
nothing left in linecache."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import REPO


def test_same_answer_as_pyside_and_no_source_kept(tmp_path):
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain.py").write_text("VALUE = 1\n")
    code = textwrap.dedent(f"""
        import linecache, sys
        sys.path[:0] = [{str(tmp_path)!r}, {str(REPO)!r}]
        import PySide6.QtCore
        from desktop import pyside_source_scan
        assert pyside_source_scan.install() is True
        assert pyside_source_scan.install() is False  # once only
        import uses_qt, plain
        feature = sys.modules["shibokensupport.feature"]
        assert feature.pyside_feature_dict["uses_qt"] == 0, feature.pyside_feature_dict["uses_qt"]
        assert feature.pyside_feature_dict["plain"] == -1
        kept = [f for f in linecache.cache if f.endswith(("uses_qt.py", "plain.py"))]
        assert kept == [], kept
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_without_the_hook_pyside_keeps_every_source(tmp_path):
    # The reason for the module: if PySide6 stops doing this, the hook can go.
    (tmp_path / "plain.py").write_text("VALUE = 1\n")
    code = textwrap.dedent(f"""
        import linecache, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import PySide6.QtCore
        import plain
        assert any(f.endswith("plain.py") for f in linecache.cache)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
