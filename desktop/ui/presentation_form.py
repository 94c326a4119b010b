"""What the patient reports: pain, neurological symptoms and their timing."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.multi_choice import MultiChoice
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState
from engine.field_choices import choices



class PresentationForm(SectionForm):
    section = "Symptoms"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Pain")
        self.add(form, "presentation.admitted", TriState())
        self.add(form, "presentation.spinal_pain",
                 ChoiceButtons(choices("presentation.spinal_pain")))
        self.add(form, "presentation.pain_regions",
                 MultiChoice(choices("presentation.pain_regions")),
                 "Leave all unticked if not recorded.")
        for key in ("pain_severe", "pain_nocturnal", "pain_controlled", "spinal_tenderness",
                    "radicular_pain"):
            self.add(form, f"presentation.{key}", TriState())
        form = self.group("Neurological symptoms")
        for key in ("limb_weakness", "walking_difficulty", "sensory_loss",
                    "bladder_dysfunction", "bowel_dysfunction"):
            self.add(form, f"presentation.{key}", TriState())
        form = self.group("Timing")
        self.add(form, "presentation.neuro_onset_at", DateTimeInput(now_button=False))
        self.add(form, "presentation.unable_to_walk_since", DateTimeInput(now_button=False))
        self.add(form, "presentation.paraplegia_since", DateTimeInput(now_button=False))
        self.finish()
