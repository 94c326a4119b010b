"""New, Open, Save, Save As, recent files, export and print: the file side of the
window, kept out of main_window.py.

A file is opened whole or not at all. Saving writes atomically and readable by the
user only. A case with problems is not saved as a case file (it could not be opened
again); it stays protected by the draft until it is corrected."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop import case_model
from desktop.draft_lock import DraftLock
from desktop.case_files import (CaseFileError, FeatureUnavailable, open_case_file,
                                validate_case, write_case_file)
from desktop.session import OK, PARTIAL

log = logging.getLogger(__name__)
NOT_AVAILABLE = "not available in this build"


class FileActions(QObject):
    recentChanged = Signal()
    provenanceChanged = Signal(str)  # warning about where the open case came from, or ""

    def __init__(self, session, settings, settings_store, prompter, parent_widget):
        super().__init__(parent_widget)
        self.session = session
        self.settings = settings
        self.settings_store = settings_store
        self.prompter = prompter
        self.parent_widget = parent_widget
        self._case_lock: DraftLock | None = None

    # --- helpers -------------------------------------------------------------------
    def who(self) -> str:
        name = self.session.value("patient.name")
        hosp = self.session.value("patient.id")
        return " ".join(str(p) for p in (name, f"({hosp})" if hosp else None) if p) or "this patient"

    def _remember(self, path: str) -> None:
        self.settings.add_recent(path)
        self._store_settings()

    def _store_settings(self) -> None:
        try:
            self.settings_store.save(self.settings)
        except OSError:
            log.warning("settings could not be saved")
        self.recentChanged.emit()

    def maybe_discard(self) -> bool:
        """True when the current case may be replaced or closed."""
        if not self.session.dirty:
            return True
        answer = self.prompter.ask_save_changes(self.who())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # --- commands ------------------------------------------------------------------
    def new_case(self) -> None:
        if self.maybe_discard():
            self.release_case_lock()
            self.session.replace_case(case_model.new_case(self.settings.default_locale))
            self.provenanceChanged.emit("")

    # --- one window per case file ---------------------------------------------------
    def _hold_case_file(self, path: Path) -> bool:
        """Take the case file's lock, or say who holds it: two windows saving the same
        file would otherwise overwrite each other's work silently."""
        path = path.resolve()
        if self._case_lock is not None and self._case_lock.target == path:
            return True
        lock = DraftLock(path)
        try:
            holder = lock.try_acquire()
        except OSError as exc:  # read-only media: nothing can be saved there anyway
            log.warning("case file lock not taken: %s", exc.strerror)
            holder, lock = None, None
        if holder is not None:
            self.prompter.error("Case open elsewhere",
                                f"{path.name} is open in another MSCC Pathway window "
                                f"({holder.describe()}). Close it there first.")
            return False
        self.release_case_lock()
        self._case_lock = lock
        return True

    def release_case_lock(self) -> None:
        if self._case_lock is not None:
            self._case_lock.release()
            self._case_lock = None

    def open_dialog(self) -> None:
        path = self.prompter.open_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str, ask: bool = True) -> bool:
        if ask and not self.maybe_discard():
            return False
        try:
            opened = open_case_file(Path(path))
        except FeatureUnavailable as exc:
            self.prompter.info("Not available", str(exc))
            return False
        except CaseFileError as exc:
            self.prompter.problems(
                "Case not opened",
                f"{exc.filename} has {len(exc.problems)} problem(s). Nothing was loaded.",
                [str(p) for p in exc.problems])
            return False
        case = opened.case
        is_json = Path(path).suffix.lower() != ".pdf"
        if is_json and not self._hold_case_file(Path(path)):
            return False
        if not is_json:
            self.release_case_lock()
        # A case read from a PDF is saved as a new .json, never over the signed PDF.
        self.session.replace_case(case, file_path=str(Path(path).resolve()) if is_json else None,
                                  dirty=not is_json)
        self.provenanceChanged.emit(opened.warning or "")
        if is_json:
            self._remember(path)
        return True

    def save(self) -> bool:
        if not self.session.file_path:
            return self.save_as()
        return self._write(self.session.file_path)

    def save_as(self) -> bool:
        suggested = f"{self.session.value('patient.id') or 'case'}.json"
        if self.session.file_path:
            suggested = str(Path(self.session.file_path).with_name(suggested))
        path = self.prompter.save_path(suggested)
        if not path:
            return False
        if Path(path).suffix.lower() != ".json":
            path += ".json"
        return self._write(path)

    def _write(self, path: str) -> bool:
        case = self.session.case()
        try:
            validate_case(Path(path).name, case)
        except CaseFileError as exc:
            self.prompter.problems(
                "Not saved: the case needs correcting",
                "A case with problems cannot be saved as a case file. Your work is kept in "
                "the automatic draft; correct these first:",
                [f"{p}" for p in exc.problems])
            return False
        if not self._hold_case_file(Path(path)):
            return False
        try:
            write_case_file(Path(path), case)
        except OSError as exc:
            self.prompter.error("Not saved", f"The file could not be written: {exc.strerror or exc}")
            return False
        self.session.mark_saved(str(Path(path).resolve()))
        self._remember(path)
        return True

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.prompter.info("File not found", f"{path} no longer exists; removed from the list.")
            self.settings.remove_recent(path)
            self._store_settings()
            return
        self.open_path(path)

    # --- export and print (written by another module; may be absent) ---------------
    def _ready_for_output(self) -> bool:
        self.session.flush()
        if self.session.state == PARTIAL:
            invalid = self.session.invalid_inputs
            self.prompter.info(
                "Input invalid",
                f"{len(invalid)} input{'s are' if len(invalid) != 1 else ' is'} invalid and "
                "shown as missing, so the summary would leave out what was entered. Correct "
                "it first:\n" + "\n".join(f"• {p.label}: {p.message}" for p in invalid))
            return False
        if self.session.state != OK or self.session.assessment is None:
            self.prompter.info("No recommendation",
                               "There is no valid recommendation to export or print.")
            return False
        return True

    def export_pdf(self) -> None:
        if not self._ready_for_output():
            return
        try:
            from desktop.ui.export_dialog import ExportDialog
        except ImportError:
            self.prompter.info("Export", f"Export signed PDF is {NOT_AVAILABLE}.")
            return
        ExportDialog(self.session.case(), self.session.assessment, parent=self.parent_widget).exec()

    def print_summary(self) -> None:
        if not self._ready_for_output():
            return
        try:
            from desktop.ui.print_summary import print_summary
        except ImportError:
            self.prompter.info("Print", f"Printing is {NOT_AVAILABLE}.")
            return
        print_summary(self.session.case(), self.session.assessment, parent=self.parent_widget)
