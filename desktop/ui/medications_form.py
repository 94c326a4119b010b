"""Current medicines that the recommendations depend on."""
from __future__ import annotations

from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

ANTICOAGULATION = [("none", "None"), ("prophylactic_lmwh", "Prophylactic LMWH"),
                   ("therapeutic_lmwh", "Therapeutic LMWH"), ("doac", "DOAC"),
                   ("warfarin", "Warfarin"), ("unfractionated_heparin", "Unfractionated heparin")]
BONE_AGENTS = [("none", "None"), ("zoledronic_acid", "Zoledronic acid"),
               ("denosumab", "Denosumab"), ("other", "Other")]


class MedicationsForm(SectionForm):
    section = "Medications"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Medications")
        self.add(form, "medications.anticoagulation", ChoiceCombo(ANTICOAGULATION))
        self.add(form, "medications.bone_targeted_agent", ChoiceCombo(BONE_AGENTS))
        self.add(form, "medications.dexamethasone_started_at", DateTimeInput(now_button=False), "Leave empty if not on dexamethasone.")
        self.add(form, "medications.calcium_or_vitamin_d_supplements", TriState())
        self.add(form, "medications.thiazide", TriState())
        self.finish()
