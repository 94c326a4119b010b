"""Every golden case opened from a file shows what the engine decided."""
from __future__ import annotations

import json

import pytest

import engine
from engine.report import labels
from conftest import shared_path

pytestmark = pytest.mark.shared


def test_every_golden_case_shows_the_engines_pathway_and_order_statuses(window, tmp_path):
    vignettes = sorted(shared_path("vignettes").glob("*.json"))
    assert len(vignettes) >= 10
    panel = window.panel
    for vignette_path in vignettes:
        vignette = json.loads(vignette_path.read_text())
        case_file = tmp_path / vignette_path.name
        case_file.write_text(json.dumps(vignette["case"]))
        assert window.files.open_path(str(case_file)), window.prompter.texts()
        expected = engine.assess(vignette["case"])
        pathway = expected["pathway"]
        name = vignette_path.name
        assert window.session.state == "ok", name
        assert panel.header.headline.text() == (
            f"{labels.word(labels.URGENCY, pathway['urgency'])}: {labels.word(labels.PATHWAYS, pathway['code'])}"), name
        assert pathway["code"] == vignette["expect"]["pathway"], name
        assert panel.diagram.code == pathway["code"], name
        shown = {code: panel.orders.status_of(code) for code in panel.orders.keys()}
        assert shown == {o["code"]: labels.word(labels.STATUS, o["status"]).upper()
                         for o in expected["orders"]}, name
        assert panel.precautions.code == expected["precautions"]["code"], name
        assert panel.actions.keys() == [a["code"] for a in expected["actions"]], name
        assert panel.missing.paths() == expected["missing_inputs"], name
