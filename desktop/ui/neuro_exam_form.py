"""The neurological examination."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.neuro_timeline import NeuroTimeline
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

REFLEXES = [("absent", "Absent"), ("reduced", "Reduced"), ("normal", "Normal"), ("brisk", "Brisk")]
SENSORY_LEVELS = ([f"C{i}" for i in range(2, 9)] + [f"T{i}" for i in range(1, 13)]
                  + [f"L{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 6)])
LIMBS = ("right_arm", "left_arm", "right_leg", "left_leg")


class NeuroExamForm(SectionForm):
    section = "Neuro exam"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Examination")
        self.add(form, "neuro_exam.examined_at", DateTimeInput())
        form = self.group("MRC power", "Weakest myotome of each limb, 0 (none) to 5 (normal).")
        for key in LIMBS:
            self.add(form, f"neuro_exam.mrc_power.{key}", ChoiceButtons([(i, str(i)) for i in range(6)]))
        form = self.group("Reflexes and upper motor neurone signs")
        self.add(form, "neuro_exam.reflexes_arms", ChoiceButtons(REFLEXES))
        self.add(form, "neuro_exam.reflexes_legs", ChoiceButtons(REFLEXES))
        self.add(form, "neuro_exam.plantars", ChoiceButtons(
            [("flexor", "Flexor"), ("extensor", "Extensor"), ("mute", "Mute")]))
        self.add(form, "neuro_exam.hoffmann", TriState())
        self.add(form, "neuro_exam.clonus", TriState())
        form = self.group("Sensation, sphincters and walking")
        self.add(form, "neuro_exam.sensory_level", ChoiceCombo(
            [("none", "Examined: no sensory level")] + [(lvl, lvl) for lvl in SENSORY_LEVELS]))
        self.add(form, "neuro_exam.saddle_anaesthesia", TriState())
        self.add(form, "neuro_exam.anal_tone", ChoiceButtons(
            [("normal", "Normal"), ("reduced", "Reduced"), ("absent", "Absent")]))
        self.add(form, "neuro_exam.ambulation", ChoiceButtons(
            [("independent", "Independent"), ("with_aid", "With aid"), ("unable", "Unable")]))
        self.timeline = NeuroTimeline(binder.session, self)
        self._layout.addWidget(self.timeline)
        self.finish()
