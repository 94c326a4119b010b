"""Current medicines that the recommendations depend on."""
from __future__ import annotations

from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState
from engine.field_choices import choices



class MedicationsForm(SectionForm):
    section = "Medications"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Medications")
        for key in ("anticoagulation", "bone_targeted_agent"):
            self.add(form, f"medications.{key}", ChoiceCombo(choices(f"medications.{key}")))
        self.add(form, "medications.dexamethasone_started_at", DateTimeInput(now_button=False))
        self.add(form, "medications.calcium_or_vitamin_d_supplements", TriState())
        self.add(form, "medications.thiazide", TriState())
        self.finish()
