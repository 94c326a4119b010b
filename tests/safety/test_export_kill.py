"""No export without its audit entry (issue 19, problem 5): the app's export is
SIGKILLed at random moments (tools/export_kill.py; 200 runs there, figures in the
README); here a smaller run. A PDF at the destination must always have its export
entry (by the file's SHA-256) and verify; the audit chain stays intact."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("MSCC_EXPORT_KILL_RUNS", "16"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_killed_exports_leave_no_unaudited_or_torn_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("MSCC_PATHWAY_SYSLOG", "off")
    monkeypatch.delenv("MSCC_PATHWAY_SITE_CONFIG", raising=False)
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import export_kill
    finally:
        sys.path.remove(str(REPO / "tools"))
    tally = export_kill.run(RUNS, seed=20260319, work=tmp_path / "kill")
    print(tally)
    assert tally["killed"] > 0, "no run was killed: the delays miss the export"
    assert tally["unaudited_pdfs"] == 0 and tally["torn_pdfs"] == 0
    assert tally["chain_intact"], tally["chain"]
