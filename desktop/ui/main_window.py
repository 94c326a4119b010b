"""The main window: wires the session, the forms, the assessment panel and the file
actions together. Behaviour lives in those parts; this file only composes them."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QMainWindow, QSplitter,
                               QVBoxLayout, QWidget)

from desktop import case_model, crash_guard
from desktop.autosave import Autosaver
from desktop.drafts import DraftStore
from desktop.session import INVALID, OK, PARTIAL, CaseSession
from desktop.settings import Settings, SettingsStore
from desktop.undo import CaseUndo
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.assessment_panel import AssessmentPanel
from desktop.ui.case_forms import CaseForms
from desktop.ui.field_binder import FieldBinder
from desktop.ui.file_actions import FileActions
from desktop.ui.fhir_export import export_fhir
from desktop.ui.notice_bar import NoticeBar
from desktop.ui.patient_banner import PatientBanner
from desktop.ui.prompts import Prompter
from desktop.ui.provenance_banner import ProvenanceBanner
from desktop.ui.recovery import offer_recovery
from desktop.ui.settings_dialog import SettingsDialog


def _local_now() -> datetime:
    return datetime.now().astimezone()


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, settings_store: SettingsStore,
                 draft_store: DraftStore, now_fn=_local_now, debounce_ms: int = 150,
                 defer_start: bool = False):
        """defer_start: paint the window first, then build the hidden tabs, run what
        after_start() queued and assess the case (the engine's import and the ~600
        widgets of the other tabs are then not on the path to the first frame)."""
        super().__init__()
        self._after_start: list | None = [] if defer_start else None
        self.setObjectName("mainWindow")
        self.settings = settings
        self.settings_store = settings_store
        self.session = CaseSession(self, debounce_ms=debounce_ms, now_fn=now_fn)
        self._now_fn = now_fn
        self.done_dialog = None  # the open "Done: …" question, if any
        self.prompter = Prompter(self)
        self.binder = FieldBinder(self.session, self)
        self.banner = PatientBanner(self.session, now_fn)
        self.provenance = ProvenanceBanner()
        self.forms = CaseForms(self.binder)
        self.panel = AssessmentPanel(self.binder.label_for, now_fn)
        self.files = FileActions(self.session, settings, settings_store, self.prompter, self)
        self.drafts = draft_store
        self.autosaver = Autosaver(self.session, draft_store, parent=self)
        self.undo = CaseUndo(self.session, self.binder.label_for, self)
        self._build_layout()
        self._build_menus()
        self._connect()
        self.session.replace_case(case_model.new_case(settings.default_locale),
                                  evaluate=not defer_start)
        if defer_start:
            self.panel.show_pending()
        self._update_title()
        crash_guard.add_listener(self.on_internal_error)

    # --- layout --------------------------------------------------------------------
    def _build_layout(self) -> None:
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.forms)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 0)
        column.setSpacing(4)
        column.addWidget(self.banner)
        self.fault_bar = NoticeBar()      # a fault that stays (data folder not writable)
        self.fault_bar.setObjectName("faultBar")
        self.notice_bar = NoticeBar()     # a change the user must know about
        column.addWidget(self.fault_bar)
        column.addWidget(self.notice_bar)
        column.addWidget(self.provenance)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.draft_status = QLabel()
        self.statusBar().addPermanentWidget(self.draft_status)
        self._show_clinician()

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New case", self.new_case, QKeySequence.New)
        self._action(file_menu, "&Open…", self.files.open_dialog, QKeySequence.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._action(file_menu, "&Save", self._committed(self.files.save), QKeySequence.Save)
        self._action(file_menu, "Save &as…", self._committed(self.files.save_as),
                     QKeySequence("Ctrl+Shift+S"))
        file_menu.addSeparator()
        self.export_action = self._action(file_menu, "&Export signed PDF…",
                                          self._committed(self.files.export_pdf),
                                          QKeySequence("Ctrl+E"))
        self.fhir_action = self._action(
            file_menu, "Export &FHIR…", self._committed(lambda: export_fhir(self.files)),
            tip="Write the case as a FHIR R4 bundle for the hospital record")
        self.print_action = self._action(file_menu, "&Print…",
                                         self._committed(self.files.print_summary),
                                         QKeySequence.Print)
        file_menu.addSeparator()
        self._action(file_menu, "Recover unsaved &drafts…", self.offer_recovery)
        self._action(file_menu, "Se&ttings…", self.edit_settings)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.Quit)
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action(edit_menu, "&Undo", self.undo_edit, QKeySequence.Undo)
        self.redo_action = self._action(edit_menu, "&Redo", self.redo_edit,
                                        QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack = self.undo.stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda t: self.undo_action.setText(f"&Undo {t}".strip()))
        stack.redoTextChanged.connect(lambda t: self.redo_action.setText(f"&Redo {t}".strip()))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        QApplication.instance().installEventFilter(self)
        edit_menu.addSeparator()
        self.copy_orders_action = self._action(edit_menu, "&Copy orders (plain text)",
                                               self.copy_orders, QKeySequence("Ctrl+Shift+C"))
        case_menu = bar.addMenu("&Case")
        self._action(case_menu, "Assessment time = &now", self.set_assessed_now,
                     QKeySequence("Ctrl+T"))
        self._action(case_menu, "Go to first &missing input", self.focus_first_missing,
                     QKeySequence("Ctrl+M"))
        case_menu.addSeparator()
        from desktop.ui.case_forms import TABS
        for index, (title, _forms) in enumerate(TABS):
            self._action(case_menu, f"Go to tab {title}",
                         lambda _c=False, i=index: self.forms.focus_tab(i),
                         QKeySequence(f"Alt+{index + 1}"))
        view_menu = bar.addMenu("&View")
        self.zoom_in_action = self._action(view_menu, "Zoom &in (larger text)",
                                           lambda: self.zoom(1), QKeySequence("Ctrl+="))
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action(view_menu, "Zoom &out (smaller text)",
                                            lambda: self.zoom(-1), QKeySequence("Ctrl+-"))
        self._action(view_menu, "&Normal text size", lambda: self.zoom(0), QKeySequence("Ctrl+0"))
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About MSCC Pathway, sources and keys", self.show_about,
                     QKeySequence.HelpContents)
        self._fill_recent()

    def _connect(self) -> None:
        s = self.session
        s.assessmentChanged.connect(self.panel.show_assessment)
        s.problemsChanged.connect(
            lambda problems: self.panel.on_problems(problems) if s.state == INVALID else None)
        s.failed.connect(self.panel.show_error)
        s.stateChanged.connect(self._on_state)
        s.dirtyChanged.connect(lambda _d: self._update_title())
        s.filePathChanged.connect(lambda _p: self._update_title())
        s.caseEdited.connect(self._on_edited)
        self.panel.focusRequested.connect(self.binder.focus)
        self.panel.doneRequested.connect(self.mark_action_done)
        self.panel.copyOrdersRequested.connect(self.copy_orders)
        self.files.recentChanged.connect(self._fill_recent)
        self.files.provenanceChanged.connect(self.provenance.show_warning)
        self.autosaver.saved.connect(
            lambda: self.draft_status.setText(f"Draft saved {datetime.now():%H:%M:%S}"))
        self.autosaver.failedToSave.connect(self._on_draft_failed)
        self._on_state(s.state)

    # --- reactions -----------------------------------------------------------------
    def _on_state(self, state: str) -> None:
        ready = state == OK
        why = ("Not available: an input is invalid (shown as missing); correct it first"
               if state == PARTIAL else "Not available: there is no valid recommendation")
        for action in (self.export_action, self.print_action):
            action.setEnabled(ready)
            action.setToolTip("" if ready else why)

    def _on_edited(self, path: str) -> None:
        if path.startswith("patient") or path == "assessed_at":
            self._update_title()

    def _on_draft_failed(self, message: str) -> None:
        self.draft_status.setText("DRAFT NOT SAVED")
        self.statusBar().showMessage(message, 10_000)

    def _update_title(self) -> None:
        name = self.session.value("patient.name") or "no name"
        hosp = self.session.value("patient.id") or "no hospital number"
        path = self.session.file_path
        file_part = Path(path).name if path else "not saved"
        self.setWindowTitle(f"{name} ({hosp}) — {file_part}{' *' if self.session.dirty else ''}"
                            " — MSCC Pathway")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.files.open_recent(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def _show_clinician(self) -> None:
        who = self.settings.clinician_name or "clinician not set (File › Settings)"
        self.statusBar().showMessage(f"Clinician: {who}")

    def on_internal_error(self, summary: str) -> None:
        """Called by the global exception hook: drop the recommendation, tell the user."""
        self.session.fail(summary)
        self.prompter.error(
            "Internal error",
            "MSCC Pathway hit an internal error, so no recommendation is shown. Your case "
            "is kept in the automatic draft. Manage the patient by your local MSCC pathway. "
            "The details were written to the log file.")

    def _committed(self, command):
        """Run `command` after the field being typed in has handed over its value
        (a shortcut does not move the focus, so the field would not commit by itself)."""
        def run(*_args):
            self.commit_focused_edit()
            return command()
        return run

    def commit_focused_edit(self) -> None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit):
            widget.editingFinished.emit()
        self.session.flush()

    # --- commands ------------------------------------------------------------------
    def new_case(self) -> None:
        self.files.new_case()
        if not self.session.dirty and self.session.value("assessed_at") is None:
            self.binder.focus("assessed_at")  # where a new assessment starts

    def open_path(self, path: str) -> bool:
        return self.files.open_path(path)

    def offer_recovery(self) -> bool:
        return offer_recovery(self.drafts, self.session, self.prompter, self.files)

    def set_assessed_now(self) -> None:
        """Ctrl+T. Moving an assessment time that was already set moves every deadline:
        that is said in words above the case, with how to put it back."""
        from desktop.time_text import clock_text, same_instant

        self.commit_focused_edit()
        before = self.session.value("assessed_at")
        self.forms.forms["Patient"].assessed_at.set_now()
        after = self.session.value("assessed_at")
        if before and after and not same_instant(before, after) and clock_text(before):
            self.notice_bar.show_notice(
                f"Assessment time moved from {clock_text(before)} to {clock_text(after)}: "
                f"every deadline now counts from {clock_text(after)}. If that was not meant, "
                "press Ctrl+Z to put it back.")
        elif not before and after:
            self.notice_bar.show_notice(
                f"Assessment time set to {clock_text(after)}: deadlines count from then.")

    def set_site_contacts(self, coordinator: str | None, oncall: str | None) -> None:
        """The numbers from site.toml, shown beside "Contact the MSCC coordinator"."""
        self.panel.actions.set_contacts(coordinator, oncall)

    def mark_action_done(self, code: str) -> None:
        """An action row's "Done…": ask when (the time starts empty), then record it in
        the case where engine.actions_done says, as one undoable edit."""
        from engine.report import labels
        from desktop.ui.action_done_dialog import ActionDoneDialog
        from engine import actions_done

        path = actions_done.done_path(code)
        if path is None:
            return
        self.commit_focused_edit()
        assessment = self.session.assessment or {}
        title = labels.word(labels.ACTIONS, code)
        note = ("Recorded as “MSCC coordinator contacted at” (Meds, history tab)."
                if code == "contact_mscc_coordinator" else
                "Recorded as “Radiotherapy started at”: the pathway moves to after treatment."
                if code == "radiotherapy" else "")
        dialog = ActionDoneDialog(
            title, assessment.get("assessed_at") or self.session.value("assessed_at"),
            self.session.value(path),
            lambda: self._now_fn().replace(second=0, microsecond=0).isoformat(), self, note)
        dialog.accepted.connect(lambda: self._record_done(path, dialog.result_value()))
        self.done_dialog = dialog
        dialog.open()

    def _record_done(self, path: str, value) -> None:
        from desktop.ui.action_done_dialog import NOT_DONE

        self.session.set_value(path, None if value is NOT_DONE else value, immediate=True)
        self.binder.reload_path(path)  # the same time in its form field, if it has one
        self.session.flush()

    def copy_orders(self) -> None:
        """The order set as plain text on the clipboard, for the record system; refused,
        like export, while the orders are not from a valid assessment."""
        from desktop.orders_text import orders_text
        from desktop.ui.orders_table import status_note

        self.commit_focused_edit()
        assessment = self.session.assessment
        if assessment is None or self.session.state != OK:
            why = ("an input is invalid (shown as missing): correct it first"
                   if self.session.state == PARTIAL else "there is no valid recommendation")
            self.statusBar().showMessage(f"Orders not copied: {why}.", 10_000)
            return
        notes = {str(o.get("code")): status_note(o, assessment)
                 for o in assessment.get("orders") or []}
        QApplication.clipboard().setText(orders_text(assessment, notes))
        count = len(assessment.get("orders") or [])
        self.statusBar().showMessage(
            f"{count} orders copied as plain text: paste them into the record system.", 10_000)

    def focus_first_missing(self) -> None:
        paths = self.panel.missing.paths()
        if paths:
            self.binder.focus(paths[0])

    def undo_edit(self) -> None:
        self.commit_focused_edit()  # a half-typed time becomes an edit first
        self.undo.undo()

    def redo_edit(self) -> None:
        self.commit_focused_edit()
        self.undo.redo()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # A text field would take Ctrl+Z for its own text-only undo; the case-wide undo
        # (every field, every kind of edit, one history) gets it instead.
        if event.type() == QEvent.ShortcutOverride and isinstance(watched, QLineEdit) \
                and watched.window() is self and (
                    event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo)
                    or event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0]
                    .toCombined()):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def zoom(self, direction: int) -> None:
        """direction 1 larger, -1 smaller, 0 normal; kept in the settings."""
        from desktop import zoom

        percent = zoom.DEFAULT if direction == 0 else zoom.step(self.settings.zoom_percent,
                                                                direction)
        self.settings.zoom_percent = percent
        zoom.apply(QApplication.instance(), percent)
        self.statusBar().showMessage(f"Text size {percent} %", 5000)
        try:
            self.settings_store.save(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(f"Text size {percent} % (not kept: settings cannot "
                                         f"be written: {exc.strerror})", 10_000)

    def show_about(self) -> None:
        AboutDialog(self, user_settings=self.settings).exec()

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            dialog.apply()
            try:
                self.settings_store.save(self.settings)
            except OSError as exc:
                self.prompter.error("Settings not saved", str(exc))
            self._show_clinician()

    # --- deferred start --------------------------------------------------------------
    def after_start(self, callback) -> None:
        """Run `callback` once the deferred start is over (at once if there is none)."""
        if self._after_start is None:
            callback()
        else:
            self._after_start.append(callback)

    def event(self, event) -> bool:  # noqa: D102
        if self._after_start is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._finish_start)  # after this frame is on screen
        return super().event(event)

    def _finish_start(self) -> None:
        if self._after_start is None:
            return
        callbacks, self._after_start = self._after_start, None
        try:
            self.forms.build_all()
            for callback in callbacks:
                callback()
        finally:
            self.session.flush()  # the empty case, unless a callback loaded another

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._after_start is not None:
            QTimer.singleShot(1000, self, self._finish_start)  # in case no frame is ever painted
        if not getattr(self, "_sized", False):
            # Fixed shares, so the panel does not jump when tabs of different widths show.
            self._sized = True
            total = self.splitter.width()
            self.splitter.setSizes([total * 51 // 100, total - total * 51 // 100])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.commit_focused_edit()
        if not self.files.maybe_discard():
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self)
        self.autosaver.shutdown(keep_draft=False)
        self.files.release_case_lock()
        crash_guard.remove_listener(self.on_internal_error)
        event.accept()
