"""Undo and redo of every edit to the case (Ctrl+Z, Ctrl+Shift+Z).

Each change the session reports (path, value before, value after) becomes one command
on a QUndoStack; successive keystrokes in the same field within a short pause merge
into one step, so Ctrl+Z takes back a typed word, not a letter. Undoing sets the old
value back through the session (so it is assessed, autosaved and marked dirty like any
edit) and asks the forms to show it. Loading another case empties the stack."""
from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

MERGE_SECONDS = 1.5
_EDIT_ID = 1515


class _Edit(QUndoCommand):
    def __init__(self, undo: "CaseUndo", path: str, before: Any, after: Any, label: str):
        super().__init__(f"edit {label}")
        self._undo, self.path, self.before, self.after = undo, path, before, after
        self.at = time.monotonic()
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, _Edit) or other.path != self.path \
                or other.at - self.at > MERGE_SECONDS:
            return False
        self.after, self.at = other.after, other.at
        return True

    def redo(self) -> None:
        if self._first:  # the edit itself was already made by the user
            self._first = False
            return
        self._undo.apply(self.path, self.after)

    def undo(self) -> None:
        self._undo.apply(self.path, self.before)


class CaseUndo(QObject):
    def __init__(self, session, label_for, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        self._label_for = label_for
        self._applying = False
        session.valueChanged.connect(self._record)
        session.caseReplaced.connect(self.stack.clear)

    def _record(self, path: str, before: Any, after: Any) -> None:
        if self._applying:
            return
        self.stack.push(_Edit(self, path, before, after, self._label_for(path)))

    def apply(self, path: str, value: Any) -> None:
        self._applying = True
        try:
            self.session.restore_value(path, value)
        finally:
            self._applying = False

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()
