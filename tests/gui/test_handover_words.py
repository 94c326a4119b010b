"""Issue 20, problem 12 on screen: the assessment panel's tables and labels carry no
engine code or field path (the same words as the paper: engine.report.handover)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CODE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
FIELD_PATH = re.compile(r"\b(?:patient|cancer|presentation|neuro_exam|imaging|labs|medications|"
                        r"history|procedures)(?:\.[a-z0-9_]+)+")


@pytest.mark.parametrize("name", ["sparse-night-call.json", "index-case-c5.json",
                                  "myeloma-t8-hypercalcaemia.json"])
def test_panel_shows_no_codes_or_field_paths(window, name, tmp_path):
    import shutil

    copy = tmp_path / name  # a private copy: another run may hold the example's lock
    shutil.copyfile(EXAMPLES / name, copy)
    assert window.files.open_path(str(copy))
    panel = window.panel
    texts = []
    for table in ("actions", "orders", "alerts", "disagreements"):
        widget = getattr(panel, table)
        texts += [t for key in widget.keys() for t in widget.cell_texts(key)]
    texts += [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]
    assert texts
    joined = "\n".join(texts)
    bad = CODE.findall(joined) + FIELD_PATH.findall(joined)
    # The sparse case's alert names its unrecorded fields: as labels, never as paths.
    if name.startswith("sparse"):
        assert "Symptoms › Limb weakness" in joined
    assert not bad, sorted(set(bad))
