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
        self.add(form, "procedures.mscc_coordinator_contacted_at", "MSCC coordinator contacted at",
                 DateTimeInput())
        self.add(form, "procedures.spine_declared_stable_at", "Spine declared stable at",
                 DateTimeInput(now_button=False), "A spinal surgeon documented stability.")
        self.add(form, "procedures.spinal_surgery_expected_within_24h",
                 "Spinal surgery expected within 24 h", TriState())
        self.add(form, "procedures.neuraxial_procedure_within_12h", "Lumbar puncture or epidural",
                 TriState(), "Planned in the next 12 h or done in the last 4 h.")
        form = self.group("Treatment done")
        self.add(form, "procedures.spinal_surgery_at", "Spinal surgery done at",
                 DateTimeInput(now_button=False))
        self.add(form, "procedures.surgeon_cleared_anticoagulation",
                 "Surgeon cleared anticoagulation", TriState(),
                 "After spinal surgery: haemostasis confirmed and LMWH allowed.")
        self.add(form, "procedures.radiotherapy_started_at", "Radiotherapy started at",
                 DateTimeInput(now_button=False))
        self.finish()
