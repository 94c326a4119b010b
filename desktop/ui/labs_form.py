"""Laboratory results. The units offered are those the case format allows for each
test; the engine checks the value against the plausible range of the chosen unit."""
from __future__ import annotations

from desktop import unit_display
from desktop.ui.lab_value_input import LabValueInput
from desktop.ui.section_form import SectionForm

LABS = [
    ("calcium", ["mmol/L", "mg/dL"], ""),
    ("adjusted_calcium", ["mmol/L", "mg/dL"],
     "The laboratory's own albumin-adjusted value, if reported."),
    ("albumin", ["g/L", "g/dL"], ""),
    ("creatinine", ["umol/L", "mg/dL"], "umol/L = µmol/L."),
    ("platelets", ["10^9/L"], ""),
    ("inr", ["ratio"], ""),
    ("haemoglobin", ["g/L", "g/dL"], ""),
    ("glucose", ["mmol/L", "mg/dL"], ""),
]


class LabsForm(SectionForm):
    section = "Labs"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        self.session = binder.session
        form = self.group("Results", "Choose the unit printed on the lab report. "
                                     "Results older than 72 h count as unknown.")
        self.inputs: dict[str, LabValueInput] = {}
        for key, units, hint in LABS:
            units = unit_display.units_for(key, units)
            self.inputs[key] = self.add(form, f"labs.{key}", LabValueInput(units), hint)
        self.finish()
        self.session.caseEdited.connect(self._on_edited)
        self.session.caseReplaced.connect(self.refresh_converted)
        self.refresh_converted()

    def _on_edited(self, path: str) -> None:
        if path.startswith("labs"):
            self.refresh_converted()

    def refresh_converted(self) -> None:
        for key, widget in self.inputs.items():
            widget.set_converted(unit_display.converted_text(key, self.session.value(f"labs.{key}")))
