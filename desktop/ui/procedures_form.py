"""Contacts, decisions and treatment already done."""
from __future__ import annotations

from desktop.ui.datetime_input import DateTimeInput
from desktop.ui.section_form import SectionForm
from desktop.ui.tri_state import TriState


class ProceduresForm(SectionForm):
    section = "Procedures"

    def __init__(self, binder, parent=None):
        super().__init__(binder, parent)
        form = self.group("Contacts and decisions")
        self.add(form, "procedures.mscc_coordinator_contacted_at", DateTimeInput())
        self.add(form, "procedures.spine_declared_stable_at", DateTimeInput(now_button=False))
        self.add(form, "procedures.spinal_surgery_expected_within_24h", TriState())
        self.add(form, "procedures.neuraxial_procedure_within_12h", TriState())
        form = self.group("Treatment done")
        self.add(form, "procedures.spinal_surgery_at", DateTimeInput(now_button=False))
        self.add(form, "procedures.surgeon_cleared_anticoagulation", TriState())
        self.add(form, "procedures.radiotherapy_started_at", DateTimeInput(now_button=False))
        self.finish()
