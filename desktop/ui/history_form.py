"""Past history that gates steroids and thromboprophylaxis."""
from __future__ import annotations

from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

GROUPS = [
    ("Bleeding and steroids", [
        "diabetes", "peptic_ulcer",
        "active_bleeding", "bleeding_disorder"]),
    ("Legs (compression devices)", [
        "peripheral_arterial_disease",
        "peripheral_arterial_bypass",
        "peripheral_neuropathy",
        "leg_skin_condition", "severe_leg_oedema",
        "leg_deformity", "stocking_allergy"]),
    ("Thrombosis and heart", [
        "acute_dvt", "previous_vte",
        "heart_failure"]),
]


class HistoryForm(SectionForm):
    section = "History"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        for title, items in GROUPS:
            form = self.group(title)
            for key in items:
                self.add(form, f"history.{key}", TriState())
        self.finish()
