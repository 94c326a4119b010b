"""Assessment time, dose-convention locale and who the patient is."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.date_input import DateInput
from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.number_input import NumberInput
from desktop.ui.section_form import SectionForm
from desktop.ui.text_input import TextInput
from engine.field_choices import choices


class PatientForm(SectionForm):
    section = "Patient"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Assessment", "The assessment time is the clinical \"now\" for every "
                                        "deadline. Press Now when you assess the patient.")
        self.assessed_at = self.add(form, "assessed_at", DateTimeInput())
        self.add(form, "locale", ChoiceButtons(choices("locale"), none_label="Not set"))
        form = self.group("Patient")
        self.add(form, "patient.id", TextInput("required"))
        self.add(form, "patient.name", TextInput())
        self.add(form, "patient.date_of_birth", DateInput())
        self.add(form, "patient.sex", ChoiceButtons(choices("patient.sex")))
        self.add(form, "patient.weight_kg", NumberInput("kg"))
        self.finish()
