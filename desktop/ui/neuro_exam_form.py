"""The neurological examination."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.neuro_timeline import NeuroTimeline
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

from engine.field_choices import choices
from engine.field_hints import hint
from engine.rules.neuro import LIMBS


class NeuroExamForm(SectionForm):
    section = "Neuro exam"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Examination")
        self.add(form, "neuro_exam.examined_at", DateTimeInput())
        form = self.group("MRC power", hint("neuro_exam.mrc_power"))
        for key in LIMBS:
            path = f"neuro_exam.mrc_power.{key}"
            self.add(form, path, ChoiceButtons(choices(path)))
        form = self.group("Reflexes and upper motor neurone signs")
        for key in ("reflexes_arms", "reflexes_legs", "plantars"):
            self.add(form, f"neuro_exam.{key}", ChoiceButtons(choices(f"neuro_exam.{key}")))
        self.add(form, "neuro_exam.hoffmann", TriState())
        self.add(form, "neuro_exam.clonus", TriState())
        form = self.group("Sensation, sphincters and walking")
        self.add(form, "neuro_exam.sensory_level",
                 ChoiceCombo(choices("neuro_exam.sensory_level")))
        self.add(form, "neuro_exam.saddle_anaesthesia", TriState())
        for key in ("anal_tone", "ambulation"):
            self.add(form, f"neuro_exam.{key}", ChoiceButtons(choices(f"neuro_exam.{key}")))
        self.timeline = NeuroTimeline(binder.session, self)
        self._layout.addWidget(self.timeline)
        self.finish()
