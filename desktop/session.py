"""The one open case and its assessment.

`CaseSession` holds the case dict, asks the engine for an assessment a short moment
after the last edit (so typing stays smooth) and emits what came back. Panels only
render what it emits; nothing else calls the engine.

States: "ok" (an assessment is shown), "invalid" (the engine rejected the case: the
problems are shown at their fields and there is no recommendation), "error" (the
engine or the app failed: "No recommendation — internal error"). While an edit is
waiting to be evaluated, `pending` is true and `flush()` evaluates at once; anything
that uses the assessment (export, print) must flush first."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import case_model, crash_guard

log = logging.getLogger(__name__)

OK, INVALID, ERROR = "ok", "invalid", "error"


class CaseSession(QObject):
    caseReplaced = Signal()          # a different case was loaded: forms reload everything
    caseEdited = Signal(str)         # one path changed through set_value
    assessmentChanged = Signal(dict)
    problemsChanged = Signal(list)   # list of objects with .path and .message
    failed = Signal(str)
    stateChanged = Signal(str)
    dirtyChanged = Signal(bool)
    filePathChanged = Signal(str)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 150):
        super().__init__(parent)
        self._case: dict = case_model.new_case(None)
        self._assessment: dict | None = None
        self._problems: list = []
        self._state = INVALID
        self._dirty = False
        self._file_path: str | None = None
        self._stale = False  # replaced without evaluating (start-up): flush() evaluates
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._debounce_ms = debounce_ms
        self._timer.timeout.connect(self.evaluate)

    # --- reading -----------------------------------------------------------------
    def case(self) -> dict:
        return case_model.deep_copy(self._case)

    def value(self, path: str) -> Any:
        return case_model.deep_copy(case_model.get_path(self._case, path))

    @property
    def assessment(self) -> dict | None:
        """The assessment of the current case, or None (invalid, error, or not yet
        evaluated after the last edit)."""
        return None if self.pending else self._assessment

    @property
    def problems(self) -> list:
        return list(self._problems)

    @property
    def state(self) -> str:
        return self._state

    @property
    def debounce_ms(self) -> int:
        """How long typing must pause before the case is assessed."""
        return self._debounce_ms

    @property
    def pending(self) -> bool:
        return self._stale or self._timer.isActive()

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def file_path(self) -> str | None:
        return self._file_path

    # --- changing ----------------------------------------------------------------
    def set_value(self, path: str, value: Any, immediate: bool = False) -> None:
        """immediate: assess on the next turn of the event loop instead of after the
        typing pause (a click on a choice is one whole edit)."""
        old = case_model.get_path(self._case, path)
        if old == value and type(old) is type(value):
            return
        case_model.set_path(self._case, path, case_model.deep_copy(value))
        self._update_redaction()
        self._set_dirty(True)
        self.caseEdited.emit(path)
        self._timer.start(0 if immediate else self._debounce_ms)

    def replace_case(self, case: dict, file_path: str | None = None, dirty: bool = False,
                     evaluate: bool = True) -> None:
        """Load a whole case (New, Open, recovery). Nothing of the previous case is
        kept: the forms reload every field from this dict. With evaluate=False (the
        empty case at start-up, so the engine is not imported before the window is
        painted) the case stays `pending` until flush() or evaluate()."""
        self._case = case_model.deep_copy(case)
        self._file_path = file_path
        self._update_redaction()
        self._set_dirty(dirty)
        self.filePathChanged.emit(file_path or "")
        self.caseReplaced.emit()
        self._timer.stop()
        self._stale = not evaluate
        if evaluate:
            self.evaluate()

    def mark_saved(self, file_path: str) -> None:
        self._file_path = file_path
        self.filePathChanged.emit(file_path)
        self._set_dirty(False)

    def flush(self) -> None:
        if self.pending:
            self.evaluate()

    # --- evaluation --------------------------------------------------------------
    def evaluate(self) -> None:
        self._timer.stop()
        self._stale = False
        try:
            import engine

            try:
                result = engine.assess(case_model.deep_copy(self._case))
            except engine.CaseError as exc:
                self._assessment = None
                self._problems = list(exc.problems)
                self._set_state(INVALID)
                self.problemsChanged.emit(self.problems)
                return
            if not isinstance(result, dict):
                raise TypeError(f"engine returned {type(result).__name__}, not a dict")
        except Exception as exc:
            crash_guard.log.error("engine call failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.fail(f"{type(exc).__name__} in the decision engine")
            return
        self._assessment = result
        self._problems = []
        self._set_state(OK)
        self.problemsChanged.emit([])
        self.assessmentChanged.emit(result)

    def fail(self, summary: str) -> None:
        """Drop the assessment after an internal error: nothing stale stays on screen."""
        self._timer.stop()
        self._stale = False
        self._assessment = None
        self._problems = []
        self._set_state(ERROR)
        self.problemsChanged.emit([])
        self.failed.emit(summary)

    # --- helpers -----------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self._state = state
        self.stateChanged.emit(state)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _update_redaction(self) -> None:
        patient = self._case.get("patient")
        patient = patient if isinstance(patient, dict) else {}
        name = patient.get("name")
        parts = [p for p in name.split() if len(p) >= 3] if isinstance(name, str) else []
        crash_guard.redactor.set_secrets(
            [name, patient.get("id"), patient.get("date_of_birth"), *parts])
