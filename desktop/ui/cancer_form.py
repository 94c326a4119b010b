"""The cancer: primary, performance status, spread, prognosis, fitness."""
from __future__ import annotations

from desktop.ui.choice_buttons import ChoiceButtons
from desktop.ui.choice_combo import ChoiceCombo
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

PRIMARIES = [
    ("breast", "Breast"), ("prostate", "Prostate"), ("lung_nsclc", "Lung, non-small cell"),
    ("lung_sclc", "Lung, small cell"), ("renal", "Renal"), ("thyroid", "Thyroid"),
    ("melanoma", "Melanoma"), ("colorectal", "Colorectal"),
    ("gastrointestinal_other", "Other gastrointestinal"), ("myeloma", "Myeloma"),
    ("lymphoma", "Lymphoma"), ("other", "Other"), ("unknown_primary", "Unknown primary"),
    ("none_known", "No known cancer"),
]
PROGNOSES = [("weeks", "Weeks"), ("lt_3_months", "Less than 3 months"),
             ("3_to_6_months", "3 to 6 months"), ("gt_6_months", "More than 6 months")]


class CancerForm(SectionForm):
    section = "Cancer"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Cancer")
        self.add(form, "cancer.primary", ChoiceCombo(PRIMARIES))
        self.add(form, "cancer.haematological_suspected", TriState(), "Imaging or clinical suspicion, not yet confirmed.")
        self.add(form, "cancer.ecog", ChoiceButtons(
            [(i, str(i)) for i in range(5)]), "Performance status before this presentation.")
        self.add(form, "cancer.karnofsky", ChoiceCombo(
            [(v, f"{v}%") for v in range(100, 0, -10)]))
        form = self.group("Spread and outlook")
        self.add(form, "cancer.visceral_metastases", ChoiceButtons(
            [("none", "None"), ("removable", "Removable"), ("unremovable", "Unremovable")]))
        self.add(form, "cancer.extraspinal_bone_metastases", ChoiceButtons([("0", "0"), ("1-2", "1–2"), ("3+", "3 or more")]))
        self.add(form, "cancer.vertebral_metastases", ChoiceButtons([("1", "1"), ("2", "2"), ("3+", "3 or more")]))
        self.add(form, "cancer.prognosis", ChoiceCombo(PROGNOSES),
                 "\"Weeks\" = overall prognosis judged too poor for treatment aimed at neurology.")
        self.add(form, "cancer.fit_for_surgery", TriState(),
                 "Medical and anaesthetic fitness as judged so far.")
        self.add(form, "cancer.fit_for_treatment", TriState(), "No: imaging only if the result would change management; "
                 "confirmed MSCC goes to supportive care. Not assessed counts as yes.")
        self.add(form, "cancer.oligometastatic", TriState())
        self.add(form, "cancer.prior_radiotherapy_at_level", TriState())
        self.finish()
