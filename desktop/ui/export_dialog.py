"""Export the signed handover summary.

Nothing is written until the user has confirmed who the patient is, by typing the
hospital number (pasting is refused, so it is read from the wristband or the notes,
not copied from the screen). Rendering and signing run on a worker thread; the file
is read back from disk and verified before the dialog says it is done, and the
export is recorded in the audit trail. `_SigningDialog` is shared with printing."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QFrame,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

log = logging.getLogger(__name__)
_last_identity: str = ""  # remembered for this session only; never the passphrase


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs `work()` on the thread pool and reports back through `signals`, which the
    caller owns (a child of the dialog, living on the GUI thread).

    The job must not own its signals: the pool deletes a finished runnable on the pool
    thread, at a moment that races the GUI thread. When the job owned them, the GUI
    thread dropping its reference first left the pool thread to destroy a GUI-thread
    QObject while its queued signal was still being delivered ("Signal source has been
    deleted" under load)."""

    def __init__(self, work: Callable[[], object], signals: _JobSignals):
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the user, never swallowed
            log.exception("export/print job failed")
            self._report(self.signals.failed, _explain(exc))
        else:
            self._report(self.signals.done, result)

    @staticmethod
    def _report(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the dialog (and its signals) was destroyed meanwhile
            log.warning("export/print job finished after its dialog was closed")


def _explain(exc: Exception) -> str:
    from engine.report.export import ExportError
    from engine.report.signing import IdentityError

    if isinstance(exc, (ExportError, IdentityError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class NoPasteLineEdit(QLineEdit):
    """The identity check must be typed: paste and drop are refused."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.NoContextMenu)

    def keyPressEvent(self, event):  # noqa: N802 (Qt name)
        if event.matches(QKeySequence.Paste) or (
                event.key() == Qt.Key_Insert and event.modifiers() & Qt.ShiftModifier):
            return
        super().keyPressEvent(event)


def _site_hospital_name() -> str | None:
    from engine.site_config import SiteConfigError, load_site_config

    try:
        return load_site_config().hospital_name
    except SiteConfigError:
        return None  # the main window already reports a broken site file


def same_hospital_number(typed: str, expected: str) -> bool:
    """Spacing and letter case are forgiven; every character must match."""
    def norm(s):
        return " ".join(str(s).split()).upper()
    return bool(norm(typed)) and norm(typed) == norm(expected)


def _patient_card(case: dict, assessment: dict | None) -> QFrame:
    from engine.report import labels

    patient = case.get("patient") or {}
    card = QFrame()
    card.setObjectName("exportPatientCard")
    card.setFrameShape(QFrame.StyledPanel)
    name = QLabel(patient.get("name") or "Name not entered")
    name.setObjectName("exportPatientName")
    font = name.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    name.setFont(font)
    dob = patient.get("date_of_birth") or "date of birth not entered"
    details = QLabel(f"Hospital number {patient.get('id') or 'MISSING'}   ·   born {dob}   ·   "
                     f"assessed {case.get('assessed_at', '?')}")
    layout = QVBoxLayout(card)
    layout.addWidget(name)
    layout.addWidget(details)
    if assessment:
        pw = assessment.get("pathway") or {}
        layout.addWidget(QLabel(f"{labels.word(labels.URGENCY, pw.get('urgency'))}: "
                                f"{labels.word(labels.PATHWAYS, pw.get('code'))}"))
    for label in card.findChildren(QLabel):
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return card


class _SigningDialog(QDialog):
    """Patient card, typed identity check, identity file and passphrase, one action
    button, and a status line; subclasses add fields and say what the action does."""

    ACTION = "Sign"

    def __init__(self, case: dict, assessment: dict | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.case = case
        self.assessment = assessment
        self.hospital_number = str((case.get("patient") or {}).get("id") or "")
        self.busy = False
        self.finished_ok = False
        self.pool = QThreadPool.globalInstance()
        # One signals object for the dialog's life, owned by the dialog: see Job.
        self._signals = _JobSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

        self.confirm = NoPasteLineEdit()
        self.confirm.setObjectName("confirmHospitalNumber")
        self.confirm.setAccessibleName("Type the patient's hospital number to confirm")
        self.confirm_state = QLabel()
        self.identity = QLineEdit(_last_identity)
        self.identity.setObjectName("identityPath")
        self.identity.setAccessibleName("Signing identity file (.p12)")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_identity)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setAccessibleName("Passphrase of the signing identity")
        self.hospital_name = QLineEdit()
        self.hospital_name.setAccessibleName("Hospital name printed on every page (optional)")
        site_hospital = _site_hospital_name()
        if site_hospital:  # set by IT for the whole machine: shown, not editable
            self.hospital_name.setText(site_hospital)
            self.hospital_name.setReadOnly(True)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form = QFormLayout()
        self.form.addRow("Type the hospital number\n(from the wristband or notes):",
                         self._row(self.confirm, self.confirm_state))
        self.form.addRow("Signing identity (.p12):", self._row(self.identity, browse))
        self.form.addRow("Passphrase:", self.passphrase)
        self.form.addRow("Hospital name (optional):", self.hospital_name)

        self.buttons = QDialogButtonBox()
        self.action = self.buttons.addButton(self.ACTION, QDialogButtonBox.AcceptRole)
        self.action.setObjectName("exportButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.action.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_patient_card(case, assessment))
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        for field in (self.confirm, self.identity, self.passphrase):
            field.textChanged.connect(self.update_state)
        self.update_state()

    @staticmethod
    def _row(*widgets) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        return box

    # --- state ------------------------------------------------------------------------
    def blocked_reason(self) -> str | None:
        """Why the action cannot run yet (shown to the user), or None."""
        if self.assessment is None:
            return "No recommendation: there is nothing valid to sign."
        if not self.hospital_number:
            return "The case has no hospital number."
        if not same_hospital_number(self.confirm.text(), self.hospital_number):
            return ("Type the hospital number to confirm this is the right patient."
                    if not self.confirm.text().strip()
                    else "The hospital number typed does not match this patient.")
        if not self.identity.text().strip():
            return "Choose your signing identity (.p12 file)."
        if not Path(self.identity.text().strip()).is_file():
            return "The signing identity file does not exist."
        if not self.passphrase.text():
            return "Enter the passphrase of your signing identity."
        return None

    def update_state(self) -> None:
        typed = self.confirm.text().strip()
        if not typed:
            self.confirm_state.setText("")
        elif same_hospital_number(typed, self.hospital_number):
            self.confirm_state.setText("✓ matches")
        else:
            self.confirm_state.setText("✗ does not match")
        reason = None if self.finished_ok else self.blocked_reason()
        self.action.setEnabled(not self.busy and not self.finished_ok and reason is None)
        if not self.busy and not self.finished_ok:
            self.status.setText(reason or f"Ready: {self.ACTION.lower()} for "
                                           f"{self.hospital_number}.")

    def _choose_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Signing identity", self.identity.text(),
                                              "Signing identities (*.p12 *.pfx)")
        if path:
            self.identity.setText(path)

    # --- the work ---------------------------------------------------------------------
    def start(self) -> None:
        """Check again (a disabled button is not a guarantee), then run the job."""
        global _last_identity
        reason = self.blocked_reason()
        if reason or self.busy:
            self.status.setText(reason or "Working…")
            return
        work = self.make_work()
        if work is None:
            return
        _last_identity = self.identity.text().strip()
        self.busy = True
        self._set_inputs_enabled(False)
        self.status.setText("Rendering and signing…")
        self.action.setEnabled(False)
        self.pool.start(Job(work, self._signals))

    def _set_inputs_enabled(self, on: bool) -> None:
        for w in self.findChildren(QLineEdit):
            w.setEnabled(on)
        for b in self.findChildren(QPushButton):
            if b is not self.action:
                b.setEnabled(on)

    def _on_failed(self, message: str) -> None:
        self.busy = False
        self._set_inputs_enabled(True)
        self.passphrase.clear()
        self.update_state()
        self.status.setText(f"Not done: {message}")

    def _on_done(self, result) -> None:
        self.busy = False
        self.passphrase.clear()  # not kept longer than the one action needed it
        self.handle_result(result)

    def succeed(self, message: str) -> None:
        self.finished_ok = True
        self._set_inputs_enabled(False)
        self.close_button.setEnabled(True)
        self.close_button.setText("Close")
        self.action.setEnabled(False)
        self.status.setText(message)

    def reject(self) -> None:
        if self.busy:  # the worker is writing: closing now would hide its outcome
            self.status.setText("Please wait: still working…")
            return
        super().reject()

    def closeEvent(self, event):  # noqa: N802 (Qt name)
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    # subclasses
    def make_work(self) -> Callable[[], object] | None:
        raise NotImplementedError

    def handle_result(self, result) -> None:
        raise NotImplementedError


class ExportDialog(_SigningDialog):
    ACTION = "Export signed PDF"

    def __init__(self, case: dict, assessment: dict | None, parent: QWidget | None = None):
        super().__init__(case, assessment, parent)
        self.setWindowTitle("Export signed handover summary")
        self.output = QLineEdit(str(Path.home() / f"{self._safe_id()}-handover-summary.pdf"))
        self.output.setObjectName("outputPath")
        self.output.setAccessibleName("File to write")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_output)
        self.form.addRow("Save as:", self._row(self.output, choose))
        self.output.textChanged.connect(self.update_state)
        self.result = None
        self.update_state()

    def _safe_id(self) -> str:
        return "".join(c if c.isalnum() or c in "-_" else "_" for c in self.hospital_number) \
            or "summary"

    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save signed summary as",
                                              self.output.text(), "PDF (*.pdf)")
        if path:
            self.output.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def blocked_reason(self) -> str | None:
        reason = super().blocked_reason()
        if reason:
            return reason
        out = getattr(self, "output", None)
        if out is None or not out.text().strip():
            return "Choose where to save the PDF."
        if not Path(out.text().strip()).parent.is_dir():
            return "The folder to save into does not exist."
        return None

    def make_work(self):
        from engine.report.export import export_summary

        case, assessment = self.case, self.assessment
        out = Path(self.output.text().strip())
        p12 = self.identity.text().strip()
        passphrase = self.passphrase.text()
        hospital = self.hospital_name.text().strip() or None
        return lambda: export_summary(case, assessment, out, p12=p12, passphrase=passphrase,
                                      hospital_name=hospital)

    def handle_result(self, result) -> None:
        from engine.report.fingerprint import short_fingerprint

        self.result = result
        text = (f"Done. Written to {result.path} and checked after writing: signed by "
                f"{result.signer}, intact. Fingerprint {short_fingerprint(result.fingerprint)}.")
        if result.audit_error:
            text += (f"\nWARNING: the audit entry could not be recorded "
                     f"({result.audit_error}); record this export by hand.")
        self.succeed(text)
