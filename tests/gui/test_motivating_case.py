"""The motivating case (vignette 01) entered through the widgets, as a doctor would."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from conftest import shared_path
from .helpers import settle
from .entry import enter_case

pytestmark = pytest.mark.shared


def test_index_case_typed_in_shows_pathway_deadlines_precautions_and_orders(qtbot, make_window):
    vignette = json.loads(next(shared_path("vignettes").glob("01-*.json")).read_text())
    case = vignette["case"]
    window = make_window()
    enter_case(qtbot, window, case)
    settle(qtbot, window)

    # What was typed and clicked is exactly the golden case: nothing added or lost.
    assert window.session.case() == case
    panel = window.panel
    assert window.session.state == "ok"

    # Pathway and urgency, in words; the picture marks "suspected" as the current step.
    assert panel.header.headline.text().startswith("EMERGENCY")
    assert "Suspected MSCC" in panel.header.headline.text()
    assert panel.diagram.current == "suspected"
    assert panel.diagram.next_steps == ["imaging"]
    assert "Now: Suspected" in panel.route_caption.text()

    # Deadlines as clock times, from the assessment time 2026-03-10 14:30.
    actions = {k: panel.actions.cell_texts(k) for k in panel.actions.keys()}
    # The same clock times and words as page 1 of the summary (issue 15).
    assert actions["contact_mscc_coordinator"][1] == "14:30 Tue 10 Mar (NOW)"
    assert actions["mri_whole_spine"][1] == "14:30 Wed 11 Mar (within 24 h)"
    assert actions["recheck_calcium"][1] == "14:30 Thu 12 Mar (within 2 days)"
    assert actions["dental_review"][1] == "14:30 Tue 17 Mar (within 1 week)"
    # The countdown runs on the computer's clock (long past 2026-03-10 in a test run
    # or not: either way it must say which).
    assert actions["mri_whole_spine"][2].endswith("left") or actions["mri_whole_spine"][2].startswith("OVERDUE")

    # Precautions: the prominent box, in words.
    assert panel.precautions.code == "cervical_collar_log_roll"
    assert panel.precautions.title.text().startswith("⚠ SPINAL PRECAUTIONS")
    assert "collar" in panel.precautions.title.text().lower()
    assert panel.precautions.property("active") is True

    # Dexamethasone and thromboprophylaxis rows as shown.
    dex = panel.orders.cell_texts("dexamethasone")
    assert dex[0] == "Dexamethasone" and dex[1] == "RECOMMENDED" and "16 mg" in dex[2]
    assert "RECOMMENDED" in panel.orders.row_text("dexamethasone")  # as drawn
    assert panel.orders.status_of("lmwh_prophylaxis") == "PENDING"
    assert "surgeon" in panel.orders.cell_texts("lmwh_prophylaxis")[3].lower()
    assert panel.orders.status_of("intermittent_pneumatic_compression") == "RECOMMENDED"
    assert panel.orders.status_of("anti_embolism_stockings") == "PRESCRIBER DECISION"

    # A row opens to its basis: rule, source citation, inputs and thresholds.
    assert panel.orders.detail_label("dexamethasone") is None  # closed until asked for
    qtbot.mouseClick(panel.orders.toggle_button("dexamethasone"), Qt.LeftButton)
    assert panel.orders.is_expanded("dexamethasone")
    assert panel.orders.detail_label("dexamethasone").isVisible()
    detail = panel.orders.detail_label("dexamethasone").text()
    for piece in ("DEX-1", "NICE-NG234-1.8", "NG234", "<b>Inputs</b>", "<b>Thresholds</b>",
                  "13.2 mg"):
        assert piece in detail
