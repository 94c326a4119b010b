"""The one open case and its assessment.

`CaseSession` holds the case dict, asks the engine for an assessment a short moment
after the last edit (so typing stays smooth) and emits what came back. Panels only
render what it emits; nothing else calls the engine.

States: "ok" (an assessment is shown), "partial" (an assessment of the valid part is
shown: each invalid or unfinished input is treated as missing and named, at its field
and above the assessment; export and print are refused until it is corrected),
"invalid" (nothing can be assessed: the assessment time, dose conventions or hospital
number is missing or invalid, or the assessment time is in the future; the problems
are shown at their fields), "error" (the engine or the app failed: "No
recommendation — internal error"). While an edit is
waiting to be evaluated, `pending` is true and `flush()` evaluates at once; anything
that uses the assessment (export, print) must flush first."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import case_model, crash_guard

log = logging.getLogger(__name__)

OK, PARTIAL, INVALID, ERROR = "ok", "partial", "invalid", "error"

# An assessment time later than the clock by more than this is refused: deadlines
# counted from the future would all look far away.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class InputProblem:
    """One problem shown at a field: an invalid input left out of the assessment, or a
    reason nothing can be assessed. `label` is the field's on-screen name."""
    path: str
    message: str
    label: str = ""
    value: Any = None


def _local_now() -> datetime:
    return datetime.now().astimezone()


class CaseSession(QObject):
    caseReplaced = Signal()          # a different case was loaded: forms reload everything
    caseEdited = Signal(str)         # one path changed through set_value
    valueChanged = Signal(str, object, object)  # path, before, after (an edit; for undo)
    valueRestored = Signal(str)      # undo/redo set this path: widgets show it again
    assessmentChanged = Signal(dict)
    problemsChanged = Signal(list)   # list of objects with .path and .message
    failed = Signal(str)
    stateChanged = Signal(str)
    dirtyChanged = Signal(bool)
    filePathChanged = Signal(str)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 150,
                 now_fn=_local_now):
        super().__init__(parent)
        self._now = now_fn
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
    def invalid_inputs(self) -> list:
        """The inputs left out of the shown (partial) assessment, as InputProblem."""
        return list(self._problems) if self._state == PARTIAL else []

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
        self.valueChanged.emit(path, case_model.deep_copy(old), case_model.deep_copy(value))
        self.caseEdited.emit(path)
        self._timer.start(0 if immediate else self._debounce_ms)

    def restore_value(self, path: str, value: Any) -> None:
        """Undo or redo: set the value, show it in the forms, assess at once."""
        self.set_value(path, value, immediate=True)
        self.valueRestored.emit(path)

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
            from engine import field_labels

            future = self._future_problem()
            try:
                if future is not None:
                    raise engine.CaseError([future])
                result = engine.assess_partial(case_model.deep_copy(self._case))
            except engine.CaseError as exc:
                self._assessment = None
                self._problems = [InputProblem(p.path, p.message, field_labels.label(p.path)
                                               if p.path else "") for p in exc.problems]
                self._set_state(INVALID)
                self.problemsChanged.emit(self.problems)
                return
            if not isinstance(result, dict):
                raise TypeError(f"engine returned {type(result).__name__}, not a dict")
            invalid = [InputProblem(i["path"], i["reason"], i["label"], i["value"])
                       for i in result.get("invalid_inputs") or []]
        except Exception as exc:
            crash_guard.log.error("engine call failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.fail(f"{type(exc).__name__} in the decision engine")
            return
        self._assessment = result
        self._problems = invalid
        self._set_state(PARTIAL if invalid else OK)
        self.problemsChanged.emit(self.problems)
        self.assessmentChanged.emit(result)

    def _future_problem(self):
        """The assessment time is when the patient is assessed: later than the clock (by
        more than a few minutes) is a typing slip, and every deadline would be wrong."""
        from engine.report import timefmt
        from engine.validation import Problem

        value = self._case.get("assessed_at")
        try:
            when = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None  # the engine names a malformed time
        if when is None or when.tzinfo is None:
            return None
        now = self._now()
        if when <= now + FUTURE_TOLERANCE:
            return None
        local = now.tzinfo
        return Problem("assessed_at", (
            f"{timefmt.clock(when, local, year=True)} is in the future (it is now "
            f"{timefmt.clock(now, local)}). The assessment time is when you assess the "
            "patient: press Now (Ctrl+T) or correct the date."))

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
