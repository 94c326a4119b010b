"""What the patient reports: pain, neurological symptoms and their timing."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.multi_choice import MultiChoice
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

REGIONS = [("cervical", "Cervical"), ("thoracic", "Thoracic"), ("lumbar", "Lumbar"),
           ("sacral", "Sacral")]


class PresentationForm(SectionForm):
    section = "Symptoms"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Pain")
        self.add(form, "presentation.admitted", TriState())
        self.add(form, "presentation.spinal_pain", ChoiceButtons(
            [("none", "None"), ("mechanical", "Mechanical"), ("non_mechanical", "Non-mechanical")]),
            "Mechanical = worse on movement or loading, relieved by lying down.")
        self.add(form, "presentation.pain_regions", MultiChoice(REGIONS),
                 "Leave all unticked if not recorded.")
        for key in ("pain_severe", "pain_nocturnal", "pain_controlled", "spinal_tenderness",
                    "radicular_pain"):
            self.add(form, f"presentation.{key}", TriState())
        form = self.group("Neurological symptoms")
        for key, hint in [
            ("limb_weakness", ""),
            ("walking_difficulty", "Includes falls from weakness or unsteadiness."),
            ("sensory_loss", ""),
            ("bladder_dysfunction", "Retention or new incontinence."),
            ("bowel_dysfunction", ""),
        ]:
            self.add(form, f"presentation.{key}", TriState(), hint)
        form = self.group("Timing")
        self.add(form, "presentation.neuro_onset_at", DateTimeInput(now_button=False))
        self.add(form, "presentation.unable_to_walk_since", DateTimeInput(now_button=False))
        self.add(form, "presentation.paraplegia_since", DateTimeInput(now_button=False), "Complete loss of power in both legs (MRC 0).")
        self.finish()
