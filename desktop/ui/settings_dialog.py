"""Edit the user's settings (clinician, default locale for new cases, draft retention)."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QVBoxLayout)

from desktop.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        form = QFormLayout()
        self.clinician = QLineEdit(settings.clinician_name)
        self.clinician.setAccessibleName("Clinician name")
        self.registration = QLineEdit(settings.registration_number)
        self.registration.setAccessibleName("Registration number")
        self.locale = QComboBox()
        self.locale.setAccessibleName("Default dose conventions for new cases")
        self.locale.addItem("None: choose for each case", None)
        self.locale.addItem("GB (UK)", "GB")
        self.locale.addItem("US", "US")
        self.locale.setCurrentIndex(max(0, self.locale.findData(settings.default_locale)))
        self.retention = QSpinBox()
        self.retention.setRange(1, 365)
        self.retention.setValue(settings.draft_retention_days)
        self.retention.setSuffix(" days")
        self.retention.setAccessibleName("Delete unsaved drafts after")
        form.addRow("Clinician name:", self.clinician)
        form.addRow("Registration number:", self.registration)
        form.addRow("Dose conventions for new cases:", self.locale)
        form.addRow("Delete unsaved drafts after:", self.retention)
        note = QLabel("The dose-convention default is shown in the patient banner of every "
                      "new case and can be changed per case.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def apply(self) -> Settings:
        self.settings.clinician_name = self.clinician.text().strip()
        self.settings.registration_number = self.registration.text().strip()
        self.settings.default_locale = self.locale.currentData()
        self.settings.draft_retention_days = self.retention.value()
        return self.settings
