"""Laboratory results. The analytes, their units, the conversions and the staleness
limit are the engine's (engine.units, engine.rules.labs): this form only lays them out,
so a unit or a limit changed in the engine changes here too."""
from __future__ import annotations

from engine.rules.labs import stale_note
from engine.units import ANALYTES, conversions, unit_text

from desktop.ui.lab_value_input import LabValueInput
from desktop.ui.section_form import SectionForm


def converted_text(analyte: str, entry) -> str:
    """'= 2.74 mmol/L' beside a result: the engine's conversion, or '' when it has none."""
    if not isinstance(entry, dict):
        return ""
    parts = conversions(analyte, entry.get("value"), entry.get("unit"))
    return "= " + ", ".join(f"{value} {unit_text(unit)}" for value, unit in parts) \
        if parts else ""


class LabsForm(SectionForm):
    section = "Labs"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        self.session = binder.session
        form = self.group("Results", "Choose the unit printed on the lab report. " + stale_note())
        self.inputs: dict[str, LabValueInput] = {}
        for key, analyte in ANALYTES.items():
            self.inputs[key] = self.add(form, f"labs.{key}", LabValueInput(list(analyte.units)))
        self.finish()
        self.session.caseEdited.connect(self._on_edited)
        self.session.caseReplaced.connect(self.refresh_converted)
        self.refresh_converted()

    def _on_edited(self, path: str) -> None:
        if path.startswith("labs"):
            self.refresh_converted()

    def refresh_converted(self) -> None:
        for key, widget in self.inputs.items():
            widget.set_converted(converted_text(key, self.session.value(f"labs.{key}")))
