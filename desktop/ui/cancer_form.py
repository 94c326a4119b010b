"""The cancer: primary, performance status, spread, prognosis, fitness."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState
from engine.field_choices import choices



class CancerForm(SectionForm):
    section = "Cancer"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Cancer")
        self.add(form, "cancer.primary", ChoiceCombo(choices("cancer.primary")))
        self.add(form, "cancer.haematological_suspected", TriState())
        self.add(form, "cancer.ecog", ChoiceButtons(choices("cancer.ecog")))
        self.add(form, "cancer.karnofsky", ChoiceCombo(choices("cancer.karnofsky")))
        form = self.group("Spread and outlook")
        for key in ("visceral_metastases", "extraspinal_bone_metastases",
                    "vertebral_metastases"):
            self.add(form, f"cancer.{key}", ChoiceButtons(choices(f"cancer.{key}")))
        self.add(form, "cancer.prognosis", ChoiceCombo(choices("cancer.prognosis")))
        self.add(form, "cancer.fit_for_surgery", TriState())
        self.add(form, "cancer.fit_for_treatment", TriState())
        self.add(form, "cancer.oligometastatic", TriState())
        self.add(form, "cancer.prior_radiotherapy_at_level", TriState())
        self.finish()
