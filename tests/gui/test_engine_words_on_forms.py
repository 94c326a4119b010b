"""Every answer the forms offer, and every field's explanation, is the engine's
(engine.field_choices, engine.field_hints): the screen cannot offer a code the engine
does not read, nor word a clinical category its own way."""
from __future__ import annotations

from pathlib import Path

from engine.field_choices import CHOICES, choices
from engine.field_hints import hint
from engine.field_labels import pattern

from .helpers import settle

CASE = Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json"


def _offered(widget) -> list[tuple]:
    from desktop.ui.choice_buttons import ChoiceButtons
    from desktop.ui.choice_combo import ChoiceCombo
    from desktop.ui.multi_choice import MultiChoice

    if isinstance(widget, ChoiceButtons):
        return [(value, button.text()) for value, button in zip(widget._values, widget.buttons())
                if value is not None]
    if isinstance(widget, ChoiceCombo):  # item 0 is "Not assessed"
        return [(widget.itemData(i), widget.itemText(i)) for i in range(1, widget.count())]
    if isinstance(widget, MultiChoice):
        return [(value, box.text()) for value, box in widget._boxes]
    raise AssertionError(f"{type(widget).__name__} offers no list of answers")


def test_forms_offer_the_engines_answers_and_hints(qtbot, make_window):
    window = make_window()
    assert window.files.open_path(str(CASE), ask=False)  # has an imaging study and lesion
    settle(qtbot, window)
    fields = window.binder.fields()
    covered = set()
    for field in fields:
        if pattern(field.path) in CHOICES:
            covered.add(pattern(field.path))
            assert _offered(field.widget) == choices(field.path), field.path
        if hint(field.path):
            assert field.widget.toolTip() == hint(field.path), field.path
    # No enumerated field of the engine is left for a form to word its own way.
    assert covered == set(CHOICES), set(CHOICES) - covered


def test_the_diagram_draws_the_engines_route_after_treatment(qtbot, make_window, tmp_path):
    """The route after treatment goes through the treatment the engine counted for this
    episode: surgery of a past episode is history, not this route (reading the case's
    fields alone took the surgery)."""
    import json

    from engine.report.pathway_map import STEPS

    case = json.loads(CASE.read_text(encoding="utf-8"))
    case["procedures"] = {**case.get("procedures", {}),
                          "spinal_surgery_at": "2025-01-10T09:00:00+00:00",
                          "radiotherapy_started_at": "2026-03-10T09:00:00+00:00"}
    path = tmp_path / "treated.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    window = make_window()
    assert window.files.open_path(str(path), ask=False)
    settle(qtbot, window)
    diagram = window.panel.diagram
    assert diagram.route[-2:] == ["radiotherapy", "treated"]
    assert f"Now: {STEPS['treated']}" in window.panel.route_caption.text()
