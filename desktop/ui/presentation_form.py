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
        self.add(form, "presentation.admitted", "Inpatient now (or being admitted)", TriState())
        self.add(form, "presentation.spinal_pain", "Spinal pain", ChoiceButtons(
            [("none", "None"), ("mechanical", "Mechanical"), ("non_mechanical", "Non-mechanical")]),
            "Mechanical = worse on movement or loading, relieved by lying down.")
        self.add(form, "presentation.pain_regions", "Where", MultiChoice(REGIONS),
                 "Leave all unticked if not recorded.")
        for key, label in [("pain_severe", "Severe or unremitting"),
                           ("pain_nocturnal", "Worse at night"),
                           ("pain_controlled", "Well controlled on analgesia"),
                           ("spinal_tenderness", "Spinal tenderness"),
                           ("radicular_pain", "Radicular (band-like or limb) pain")]:
            self.add(form, f"presentation.{key}", label, TriState())
        form = self.group("Neurological symptoms")
        for key, label, hint in [
            ("limb_weakness", "Limb weakness", ""),
            ("walking_difficulty", "Difficulty walking", "Includes falls from weakness or unsteadiness."),
            ("sensory_loss", "Sensory loss", ""),
            ("bladder_dysfunction", "Bladder dysfunction", "Retention or new incontinence."),
            ("bowel_dysfunction", "Bowel dysfunction", ""),
        ]:
            self.add(form, f"presentation.{key}", label, TriState(), hint)
        form = self.group("Timing")
        self.add(form, "presentation.neuro_onset_at", "First neurological symptom",
                 DateTimeInput(now_button=False))
        self.add(form, "presentation.unable_to_walk_since", "Unable to walk since",
                 DateTimeInput(now_button=False))
        self.add(form, "presentation.paraplegia_since", "Complete paraplegia since",
                 DateTimeInput(now_button=False), "Complete loss of power in both legs (MRC 0).")
        self.finish()
