"""Past history that gates steroids and thromboprophylaxis."""
from __future__ import annotations

from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState

GROUPS = [
    ("Bleeding and steroids", [
        ("diabetes", "Diabetes"), ("peptic_ulcer", "Peptic ulcer"),
        ("active_bleeding", "Active bleeding"), ("bleeding_disorder", "Bleeding disorder")]),
    ("Legs (compression devices)", [
        ("peripheral_arterial_disease", "Peripheral arterial disease"),
        ("peripheral_arterial_bypass", "Peripheral arterial bypass"),
        ("peripheral_neuropathy", "Peripheral neuropathy"),
        ("leg_skin_condition", "Leg skin condition"), ("severe_leg_oedema", "Severe leg oedema"),
        ("leg_deformity", "Leg deformity"), ("stocking_allergy", "Allergy to stocking material")]),
    ("Thrombosis and heart", [
        ("acute_dvt", "Acute DVT"), ("previous_vte", "Previous VTE"),
        ("heart_failure", "Heart failure")]),
]


class HistoryForm(SectionForm):
    section = "History"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        for title, items in GROUPS:
            form = self.group(title)
            for key, label in items:
                self.add(form, f"history.{key}", label, TriState())
        self.finish()
